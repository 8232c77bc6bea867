"""What stories and claim groups cost the pipeline: throughput with and without them.

    .venv/bin/python -m bench.corpus_cost            # both, in fresh processes, twice each

Each run is a fresh process (the sentence encoder caches vectors by text, so a second run in the
same process would encode nothing), warmed up on the demo corpus (models loaded), then timed on
the 120-document benchmark corpus (`bench/results/corpus-120-seed0.jsonl`, made by `python -m
bench` or `python -m bench.throughput --docs 120`), one spaCy process.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import filigrane
from filigrane.engine.pipeline import PipelineOptions

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "bench" / "results" / "corpus-120-seed0.jsonl"


def one_run(stories: bool) -> float:
    """Documents per second of one run in this process."""
    options = PipelineOptions(n_process=1, stories=stories)
    sum(1 for _ in filigrane.stream([REPO / "examples" / "demo-corpus"], options))
    started = time.perf_counter()
    count = sum(1 for _ in filigrane.stream([CORPUS], options))
    return count / (time.perf_counter() - started)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args[:1] == ["--one"]:
        print(one_run(args[1] == "stories"))
        return 0
    if not CORPUS.exists():
        from bench import throughput

        throughput.bench_source(120, 0, "jsonl")
    rates: dict[str, list[float]] = {"without": [], "stories": []}
    for _ in range(2):
        for kind in rates:
            out = subprocess.run(
                [sys.executable, "-m", "bench.corpus_cost", "--one", kind],
                capture_output=True,
                text=True,
                check=True,
                cwd=REPO,
            )
            rates[kind].append(float(out.stdout.strip().splitlines()[-1]))
    best = {kind: max(values) for kind, values in rates.items()}
    print("| run | docs/s (best of 2) | vs without |")
    print("|---|---|---|")
    print(f"| pipeline without stories and claim groups | {best['without']:.2f} | |")
    print(
        f"| pipeline with stories and claim groups | {best['stories']:.2f} | {best['stories'] / best['without']:.0%} |"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
