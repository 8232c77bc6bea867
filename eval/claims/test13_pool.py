"""The item pool and fixed selection rule of the thirteenth blind test split (`gold-test13/`).

`python -m eval.claims.test13_pool` prints the pool size and the selected items. The rule was fixed
and committed before any text of the pool was read (so the split is not chosen for richness;
zero-stance items are kept, they score false alarms). DACCORD premises only
(`daccord-premise/<id>`, see `texts.py`): the pool of `test12_pool.premise_pool()`, less every
premise item of the twelfth split and less every premise a denial set holds (the twelfth split's
denial set is new since that pool was drawn). This is the last of the premises nobody has read: the
selection is the whole pool (`pool[0::1]`), in pool order.

Reads no Filigrane code.
"""

from __future__ import annotations

import sys
from pathlib import Path

from eval.claims import premise_draws, test10_pool, test12_pool

STEP = 1
OFFSETS = (0,)


@premise_draws.once
def premise_pool(shared: Path) -> list[str]:
    """Row ids of the premise pool: test12's pool less the twelfth split and the premises of denial sets."""
    pool = premise_draws.remaining(test12_pool.premise_pool(shared), test12_pool.selection(shared))
    return premise_draws.remaining(pool, test10_pool.in_denial_sets(shared, pool))


DRAW = premise_draws.Draw(premise_pool, OFFSETS, STEP)  # every premise of the pool, in pool order
selection = DRAW.selection
main = DRAW.main


if __name__ == "__main__":
    sys.exit(main())
