"""The item pool and fixed selection rule of the second blind test split (`gold-test2/`).

`python -m eval.claims.test2_pool` prints the unused items of `../shared/eval/` and the selection.
An item is *unused* when no gold file of `eval/claims/gold`, `eval/claims/gold-test`,
`eval/techniques/gold` or `eval/techniques/gold-test` names it. The rule, fixed before reading any
text (so the split is not chosen for richness):

- europa-fr: every second unused release in sorted file-name order, starting with the second
  (positions 1, 3, 5, ... of the unused list), so that the picks spread over the whole list;
- DACCORD: in id order, the first 16 unused claims whose text contains a quotation mark or a
  reporting / denial cue (`CUE` below), plus the first 5 unused claims without one;
- extraction-fr: every unused page (there are none left).

`eval/techniques/gold-test2` landed on main while this split was being annotated and shares 9 of
its items; it is blind for techniques and scored by other code, so those items were dropped after
the draw and replaced by the next items of the same pool (GUIDE.md §10): the europa-fr releases
the draw skipped (positions 0, 2, 4, ...), in order; for DACCORD, the next claims of the same kind
(with or without a cue).

Reads no Filigrane code.
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

from eval.shared import shared_dir

ROOT = Path(__file__).resolve().parents[2]
USED_DIRS = ("eval/claims/gold", "eval/claims/gold-test", "eval/techniques/gold", "eval/techniques/gold-test")
LATER_DIRS = ("eval/techniques/gold-test2",)  # excluded after the draw, their items replaced
CUE = re.compile(
    r"«|»|“|\"|dément|démenti|nie |nié|réfut|contest|rejet|affirm|déclar|selon|d'après|d’après|indiqu|assur|"
    r"annonc|confirm|estim|accus|révél|expliqu|a dit|ont dit|prétend",
    re.I,
)
DACCORD_WITH_CUE, DACCORD_WITHOUT_CUE = 16, 5


def used_stems(root: Path = ROOT, folders: tuple[str, ...] = USED_DIRS + LATER_DIRS) -> set[str]:
    return {path.stem for folder in folders for path in (root / folder).glob("*.json")}


def selection(shared: Path, root: Path = ROOT) -> list[str]:
    """Item names (`group/name`, as in the gold files' `item`) of the split, in pool order."""
    used, later = used_stems(root, USED_DIRS), used_stems(root, LATER_DIRS)
    europa = sorted(p.name for p in (shared / "eval" / "europa-fr" / "reference").glob("*.html"))
    free_europa = [n for n in europa if f"europa-fr__{Path(n).stem}" not in used]
    drawn = free_europa[1::2]
    kept = [n for n in drawn if f"europa-fr__{Path(n).stem}" not in later]
    spare = [n for n in free_europa[0::2] if f"europa-fr__{Path(n).stem}" not in later]
    picked_europa = sorted(kept + spare[: len(drawn) - len(kept)])
    pages = sorted(p.name for p in (shared / "eval" / "extraction-fr" / "html").glob("*.html"))
    free_pages = [n for n in pages if f"extraction-fr__{Path(n).stem}" not in used]
    table = shared / "eval" / "daccord" / "daccord_dataset.tsv"
    with table.open(encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.DictReader(handle, delimiter="\t") if f"daccord__{r['id']}" not in used | later]
    with_cue = [r["id"] for r in rows if CUE.search(r["hypothesis"])][:DACCORD_WITH_CUE]
    without = [r["id"] for r in rows if not CUE.search(r["hypothesis"])][:DACCORD_WITHOUT_CUE]
    daccord = sorted(with_cue + without)
    return (
        [f"europa-fr/{n}" for n in picked_europa]
        + [f"extraction-fr/{n}" for n in free_pages]
        + [f"daccord/{i}" for i in daccord]
    )


def main() -> int:
    for item in selection(shared_dir()):
        print(item)
    return 0


if __name__ == "__main__":
    sys.exit(main())
