"""The item pool and fixed selection rule of the ninth blind test split (`gold-test9/`).

`python -m eval.claims.test9_pool` prints the pool size and the selected items. The rule was fixed
and committed before any text of the pool was read (so the split is not chosen for richness;
zero-stance items are kept, they score false alarms). DACCORD premises only
(`daccord-premise/<id>`, see `texts.py`): the pool of `test8_pool.premise_pool()`, less every
premise item of the eighth split and less the 8 premises whose Filigrane output the lead read
(`test8_pool.premise_pool()[3::17][:8]`). The selection is `pool[1::13]` then `pool[5::13]` then
`pool[9::13]`, in that order, every drawn item kept.

Reads no Filigrane code.
"""

from __future__ import annotations

import sys
from pathlib import Path

from eval.claims import premise_draws, test8_pool

STEP = 13
OFFSETS = (1, 5, 9)


def read_by_lead(shared: Path) -> list[str]:
    """Item names of the premises whose Filigrane output the lead read before this split."""
    return [f"{premise_draws.PREFIX}{row_id}" for row_id in test8_pool.premise_pool(shared)[3::17][:8]]


@premise_draws.once
def premise_pool(shared: Path) -> list[str]:
    """Row ids of the premise pool: test8's pool less the eighth split and the premises the lead read."""
    taken = test8_pool.selection(shared) + read_by_lead(shared)
    return premise_draws.remaining(test8_pool.premise_pool(shared), taken)


DRAW = premise_draws.Draw(premise_pool, OFFSETS, STEP)
selection = DRAW.selection
main = DRAW.main


if __name__ == "__main__":
    sys.exit(main())
