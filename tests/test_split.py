"""A large JSON Lines file cut in byte ranges: every record read once, under its whole-file number."""

from __future__ import annotations

import gzip
import itertools
import json
import random
from pathlib import Path

import pytest

from filigrane.ingest import split
from filigrane.ingest.read import Reader
from filigrane.ingest.sources import Source
from filigrane.ingest.split import line_ranges, split_large


def _write_records(path: Path, count: int, seed: int = 7) -> bytes:
    """Records of very uneven lengths, blank lines, a bad line and no newline at the end."""
    rng = random.Random(seed)
    lines = []
    for number in range(count):
        if number % 11 == 5:
            lines.append("")
        elif number % 17 == 3:
            lines.append("{not json")
        else:
            text = " ".join(f"mot{rng.randrange(1000)}" for _ in range(rng.choice([1, 3, 40, 400])))
            lines.append(json.dumps({"title": f"Article {number}", "text": f"Le maire a dit. {text}"}))
    data = "\n".join(lines).encode()
    path.write_bytes(data)
    return data


def _read(sources: list[Source]) -> list[tuple[str, str, str | None]]:
    return [(doc.id, doc.source, doc.rejection.reason if doc.rejection else None) for doc in Reader()(iter(sources))]


@pytest.mark.parametrize("block", [7, 64, split.BLOCK])
@pytest.mark.parametrize("parts", [1, 2, 3, 5, 8, 13, 40, 500])
def test_ranges_cut_on_line_starts_and_cover_the_file(
    tmp_path: Path, parts: int, block: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Also when the file is read in blocks shorter than its lines (lines cross the blocks)."""
    monkeypatch.setattr(split, "BLOCK", block)
    path = tmp_path / "big.jsonl"
    data = _write_records(path, 120)
    ranges = line_ranges(path, parts)
    assert 1 <= len(ranges) <= parts and (ranges[0].start, ranges[-1].end) == (0, len(data))
    for before, after in itertools.pairwise(ranges):
        assert before.end == after.start and data[after.start - 1 : after.start] == b"\n"
    for part in ranges:
        assert part.start < part.end
        assert part.first_line == data.count(b"\n", 0, part.start) + 1


@pytest.mark.parametrize("parts", [2, 3, 7, 29])
def test_ranges_give_every_record_once_as_the_whole_file_does(tmp_path: Path, parts: int) -> None:
    path = tmp_path / "big.jsonl"
    _write_records(path, 90)
    whole = _read([Source("path", str(path))])
    cut = _read([Source("path", str(path), part=part) for part in line_ranges(path, parts)])
    assert cut == whole
    assert any(reason == "invalid-json" for _, _, reason in whole) and len({doc_id for doc_id, _, _ in whole}) > 70


def test_a_range_of_blank_lines_gives_nothing(tmp_path: Path) -> None:
    path = tmp_path / "blank.jsonl"
    path.write_bytes(b'{"text": "Le maire a dit."}\n' + b"\n" * 200 + '{"text": "Le préfet a dit."}\n'.encode())
    ranges = line_ranges(path, 4)
    assert len(ranges) >= 3
    assert [source for _, source, _ in _read([Source("path", str(path), part=part) for part in ranges])] == [
        f"{path}:1",
        f"{path}:202",
    ]


def test_only_large_plain_jsonl_files_are_cut(tmp_path: Path) -> None:
    big = tmp_path / "b-big.jsonl"
    _write_records(big, 200)
    packed = tmp_path / "c-packed.jsonl.gz"
    packed.write_bytes(gzip.compress(big.read_bytes()))
    small = tmp_path / "a-small.jsonl"
    small.write_text('{"text": "Le maire a dit."}\n', encoding="utf-8")
    sources = [Source("path", str(path)) for path in (small, big, packed)] + [Source("missing", "x")]
    out = split_large(sources, 4)
    assert out[0] == sources[0] and out[-2:] == sources[-2:]  # order kept, the gz file whole
    cut = out[1:-2]
    assert len(cut) >= 2 and {source.name for source in cut} == {str(big)}
    starts = [source.part.start for source in cut if source.part is not None]
    assert len(starts) == len(cut) and starts == sorted(starts)
    assert split_large(sources, 1) == sources  # one shard: nothing to cut
