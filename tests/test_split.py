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


def _warc(path: Path, pages: int, *, gzip_records: bool) -> None:
    """A request, then pages (every third a resource without a URI: named by its offset), an image every fifth."""
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as file:
        writer = WARCWriter(file, gzip=gzip_records)
        request = StatusAndHeaders("GET / HTTP/1.1", [("Host", "example.org")], is_http_request=True)
        writer.write_record(writer.create_warc_record("https://example.org/", "request", http_headers=request))
        for number in range(pages):
            words = " ".join(f"mot{number * 7 + k}" for k in range(number % 9 * 40))
            body = f"<html><head><title>Page {number}</title></head><body><p>Le maire a dit {number}.</p>"
            payload = f"{body}<p>{words}</p></body></html>".encode()
            if number % 3 == 2:  # written by hand: warcio writes no record without a target URI
                head = f"WARC/1.0\r\nWARC-Type: resource\r\nWARC-Record-ID: <urn:uuid:{number:032x}>\r\n"
                head += f"Content-Type: text/html\r\nContent-Length: {len(payload)}\r\n\r\n"
                record = head.encode() + payload + b"\r\n\r\n"
                file.write(gzip.compress(record) if gzip_records else record)
                continue
            content_type = "image/png" if number % 5 == 4 else "text/html"
            headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
            uri = f"https://example.org/{number}"
            writer.write_record(
                writer.create_warc_record(uri, "response", payload=io.BytesIO(payload), http_headers=headers)
            )


@pytest.mark.parametrize("name", ["big.warc", "big.warc.gz"])
@pytest.mark.parametrize("parts", [2, 3, 7, 50])
def test_a_warc_cut_on_record_starts_gives_every_record_once_as_the_whole_file_does(
    tmp_path: Path, name: str, parts: int
) -> None:
    """Plain, and gzip with one member per record (as warcio and crawlers write them)."""
    from filigrane.ingest.split import record_ranges

    path = tmp_path / name
    _warc(path, 40, gzip_records=name.endswith(".gz"))
    ranges = record_ranges(path, parts)
    assert 2 <= len(ranges) <= parts and (ranges[0].start, ranges[-1].end) == (0, path.stat().st_size)
    for before, after in itertools.pairwise(ranges):
        assert before.end == after.start and before.offset < after.offset
    whole = _read([Source("path", str(path))])
    cut = _read(split_large([Source("path", str(path))], parts))
    assert cut == whole
    assert any(source.startswith(f"{path}@") for _, source, _ in whole)  # named by their offset in the archive
    assert {reason for _, _, reason in whole} == {None, "not-html"} and len(whole) == 40


def test_a_warc_compressed_as_one_stream_or_without_pages_stays_whole(tmp_path: Path) -> None:
    """A gzip stream cannot be entered in the middle; an archive without pages is rejected once, whole."""
    from filigrane.ingest.split import record_ranges

    plain = tmp_path / "plain.warc"
    _warc(plain, 30, gzip_records=False)
    one_stream = tmp_path / "one.warc.gz"
    one_stream.write_bytes(gzip.compress(plain.read_bytes()))
    assert len(record_ranges(one_stream, 4)) == 1
    requests = tmp_path / "requests.warc"
    _warc(requests, 0, gzip_records=False)
    requests.write_bytes(requests.read_bytes() * 50)
    assert len(record_ranges(requests, 4)) == 1
    sources = [Source("path", str(path)) for path in (one_stream, requests)]
    assert split_large(sources, 8) == sources
    assert [reason for _, _, reason in _read(sources[1:])] == ["no-pages"]
