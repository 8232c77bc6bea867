"""How many documents an input will give, counted before a run so that progress bars can show the
share done and the time left (the CLI's and the app's background jobs).

A JSONL file gives one document per line, a WARC one per `response` or `resource` record, any
other input one. Gzip is decompressed as a stream, and counting stops after `MAX_SCANNED`
bytes (the count then is a floor, and the bar grows as documents keep coming). The count is an
estimate for display only: the reader decides what each input really gives.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Iterator
from itertools import chain
from pathlib import Path
from typing import BinaryIO

from filigrane.ingest.sources import Source

#: Bytes read (after decompression) per input to count its records; beyond it the count is a floor.
MAX_SCANNED = 2 * 1024**3
_CHUNK = 1 << 20
_JSONL = (".jsonl", ".ndjson")
_WARC = (".warc",)
_WARC_RECORDS = (b"WARC-Type: response", b"WARC-Type: resource")


def expected_documents(name: str, chunks: Iterable[bytes]) -> int:
    """Documents a file named `name` with content `chunks` should give (at least 1; 0 for an empty JSONL)."""
    lowered = name.lower().removesuffix(".gz")
    stream = _gunzipped(chunks)
    first = next(stream, b"")
    if lowered.endswith(_WARC) or first.startswith(b"WARC/"):
        return max(1, _count(first, stream, _WARC_RECORDS))
    if lowered.endswith(_JSONL):
        return _count_lines(first, stream)
    return 1


def expected_from_source(source: Source) -> int | None:
    """Documents a source should give; None when it cannot be known before reading (stdin)."""
    if source.kind == "stdin":
        return None
    lowered = source.name.lower()
    if source.kind != "path" or not lowered.endswith((".gz", *_JSONL, *_WARC)):
        return 1  # one article (only compressed files are sniffed for WARC content)
    try:
        with Path(source.name).open("rb") as handle:
            return expected_documents(source.name, _chunks(handle))
    except OSError:
        return 1  # the reader rejects it with its reason


def _chunks(handle: BinaryIO) -> Iterator[bytes]:
    while chunk := handle.read(_CHUNK):
        yield chunk


def _gunzipped(chunks: Iterable[bytes]) -> Iterator[bytes]:
    """The content, decompressed when it starts as gzip, up to MAX_SCANNED bytes; a corrupt part ends it."""
    source = iter(chunks)
    head = next(source, b"")
    content: Iterator[bytes] = chain((head,), source)
    if head[:2] == b"\x1f\x8b":
        content = _inflated(content)
    scanned = 0
    try:
        for piece in content:
            yield piece
            scanned += len(piece)
            if scanned >= MAX_SCANNED:
                return
    except zlib.error:
        return


def _inflated(chunks: Iterable[bytes]) -> Iterator[bytes]:
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    for chunk in chunks:
        data = chunk
        while data:
            yield inflater.decompress(data, _CHUNK)
            data = inflater.unconsumed_tail


def _count_lines(first: bytes, rest: Iterator[bytes]) -> int:
    """Lines (a JSONL record each; the reader names blank or broken ones)."""
    count, last = 0, b""
    for chunk in chain((first,), rest):
        count += chunk.count(b"\n")
        last = chunk[-1:] or last
    return count + (1 if last not in (b"\n", b"") else 0)


def _count(first: bytes, rest: Iterator[bytes], patterns: tuple[bytes, ...]) -> int:
    """Occurrences of `patterns` (all of one length), also across chunk boundaries."""
    keep = len(patterns[0]) - 1
    count, tail = 0, b""
    for chunk in chain((first,), rest):
        window = tail + chunk
        count += sum(window.count(pattern) for pattern in patterns)
        tail = window[-keep:]  # shorter than a pattern: never counted twice
    return count
