"""The fourth blind claims split (gold-test4: DACCORD premises, europa-fr releases) stays valid, pipeline not run.

Only the gold's format and its fixed selection rule are checked here: scoring it is done once, with
frozen rules, by `python -m eval.claims_eval --split test4`.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from eval.claims import check_gold, test3_pool, test4_pool, texts

from tests.conftest import require_shared

GOLD = Path(check_gold.__file__).resolve().parent / "gold-test4"


@pytest.mark.shared
def test_test4_gold_validates() -> None:
    require_shared("eval", "daccord")
    require_shared("eval", "europa-fr", "reference")
    assert check_gold.main(["--dir", str(GOLD)]) == 0


@pytest.mark.shared
def test_test4_items_follow_the_selection_rule() -> None:
    shared = require_shared("eval", "daccord").parents[1]
    require_shared("eval", "europa-fr", "reference")
    items = sorted(gold["item"] for gold in check_gold.load_gold(GOLD))
    assert items == sorted(test4_pool.selection(shared)) and len(items) >= 90
    kinds = {item.partition("/")[0] for item in items}
    assert kinds == {"daccord-premise", "europa-fr"}


@pytest.mark.shared
def test_test4_shares_no_text_with_the_third_split_or_the_rows_the_lead_read() -> None:
    table = require_shared("eval", "daccord") / "daccord_dataset.tsv"
    shared = table.parents[2]
    with table.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    read = {row["premise"].strip() for row in rows if row["id"] in test4_pool.READ_BY_LEAD}
    third = {texts.canonical_text(item, shared) for item in test3_pool.selection(shared)}
    assert len(read) >= 20 and not set(test4_pool.premise_pool(shared)) & test4_pool.READ_BY_LEAD
    for gold in check_gold.load_gold(GOLD):
        if gold["item"].startswith("daccord-premise/"):
            assert texts.canonical_text(gold["item"], shared) not in third | read, gold["item"]


def test_test4_europa_releases_are_in_no_earlier_gold() -> None:
    named = {
        json.loads(path.read_text(encoding="utf-8"))["item"]
        for folder in test4_pool.EARLIER_GOLDS
        for path in folder.glob("*.json")
    }
    items = [gold["item"] for gold in check_gold.load_gold(GOLD)]
    assert any(item.startswith("europa-fr/") for item in items)
    assert not named & set(items)


def test_test4_gold_has_zero_stance_items_and_ordered_ids() -> None:
    golds = check_gold.load_gold(GOLD)
    assert len(golds) >= 90 and any(not gold["stances"] for gold in golds) and any(gold["stances"] for gold in golds)
    for gold in golds:
        assert [st["id"] for st in gold["stances"]] == [f"s{n}" for n in range(1, len(gold["stances"]) + 1)]
        starts = [st["content_start"] for st in gold["stances"]]
        assert starts == sorted(starts), gold["item"]


def test_test4_pool_reads_no_pipeline() -> None:
    """The pool script reads no Filigrane code: the split stays blind."""
    source = Path(str(test4_pool.__file__)).read_text(encoding="utf-8")
    assert "import filigrane" not in source and "from filigrane" not in source


def test_test4_fails_clearly_when_absent(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The split is scored with its own denial set; a missing gold or denial set scores nothing."""
    from eval import claims_eval

    assert claims_eval.SPLIT_DENIALS["test4"].name == "test4.jsonl" and claims_eval.SPLIT_DENIALS["test4"].exists()
    assert claims_eval.RESULTS["test4"].name == "claims-test4.json"
    monkeypatch.setitem(claims_eval.SPLIT_DENIALS, "test4", tmp_path / "test4.jsonl")
    assert claims_eval.main(["--split", "test4"]) == 2
    monkeypatch.setitem(claims_eval.GOLD_DIRS, "test4", tmp_path / "gold-test4")
    assert claims_eval.main(["--split", "test4"]) == 2


def test_test4_denial_set_is_valid() -> None:
    from eval import claims_eval

    assert check_gold.check_denials(claims_eval.SPLIT_DENIALS["test4"]) == []
