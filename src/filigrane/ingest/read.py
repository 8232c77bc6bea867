"""The head of the pipeline: sources in, raw documents out (one file may hold many articles)."""

from __future__ import annotations

import io
import sys
import tempfile
from collections.abc import Iterable, Iterator
from typing import IO

from filigrane.document import Document, distinct_id, make_id
from filigrane.ingest.decode import decode_bytes
from filigrane.ingest.documents import ReadOptions, html_document, looks_like_html, rejected_document, text_document
from filigrane.ingest.gunzip import GZIP_MAGIC, gunzip_chunks
from filigrane.ingest.sanitize import sanitise
from filigrane.ingest.sources import LineRange, RecordRange, Source
from filigrane.stats import StepStats
from filigrane.steps import RejectDocument

#: A container (JSONL, WARC), compressed or not, may hold this many times `max_bytes`.
CONTAINER_FACTOR = 50

_HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
_JSONL_SUFFIXES = (".jsonl", ".ndjson")
_WARC_SUFFIXES = (".warc",)


class Reader:
    """Turns each source into documents; a source that cannot be read becomes a rejected document."""

    name = "read"

    def __init__(self, options: ReadOptions | None = None) -> None:
        self.options = options or ReadOptions()
        self.stats = StepStats(self.name)
        #: Ids given out in this run, with a short hash of the input that holds each.
        self._ids: dict[str, str] = {}

    def __call__(self, sources: Iterable[Source]) -> Iterator[Document]:
        for source in sources:
            self.stats.documents_in += 1  # sources in, documents out (a container holds many)
            for doc in self._read_safely(source):
                doc = sanitise(doc)
                if not doc.rejected:
                    self._give_distinct_id(doc)
                self.stats.documents_out += 1
                if doc.rejected and doc.rejection is not None:
                    self.stats.rejected[doc.rejection.reason] += 1
                yield doc

    def _give_distinct_id(self, doc: Document) -> None:
        """Two inputs with one id (two JSONL records saying `"id": "g"`) stay two documents.

        Only ids given by the input are kept track of: an id made from the source and content
        is the input's own (and the run's memory stays flat on large corpora).
        """
        if doc.id == make_id(doc.source, doc.raw_html if doc.raw_html is not None else doc.raw_text):
            return
        digest = doc.raw_hash[:16]
        doc.id = distinct_id(doc.id, digest, lambda candidate: self._ids.get(candidate, digest) != digest)
        self._ids[doc.id] = digest

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
        if source.kind == "unreadable":
            raise RejectDocument("unreadable", source.text or "cannot be listed")
        if source.kind == "empty":
            raise RejectDocument("empty", source.text or "nothing to read")
        if source.kind == "text":
            yield text_document(source.name, source.text or "", format_="text")
            return
        if source.kind == "url":
            from filigrane.ingest.fetch import fetch_url

            yield from fetch_url(source.name, self.options)
            return
        if isinstance(source.part, LineRange):
            from filigrane.ingest.jsonl import read_jsonl

            yield from read_jsonl(source.name, [self._load_range(source)], self.options, source.part.first_line)
            return
        if isinstance(source.part, RecordRange):
            yield from self._warc_range(source.name, self._load_range(source), source.part.offset)
            return
        data = self._load_bytes(source)
        yield from self.documents_from_bytes(source.name, data)

    def documents_from_bytes(self, name: str, data: bytes, url: str | None = None) -> Iterator[Document]:
        """Sniff the format of `data` (named `name`) and yield its documents."""
        if not data:
            raise RejectDocument("empty", "the input holds no byte")
        lowered = name.lower()
        if lowered.endswith(".gz") or data[:2] == GZIP_MAGIC:
            yield from self._documents_from_gzip(name, lowered.removesuffix(".gz"), data, url)
        elif lowered.endswith(_JSONL_SUFFIXES):  # the name wins over the content (a record may start "WARC/")
            from filigrane.ingest.jsonl import read_jsonl

            yield from read_jsonl(name, [data], self.options)
        elif lowered.endswith(_WARC_SUFFIXES) or data[:8].startswith(b"WARC/"):
            from filigrane.ingest.warc import read_warc

            yield from read_warc(name, io.BytesIO(data), self.options)
        else:
            yield self._article(name, lowered, data, url)

    @property
    def _container_cap(self) -> int:
        """What a compressed JSONL or WARC file may decompress to in all."""
        return self.options.max_bytes * CONTAINER_FACTOR

    def _warc_range(self, name: str, data: bytes, offset: int) -> Iterator[Document]:
        """The records of a WARC file's range (`ingest/split.py`), starting at `offset` in the archive."""
        if name.lower().endswith(".gz"):
            yield from self._documents_from_gzip(name, name.lower().removesuffix(".gz"), data, None, offset)
        else:
            from filigrane.ingest.warc import read_warc

            yield from read_warc(name, io.BytesIO(data), self.options, offset)

    def _documents_from_gzip(
        self, name: str, lowered: str, data: bytes, url: str | None, offset: int | None = None
    ) -> Iterator[Document]:
        """Decompress as a stream against the caps; a cut keeps every record read before it.

        JSON Lines are split while decompressing (memory: one line); a WARC goes to a temporary
        file past `max_bytes` (memory: one record); one article stops at `max_bytes`. `offset`:
        `data` is the range of a WARC file whose first record starts there in the archive.
        """
        if lowered.endswith(_JSONL_SUFFIXES):
            from filigrane.ingest.jsonl import read_jsonl

            yield from read_jsonl(name, gunzip_chunks(data, self._container_cap), self.options)
            return
        with tempfile.SpooledTemporaryFile(max_size=self.options.max_bytes) as spool:
            is_warc, cut = self._gunzip_into(spool, data, is_warc=lowered.endswith(_WARC_SUFFIXES))
            spool.seek(0)
            if is_warc:
                from filigrane.ingest.warc import read_warc

                yield from read_warc(name, spool, self.options, offset)
            elif cut is not None:
                raise cut  # one article cut short is not the article
            else:
                yield self._article(name, lowered, spool.read(), url)
        if cut is not None:  # a WARC cut short: its records before the cut are kept above
            yield rejected_document(name, cut.reason, cut.detail)

    def _gunzip_into(self, spool: IO[bytes], data: bytes, *, is_warc: bool) -> tuple[bool, RejectDocument | None]:
        """Decompress into `spool`: an article stops at `max_bytes`, a WARC at the container cap.

        Returns whether it is a WARC (by name or by its first bytes) and, for a stream cut short,
        the `truncated-gzip` rejection (the bytes before the cut are kept).
        """
        total = 0
        try:
            for chunk in gunzip_chunks(data, self._container_cap):
                is_warc = is_warc or (total == 0 and chunk[:8].startswith(b"WARC/"))
                spool.write(chunk)
                total += len(chunk)
                if total > self.options.max_bytes and not is_warc:
                    raise RejectDocument("too-large", f"decompresses past {self.options.max_bytes} bytes")
        except RejectDocument as rejection:
            if rejection.reason != "truncated-gzip":
                raise
            return is_warc, rejection
        return is_warc, None

    def _article(self, name: str, lowered: str, data: bytes, url: str | None) -> Document:
        """One text or HTML article."""
        if len(data) > self.options.max_bytes:
            raise RejectDocument("too-large", f"{len(data)} bytes, the limit is {self.options.max_bytes}")
        text = decode_bytes(data)
        if lowered.endswith(_HTML_SUFFIXES) or looks_like_html(text):
            return html_document(name, text, url=url)
        return text_document(name, text, url=url)

    def _load_range(self, source: Source) -> bytes:
        """The bytes of a range of a JSON Lines or WARC file (it may hold as much as a whole container)."""
        assert source.part is not None
        size = source.part.end - source.part.start
        if size > self._container_cap:
            raise RejectDocument("too-large", f"{size} bytes, the limit is {self._container_cap}")
        try:
            with source.path.open("rb") as file:
                file.seek(source.part.start)
                return file.read(size)
        except OSError as error:
            raise RejectDocument("unreadable", error.strerror or str(error)) from error

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
            if size > self._container_cap:  # no container may decompress past it either
                raise RejectDocument("too-large", f"{size} bytes, the limit is {self._container_cap}")
            return path.read_bytes()
        except PermissionError as error:
            raise RejectDocument("unreadable", f"permission denied ({error.strerror})") from error
        except IsADirectoryError as error:
            raise RejectDocument("unreadable", "is a directory") from error
        except OSError as error:
            raise RejectDocument("unreadable", error.strerror or str(error)) from error
