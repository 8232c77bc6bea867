"""The benchmark in one command: throughput against bare spaCy, peak memory against corpus size, web API latency.

    .venv/bin/python -m bench            # throughput on 500 documents, memory on 500/1000/2000
    .venv/bin/python -m bench --full     # memory on 1000/5000/10000 documents as well (~30 min)

Corpora are generated deterministically under bench/results/ (gitignored); see BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import platform

from bench import api_latency, memory, throughput


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=500, help="documents for the throughput run")
    parser.add_argument("--processes", default="1,2", help="spaCy process counts for the throughput run")
    parser.add_argument("--repeat", type=int, default=1, help="throughput rounds, best kept")
    parser.add_argument("--full", action="store_true", help=f"memory on {memory.FULL_SIZES} documents")
    parser.add_argument("--sizes", help="memory corpus sizes, comma-separated (overrides --full)")
    args = parser.parse_args(argv)
    print(f"Python {platform.python_version()} on {platform.machine()}\n")
    rows = throughput.main(["--docs", str(args.docs), "--processes", args.processes, "--repeat", str(args.repeat)])
    print()
    sizes = args.sizes or ",".join(map(str, memory.FULL_SIZES if args.full else memory.QUICK_SIZES))
    memory.main(["--sizes", sizes])
    print()
    slow = api_latency.main([])
    failed = [row for row in rows if row.name.startswith("filigrane") and (row.ratio or 0) < throughput.REQUIRED_RATIO]
    return 1 if failed or slow else 0


if __name__ == "__main__":
    raise SystemExit(main())
