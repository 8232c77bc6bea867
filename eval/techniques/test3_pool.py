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
  persuasion by the second split's reader, who kept its rows with techniques, so its rate is low);
- near duplicates (amendment made at stage 5, on meeting b209, one word away from b208 of
  `gold-test2`): a drawn row is dropped, not replaced, when its folded hypothesis has a
  `difflib.SequenceMatcher` ratio of at least `NEAR` with the hypothesis of a used DACCORD row or
  of a row kept earlier in the split (stage by stage, then id order). It looks at wording overlap
  only, never at what the text says.

Reads no Filigrane code.
"""

from __future__ import annotations

import argparse
import csv
import difflib
import re
import sys
from pathlib import Path

from eval.shared import shared_dir

ROOT = Path(__file__).resolve().parents[2]
USED_DIRS = tuple(
    f"eval/{family}/{folder}" for family in ("claims", "techniques") for folder in ("gold", "gold-test", "gold-test2")
)
STEP = 17
NEAR = 0.85
OFFSETS = (0, 8, 4, 12, 2, 10, 6, 14, 16, 1, 9, 5, 13, 3, 11, 7, 15)
_SPACES = re.compile(r"\s+")


def used_stems(root: Path = ROOT) -> set[str]:
    return {path.stem for folder in USED_DIRS for path in (root / folder).glob("*.json")}


def _folded(text: str) -> str:
    return _SPACES.sub(" ", text.replace("’", "'")).strip().casefold()


def _hypotheses(shared: Path) -> dict[str, str]:
    """DACCORD id -> hypothesis, in id order."""
    table = shared / "eval" / "daccord" / "daccord_dataset.tsv"
    with table.open(encoding="utf-8", newline="") as handle:
        return {r["id"]: r["hypothesis"] for r in sorted(csv.DictReader(handle, delimiter="\t"), key=lambda r: r["id"])}


def free_daccord(shared: Path, used: set[str]) -> list[str]:
    """Unused DACCORD ids in id order, duplicates of a used or earlier row left out."""
    rows = [{"id": i, "hypothesis": h} for i, h in _hypotheses(shared).items()]
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
    hypotheses = {i: _folded(h) for i, h in _hypotheses(shared).items()}
    kept = [hypotheses[stem.partition("__")[2]] for stem in sorted(used) if stem.startswith("daccord__")]
    daccord = []
    for offset in OFFSETS[:stages]:
        for row_id in free[offset::STEP]:
            if not any(_near(hypotheses[row_id], other) for other in kept):
                kept.append(hypotheses[row_id])
                daccord.append(row_id)
    return [f"europa-fr/{n}" for n in free_europa] + [f"daccord/{i}" for i in sorted(daccord)]


def _near(left: str, right: str) -> bool:
    matcher = difflib.SequenceMatcher(None, left, right)
    return matcher.real_quick_ratio() >= NEAR and matcher.quick_ratio() >= NEAR and matcher.ratio() >= NEAR


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stages", type=int, default=1, help="how many DACCORD stages (default 1)")
    args = parser.parse_args(argv)
    for item in selection(shared_dir(), args.stages):
        print(item)
    return 0


if __name__ == "__main__":
    sys.exit(main())
