"""Peak memory of the whole pipeline against corpus size: it must not grow with the corpus.

    .venv/bin/python -m bench.memory                    # quick: 500, 1000, 2000 documents
    .venv/bin/python -m bench.memory --sizes 1000,5000,10000

Each size runs in a fresh subprocess: `filigrane.stream` over a JSONL corpus of that size, every
document consumed and dropped one by one (what `filigrane analyze --format jsonl` does). The
child reports its peak RSS (`getrusage(RUSAGE_SELF).ru_maxrss`), the largest spaCy worker's peak
(`RUSAGE_CHILDREN`, when n_process > 1), and RSS sampled from /proc along the run (main process
plus live workers), so growth inside one run shows as well as growth across sizes.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import resource
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from bench.corpus import RESULTS, jsonl_corpus

QUICK_SIZES = (500, 1000, 2000)
FULL_SIZES = (1000, 5000, 10000)
SAMPLES = 20


def _rss_kib(pid: int | str = "self") -> int:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _children() -> list[int]:
    pids: list[int] = []
    task_root = Path("/proc/self/task")
    for task in task_root.iterdir() if task_root.is_dir() else []:
        try:
            pids.extend(int(pid) for pid in (task / "children").read_text().split())
        except OSError:
            continue
    return pids


@dataclass
class Sample:
    documents: int
    main_mib: float
    workers_mib: float

    @property
    def total_mib(self) -> float:
        return self.main_mib + self.workers_mib


def sample(documents: int) -> Sample:
    workers = sum(_rss_kib(pid) for pid in _children())
    return Sample(documents, _rss_kib() / 1024, workers / 1024)


def child(corpus: Path, docs: int, n_process: int) -> dict[str, object]:
    """Runs in the fresh subprocess: stream the corpus, drop every document, report memory."""
    import filigrane
    from filigrane.engine.pipeline import PipelineOptions
    from filigrane.nlp.parse import load_french

    load_french()
    after_load = sample(0)
    every = max(1, docs // SAMPLES)
    samples: list[Sample] = []
    seen = rejected = 0
    started = time.perf_counter()
    for doc in filigrane.stream(corpus, PipelineOptions(n_process=n_process)):
        seen += 1
        rejected += doc.rejected
        if seen % every == 0:
            samples.append(sample(seen))
        del doc
    seconds = time.perf_counter() - started
    multiprocessing.active_children()  # reap finished spaCy workers so RUSAGE_CHILDREN counts them
    return {
        "docs": seen,
        "rejected": rejected,
        "seconds": seconds,
        "model_loaded_mib": after_load.main_mib,
        "peak_main_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "peak_worker_mib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
        "samples": [[s.documents, round(s.main_mib, 1), round(s.workers_mib, 1)] for s in samples],
    }


@dataclass
class Measure:
    size: int
    n_process: int
    report: dict[str, object]

    def number(self, key: str) -> float:
        value = self.report[key]
        assert isinstance(value, int | float)
        return float(value)

    @property
    def samples(self) -> list[Sample]:
        raw = self.report["samples"]
        assert isinstance(raw, list)
        return [Sample(int(n), float(main), float(workers)) for n, main, workers in raw]


def run_size(size: int, n_process: int, seed: int = 0) -> Measure:
    corpus = jsonl_corpus(size, seed)
    command = [sys.executable, "-m", "bench.memory", "--child", str(corpus), "--docs", str(size)]
    command += ["--processes", str(n_process)]
    root = Path(__file__).resolve().parent.parent
    done = subprocess.run(command, cwd=root, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"memory child failed for {size} documents:\n{done.stderr[-4000:]}")
    report = json.loads(done.stdout.strip().splitlines()[-1])
    return Measure(size, n_process, report)


def table(measures: list[Measure]) -> str:
    lines = [
        "| docs | n_process | seconds | docs/s | model loaded (MiB) | peak main RSS (MiB) "
        "| peak worker RSS (MiB) | main+workers RSS at 10 % / 100 % (MiB) |",
        "|" + "---|" * 8,
    ]
    for m in measures:
        samples = m.samples
        early = samples[max(0, len(samples) // 10 - 1)] if samples else None
        last = samples[-1] if samples else None
        along = f"{early.total_mib:,.0f} / {last.total_mib:,.0f}" if early and last else ""
        worker = m.number("peak_worker_mib")
        lines.append(
            f"| {m.size} | {m.n_process or 'auto'} | {m.number('seconds'):.0f} | "
            f"{m.number('docs') / m.number('seconds'):.1f} | {m.number('model_loaded_mib'):,.0f} | "
            f"{m.number('peak_main_mib'):,.0f} | {f'{worker:,.0f}' if worker else '-'} | {along} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> list[Measure]:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", help=f"comma-separated corpus sizes (default {QUICK_SIZES})")
    parser.add_argument("--full", action="store_true", help=f"sizes {FULL_SIZES}")
    parser.add_argument("--processes", type=int, default=0, help="spaCy processes (0: auto, like the CLI)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--docs", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child is not None:
        print(json.dumps(child(args.child, args.docs, args.processes)))
        return []
    sizes = [int(s) for s in args.sizes.split(",")] if args.sizes else list(FULL_SIZES if args.full else QUICK_SIZES)
    print(f"memory: sizes {sizes}, n_process {args.processes or 'auto'}, {os.cpu_count()} cpus")
    measures = []
    for size in sizes:
        measure = run_size(size, args.processes, args.seed)
        measures.append(measure)
        print(f"  {size} documents: {measure.number('seconds'):.0f} s", flush=True)
    print(table(measures))
    report = RESULTS / f"memory-{'-'.join(map(str, sizes))}.json"
    report.write_text(json.dumps([{"size": m.size, **m.report} for m in measures], indent=1))
    print(f"raw reports (with RSS sampled along each run): {report}")
    return measures


if __name__ == "__main__":
    main()
