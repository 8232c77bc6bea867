"""The twelfth blind claims split (gold-test12: DACCORD premises) stays valid, pipeline not run.

Only the gold's format and its fixed selection rule are checked here: scoring it is done once, with
frozen rules, by `python -m eval.claims_eval --split test12`.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from eval.claims import (
    check_gold,
    test3_pool,
    test4_pool,
    test5_pool,
    test6_pool,
    test7_pool,
    test8_pool,
    test9_pool,
    test10_pool,
    test11_pool,
    test12_pool,
    texts,
)

from tests.conftest import require_shared

GOLD = Path(check_gold.__file__).resolve().parent / "gold-test12"


@pytest.mark.shared
def test_test12_gold_validates() -> None:
    require_shared("eval", "daccord")
    assert check_gold.main(["--dir", str(GOLD)]) == 0


@pytest.mark.shared
def test_test12_items_follow_the_selection_rule() -> None:
    shared = require_shared("eval", "daccord").parents[1]
    items = sorted(gold["item"] for gold in check_gold.load_gold(GOLD))
    assert items == sorted(test12_pool.selection(shared)) and len(items) >= 48
    assert {item.partition("/")[0] for item in items} == {"daccord-premise"}


@pytest.mark.shared
def test_test12_shares_no_text_with_earlier_splits() -> None:
    """No premise of the third to eleventh split, nor of the premises the lead read, is drawn again."""
    shared = require_shared("eval", "daccord").parents[1]
    earlier_items = (
        test3_pool.selection(shared)
        + test4_pool.selection(shared)
        + test5_pool.selection(shared)
        + test6_pool.selection(shared)
        + test7_pool.selection(shared)
        + test8_pool.selection(shared)
        + test9_pool.selection(shared)
        + test10_pool.selection(shared)
        + test11_pool.selection(shared)
        + test9_pool.read_by_lead(shared)
    )
    earlier = {texts.canonical_text(item, shared) for item in earlier_items if item.startswith("daccord-premise/")}
    assert len(earlier) >= 650
    ids = {item.partition("/")[2] for item in test12_pool.selection(shared)}
    assert not ids & test4_pool.READ_BY_LEAD
    assert not set(test12_pool.selection(shared)) & set(test9_pool.read_by_lead(shared))
    assert set(test12_pool.premise_pool(shared)) <= set(test11_pool.premise_pool(shared))
    for gold in check_gold.load_gold(GOLD):
        assert texts.canonical_text(gold["item"], shared) not in earlier, gold["item"]


@pytest.mark.shared
def test_test12_has_no_premise_of_a_denial_set() -> None:
    """No premise of the split occurs in a denial set (nor holds one of its sentences), test12's own included."""
    shared = require_shared("eval", "daccord").parents[1]
    ids = [item.partition("/")[2] for item in test12_pool.selection(shared)]
    assert test10_pool.in_denial_sets(shared, ids) == []


def test_test12_pool_reads_no_pipeline() -> None:
    """The pool script reads no Filigrane code and draws at its own offsets of a new step."""
    source = Path(str(test12_pool.__file__)).read_text(encoding="utf-8")
    assert "import filigrane" not in source and "from filigrane" not in source
    assert test12_pool.OFFSETS == (1, 3) and test12_pool.STEP == 5
