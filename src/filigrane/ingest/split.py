"""A large JSON Lines file in byte ranges, so a single big input uses every worker of a cluster.

Ranges are cut on line starts, found in one pass over the file that also counts the lines before
each cut: a record is read by exactly one range, under the number it has in the whole file (its
source `file.jsonl:N`, hence its id, are those of a whole-file read). Compressed files stay whole
(a gzip stream cannot be entered in the middle), as do WARC files and single articles.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from filigrane.ingest.sources import LineRange, Source

#: Plain JSON Lines files, the only ones cut.
SPLIT_SUFFIXES = (".jsonl", ".ndjson")
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


def split_large(sources: Sequence[Source], shards: int) -> list[Source]:
    """`sources` with each plain JSONL file bigger than a shard's share of all the bytes cut in ranges
    (as many as the shares it holds); order is kept, so the ranges of a file stay together."""
    sizes = [_size(source) for source in sources]
    share = sum(sizes) / max(1, shards)
    out: list[Source] = []
    for source, size in zip(sources, sizes, strict=True):
        parts = math.ceil(size / share) if size > share and source.name.lower().endswith(SPLIT_SUFFIXES) else 1
        if parts > 1:
            out.extend(Source("path", source.name, part=part) for part in line_ranges(source.path, parts))
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
