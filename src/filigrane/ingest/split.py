"""Large JSON Lines and WARC files in byte ranges, so a single big input uses every worker of a cluster.

JSON Lines ranges are cut on line starts, found in one pass over the file that also counts the
lines before each cut: a record is read by exactly one range, under the number it has in the whole
file (its source `file.jsonl:N`, hence its id, are those of a whole-file read). WARC ranges are cut
on record starts, found by walking the records' headers (`.warc`: a seek past each record's
Content-Length) or the gzip members (`.warc.gz`: a member that starts a record is a cut; an archive
compressed as one stream has none and stays whole); each range knows where its first record
starts in the archive, so a record is named as in a whole-file read. A WARC that holds no page
record stays whole (so it is still rejected once, `no-pages`). Other compressed files stay whole
(a gzip stream cannot be entered in the middle), as do single articles.
"""

from __future__ import annotations

import bisect
import math
import os
import re
import zlib
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

from filigrane.ingest.gunzip import GZIP_MAGIC
from filigrane.ingest.sources import LineRange, RecordRange, Source

#: Plain JSON Lines files, cut on line starts.
SPLIT_SUFFIXES = (".jsonl", ".ndjson")
#: WARC files, cut on record starts.
WARC_SUFFIXES = (".warc", ".warc.gz")
#: Record types that may hold a page (`ingest/warc.py`); an untyped record is read as one too.
PAGE_TYPE = re.compile(rb"^WARC-Type:[ \t]*(response|resource)[ \t]*\r?$", re.IGNORECASE | re.MULTILINE)
TYPED = re.compile(rb"^WARC-Type:", re.IGNORECASE | re.MULTILINE)
CONTENT_LENGTH = re.compile(rb"^Content-Length:[ \t]*(\d+)[ \t]*\r?$", re.IGNORECASE | re.MULTILINE)
#: A record's header block is read up to this many bytes (longer: the walk stops, the rest stays whole).
HEADERS_MAX = 1 << 16
#: Read in blocks of this many bytes while looking for the cuts.
BLOCK = 1 << 20


def line_ranges(path: Path, parts: int) -> list[LineRange]:
    """At most `parts` ranges of about equal size covering the file, each starting on a line start."""
    size = path.stat().st_size
    cuts = [LineRange(0, size, 1)]
    targets = [size * k // parts for k in range(1, max(1, parts))]
    with path.open("rb") as file:
        for start, first_line in _line_starts(file.read, targets):
            if cuts[-1].start < start < size:
                cuts[-1] = LineRange(cuts[-1].start, start, cuts[-1].first_line)
                cuts.append(LineRange(start, size, first_line))
    return cuts


def _line_starts(read: Callable[[int], bytes], targets: list[int]) -> Iterator[tuple[int, int]]:
    """For each target offset, the first line start at or after it, with that line's number."""
    offset = 0  # of the block in the file
    lines = 0  # newlines before the block
    pending = iter(targets)
    target = next(pending, None)
    while target is not None and (block := read(BLOCK)):
        position = 0
        while target is not None:
            # a line starts at `target` when the byte before it is a newline
            newline = block.find(b"\n", max(target - 1 - offset, position))
            if newline < 0:
                break
            yield offset + newline + 1, lines + block.count(b"\n", 0, newline + 1) + 1
            position = newline + 1
            target = next(pending, None)
            while target is not None and target <= offset + position:
                target = next(pending, None)
        lines += block.count(b"\n")
        offset += len(block)


#: A record start: where it is in the file, where it is in the archive as decompressed, whether it
#: may hold a page.
_Start = tuple[int, int, bool]


def record_ranges(path: Path, parts: int) -> list[RecordRange]:
    """At most `parts` ranges of about equal size covering a WARC file, each starting on a record."""
    size = path.stat().st_size
    with path.open("rb") as file:
        starts = list(_members(file) if path.name.lower().endswith(".gz") else _records(file, size))
    if not any(page for _, _, page in starts):
        return [RecordRange(0, size, 0)]
    at = [start for start, _, _ in starts]
    cuts = [RecordRange(0, size, 0)]
    for target in (size * k // parts for k in range(1, max(1, parts))):
        index = bisect.bisect_left(at, target)
        if index < len(starts) and cuts[-1].start < at[index]:
            start, offset, _ = starts[index]
            cuts[-1] = RecordRange(cuts[-1].start, start, cuts[-1].offset)
            cuts.append(RecordRange(start, size, offset))
    return cuts


def _records(file: BinaryIO, size: int) -> Iterator[_Start]:
    """The record starts of a plain WARC file, header to header; stops where a header is not one."""
    offset = 0
    while offset < size:
        file.seek(offset)
        head = file.read(HEADERS_MAX)
        if not head.startswith(b"WARC/") or (end := head.find(b"\r\n\r\n")) < 0:
            return
        length = CONTENT_LENGTH.search(head, 0, end)
        if length is None:
            return
        yield offset, offset, _holds_page(head[:end])
        offset += end + 4 + int(length.group(1)) + 4  # headers, blank line, block, two CRLF
        file.seek(offset)
        while (byte := file.read(1)) in (b"\r", b"\n"):  # tolerate extra blank lines between records
            offset += 1
        if not byte:
            return


def _members(file: BinaryIO) -> Iterator[_Start]:
    """The gzip members of a `.warc.gz` that start a record; stops at a corrupt or cut member."""
    start = plain = 0  # the member's offset in the file, and in the decompressed archive
    pending = file.read(BLOCK)
    while pending.startswith(GZIP_MAGIC):
        decompressor = zlib.decompressobj(16 + zlib.MAX_WBITS)
        head, size, read = b"", 0, 0
        while not decompressor.eof:
            if not pending and not (pending := file.read(BLOCK)):
                return
            try:
                out = decompressor.decompress(pending, BLOCK)
            except zlib.error:
                return
            read += len(pending) - len(decompressor.unconsumed_tail)
            pending = decompressor.unconsumed_tail
            head += out[: HEADERS_MAX - len(head)]
            size += len(out)
        rest = decompressor.unused_data
        if head.startswith(b"WARC/"):
            yield start, plain, _holds_page(head[: max(0, head.find(b"\r\n\r\n"))] or head)
        start += read - len(rest)
        plain += size
        pending = rest + pending if len(rest) >= len(GZIP_MAGIC) else rest + pending + file.read(BLOCK)


def _holds_page(headers: bytes) -> bool:
    return PAGE_TYPE.search(headers) is not None or TYPED.search(headers) is None


def split_large(sources: Sequence[Source], shards: int) -> list[Source]:
    """`sources` with each plain JSONL or WARC file bigger than a shard's share of all the bytes cut
    in ranges (as many as the shares it holds); order is kept, so the ranges of a file stay together."""
    sizes = [_size(source) for source in sources]
    share = sum(sizes) / max(1, shards)
    out: list[Source] = []
    for source, size in zip(sources, sizes, strict=True):
        parts = math.ceil(size / share) if size > share else 1
        lowered = source.name.lower()
        ranges: Sequence[LineRange | RecordRange] = ()
        if parts > 1 and lowered.endswith(SPLIT_SUFFIXES):
            ranges = line_ranges(source.path, parts)
        elif parts > 1 and lowered.endswith(WARC_SUFFIXES):
            ranges = record_ranges(source.path, parts)
        if len(ranges) > 1:
            out.extend(Source("path", source.name, part=part) for part in ranges)
        else:
            out.append(source)
    return out


def _size(source: Source) -> int:
    if source.kind != "path" or source.part is not None:
        return 0
    try:
        return os.stat(source.name).st_size
    except OSError:
        return 0  # read (and rejected) by the worker, with its reason
