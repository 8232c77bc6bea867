"""The item pool and fixed selection rule of the tenth blind test split (`gold-test10/`).

`python -m eval.claims.test10_pool` prints the pool size and the selected items. The rule was fixed
and committed before any text of the pool was read (so the split is not chosen for richness;
zero-stance items are kept, they score false alarms). DACCORD premises only
(`daccord-premise/<id>`, see `texts.py`): the pool of `test9_pool.premise_pool()`, less every
premise item of the ninth split and less every premise that occurs in a denial set
(`denials/*.jsonl`: the premise inside a sentence or a sentence inside the premise; two premises of
the ninth split were such sentences, which rules may have been tuned on). The selection is
`pool[3::11]` then `pool[7::11]` then `pool[10::11]`, in that order, every drawn item kept.

Reads no Filigrane code.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from eval.claims import premise_draws, test9_pool, texts

STEP = 11
OFFSETS = (3, 7, 10)
DENIALS = Path(__file__).resolve().parent / "denials"


def denial_sentences() -> list[str]:
    """Every sentence of every denial set (`denials/*.jsonl`), in file order."""
    return [
        json.loads(line)["sentence"]
        for path in sorted(DENIALS.glob("*.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]


def in_denial_sets(shared: Path, row_ids: list[str]) -> list[str]:
    """Item names of the premises among `row_ids` that occur in a denial set, or hold one of its sentences."""
    sentences = denial_sentences()
    found = []
    for row_id in row_ids:
        item = f"{premise_draws.PREFIX}{row_id}"
        premise = texts.canonical_text(item, shared).strip()
        if any(premise in sentence or sentence in premise for sentence in sentences):
            found.append(item)
    return found


@premise_draws.once
def premise_pool(shared: Path) -> list[str]:
    """Row ids of the premise pool: test9's pool less the ninth split and the premises of denial sets."""
    pool = premise_draws.remaining(test9_pool.premise_pool(shared), test9_pool.selection(shared))
    return premise_draws.remaining(pool, in_denial_sets(shared, pool))


DRAW = premise_draws.Draw(premise_pool, OFFSETS, STEP)
selection = DRAW.selection
main = DRAW.main


if __name__ == "__main__":
    sys.exit(main())
