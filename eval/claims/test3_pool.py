"""The item pool and fixed selection rule of the third blind test split (`gold-test3/`).

`python -m eval.claims.test3_pool` prints the pool size, the step and the selected items. The split
is made of DACCORD **premises** only (`daccord-premise/<id>`, see `texts.py`): statements of AFP
Factuel fact-checks, where reported speech and denials are common and which no gold used before.
The free europa-fr releases are left to the techniques test3 split, so the two blind splits share
no text. The rule, fixed before reading any premise (so the split is not chosen for richness):

- pool: the distinct premises (stripped) of `eval/daccord/daccord_dataset.tsv`, each keyed by the
  first row id where it occurs, in id order; a premise equal (whitespace aside) to the hypothesis
  of any row is dropped, so that no premise item repeats the text of a claim item (`daccord/<id>`),
  the kind the other splits draw from;
- selection: every `step`-th premise of the pool, starting with the first, where
  `step = len(pool) // 50`, keeping the first 50 (`pool[::step][:50]`).

Reads no Filigrane code.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

from eval.claims import premise_draws
from eval.shared import shared_dir

SIZE = 50


def _squeeze(text: str) -> str:
    return " ".join(text.split())


def pool(shared: Path) -> list[str]:
    """First row ids of the distinct premises that repeat no claim, in id order."""
    table = shared / "eval" / "daccord" / "daccord_dataset.tsv"
    with table.open(encoding="utf-8", newline="") as handle:
        rows = sorted(csv.DictReader(handle, delimiter="\t"), key=lambda row: row["id"])
    claims = {_squeeze(row["hypothesis"]) for row in rows}
    first: dict[str, str] = {}
    for row in rows:
        first.setdefault(row["premise"].strip(), row["id"])
    return [row_id for premise, row_id in first.items() if _squeeze(premise) not in claims]


@premise_draws.once
def selection(shared: Path) -> list[str]:
    """Item names (`daccord-premise/<id>`, as in the gold files' `item`) of the split, in id order."""
    ids = pool(shared)
    step = len(ids) // SIZE
    return [f"daccord-premise/{row_id}" for row_id in ids[::step][:SIZE]]


def main() -> int:
    shared = shared_dir()
    ids = pool(shared)
    print(f"pool: {len(ids)} premises, step {len(ids) // SIZE}")
    for item in selection(shared):
        print(item)
    return 0


if __name__ == "__main__":
    sys.exit(main())
