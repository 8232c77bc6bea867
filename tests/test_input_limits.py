"""Inputs at the edge of what one article can be: cost grows linearly, nothing crashes the batch.

Regressions of issue 15: one long paragraph (item 5), many paragraphs (item 6), an English
paragraph over spaCy's max_length (item 11), breaking out of a stream with spaCy workers (item 7)
and another writer holding the store's lock (item 12).
"""

from __future__ import annotations

import json
import os
import resource
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

import filigrane
from filigrane.claims import COMPONENTS
from filigrane.clean.blocks import split_blocks
from filigrane.clean.classify import classify
from filigrane.engine.pipeline import PipelineOptions
from filigrane.narratives.encoder import MAX_ENCODED_CHARS, bounded
from filigrane.nlp.parse import (
    BATCH_WEIGHT_CHARS,
    FRENCH_MODEL,
    MAX_CHUNK_CHARS,
    _weighted,
    load_french,
    load_reduced_english,
)
from tests.conftest import DEMO_CORPUS

REPO = Path(__file__).resolve().parents[1]
SENTENCE = "Le maire de Valmont a affirmé mardi que l'usine chimique serait fermée avant la fin du mois. "
ENGLISH = "The minister said that the bridge would be closed next week, according to officials. "
#: Peak RSS (KiB) of a child run and its exit code, printed by a fresh parent that runs it alone.
PEAK_WRAPPER = (
    "import resource, subprocess, sys; code = subprocess.run(sys.argv[1:], capture_output=True).returncode; "
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, code)"
)


def capped(gigabytes: float) -> None:
    cap = int(gigabytes * 1024**3)
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))


def test_the_encoder_reads_a_bounded_text() -> None:
    long_text = "mot " * 100_000
    cut = bounded(long_text)
    assert len(cut) <= MAX_ENCODED_CHARS and long_text.startswith(cut) and not cut.endswith("mo")
    assert bounded("court") == "court"
    assert len(bounded("x" * 50_000)) == MAX_ENCODED_CHARS  # no space: a hard cut


def test_one_long_paragraph_costs_memory_linear_in_its_size(tmp_path: Path) -> None:
    """A 2 MB one-line article (read whole as its title) once needed about 10 GB; now a few hundred MB."""
    path = tmp_path / "one-line.txt"
    path.write_text(SENTENCE * (2 * 1024 * 1024 // len(SENTENCE)), encoding="utf-8")
    out = tmp_path / "out.json"
    command = [sys.executable, "-m", "filigrane.cli", "analyze", str(path), "--no-nlp", "--no-db", "-q", "-o", str(out)]
    done = subprocess.run(
        [sys.executable, "-c", PEAK_WRAPPER, *command],
        preexec_fn=lambda: capped(4),
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    peak_kib, code = (int(value) for value in done.stdout.split())
    assert code == 0, done.stderr
    assert peak_kib < 1200 * 1024, f"peak {peak_kib // 1024} MB for a 2 MB paragraph"
    (doc,) = json.loads(out.read_text(encoding="utf-8"))["documents"]
    assert len(doc["text"]) > 2_000_000


def test_long_pieces_weigh_more_in_a_spacy_batch() -> None:
    """spaCy batches 64 texts whatever their length: 64 pieces of one long line once took 3 GB."""
    long_piece, short_piece = "a" * (2 * BATCH_WEIGHT_CHARS + 5), "b" * 10
    items = list(_weighted([(0, long_piece), (len(long_piece), short_piece)]))
    assert [text for _, text in items] == [long_piece, "", "", short_piece]
    assert items[0][0] == 0 and items[-1][0] == len(long_piece)


def test_cleaning_is_linear_in_the_number_of_paragraphs() -> None:
    """100,000 one-line paragraphs once ran past 200 s (a neighbour search per short block)."""
    raw = "\n".join(f"ligne {number}" for number in range(100_000))
    started = time.perf_counter()
    blocks = split_blocks(raw)
    classify(blocks)
    assert time.perf_counter() - started < 60  # about 4 s on an idle 2-core machine
    assert len(blocks) == 100_000 and all(block.label in ("keep", "title", "drop") for block in blocks)


def test_hard_wrapped_lines_join_in_linear_time() -> None:
    line = "et le conseil municipal a voté le budget de la commune pour les écoles"
    started = time.perf_counter()
    (block,) = split_blocks("\n".join([line] * 50_000))
    assert time.perf_counter() - started < 10
    assert block.text == " ".join([line] * 50_000)


def test_an_english_paragraph_over_spacy_max_length_is_analysed_and_the_batch_survives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Once `[E088] Text of length 1050000 exceeds maximum` took the whole batch down. spaCy's
    limit is lowered here so that the test runs a 120,000-character paragraph, not a megabyte."""
    assert MAX_CHUNK_CHARS < 1_000_000  # spaCy's default max_length
    limit = 3 * MAX_CHUNK_CHARS
    monkeypatch.setattr(load_reduced_english(COMPONENTS), "max_length", limit)
    monkeypatch.setattr(load_french(FRENCH_MODEL, COMPONENTS), "max_length", limit)
    long_english = tmp_path / "long-en.txt"
    long_english.write_text(ENGLISH * (2 * limit // len(ENGLISH)), encoding="utf-8")
    good = DEMO_CORPUS / "01_valmont-fuite-chimique.txt"
    result = filigrane.analyze([str(long_english), str(good)], PipelineOptions(corpus=False))
    assert not result.rejected, result.rejected
    by_source = {Path(doc.source).name: doc for doc in result.documents}
    english, french = by_source["long-en.txt"], by_source[good.name]
    assert english.language == "en" and len(english.text) > limit
    assert len(english.sentences) > 1_000 and len(english.claims) > 1_000
    assert english.sentences[-1].end <= len(english.text)
    assert french.language == "fr" and french.claims


BREAK_OUT = """
import multiprocessing, pathlib, sys, time
import filigrane
from filigrane.engine.pipeline import PipelineOptions
texts = [f"Article {n}. " + "\\n\\n".join([sys.argv[1]] * 6) for n in range(300)]
started = time.perf_counter()
for doc in filigrane.stream(texts, PipelineOptions(n_process=2, corpus=False)):
    break
seconds = time.perf_counter() - started
tasks = pathlib.Path("/proc/self/task").iterdir()
children = [pid for task in tasks for pid in (task / "children").read_text().split()]
print(round(seconds, 1), len(multiprocessing.active_children()), len(children), flush=True)
"""


def test_breaking_out_of_a_stream_with_spacy_workers_stops_them() -> None:
    """Once hung for ever in spaCy's join, then left two orphaned workers when killed."""
    process = subprocess.Popen(
        [sys.executable, "-c", BREAK_OUT, SENTENCE * 4],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        out, err = process.communicate(timeout=240)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        raise AssertionError("breaking out of filigrane.stream with 2 spaCy workers hung") from None
    assert process.returncode == 0, err
    seconds, workers, children = out.split()
    assert (workers, children) == ("0", "0")  # no worker left, alive or zombie
    assert float(seconds) < 180


def test_a_store_locked_past_the_wait_is_a_clear_error_with_exit_code_3(tmp_path: Path) -> None:
    db = tmp_path / "busy.db"
    article = str(DEMO_CORPUS / "01_valmont-fuite-chimique.txt")
    cli = [sys.executable, "-m", "filigrane.cli", "analyze", article, "--no-nlp", "--db", str(db), "-q"]
    assert subprocess.run([*cli, "-o", str(tmp_path / "a.json")], timeout=300, check=False).returncode == 0
    writer = sqlite3.connect(db)
    writer.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    try:
        started = time.perf_counter()
        done = subprocess.run(
            [*cli, str(DEMO_CORPUS / "06_montcerf-legionellose.txt"), "-o", str(tmp_path / "b.json")],
            capture_output=True,
            text=True,
            timeout=300,
            env={**os.environ, "FILIGRANE_DB_TIMEOUT": "1"},
            check=False,
        )
        waited = time.perf_counter() - started
    finally:
        writer.rollback()
        writer.close()
    assert done.returncode == 3, done.stderr
    assert "locked by another writer" in done.stderr and "waiting 1 s" in done.stderr
    assert "Traceback" not in done.stderr and waited < 120
