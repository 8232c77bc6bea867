"""The item pool and fixed selection rule of the third blind techniques split (`gold-test3/`).

`python -m eval.techniques.test3_pool [--stages N]` prints the selection of the first N stages.
An item is *unused* when no gold file of the six folders of `USED_DIRS` names it (the claims and
techniques gold as of the selection). The rule, written before reading any text of the pool, looks
at no text for richness:

- europa-fr: every unused release (nine at selection time);
- DACCORD: the unused rows in id order, minus every row whose hypothesis (case, spaces and
  apostrophes folded) equals the hypothesis of a used DACCORD row or of an earlier unused row (a
  duplicate scores the same sentence twice); of this list, the rows at positions `offset`,
  `offset + STEP`, `offset + 2 * STEP`, ... with the offsets taken stage by stage in the order of
  `OFFSETS` (stage 1: offset 0, about 46 rows). A stage is annotated whole; the next stage is drawn
  only while fewer than 15 items of the split carry a technique (the pool was already read once for
  persuasion by the second split's reader, who kept its rows with techniques, so its rate is low).

Reads no Filigrane code.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from pathlib import Path

from eval.shared import shared_dir

ROOT = Path(__file__).resolve().parents[2]
USED_DIRS = tuple(
    f"eval/{family}/{folder}" for family in ("claims", "techniques") for folder in ("gold", "gold-test", "gold-test2")
)
STEP = 17
OFFSETS = (0, 8, 4, 12, 2, 10, 6, 14, 16, 1, 9, 5, 13, 3, 11, 7, 15)
_SPACES = re.compile(r"\s+")


def used_stems(root: Path = ROOT) -> set[str]:
    return {path.stem for folder in USED_DIRS for path in (root / folder).glob("*.json")}


def _folded(text: str) -> str:
    return _SPACES.sub(" ", text.replace("’", "'")).strip().casefold()


def free_daccord(shared: Path, used: set[str]) -> list[str]:
    """Unused DACCORD ids in id order, duplicates of a used or earlier row left out."""
    table = shared / "eval" / "daccord" / "daccord_dataset.tsv"
    with table.open(encoding="utf-8", newline="") as handle:
        rows = sorted(csv.DictReader(handle, delimiter="\t"), key=lambda r: r["id"])
    seen = {_folded(r["hypothesis"]) for r in rows if f"daccord__{r['id']}" in used}
    free = []
    for row in rows:
        key = _folded(row["hypothesis"])
        if f"daccord__{row['id']}" in used or key in seen:
            continue
        seen.add(key)
        free.append(row["id"])
    return free


def selection(shared: Path, stages: int = 1, root: Path = ROOT) -> list[str]:
    """Item names (`group/name`, as in the gold files' `item`) of the first `stages` stages."""
    used = used_stems(root)
    europa = sorted(p.name for p in (shared / "eval" / "europa-fr" / "reference").glob("*.html"))
    free_europa = [n for n in europa if f"europa-fr__{Path(n).stem}" not in used]
    free = free_daccord(shared, used)
    daccord = sorted(i for offset in OFFSETS[:stages] for i in free[offset::STEP])
    return [f"europa-fr/{n}" for n in free_europa] + [f"daccord/{i}" for i in daccord]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stages", type=int, default=1, help="how many DACCORD stages (default 1)")
    args = parser.parse_args(argv)
    for item in selection(shared_dir(), args.stages):
        print(item)
    return 0


if __name__ == "__main__":
    sys.exit(main())
