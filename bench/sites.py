"""The site-chrome step alone at scale: documents per second and peak memory against corpus size.

    .venv/bin/python -m bench.sites                     # 2,000 and 20,000 documents
    .venv/bin/python -m bench.sites --sizes 2000,200000

Each size runs in a fresh subprocess. The corpus is synthetic and generated on the fly: documents
of 50 sites, each made of the 10 navigation lines of its site and 20 lines of its own (random
numbers, so that nothing else repeats). Measured: documents per second through `SiteChrome`,
peak RSS (`ru_maxrss`, the interpreter and the window of 500 documents included), the count
entries kept at the end (after lossy pruning) and the chrome lines found per document (10 expected).
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time
from collections.abc import Iterator

from filigrane.clean.sites import SiteChrome
from filigrane.document import Document

SITES = 50


def documents(count: int) -> Iterator[Document]:
    rng = random.Random(0)
    for number in range(count):
        site = number % SITES
        navigation = [f"Menu {site} rubrique {line}" for line in range(10)]
        noise = [" ".join(f"{rng.random():.6f}" for _ in range(12)) for _ in range(20)]
        body = [f"Paragraphe {number}-{line} {words}" for line, words in enumerate(noise)]
        url = f"https://site{site}.example/{number}"
        yield Document(source=str(number), format="text", raw_text="\n".join(navigation + body), url=url)


def run(count: int) -> dict[str, float]:
    step = SiteChrome()
    started = time.perf_counter()
    chrome = sum(len(doc.clues.chrome) for doc in step(documents(count)))
    seconds = time.perf_counter() - started
    return {
        "docs": count,
        "docs_per_second": round(count / seconds, 1),
        "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
        "entries_kept": len(step.lines),
        "chrome_lines_per_doc": chrome / count,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="2000,20000", help="corpus sizes, comma-separated")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(run(args.child)))
        return 0
    print("| docs | docs/s | peak RSS (MiB) | count entries kept | chrome lines per doc |\n|---|---|---|---|---|")
    for size in (int(size) for size in args.sizes.split(",")):
        child = subprocess.run(
            [sys.executable, "-m", "bench.sites", "--child", str(size)], capture_output=True, text=True, check=True
        )
        row = json.loads(child.stdout)
        print(
            f"| {row['docs']} | {row['docs_per_second']} | {row['peak_rss_mib']} | {row['entries_kept']} "
            f"| {row['chrome_lines_per_doc']:.1f} |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
