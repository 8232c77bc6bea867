"""Bytes to text: BOMs, UTF-8, legacy Windows/Latin-1 encodings, line endings, binary refusal."""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from filigrane.steps import RejectDocument

#: Share of control characters above which bytes are taken for a binary file, not text.
BINARY_CONTROL_SHARE = 0.05
_ALLOWED_CONTROLS = {9, 10, 12, 13}
#: A well-formed UTF-8 multi-byte sequence: its presence means the file was meant as UTF-8.
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def decode_bytes(data: bytes) -> str:
    """Decode article bytes; raise `RejectDocument` for empty or binary input."""
    if not data.strip():
        raise RejectDocument("empty", "the input holds no text")
    if data.startswith(codecs.BOM_UTF8):
        text = data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace")
    elif data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):  # before UTF-16: FF FE 00 00 starts both
        text = data.decode("utf-32", errors="replace")
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = data.decode("utf-16", errors="replace")
    else:
        if _looks_binary(data):
            raise RejectDocument("binary", "the input looks like a binary file, not text")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            if _mostly_utf8(data):
                raise RejectDocument(
                    "invalid-utf8", f"UTF-8 text with an invalid byte sequence at byte {error.start}"
                ) from error
            text = _decode_legacy(data)
    return normalise_newlines(text)


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _mostly_utf8(data: bytes) -> bool:
    """UTF-8 with a few broken bytes, rather than a legacy encoding that UTF-8 cannot read at all."""
    valid = len(_UTF8_MULTIBYTE.findall(data))
    broken = data.decode("utf-8", errors="replace").count("\ufffd")
    return valid > broken


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\0" in sample:
        return True
    controls = sum(1 for byte in sample if byte < 32 and byte not in _ALLOWED_CONTROLS)
    return controls / len(sample) > BINARY_CONTROL_SHARE


def _decode_legacy(data: bytes) -> str:
    """Not UTF-8: ask charset-normalizer, prefer CP1252 (a superset of Latin-1 in practice).

    CP1252 wins whenever charset-normalizer finds it plausible at all: on French text its best
    guess is often CP1250, whose bytes for û, à and è are ű, ŕ and č.
    """
    matches = from_bytes(data[:65536])
    best = matches.best()
    encoding = best.encoding if best is not None else "cp1252"
    plausible = {match.encoding for match in matches}
    if encoding in {"latin_1", "iso8859_1", "iso8859_15", "ascii"} or "cp1252" in plausible:
        encoding = "cp1252"
    for candidate in (encoding, "cp1252"):
        try:
            return data.decode(candidate)
        except (UnicodeDecodeError, LookupError):
            continue
    return data.decode("latin-1")
