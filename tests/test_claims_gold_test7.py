"""The seventh blind claims split (gold-test7: DACCORD premises) stays valid, pipeline not run.

Only the gold's format and its fixed selection rule are checked here: scoring it is done once, with
frozen rules, by `python -m eval.claims_eval --split test7`.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from eval.claims import check_gold, test3_pool, test4_pool, test5_pool, test6_pool, test7_pool, texts

from tests.conftest import require_shared

GOLD = Path(check_gold.__file__).resolve().parent / "gold-test7"


@pytest.mark.shared
def test_test7_gold_validates() -> None:
    require_shared("eval", "daccord")
    assert check_gold.main(["--dir", str(GOLD)]) == 0


@pytest.mark.shared
def test_test7_items_follow_the_selection_rule() -> None:
    shared = require_shared("eval", "daccord").parents[1]
    items = sorted(gold["item"] for gold in check_gold.load_gold(GOLD))
    assert items == sorted(test7_pool.selection(shared)) and len(items) >= 90
    assert {item.partition("/")[0] for item in items} == {"daccord-premise"}


@pytest.mark.shared
def test_test7_shares_no_text_with_earlier_splits() -> None:
    """No premise of the third to sixth split, nor of the rows the lead read, is drawn again."""
    shared = require_shared("eval", "daccord").parents[1]
    earlier_items = (
        test3_pool.selection(shared)
        + test4_pool.selection(shared)
        + test5_pool.selection(shared)
        + test6_pool.selection(shared)
    )
    earlier = {texts.canonical_text(item, shared) for item in earlier_items if item.startswith("daccord-premise/")}
    assert len(earlier) >= 320
    ids = {item.partition("/")[2] for item in test7_pool.selection(shared)}
    assert not ids & test4_pool.READ_BY_LEAD
    assert set(test7_pool.premise_pool(shared)) <= set(test6_pool.premise_pool(shared))
    for gold in check_gold.load_gold(GOLD):
        assert texts.canonical_text(gold["item"], shared) not in earlier, gold["item"]


def test_test7_pool_reads_no_pipeline() -> None:
    """The pool script reads no Filigrane code: the split stays blind."""
    source = Path(str(test7_pool.__file__)).read_text(encoding="utf-8")
    assert "import filigrane" not in source and "from filigrane" not in source
    earlier_offsets = {0, *test4_pool.OFFSETS, *test5_pool.OFFSETS, *test6_pool.OFFSETS}
    assert test7_pool.OFFSETS == (1, 7, 13) and not set(test7_pool.OFFSETS) & earlier_offsets
