"""WARC input: web archives hold many pages, plus images, requests and metadata we must not analyse."""

from __future__ import annotations

import codecs
import io
import zlib
from collections import Counter
from collections.abc import Iterator
from typing import IO, Any

from warcio.archiveiterator import ArchiveIterator
from warcio.limitreader import LimitReader

from filigrane.document import Document
from filigrane.ingest.decode import decode_bytes, normalise_newlines
from filigrane.ingest.documents import ReadOptions, html_document, looks_like_html, rejected_document
from filigrane.steps import RejectDocument

#: Content types that are HTML without looking at the payload.
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
#: Content types too vague to decide on: the payload is sniffed.
VAGUE_TYPES = frozenset({"", "text/plain", "application/octet-stream", "unk", "unknown/unknown"})
#: Records that can hold a page; the others (request, metadata, warcinfo, revisit...) are bookkeeping.
PAGE_TYPES = frozenset({"response", "resource"})
_CHUNK = 65536


class _CorruptWarc(Exception):
    """The archive cannot be read past this point."""


def read_warc(name: str, stream: IO[bytes], options: ReadOptions, offset: int | None = None) -> Iterator[Document]:
    """Yield one HTML document per HTML response; every other response is rejected with a reason.

    Request, metadata and warcinfo records are skipped silently; a record without a WARC-Type
    is rejected (`corrupt-record`). Non-HTML responses (images, PDFs, JSON...) become "not-html"
    rejections so the report counts what the archive held. A truncated or malformed archive
    yields what was read, then one "corrupt-warc" rejection. An archive that gives nothing at
    all (0 bytes, requests only) is rejected as a whole (`empty`, `no-pages`).

    `offset`: `stream` is a range of the archive (`ingest/split.py`) whose first record starts
    there: records are named by their offset in the whole archive, and the whole-archive checks
    (`empty`, `no-pages`) are left to the split, which cuts only an archive that holds a page.
    """
    whole = offset is None
    if whole and _blank_from(stream, 0):
        yield rejected_document(name, "empty", "the WARC file holds no record")
        return
    stream.seek(0)
    iterator = ArchiveIterator(stream)
    iterator.INC_RECORD = ""  # warcio prints this warning to stderr; the rejection below says it instead
    kinds: Counter[str] = Counter()
    end = 0
    try:
        while True:
            record = _next_record(iterator)
            if record is None:
                break
            doc, end = _record_document(name, record, iterator, options, offset or 0)
            kinds[str(record.rec_type or "untyped")] += 1
            if doc is not None:
                yield doc
        if not _blank_from(stream, end):  # warcio stops silently on a record cut inside its headers
            raise _CorruptWarc(f"truncated or unreadable record at offset {end} of {stream.seek(0, io.SEEK_END)}")
    except _CorruptWarc as error:
        count = kinds.total()
        where = f"after {count} record{'s' if count != 1 else ''}"
        yield rejected_document(name, "corrupt-warc", f"{where}: {_one_line(error)}")
        return
    if whole and not kinds.keys() & (PAGE_TYPES | {"untyped"}):
        held = ", ".join(f"{count} {kind}" for kind, count in sorted(kinds.items())) or "no record"
        yield rejected_document(name, "no-pages", f"no response or resource record ({held})")


def _blank_from(stream: IO[bytes], offset: int) -> bool:
    """Whether nothing but whitespace follows `offset` (read a chunk at a time)."""
    stream.seek(offset)
    while chunk := stream.read(_CHUNK):
        if chunk.strip():
            return False
    return True


def _next_record(iterator: Any) -> Any:
    """The next record, or None at the end; any parser failure means the archive is corrupt."""
    try:
        return next(iterator)
    except StopIteration:
        return None
    except Exception as error:  # warcio fails in many ways (even AttributeError) on bad input
        raise _CorruptWarc(f"{type(error).__name__}: {error}") from error


def _record_document(
    name: str, record: Any, iterator: Any, options: ReadOptions, base: int
) -> tuple[Document | None, int]:
    """Read one record whole (so truncation is noticed): its document (or None) and where it ends
    in the stream; `base` is where the stream starts in the archive (named records keep their offset)."""
    rec_type = str(record.rec_type or "")
    declared = str(record.rec_headers.get_header("Content-Length") or "").strip()
    if record.format == "warc" and not declared.isdigit():
        raise _CorruptWarc(f"{rec_type or 'record'} record without a valid Content-Length")
    uri = record.rec_headers.get_header("WARC-Target-URI") or None
    payload: bytes | None = None
    problem: RejectDocument | None = None
    if rec_type in PAGE_TYPES:
        try:
            payload = _read_capped(record.content_stream(), options.max_bytes)
        except RejectDocument as rejection:
            problem = rejection
    try:
        _drain(record)
        offset, length = int(iterator.get_record_offset()), int(iterator.get_record_length())
    except _CorruptWarc:
        raise
    except Exception as error:  # warcio again: any failure here means the bytes are not a WARC
        raise _CorruptWarc(f"{type(error).__name__}: {error}") from error
    end = offset + length
    source = f"{name}#{uri}" if uri else f"{name}@{base + offset}"
    if not rec_type:
        return rejected_document(source, "corrupt-record", "record without a WARC-Type"), end
    if rec_type not in PAGE_TYPES:
        return None, end
    if problem is not None:
        return rejected_document(source, problem.reason, problem.detail), end
    try:
        return _page(source, uri, record, payload or b""), end
    except RejectDocument as rejection:
        return rejected_document(source, rejection.reason, rejection.detail), end


def _page(source: str, uri: str | None, record: Any, payload: bytes) -> Document:
    http = record.http_headers
    if http is not None:
        status = _status(http.get_statuscode())
        if status >= 400:
            raise RejectDocument("http-error", f"HTTP {status}")
        if 300 <= status < 400:
            raise RejectDocument("http-redirect", f"HTTP {status} to {http.get_header('Location') or '?'}")
        content_type = http.get_header("Content-Type") or ""
    else:
        content_type = record.rec_headers.get_header("Content-Type") or ""
    mime, charset = parse_content_type(content_type)
    if mime not in HTML_TYPES and mime not in VAGUE_TYPES:
        raise RejectDocument("not-html", content_type)
    text = decode_payload(payload, charset)
    if mime not in HTML_TYPES and not looks_like_html(text):
        raise RejectDocument("not-html", f"{content_type or 'no content type'} (the payload is not HTML)")
    return html_document(source, text, url=uri)


def parse_content_type(value: str) -> tuple[str, str | None]:
    """Split `text/html; charset=UTF-8` into ("text/html", "utf-8")."""
    mime, _, params = value.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, param_value = param.partition("=")
        if key.strip().lower() == "charset":
            charset = param_value.strip().strip("\"'").lower() or None
    return mime.strip().lower(), charset


def decode_payload(payload: bytes, charset: str | None) -> str:
    """Trust the declared charset when the bytes agree with it; otherwise let decode_bytes guess."""
    if charset and payload.strip() and not payload.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            codec = codecs.lookup(charset).name
            if codec == "utf-8":
                codec = "utf-8-sig"
            return normalise_newlines(payload.decode(codec))
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_bytes(payload)


def _read_capped(stream: Any, max_bytes: int) -> bytes:
    """Read at most `max_bytes`; a longer payload is rejected rather than held in memory."""
    try:
        payload: bytes = stream.read(max_bytes + 1)
    except (ValueError, OSError, EOFError, zlib.error) as error:
        raise RejectDocument("corrupt-record", _one_line(error)) from error
    if len(payload) > max_bytes:
        raise RejectDocument("too-large", f"payload over {max_bytes} bytes")
    return payload


def _drain(record: Any) -> None:
    """Consume the rest of the record; a record cut short means the archive is truncated."""
    raw = record.raw_stream
    while raw.read(_CHUNK):
        pass
    if isinstance(raw, LimitReader) and raw.limit > 0:
        raise _CorruptWarc(f"truncated {record.rec_type} record ({raw.limit} bytes missing)")


def _status(code: Any) -> int:
    try:
        return int(code)
    except (TypeError, ValueError):
        return 0


def _one_line(error: BaseException) -> str:
    text = " ".join(str(error).split())
    return text[:300] or type(error).__name__
