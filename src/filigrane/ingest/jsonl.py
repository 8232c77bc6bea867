"""JSON Lines input: one article per line, so one bad line never costs the rest of the file."""

from __future__ import annotations

import codecs
import io
import json
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from filigrane.document import Document
from filigrane.engine.steps import RejectDocument
from filigrane.ingest.decode import normalise_newlines
from filigrane.ingest.read import rejected_document

if TYPE_CHECKING:
    from filigrane.ingest.read import ReadOptions

#: Optional string fields copied onto the document as they are.
_STRING_FIELDS = ("url", "title", "date")


def read_jsonl(name: str, data: bytes, options: ReadOptions) -> Iterator[Document]:
    """Yield one document per non-blank line; a bad line becomes a rejected document named `name:line`.

    Lines are decoded and parsed one at a time (the parsed records are never held together), and
    blank lines are skipped because they are separators, not articles. A file with no article at
    all is rejected once as "empty" so that it does not vanish from the report.
    """
    seen_any = False
    stream = io.BytesIO(data)
    for number, line in enumerate(stream, start=1):
        if number == 1 and line.startswith(codecs.BOM_UTF8):
            line = line[len(codecs.BOM_UTF8) :]
        if not line.strip():
            continue
        seen_any = True
        source = f"{name}:{number}"
        try:
            yield _parse_line(source, line, options)
        except RejectDocument as rejection:
            yield rejected_document(source, rejection.reason, rejection.detail)
    if not seen_any:
        yield rejected_document(name, "empty", "the JSON Lines file holds no record")


def _parse_line(source: str, line: bytes, options: ReadOptions) -> Document:
    if len(line) > options.max_bytes:
        raise RejectDocument("too-large", f"{len(line)} bytes, the limit is {options.max_bytes}")
    try:
        text_line = line.decode("utf-8")
    except UnicodeDecodeError as error:
        raise RejectDocument("invalid-utf8", f"invalid UTF-8 byte sequence at byte {error.start}") from error
    try:
        record: Any = json.loads(text_line)
    except json.JSONDecodeError as error:
        raise RejectDocument("invalid-json", f"{error.msg} (column {error.colno})") from error
    except RecursionError as error:
        raise RejectDocument("invalid-json", "nested too deeply") from error
    if not isinstance(record, dict):
        raise RejectDocument("invalid-json", f"expected a JSON object, got {type(record).__name__}")
    return _document_from_record(source, record)


def _document_from_record(source: str, record: dict[str, Any]) -> Document:
    """Build the document; `html` wins over `text` when a record carries both (it holds more)."""
    fields = {key: _optional_string(record, key) for key in (*_STRING_FIELDS, "text", "html")}
    given_id = record.get("id")
    if given_id is None:
        doc_id = ""
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
    if value is None or isinstance(value, str):
        return value
    raise RejectDocument("bad-field", f"'{key}' must be a string, got {type(value).__name__}")
