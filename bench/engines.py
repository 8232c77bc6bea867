"""The local executor against the Ray executor, on the same documents, the whole default pipeline.

    .venv/bin/python -m bench.engines [--docs 300] [--workers 1,2]

Each row runs in a fresh process (cold model and vector caches), end to end: reading, cleaning,
parse and claims, then the corpus steps' `finish` (reposts, stories, claim groups: the sentence
encoder included). `local`: `LocalExecutor` with N spaCy processes; `ray`: `RayExecutor` on a
local Ray with N CPUs (two shards per CPU, then one combine task on a worker). The corpus is `bench.corpus`'s synthetic
French articles, as a folder of .txt files (Ray shards split folders by file). Peak memory: the
driver process (and, for `local`, its spaCy children), the largest Ray worker that ran a shard,
and the worker that ran the combine.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.corpus import RESULTS, write_folder


def one(engine: str, workers: int, folder: Path) -> dict[str, Any]:
    """Run one configuration in this process and return its figures."""
    from filigrane.engine.options import PipelineOptions
    from filigrane.ingest.sources import expand_inputs

    started = time.perf_counter()
    worker_kib = combine_kib = 0
    if engine == "local":
        from filigrane.engine.executor import LocalExecutor
        from filigrane.engine.pipeline import Pipeline

        options = PipelineOptions(n_process=workers)
        executor = LocalExecutor(Pipeline.default(options), n_process=workers)
        documents = sum(1 for doc in executor.run(expand_inputs([str(folder)])) if doc.rejection is None)
    else:  # the driver imports no stage (no spaCy): its memory is that of coordinating
        from filigrane.engine.distributed import RayExecutor

        ray_executor = RayExecutor(PipelineOptions(), num_cpus=workers)
        with tempfile.TemporaryDirectory() as out:
            documents = ray_executor.run(expand_inputs([str(folder)]), Path(out)).documents_analysed
        worker_kib, combine_kib = ray_executor.worker_peak_kib, ray_executor.combine_peak_kib
    seconds = time.perf_counter() - started
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {
        "engine": engine,
        "workers": workers,
        "documents": documents,
        "seconds": round(seconds, 1),
        "docs_per_second": round(documents / seconds, 2),
        "driver_mib": round(own / 1024),
        "children_mib": round(children / 1024),
        "worker_mib": round(worker_kib / 1024),
        "combine_mib": round(combine_kib / 1024),
    }


def main(argv: list[str] | None = None) -> list[dict[str, Any]]:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=300)
    parser.add_argument("--workers", default="1,2")
    parser.add_argument("--one", help=argparse.SUPPRESS)  # engine:workers:folder, in a child process
    args = parser.parse_args(argv)
    if args.one:
        engine, workers, folder = args.one.split(":", 2)
        print(json.dumps(one(engine, int(workers), Path(folder))))
        return []
    folder = RESULTS / f"engines-{args.docs}"
    if not folder.exists():
        write_folder(folder, args.docs)
    rows = []
    print(
        "| engine | workers | docs | seconds | docs/s | vs local | driver MiB | spaCy children MiB | Ray worker MiB "
        "| combine worker MiB |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    local: dict[int, float] = {}
    for workers in (int(n) for n in args.workers.split(",")):
        for engine in ("local", "ray"):
            command = [sys.executable, "-m", "bench.engines", "--one", f"{engine}:{workers}:{folder}"]
            done = subprocess.run(command, capture_output=True, text=True, check=True)
            row = json.loads(done.stdout.strip().splitlines()[-1])
            rows.append(row)
            local.setdefault(workers, row["docs_per_second"])
            ratio = row["docs_per_second"] / local[workers]
            print(
                f"| {engine} | {workers} | {row['documents']} | {row['seconds']} | {row['docs_per_second']} | "
                f"{ratio:.0%} | {row['driver_mib']} | {row['children_mib']} | {row['worker_mib'] or ''} | "
                f"{row['combine_mib'] or ''} |",
                flush=True,
            )
    return rows


if __name__ == "__main__":
    main()
