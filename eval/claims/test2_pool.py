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
CUE = re.compile(
    r"«|»|“|\"|dément|démenti|nie |nié|réfut|contest|rejet|affirm|déclar|selon|d'après|d’après|indiqu|assur|"
    r"annonc|confirm|estim|accus|révél|expliqu|a dit|ont dit|prétend",
    re.I,
)
DACCORD_WITH_CUE, DACCORD_WITHOUT_CUE = 16, 5


def used_stems(root: Path = ROOT) -> set[str]:
    return {path.stem for folder in USED_DIRS for path in (root / folder).glob("*.json")}


def selection(shared: Path, root: Path = ROOT) -> list[str]:
    """Item names (`group/name`, as in the gold files' `item`) of the split, in pool order."""
    used = used_stems(root)
    europa = sorted(p.name for p in (shared / "eval" / "europa-fr" / "reference").glob("*.html"))
    free_europa = [n for n in europa if f"europa-fr__{Path(n).stem}" not in used]
    pages = sorted(p.name for p in (shared / "eval" / "extraction-fr" / "html").glob("*.html"))
    free_pages = [n for n in pages if f"extraction-fr__{Path(n).stem}" not in used]
    table = shared / "eval" / "daccord" / "daccord_dataset.tsv"
    with table.open(encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.DictReader(handle, delimiter="\t") if f"daccord__{r['id']}" not in used]
    with_cue = [r["id"] for r in rows if CUE.search(r["hypothesis"])][:DACCORD_WITH_CUE]
    without = [r["id"] for r in rows if not CUE.search(r["hypothesis"])][:DACCORD_WITHOUT_CUE]
    daccord = sorted(with_cue + without)
    return (
        [f"europa-fr/{n}" for n in free_europa[1::2]]
        + [f"extraction-fr/{n}" for n in free_pages]
        + [f"daccord/{i}" for i in daccord]
    )


def main() -> int:
    for item in selection(shared_dir()):
        print(item)
    return 0


if __name__ == "__main__":
    sys.exit(main())
