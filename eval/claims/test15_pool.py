"""The item pool and fixed selection rule of the fifteenth blind test split (`gold-test15/`).

`python -m eval.claims.test15_pool` prints the pool size and the selected items. The rule was fixed
and committed before any text of the pool was read. No French text of `../shared` is left unread
but the DACCORD circulating claims the fourteenth split did not draw: claims without a reporting
cue or a quotation mark (the fourteenth split took every claim with one, and every tenth of the
others). This split takes them all: mostly plain statements, where every stance Filigrane finds is
a false alarm unless the annotator finds it too, and the few stances such claims hold (a document
that shows, a holder without a cue word the pattern knows).

Pool: the fourteenth split's pool (`test14_pool.claim_pool`, same exclusions: any claims or
techniques gold, any denial set, the ids the repository cited), less the fourteenth split's own
items, less the ids in `READ_BY_THE_LEAD`: seven claims whose Filigrane report the lead read as a
new user after the fourteenth split was scored (2026-12-05). The repository cites no other id or
opening words of the pool at the time of this rule (checked on every tracked file outside the golds
and `eval/results/`).

Selection: every claim of the pool, in id order.

Reads no Filigrane code.
"""

from __future__ import annotations

import sys
from pathlib import Path

from eval.claims import test14_pool
from eval.shared import shared_dir

PREFIX = "daccord/"
#: Claims whose Filigrane output the lead read (the new-user trial of the fourteenth split's stop).
READ_BY_THE_LEAD = frozenset(["a084", "a106", "a132", "a148", "a194", "a218", "a232"])


def selection(shared: Path) -> list[str]:
    """Item names of the split: every claim the fourteenth split left, but those the lead read."""
    drawn = {item.removeprefix(PREFIX) for item in test14_pool.selection(shared)}
    return [
        f"{PREFIX}{row_id}"
        for row_id in test14_pool.claim_pool(shared)
        if row_id not in drawn and row_id not in READ_BY_THE_LEAD
    ]


def main() -> int:
    shared = shared_dir()
    items = selection(shared)
    print(f"selected: {len(items)} claims")
    for item in items:
        print(item)
    return 0


if __name__ == "__main__":
    sys.exit(main())
