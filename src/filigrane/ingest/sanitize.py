"""What leaves the reader is safe to encode, print and analyse: no lone surrogates, no NUL garbage.

Lone surrogates reach us from JSON (`"\\ud800"`), from Python callers, and from file names that
are not valid UTF-8 (the OS hands them over as surrogate escapes). Every later step encodes text
as UTF-8, so they are repaired here, once, and the document says so. A text made mostly of
control characters (NULs from a mis-decoded binary) is rejected as `binary`.
"""

from __future__ import annotations

import re

from filigrane.document import Document
from filigrane.ingest.decode import BINARY_CONTROL_SHARE
from filigrane.steps import RejectDocument

_SURROGATE = re.compile("[\ud800-\udfff]")
#: C0 controls other than tab, newline, form feed and carriage return, plus DEL.
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")


def printable_name(name: str) -> str:
    """A source name that encodes as UTF-8: undecodable file-name bytes become `\\xNN` escapes."""
    return _SURROGATE.sub(_escape, name)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else f"\\u{code:04x}"


def sanitise(doc: Document) -> Document:
    """Repair lone surrogates in what the user gave (saying so), reject NUL-ridden garbage."""
    doc.source = printable_name(doc.source)
    if doc.rejection is not None:
        doc.rejection.source = printable_name(doc.rejection.source)
        doc.rejection.detail = printable_name(doc.rejection.detail)
        return doc
    repaired: list[str] = []
    doc.raw_text = _repair(doc.raw_text, "text", repaired)
    if doc.raw_html is not None:
        doc.raw_html = _repair(doc.raw_html, "html", repaired)
    doc.id = _repair(doc.id, "id", repaired)
    for field in ("title", "url", "date"):
        value = getattr(doc, field)
        if value is not None:
            setattr(doc, field, _repair(value, field, repaired))
    if repaired:
        doc.metadata["repaired"] = "lone surrogates replaced by U+FFFD in " + ", ".join(repaired)
    try:
        _refuse_garbage(doc.raw_html if doc.raw_html is not None else doc.raw_text)
    except RejectDocument as rejection:
        doc.reject(rejection.reason, rejection.detail)
    return doc


def _repair(value: str, field: str, repaired: list[str]) -> str:
    fixed, count = _SURROGATE.subn("\ufffd", value)
    if count:
        repaired.append(f"{field} ({count})")
    return fixed


def _refuse_garbage(text: str) -> None:
    sample = text[:65536]
    if not sample:
        return
    controls = len(_CONTROL.findall(sample))
    if controls / len(sample) > BINARY_CONTROL_SHARE:
        raise RejectDocument("binary", f"{controls} control characters in the first {len(sample)} (NUL garbage)")
