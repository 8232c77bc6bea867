"""The sixth blind claims split (gold-test6: DACCORD premises) stays valid, pipeline not run.

Only the gold's format and its fixed selection rule are checked here: scoring it is done once, with
frozen rules, by `python -m eval.claims_eval --split test6`.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from eval.claims import check_gold, test3_pool, test4_pool, test5_pool, test6_pool, texts

from tests.conftest import require_shared

GOLD = Path(check_gold.__file__).resolve().parent / "gold-test6"


@pytest.mark.shared
def test_test6_gold_validates() -> None:
    require_shared("eval", "daccord")
    assert check_gold.main(["--dir", str(GOLD)]) == 0


@pytest.mark.shared
def test_test6_items_follow_the_selection_rule() -> None:
    shared = require_shared("eval", "daccord").parents[1]
    items = sorted(gold["item"] for gold in check_gold.load_gold(GOLD))
    assert items == sorted(test6_pool.selection(shared)) and len(items) >= 100
    assert {item.partition("/")[0] for item in items} == {"daccord-premise"}


@pytest.mark.shared
def test_test6_shares_no_text_with_earlier_splits() -> None:
    """No premise of the third, fourth or fifth split, nor of the rows the lead read, is drawn again."""
    shared = require_shared("eval", "daccord").parents[1]
    earlier = {
        texts.canonical_text(item, shared)
        for item in test3_pool.selection(shared) + test4_pool.selection(shared) + test5_pool.selection(shared)
        if item.startswith("daccord-premise/")
    }
    assert len(earlier) >= 220
    ids = {item.partition("/")[2] for item in test6_pool.selection(shared)}
    assert not ids & test4_pool.READ_BY_LEAD
    assert set(test6_pool.premise_pool(shared)) <= set(test5_pool.premise_pool(shared))
    for gold in check_gold.load_gold(GOLD):
        assert texts.canonical_text(gold["item"], shared) not in earlier, gold["item"]


def test_test6_pool_reads_no_pipeline() -> None:
    """The pool script reads no Filigrane code: the split stays blind."""
    source = Path(str(test6_pool.__file__)).read_text(encoding="utf-8")
    assert "import filigrane" not in source and "from filigrane" not in source
    earlier_offsets = {0, *test4_pool.OFFSETS, *test5_pool.OFFSETS}
    assert test6_pool.OFFSETS == (4, 10, 14) and not set(test6_pool.OFFSETS) & earlier_offsets
