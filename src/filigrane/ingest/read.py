"""The head of the pipeline: sources in, raw documents out (one file may hold many articles)."""

from __future__ import annotations

import sys
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from filigrane.document import Document
from filigrane.engine.steps import RejectDocument, StepStats
from filigrane.ingest.decode import decode_bytes
from filigrane.ingest.sources import Source

#: Largest single article accepted (bytes); containers (JSONL, WARC) apply it per record.
DEFAULT_MAX_BYTES = 20 * 1024 * 1024

_HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
_JSONL_SUFFIXES = (".jsonl", ".ndjson")
_WARC_SUFFIXES = (".warc",)


@dataclass
class ReadOptions:
    max_bytes: int = DEFAULT_MAX_BYTES
    allow_private: bool = False
    timeout: float = 20.0


class Reader:
    """Turns each source into documents; a source that cannot be read becomes a rejected document."""

    name = "read"

    def __init__(self, options: ReadOptions | None = None) -> None:
        self.options = options or ReadOptions()
        self.stats = StepStats(self.name)

    def __call__(self, sources: Iterable[Source]) -> Iterator[Document]:
        for source in sources:
            self.stats.documents_in += 1  # sources in, documents out (a container holds many)
            for doc in self._read_safely(source):
                self.stats.documents_out += 1
                if doc.rejected and doc.rejection is not None:
                    self.stats.rejected[doc.rejection.reason] += 1
                yield doc

    def _read_safely(self, source: Source) -> Iterator[Document]:
        try:
            yield from self.read(source)
        except RejectDocument as rejection:
            yield rejected_document(source.name, rejection.reason, rejection.detail)
        except Exception as error:  # noqa: BLE001 - a reader bug rejects the source, never the batch
            yield rejected_document(source.name, "internal-error:read", f"{type(error).__name__}: {error}")

    def read(self, source: Source) -> Iterator[Document]:
        if source.kind == "missing":
            raise RejectDocument("not-found", "no such file or folder")
        if source.kind == "text":
            yield text_document(source.name, source.text or "", format_="text")
            return
        if source.kind == "url":
            from filigrane.ingest.fetch import fetch_url

            yield from fetch_url(source.name, self.options)
            return
        data = self._load_bytes(source)
        yield from self.documents_from_bytes(source.name, data)

    def documents_from_bytes(self, name: str, data: bytes, url: str | None = None) -> Iterator[Document]:
        """Sniff the format of `data` (named `name`) and yield its documents."""
        lowered = name.lower()
        if lowered.endswith(".gz") or data[:2] == b"\x1f\x8b":
            data = _gunzip(data, self.options.max_bytes)
            lowered = lowered.removesuffix(".gz")
        if lowered.endswith(_WARC_SUFFIXES) or data[:8].startswith(b"WARC/"):
            from filigrane.ingest.warc import read_warc

            yield from read_warc(name, data, self.options)
            return
        if lowered.endswith(_JSONL_SUFFIXES):
            from filigrane.ingest.jsonl import read_jsonl

            yield from read_jsonl(name, data, self.options)
            return
        if len(data) > self.options.max_bytes:
            raise RejectDocument("too-large", f"{len(data)} bytes, the limit is {self.options.max_bytes}")
        text = decode_bytes(data)
        if lowered.endswith(_HTML_SUFFIXES) or looks_like_html(text):
            yield html_document(name, text, url=url)
        else:
            yield text_document(name, text, url=url)

    def _load_bytes(self, source: Source) -> bytes:
        if source.kind == "stdin":
            return sys.stdin.buffer.read(self.options.max_bytes * 4 + 1)
        path = source.path
        try:
            size = path.stat().st_size
            is_compressed = path.name.lower().endswith(".gz")
            is_container = path.name.lower().removesuffix(".gz").endswith(_WARC_SUFFIXES + _JSONL_SUFFIXES)
            if size > self.options.max_bytes and not (is_compressed or is_container):
                raise RejectDocument("too-large", f"{size} bytes, the limit is {self.options.max_bytes}")
            if size > self.options.max_bytes * 50:  # the cap _gunzip applies after decompression
                raise RejectDocument("too-large", f"{size} bytes, the limit is {self.options.max_bytes * 50}")
            return path.read_bytes()
        except PermissionError as error:
            raise RejectDocument("unreadable", f"permission denied ({error.strerror})") from error
        except IsADirectoryError as error:
            raise RejectDocument("unreadable", "is a directory") from error
        except OSError as error:
            raise RejectDocument("unreadable", error.strerror or str(error)) from error


def looks_like_html(text: str) -> bool:
    head = text[:2048].lstrip().lower()
    return head.startswith(("<!doctype html", "<html", "<?xml")) or ("<body" in head and "</" in head)


def text_document(name: str, text: str, *, format_: str = "text", url: str | None = None, **fields: str) -> Document:
    if not text.strip():
        return rejected_document(name, "empty", "the input holds no text")
    return Document(source=name, format=format_, raw_text=text, url=url, **fields)  # type: ignore[arg-type]


def html_document(name: str, html: str, *, url: str | None = None) -> Document:
    if not html.strip():
        return rejected_document(name, "empty", "the input holds no text")
    return Document(source=name, format="html", raw_html=html, url=url)


def rejected_document(name: str, reason: str, detail: str = "") -> Document:
    doc = Document(source=name, format="unknown")
    doc.reject(reason, detail)
    return doc


def _gunzip(data: bytes, max_bytes: int) -> bytes:
    """Decompress with a size cap (a gzip bomb is rejected, not expanded).

    Every member of a multi-member stream is read: `.warc.gz` files compress each record as its
    own member, and `cat a.gz b.gz` is a valid gzip file.
    """
    limit = max_bytes * 50
    parts: list[bytes] = []
    total = 0
    rest = data
    while True:
        if total >= limit:
            raise RejectDocument("too-large", f"decompresses past {limit} bytes")
        decompressor = zlib.decompressobj(16 + zlib.MAX_WBITS)
        try:
            out = decompressor.decompress(rest, limit - total)
            if decompressor.unconsumed_tail:
                raise RejectDocument("too-large", f"decompresses past {limit} bytes")
            out += decompressor.flush()
        except zlib.error as error:
            raise RejectDocument("corrupt-gzip", f"not a valid gzip stream ({error})") from error
        if not decompressor.eof:
            raise RejectDocument("corrupt-gzip", "truncated gzip stream (unexpected end of data)")
        parts.append(out)
        total += len(out)
        rest = decompressor.unused_data
        if not rest.startswith(b"\x1f\x8b"):
            return b"".join(parts)  # end of data (or trailing padding, which gzip tools ignore too)
