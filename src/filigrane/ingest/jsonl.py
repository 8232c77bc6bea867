"""JSON Lines input: one article per line, so one bad line never costs the rest of the file."""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterable, Iterator
from typing import Any

from filigrane.document import Document
from filigrane.ingest.decode import normalise_newlines
from filigrane.ingest.documents import ReadOptions, rejected_document
from filigrane.steps import RejectDocument

#: Optional string fields copied onto the document as they are.
_STRING_FIELDS = ("url", "title", "date")
#: Longest integer `int()` converts (Python's default `sys.get_int_max_str_digits()`, with margin).
_MAX_INT_DIGITS = 4000


def read_jsonl(
    name: str, chunks: Iterable[bytes], options: ReadOptions, first_line: int | None = None
) -> Iterator[Document]:
    """Yield one document per non-blank line; a bad line becomes a rejected document named `name:line`.

    `chunks` is the file's bytes, whole or as a stream (a `.jsonl.gz` decompressing): lines are
    split, decoded and parsed one at a time (memory: one line, capped at `max_bytes`). Blank lines
    are separators, not articles. A stream that fails part-way (a cut `.gz`) keeps every record
    before the failure, then rejects the file with the stream's reason. A file with no record at
    all is rejected once as "empty" so that it does not vanish from the report. `first_line`: the
    number of the first line, when `chunks` are a range of a file cut in several (`ingest/split.py`);
    a range without a record gives nothing.
    """
    seen_any = first_line is not None
    number = (first_line or 1) - 1
    try:
        for number, line, size in _lines(chunks, options.max_bytes, (first_line or 1) - 1):
            if number == 1 and line.startswith(codecs.BOM_UTF8):
                line = line[len(codecs.BOM_UTF8) :]
            if size <= options.max_bytes and not line.strip():
                continue
            seen_any = True
            source = f"{name}:{number}"
            try:
                if size > options.max_bytes:
                    raise RejectDocument("too-large", f"{size} bytes, the limit is {options.max_bytes}")
                yield _parse_line(source, line)
            except RejectDocument as rejection:
                yield rejected_document(source, rejection.reason, rejection.detail)
    except RejectDocument as failure:
        yield rejected_document(name, failure.reason, f"after line {number}: {failure.detail}")
        return
    if not seen_any:
        yield rejected_document(name, "empty", "the JSON Lines file holds no record")


def _lines(chunks: Iterable[bytes], max_bytes: int, before: int = 0) -> Iterator[tuple[int, bytes, int]]:
    """(number, line, size) for each line after the first `before`; a line over `max_bytes` is counted,
    not kept (b"")."""
    buffer = bytearray()
    size = 0
    number = before
    for chunk in chunks:
        start = 0
        while (end := chunk.find(b"\n", start)) >= 0:
            size += end + 1 - start
            if size <= max_bytes:
                buffer += chunk[start : end + 1]
            number += 1
            yield number, bytes(buffer) if size <= max_bytes else b"", size
            buffer.clear()
            size = 0
            start = end + 1
        size += len(chunk) - start
        if size <= max_bytes:
            buffer += chunk[start:]
        else:
            buffer.clear()
    if size:
        yield number + 1, bytes(buffer) if size <= max_bytes else b"", size


def _parse_line(source: str, line: bytes) -> Document:
    try:
        text_line = line.decode("utf-8")
    except UnicodeDecodeError as error:
        raise RejectDocument("invalid-utf8", f"invalid UTF-8 byte sequence at byte {error.start}") from error
    try:
        record: Any = json.loads(text_line, parse_int=_parse_int)
    except json.JSONDecodeError as error:
        raise RejectDocument("invalid-json", f"{error.msg} (column {error.colno})") from error
    except (ValueError, RecursionError) as error:
        raise RejectDocument("invalid-json", _one_line(error)) from error
    if not isinstance(record, dict):
        raise RejectDocument("invalid-json", f"expected a JSON object, got {type(record).__name__}")
    return _document_from_record(source, record)


class HugeNumber(str):
    """A JSON integer too long for `int()` (over 4,300 digits), kept as its digits.

    Python refuses to convert such integers (a denial-of-service guard); a record carrying one
    in a field nobody reads is still a good record.
    """

    __slots__ = ()


def _parse_int(digits: str) -> int | HugeNumber:
    return HugeNumber(digits) if len(digits) > _MAX_INT_DIGITS else int(digits)


def _one_line(error: BaseException) -> str:
    return " ".join(str(error).split())[:300] or type(error).__name__


def _document_from_record(source: str, record: dict[str, Any]) -> Document:
    """Build the document; `html` wins over `text` when a record carries both (it holds more)."""
    fields = {key: _optional_string(record, key) for key in (*_STRING_FIELDS, "text", "html")}
    given_id = record.get("id")
    if given_id is None:
        doc_id = ""
    elif isinstance(given_id, HugeNumber):
        raise RejectDocument("bad-field", f"'id' is a number of {len(given_id)} digits")
    elif isinstance(given_id, str | int) and not isinstance(given_id, bool):
        doc_id = str(given_id)
    else:
        raise RejectDocument("bad-field", f"'id' must be a string or an integer, got {type(given_id).__name__}")
    html, text = fields["html"], fields["text"]
    if html is None and text is None:
        raise RejectDocument("missing-text", "the record has neither a 'text' nor an 'html' field")
    body = html if html is not None else text
    if body is None or not body.strip():
        raise RejectDocument("empty", "the record's text is empty")
    if html is not None:
        doc = Document(source=source, format="html", raw_html=html, id=doc_id)
    else:
        doc = Document(source=source, format="text", raw_text=normalise_newlines(body), id=doc_id)
    doc.url, doc.title, doc.date = fields["url"], fields["title"], fields["date"]
    return doc


def _optional_string(record: dict[str, Any], key: str) -> str | None:
    """A missing or null field is absent; any other non-string value is a bad record."""
    value = record.get(key)
    if value is None or (isinstance(value, str) and not isinstance(value, HugeNumber)):
        return value
    raise RejectDocument("bad-field", f"'{key}' must be a string, got {type(value).__name__}")
