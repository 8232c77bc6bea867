"""The item pool and fixed selection rule of the fifth blind test split (`gold-test5/`).

`python -m eval.claims.test5_pool` prints the pool size and the selected items. The rule was fixed
and committed before any text of the pool was read (so the split is not chosen for richness;
zero-stance items are kept, they score false alarms). DACCORD premises only
(`daccord-premise/<id>`, see `texts.py`): the pool of `test4_pool.premise_pool()` (test3's pool of
distinct premises keyed by their first row id, in id order, less the third split's 50 items and the
premises of the DACCORD rows the lead has read), less every premise item of the fourth split. The
selection is `pool[2::17]` then `pool[8::17]`, in that order, every drawn item kept: offsets
disjoint from the 0 of the third split and the 5 and 11 of the fourth (their step was 17 too).

Reads no Filigrane code.
"""

from __future__ import annotations

import sys
from pathlib import Path

from eval.claims import premise_draws, test4_pool

STEP = 17
OFFSETS = (2, 8)


@premise_draws.once
def premise_pool(shared: Path) -> list[str]:
    """Row ids of the premise pool: test4's pool less the fourth split's premises."""
    return premise_draws.remaining(test4_pool.premise_pool(shared), test4_pool.selection(shared))


DRAW = premise_draws.Draw(premise_pool, OFFSETS, STEP)
selection = DRAW.selection
main = DRAW.main


if __name__ == "__main__":
    sys.exit(main())
