"""Repost detection at scale: signatures/s, add() throughput, LSH query time, memory.

    .venv/bin/python -m bench.reposts                       # 100,000 documents
    .venv/bin/python -m bench.reposts --sizes 100000,1000000

The corpus is synthetic and generated on the fly, never held in memory: each document is made,
sketched, added to one `RepostDetector` and dropped. A document recombines 4 to 12 body
paragraphs of real text (the demo corpus and, when `../shared` is there, the europa-fr
press releases), with 30 % of its words replaced by random words of the pool vocabulary, so
that documents are distinct (two documents that drew the same paragraph share about 3 % of its
5-word shingles). About 5 % of the documents are reposts of a recent document (one of the last
1,000): a new title, a paragraph dropped, or a truncation to 50-80 % of the words. The planted
reposts give a recall figure at scale; the pairs put together that were not planted give a
precision figure.

Measured: signatures/s (`RepostDetector.sketch` alone: tokenising, shingle hashing, MinHash),
add throughput (`add_sketch`: LSH query, verification, union-find, indexing), mean and p95 of the
per-document add time, the total (generation included), peak RSS (`ru_maxrss`) and the
detector's bytes per document (numpy arrays + key buffer, then ids and dates).
"""

from __future__ import annotations

import argparse
import gc
import html
import json
import platform
import random
import re
import resource
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
from eval.shared import shared_dir

from filigrane.provenance.reposts import RepostDetector

REPO = Path(__file__).resolve().parent.parent
RESULTS = REPO / "bench" / "results"
_TAG = re.compile(r"<[^>]+>")
_BLOCK = re.compile(r"</?(?:p|div|h[1-6]|li|br|tr|td|blockquote)\b[^>]*>", re.I)


def paragraph_pool() -> list[str]:
    """Body paragraphs (20 words or more) of the demo corpus and the europa-fr references."""
    blocks: list[str] = []
    for path in sorted((REPO / "examples" / "demo-corpus").glob("*.txt")):
        raw = path.read_bytes().decode("utf-8", errors="replace")
        blocks += raw.split("\n\n")
    europa = shared_dir() / "eval" / "europa-fr" / "reference"
    for path in sorted(europa.glob("*.html")):
        markup = path.read_bytes().decode("utf-8", errors="replace")
        blocks += html.unescape(_TAG.sub("", _BLOCK.sub("\n", markup))).split("\n")
    return [" ".join(b.split()) for b in blocks if len(b.split()) >= 20]


class Generator:
    """Documents as word-id arrays, texts made only when asked for (one at a time)."""

    def __init__(self, seed: int = 0, repost_rate: float = 0.05, substitution: float = 0.3) -> None:
        paragraphs = paragraph_pool()
        vocabulary = sorted({w for p in paragraphs for w in p.split()})
        index = {w: i for i, w in enumerate(vocabulary)}
        self.vocabulary = np.array(vocabulary, dtype=object)
        self.paragraphs = [np.array([index[w] for w in p.split()], dtype=np.int32) for p in paragraphs]
        self.rng = np.random.default_rng(seed)
        self.random = random.Random(seed)
        self.repost_rate = repost_rate
        self.substitution = substitution
        self.recent: list[tuple[int, list[np.ndarray]]] = []  # (number, paragraphs) of the last 1,000

    def documents(self, count: int) -> Iterator[tuple[int, int | None, str]]:
        """(number, number of the reposted document or None, text)."""
        rng, vocabulary_size = self.rng, len(self.vocabulary)
        for number in range(count):
            source: int | None = None
            if self.recent and self.random.random() < self.repost_rate:
                source, body = self.recent[self.random.randrange(len(self.recent))]
                body = self._edit(body)
            else:
                picks = rng.integers(0, len(self.paragraphs), size=int(rng.integers(4, 13)))
                body = []
                for pick in picks.tolist():
                    words = self.paragraphs[pick].copy()
                    mask = rng.random(len(words)) < self.substitution
                    words[mask] = rng.integers(0, vocabulary_size, size=int(mask.sum()))
                    body.append(words)
                self.recent.append((number, body))
                if len(self.recent) > 1000:
                    self.recent.pop(0)
            title = f"Article {number} : " + " ".join(self.vocabulary[rng.integers(0, vocabulary_size, size=8)])
            text = "\n\n".join([title, *(" ".join(self.vocabulary[words].tolist()) for words in body)])
            yield number, source, text

    def _edit(self, body: list[np.ndarray]) -> list[np.ndarray]:
        body = list(body)
        roll = self.random.random()
        if roll < 0.4 and len(body) > 2:
            body.pop(self.random.randrange(len(body)))
        elif roll < 0.8:
            keep = self.random.uniform(0.5, 0.8) * sum(len(p) for p in body)
            cut: list[np.ndarray] = []
            for words in body:
                if keep <= 0:
                    break
                cut.append(words[: int(keep)])
                keep -= len(words)
            body = cut
        return body  # otherwise only the title is new


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def current_rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * resource.getpagesize() / 2**20


def run(size: int, seed: int = 0) -> dict[str, Any]:
    gc.collect()
    generator = Generator(seed)
    rss_before = current_rss_mb()
    detector = RepostDetector()
    planted: list[tuple[int, int]] = []
    add_times = np.empty(size, dtype=np.float32)
    sketch_seconds = add_seconds = 0.0
    words = 0
    started = time.perf_counter()
    clock = time.perf_counter
    for number, source, text in generator.documents(size):
        words += text.count(" ") + 1
        t0 = clock()
        signature, shingles = detector.sketch(text)
        t1 = clock()
        detector.add_sketch(str(number), signature, shingles)
        t2 = clock()
        sketch_seconds += t1 - t0
        add_seconds += t2 - t1
        add_times[number] = t2 - t1
        if source is not None:
            planted.append((source, number))
        if number and number % 100_000 == 0:
            print(f"  {number:,} documents, {clock() - started:.0f}s, peak RSS {rss_mb():.0f} MB", file=sys.stderr)
    total = time.perf_counter() - started
    t0 = time.perf_counter()
    groups = detector.groups()
    groups_seconds = time.perf_counter() - t0
    rss_after = current_rss_mb()

    group_of: dict[int, int] = {}
    for g, group in enumerate(groups):
        for doc in group.documents:
            group_of[int(doc)] = g
    found = sum(group_of.get(a, -1) == group_of.get(b, -2) for a, b in planted)
    # Pairs in one group whose documents are not linked by planted reposts (transitively) are false.
    planted_root: dict[int, int] = {}
    for a, b in planted:
        planted_root[b] = planted_root.get(a, a)
    false_pairs = 0
    predicted_pairs = 0
    for group in groups:
        roots: dict[int, int] = {}
        for doc in group.documents:
            root = planted_root.get(int(doc), int(doc))
            roots[root] = roots.get(root, 0) + 1
        n = len(group.documents)
        predicted_pairs += n * (n - 1) // 2
        false_pairs += n * (n - 1) // 2 - sum(k * (k - 1) // 2 for k in roots.values())
    ids_bytes = sum(sys.getsizeof(str(i)) for i in range(0, size, max(1, size // 1000))) / min(size, 1000) + 16
    return {
        "documents": size,
        "words_per_document": round(words / size, 1),
        "signatures_per_second": round(size / sketch_seconds, 1),
        "adds_per_second": round(size / add_seconds, 1),
        "add_ms_mean": round(float(add_times.mean()) * 1e3, 4),
        "add_ms_p95": round(float(np.percentile(add_times, 95)) * 1e3, 4),
        "add_ms_p99": round(float(np.percentile(add_times, 99)) * 1e3, 4),
        "add_ms_max": round(float(add_times.max()) * 1e3, 2),
        "documents_per_second_end_to_end": round(size / total, 1),
        "total_seconds": round(total, 1),
        "groups_seconds": round(groups_seconds, 2),
        "peak_rss_mb": round(rss_mb(), 1),
        "rss_growth_mb": round(rss_after - rss_before, 1),
        "detector_numpy_bytes_per_document": round(detector.nbytes() / size, 1),
        "detector_ids_bytes_per_document": round(ids_bytes, 1),
        "rss_growth_bytes_per_document": round((rss_after - rss_before) * 2**20 / size, 1),
        "planted_reposts": len(planted),
        "planted_recall": round(found / len(planted), 4) if planted else None,
        "groups": len(groups),
        "grouped_pairs": predicted_pairs,
        "grouped_pairs_not_planted": false_pairs,
    }


def markdown(rows: list[dict[str, Any]]) -> str:
    lines = [
        "| documents | words/doc | signatures/s | add()/s (LSH query + verify + index) | add mean / p95 / p99 ms "
        "| end-to-end docs/s | total s | peak RSS MB | detector bytes/doc (numpy + ids) | planted reposts recall "
        "| grouped pairs not planted |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        lines.append(
            f"| {r['documents']:,} | {r['words_per_document']:.0f} | {r['signatures_per_second']:,.0f} "
            f"| {r['adds_per_second']:,.0f} | {r['add_ms_mean']:.3f} / {r['add_ms_p95']:.3f} / {r['add_ms_p99']:.3f} "
            f"| {r['documents_per_second_end_to_end']:,.0f} | {r['total_seconds']:,.0f} | {r['peak_rss_mb']:,.0f} "
            f"| {r['detector_numpy_bytes_per_document']:,.0f} + {r['detector_ids_bytes_per_document']:.0f} "
            f"| {r['planted_recall']:.4f} ({r['planted_reposts']:,}) | {r['grouped_pairs_not_planted']:,} "
            f"of {r['grouped_pairs']:,} |"
        )
    return "\n".join(lines)


def machine() -> dict[str, Any]:
    import os

    cpu = "unknown"
    try:
        with open("/proc/cpuinfo") as info:
            cpu = next((line.split(":", 1)[1].strip() for line in info if line.startswith("model name")), cpu)
    except OSError:
        pass
    return {"cpu": cpu, "nproc": os.cpu_count(), "python": platform.python_version(), "numpy": np.__version__}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Repost detection throughput and memory.")
    parser.add_argument("--sizes", default="100000", help="comma-separated corpus sizes")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    rows = []
    for size in [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]:
        print(f"{size:,} documents…", file=sys.stderr)
        row = run(size, args.seed)
        rows.append(row)
        out = RESULTS / f"reposts-{size}.json"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps({"machine": machine(), **row}, indent=2) + "\n", encoding="utf-8")
    print(markdown(rows))
    print(f"\nMachine: {machine()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
