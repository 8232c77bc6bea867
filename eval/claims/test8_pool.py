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

from eval.claims import premise_draws, test7_pool

STEP = 17
OFFSETS = (6, 12, 16)


@premise_draws.once
def premise_pool(shared: Path) -> list[str]:
    """Row ids of the premise pool: test7's pool less the seventh split's premises."""
    return premise_draws.remaining(test7_pool.premise_pool(shared), test7_pool.selection(shared))


DRAW = premise_draws.Draw(premise_pool, OFFSETS, STEP)
selection = DRAW.selection
main = DRAW.main


if __name__ == "__main__":
    sys.exit(main())
