"""The item pool and fixed selection rule of the sixth blind test split (`gold-test6/`).

`python -m eval.claims.test6_pool` prints the pool size and the selected items. The rule was fixed
and committed before any text of the pool was read (so the split is not chosen for richness;
zero-stance items are kept, they score false alarms). DACCORD premises only
(`daccord-premise/<id>`, see `texts.py`): the pool of `test5_pool.premise_pool()` (test4's pool
less the fourth split's premises), less every premise item of the fifth split. The selection is
`pool[4::17]` then `pool[10::17]` then `pool[14::17]`, in that order, every drawn item kept:
offsets disjoint from the 0 of the third split, the 5 and 11 of the fourth and the 2 and 8 of the
fifth (their step was 17 too).

Reads no Filigrane code.
"""

from __future__ import annotations

import sys
from pathlib import Path

from eval.claims import premise_draws, test5_pool

STEP = 17
OFFSETS = (4, 10, 14)


@premise_draws.once
def premise_pool(shared: Path) -> list[str]:
    """Row ids of the premise pool: test5's pool less the fifth split's premises."""
    return premise_draws.remaining(test5_pool.premise_pool(shared), test5_pool.selection(shared))


DRAW = premise_draws.Draw(premise_pool, OFFSETS, STEP)
selection = DRAW.selection
main = DRAW.main


if __name__ == "__main__":
    sys.exit(main())
