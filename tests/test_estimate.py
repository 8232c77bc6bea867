"""Counting what inputs will give before a run, for progress bars with the time left (CLI and app jobs)."""

from __future__ import annotations

import gzip
import time
from pathlib import Path

from filigrane.ingest.estimate import expected_documents, expected_from_source
from filigrane.ingest.sources import Source
from filigrane.web.i18n import time_left
from filigrane.web.jobs import Job

LINES = b"".join(b'{"text": "Article %d."}\n' % n for n in range(300))
WARC = b"WARC/1.0\r\nWARC-Type: response\r\n\r\npage\r\n\r\n" * 7 + b"WARC/1.0\r\nWARC-Type: request\r\n\r\n"


def pieces(data: bytes, size: int) -> list[bytes]:
    return [data[start : start + size] for start in range(0, len(data), size)]


def test_jsonl_and_warc_records_are_counted_in_any_chunking_and_through_gzip() -> None:
    assert expected_documents("a.jsonl", [LINES]) == 300
    assert expected_documents("a.jsonl", pieces(LINES, 7)) == 300
    assert expected_documents("a.ndjson", [LINES.rstrip(b"\n")]) == 300  # no final newline
    assert expected_documents("a.jsonl.gz", pieces(gzip.compress(LINES), 64)) == 300
    assert expected_documents("crawl.warc", pieces(WARC, 5)) == 7  # a record type split across chunks
    assert expected_documents("crawl.gz", [gzip.compress(WARC)]) == 7  # WARC by its content
    assert expected_documents("page.html", [b"<html>"]) == 1
    assert expected_documents("empty.jsonl", []) == 0


def test_a_truncated_gzip_gives_a_floor_never_an_error() -> None:
    cut = gzip.compress(LINES)[:200]
    assert 0 < expected_documents("a.jsonl.gz", [cut]) < 300
    assert expected_documents("a.jsonl.gz", [b"\x1f\x8bnot gzip at all"]) == 0


def test_sources_count_without_reading_plain_articles(tmp_path: Path) -> None:
    (tmp_path / "batch.jsonl.gz").write_bytes(gzip.compress(LINES))
    assert expected_from_source(Source("path", str(tmp_path / "batch.jsonl.gz"))) == 300
    assert expected_from_source(Source("path", str(tmp_path / "missing.txt"))) == 1  # rejected by the reader
    assert expected_from_source(Source("url", "https://example.org/a")) == 1
    assert expected_from_source(Source("stdin", "<stdin>")) is None


def test_a_job_estimates_the_time_left_from_its_pace() -> None:
    job = Job("j", ["batch.jsonl"], state="running", total=100)
    job.analysed, job.rejected = 20, 5
    job.advance(time.monotonic() - 10.0)  # 25 documents in 10 s: 75 more take about 30 s
    assert job.eta_seconds is not None and 29 <= job.eta_seconds <= 31
    assert time_left(job.eta_seconds) in {"about 30 s left", "about 31 s left", "about 29 s left"}
    assert time_left(135) == "about 2 min 15 s left" and time_left(None) == ""
    job.analysed = 120  # more than estimated: the bar stays full, the corpus steps are named
    job.advance(time.monotonic() - 10.0)
    assert job.total == 125 and job.eta_seconds is None and job.stage.startswith("finishing")
