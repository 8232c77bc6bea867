"""The item pool and fixed selection rule of the eleventh blind test split (`gold-test11/`).

`python -m eval.claims.test11_pool` prints the pool size and the selected items. The rule was fixed
and committed before any text of the pool was read (so the split is not chosen for richness;
zero-stance items are kept, they score false alarms). DACCORD premises only
(`daccord-premise/<id>`, see `texts.py`): the pool of `test10_pool.premise_pool()`, less every
premise item of the tenth split and less every premise a denial set holds (the denial sets of the
ninth and tenth splits are new since that pool was drawn). The selection is `pool[2::9]` then
`pool[5::9]` then `pool[8::9]`, in that order, every drawn item kept.

Reads no Filigrane code.
"""

from __future__ import annotations

import sys
from pathlib import Path

from eval.claims import premise_draws, test10_pool

STEP = 9
OFFSETS = (2, 5, 8)


@premise_draws.once
def premise_pool(shared: Path) -> list[str]:
    """Row ids of the premise pool: test10's pool less the tenth split and the premises of denial sets."""
    pool = premise_draws.remaining(test10_pool.premise_pool(shared), test10_pool.selection(shared))
    return premise_draws.remaining(pool, test10_pool.in_denial_sets(shared, pool))


DRAW = premise_draws.Draw(premise_pool, OFFSETS, STEP)
selection = DRAW.selection
main = DRAW.main


if __name__ == "__main__":
    sys.exit(main())
