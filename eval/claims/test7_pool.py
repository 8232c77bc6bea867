"""The item pool and fixed selection rule of the seventh blind test split (`gold-test7/`).

`python -m eval.claims.test7_pool` prints the pool size and the selected items. The rule was fixed
and committed before any text of the pool was read (so the split is not chosen for richness;
zero-stance items are kept, they score false alarms). DACCORD premises only
(`daccord-premise/<id>`, see `texts.py`): the pool of `test6_pool.premise_pool()`, less every
premise item of the sixth split. The selection is `pool[1::17]` then `pool[7::17]` then
`pool[13::17]`, in that order, every drawn item kept: offsets disjoint from the 0 of the third
split, the 5 and 11 of the fourth, the 2 and 8 of the fifth and the 4, 10 and 14 of the sixth
(their step was 17 too).

Reads no Filigrane code.
"""

from __future__ import annotations

import sys
from pathlib import Path

from eval.claims import premise_draws, test6_pool

STEP = 17
OFFSETS = (1, 7, 13)


@premise_draws.once
def premise_pool(shared: Path) -> list[str]:
    """Row ids of the premise pool: test6's pool less the sixth split's premises."""
    return premise_draws.remaining(test6_pool.premise_pool(shared), test6_pool.selection(shared))


DRAW = premise_draws.Draw(premise_pool, OFFSETS, STEP)
selection = DRAW.selection
main = DRAW.main


if __name__ == "__main__":
    sys.exit(main())
