"""The item pool and fixed selection rule of the fourteenth blind test split (`gold-test14/`).

`python -m eval.claims.test14_pool` prints the pool size and the selected items. The rule was fixed
and committed before any text of the pool was read. No DACCORD premise is left unread (test13 took
the last), so this split draws the other kind of DACCORD text the issue names: the circulating
claims (`daccord/<id>`, the `hypothesis` field, see `texts.py`), short social-media statements.

Pool: each distinct claim text, keyed by its first row id in id order, less

- every claim whose row id names an item of a claims or techniques gold (`daccord__<id>.json` in
  `eval/claims/gold*` or `eval/techniques/gold*`, this split's own `gold-test14/` and the fifteenth
  split's `gold-test15/` left aside), or
  whose text equals such an item's text;
- every claim that occurs in a denial set (`denials/*.jsonl`: the claim inside a sentence or a
  sentence inside the claim);
- the row ids in `CITED_IN_REPO`: ids or opening words found, when this rule was written, in a
  tracked file of the repository outside the golds and `eval/results/` (a text the project cites
  may have been read with Filigrane's output). Frozen as a list, so that the split's own files,
  which name its items, do not change the pool.

Selection, in pool order: every claim of the pool with a quotation mark or a reporting or denial
cue (`test2_pool.CUE`), then every tenth claim without one (offset 0), which scores false alarms.

Reads no Filigrane code.
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

from eval.claims import test2_pool, test10_pool, texts
from eval.shared import shared_dir

ROOT = Path(__file__).resolve().parents[2]
GOLD_GLOBS = ("eval/claims/gold*", "eval/techniques/gold*")
#: This split's own gold folder, and the fifteenth split's, drawn from what this one left
#: (`test15_pool`): their files name drawn items and must not take them out of this pool.
OWN_GOLDS = ("gold-test14", "gold-test15")
PREFIX = "daccord/"
WITHOUT_CUE_STEP = 10
CITED_IN_REPO = frozenset(
    [
        "a070",
        "a163",
        "a183",
        "a185",
        "a207",
        "a282",
        "a340",
        "a385",
        "a405",
        "a421",
        "a431",
        "a433",
        "a435",
        "b099",
        "b109",
        "b123",
        "b147",
        "b181",
        "b209",
        "b218",
        "b242",
        "b277",
        "b409",
        "b427",
        "c023",
    ]
)


def gold_row_ids(root: Path = ROOT) -> set[str]:
    """Row ids of the DACCORD claims any claims or techniques gold holds."""
    return {
        path.stem.removeprefix("daccord__")
        for pattern in GOLD_GLOBS
        for folder in root.glob(pattern)
        if folder.name not in OWN_GOLDS
        for path in folder.glob("daccord__*.json")
    }


@cache
def claim_pool(shared: Path) -> tuple[str, ...]:
    """Row ids of the pool, in id order (see the module docstring)."""
    rows = texts._daccord_rows(shared / "eval" / "daccord" / "daccord_dataset.tsv")
    first: dict[str, str] = {}
    for row_id, _, claim in sorted(rows):
        first.setdefault(claim, row_id)
    used = gold_row_ids()
    used_texts = {claim for row_id, _, claim in rows if row_id in used}
    sentences = test10_pool.denial_sentences()
    return tuple(
        row_id
        for claim, row_id in sorted(first.items(), key=lambda pair: pair[1])
        if row_id not in used
        and row_id not in CITED_IN_REPO
        and claim not in used_texts
        and not any(claim in sentence or sentence in claim for sentence in sentences)
    )


def selection(shared: Path) -> list[str]:
    """Item names of the split: the claims with a cue, then every tenth claim without one."""
    table = shared / "eval" / "daccord" / "daccord_dataset.tsv"
    pool = claim_pool(shared)
    cued = [row_id for row_id in pool if test2_pool.CUE.search(texts.daccord_claim(table, row_id))]
    plain = [row_id for row_id in pool if row_id not in set(cued)]
    return [f"{PREFIX}{row_id}" for row_id in cued + plain[::WITHOUT_CUE_STEP]]


def main() -> int:
    shared = shared_dir()
    items = selection(shared)
    print(f"claim pool: {len(claim_pool(shared))} claims; selected: {len(items)} items")
    for item in items:
        print(item)
    return 0


if __name__ == "__main__":
    sys.exit(main())
