"""The item pool and fixed selection rule of the twelfth blind test split (`gold-test12/`).

`python -m eval.claims.test12_pool` prints the pool size and the selected items. The rule was fixed
and committed before any text of the pool was read (so the split is not chosen for richness;
zero-stance items are kept, they score false alarms). DACCORD premises only
(`daccord-premise/<id>`, see `texts.py`): the pool of `test11_pool.premise_pool()`, less every
premise item of the eleventh split and less every premise a denial set holds (the eleventh split's
denial set is new since that pool was drawn). The selection is `pool[1::5]` then `pool[3::5]`, in
that order, every drawn item kept.

Reads no Filigrane code.
"""

from __future__ import annotations

import sys
from pathlib import Path

from eval.claims import premise_draws, test10_pool, test11_pool

STEP = 5
OFFSETS = (1, 3)


@premise_draws.once
def premise_pool(shared: Path) -> list[str]:
    """Row ids of the premise pool: test11's pool less the eleventh split and the premises of denial sets."""
    pool = premise_draws.remaining(test11_pool.premise_pool(shared), test11_pool.selection(shared))
    return premise_draws.remaining(pool, test10_pool.in_denial_sets(shared, pool))


DRAW = premise_draws.Draw(premise_pool, OFFSETS, STEP)
selection = DRAW.selection
main = DRAW.main


if __name__ == "__main__":
    sys.exit(main())
