"""The item pool and fixed selection rule of the fourth blind test split (`gold-test4/`).

`python -m eval.claims.test4_pool` prints the pool sizes and the selected items. The rule was fixed
and committed before any text of the pool was read (so the split is not chosen for richness;
zero-stance items are kept, they score false alarms). Two kinds of text:

- **DACCORD premises** (`daccord-premise/<id>`, see `texts.py`): the pool of `test3_pool.pool()`
  (distinct premises keyed by their first row id, in id order, none repeating a claim), less the
  50 items of the third split, less any premise equal (stripped) to the premise of one of the
  DACCORD rows the lead has read (`READ_BY_LEAD`, and any item keyed by one of those ids). The
  selection is `pool[5::17]` then `pool[11::17]`, in that order, every drawn item kept: offsets
  disjoint from the third split's offset 0 (its step was 17 too).
- **europa-fr releases** (`europa-fr/<file>.html`): every release of
  `eval/europa-fr/reference/` that no claims gold file (`gold/`, `gold-test/`, `gold-test2/`,
  `gold-test3/`) names, in file-name order, less those of the techniques golds `gold/`,
  `gold-test/` and `gold-test2/` (as the second claims split did: technique rules were tuned on
  the dev releases and their output read, the test2 ones were scored and inspected). What is
  left are the releases of the techniques test3 split, whose claims output nobody has looked at.

Reads no Filigrane code.
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

from eval.claims import premise_draws, test3_pool
from eval.shared import shared_dir

HERE = Path(__file__).resolve().parent
EARLIER_GOLDS = (
    HERE / "gold",
    HERE / "gold-test",
    HERE / "gold-test2",
    HERE / "gold-test3",
    HERE.parent / "techniques" / "gold",
    HERE.parent / "techniques" / "gold-test",
    HERE.parent / "techniques" / "gold-test2",
)
STEP = 17
OFFSETS = (5, 11)
READ_BY_LEAD = frozenset(
    [
        "a340",
        "a420",
        "a421",
        "a431",
        "a432",
        "a433",
        "a434",
        "a435",
        "a437",
        "b099",
        "b123",
        "b147",
        "b179",
        "b181",
        "b242",
        "b277",
        "b278",
        "b341",
        "b360",
        "b400",
        "b407",
        "b409",
        "b426",
        "b427",
        "c023",
    ]
)


def _premises(shared: Path) -> dict[str, str]:
    """Stripped premise of every DACCORD row id."""
    table = shared / "eval" / "daccord" / "daccord_dataset.tsv"
    with table.open(encoding="utf-8", newline="") as handle:
        return {row["id"]: row["premise"].strip() for row in csv.DictReader(handle, delimiter="\t")}


@premise_draws.once
def premise_pool(shared: Path) -> list[str]:
    """Row ids of the premise pool: test3's pool less its selection and the premises the lead read."""
    premises = _premises(shared)
    read = {premises[row_id] for row_id in READ_BY_LEAD if row_id in premises}
    taken = {item.partition("/")[2] for item in test3_pool.selection(shared)}
    return [
        row_id
        for row_id in test3_pool.pool(shared)
        if row_id not in taken and row_id not in READ_BY_LEAD and premises[row_id] not in read
    ]


def europa_pool(shared: Path) -> list[str]:
    """Europa-fr releases named by no earlier gold (`EARLIER_GOLDS`), as item names, in file-name order."""
    named: set[str] = set()
    for folder in EARLIER_GOLDS:
        for path in folder.glob("*.json"):
            named.add(json.loads(path.read_text(encoding="utf-8"))["item"])
    reference = shared / "eval" / "europa-fr" / "reference"
    items = [f"europa-fr/{path.name}" for path in sorted(reference.glob("*.html"))]
    return [item for item in items if item not in named]


def selection(shared: Path) -> list[str]:
    """Item names of the split: the drawn premises (draw order), then the free europa-fr releases."""
    ids = premise_pool(shared)
    drawn = [row_id for offset in OFFSETS for row_id in ids[offset::STEP]]
    return [f"daccord-premise/{row_id}" for row_id in drawn] + europa_pool(shared)


def main() -> int:
    shared = shared_dir()
    print(f"premise pool: {len(premise_pool(shared))} premises, step {STEP}, offsets {OFFSETS}")
    print(f"europa-fr pool: {len(europa_pool(shared))} releases")
    items = selection(shared)
    print(f"selected: {len(items)} items")
    for item in items:
        print(item)
    return 0


if __name__ == "__main__":
    sys.exit(main())
