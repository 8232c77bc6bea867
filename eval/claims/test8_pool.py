"""The item pool and fixed selection rule of the eighth blind test split (`gold-test8/`).

`python -m eval.claims.test8_pool` prints the pool size and the selected items. The rule was fixed
and committed before any text of the pool was read (so the split is not chosen for richness;
zero-stance items are kept, they score false alarms). DACCORD premises only
(`daccord-premise/<id>`, see `texts.py`): the pool of `test7_pool.premise_pool()`, less every
premise item of the seventh split. The selection is `pool[6::17]` then `pool[12::17]` then
`pool[16::17]`, in that order, every drawn item kept. Offset 3 is not used: the lead has read
Filigrane's output on 8 premises of this pool (`pool[3::17][:8]`), so items drawn there are not
blind.

Reads no Filigrane code.
"""

from __future__ import annotations

import sys
from pathlib import Path

from eval.claims import test7_pool
from eval.shared import shared_dir

STEP = 17
OFFSETS = (6, 12, 16)


def premise_pool(shared: Path) -> list[str]:
    """Row ids of the premise pool: test7's pool less the seventh split's premises."""
    taken = {item.partition("/")[2] for item in test7_pool.selection(shared) if item.startswith("daccord-premise/")}
    return [row_id for row_id in test7_pool.premise_pool(shared) if row_id not in taken]


def selection(shared: Path) -> list[str]:
    """Item names of the split: the drawn premises, in draw order."""
    ids = premise_pool(shared)
    return [f"daccord-premise/{row_id}" for offset in OFFSETS for row_id in ids[offset::STEP]]


def main() -> int:
    shared = shared_dir()
    print(f"premise pool: {len(premise_pool(shared))} premises, step {STEP}, offsets {OFFSETS}")
    items = selection(shared)
    print(f"selected: {len(items)} items")
    for item in items:
        print(item)
    return 0


if __name__ == "__main__":
    sys.exit(main())
