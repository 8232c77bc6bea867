"""The third blind claims split (gold-test3, DACCORD premises) stays valid, without running the pipeline.

Only the gold's format and its fixed selection rule are checked here: scoring it is done once, with
frozen rules, by `python -m eval.claims_eval --split test3`.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from eval.claims import check_gold, test3_pool, texts

from tests.conftest import require_shared

GOLD = Path(check_gold.__file__).resolve().parent / "gold-test3"


@pytest.mark.shared
def test_test3_gold_validates() -> None:
    require_shared("eval", "daccord")
    assert check_gold.main(["--dir", str(GOLD)]) == 0


@pytest.mark.shared
def test_test3_items_follow_the_selection_rule() -> None:
    shared = require_shared("eval", "daccord").parents[1]
    items = sorted(gold["item"] for gold in check_gold.load_gold(GOLD))
    assert items == test3_pool.selection(shared) and len(items) >= 45
    assert all(item.startswith("daccord-premise/") for item in items)


@pytest.mark.shared
def test_test3_premises_repeat_no_claim_text() -> None:
    """A premise item never has the text of a DACCORD claim, the kind the other splits draw from."""
    table = require_shared("eval", "daccord") / "daccord_dataset.tsv"
    with table.open(encoding="utf-8", newline="") as handle:
        claims = {" ".join(row["hypothesis"].split()) for row in csv.DictReader(handle, delimiter="\t")}
    for gold in check_gold.load_gold(GOLD):
        assert " ".join(texts.canonical_text(gold["item"]).split()) not in claims, gold["item"]


@pytest.mark.shared
def test_a_premise_is_keyed_by_its_first_row_only() -> None:
    table = require_shared("eval", "daccord") / "daccord_dataset.tsv"
    with table.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    seen: dict[str, dict[str, str]] = {}
    for row in rows:
        if row["premise"].strip() in seen:
            first, later = seen[row["premise"].strip()], row
            break
        seen[row["premise"].strip()] = row
    assert texts.daccord_premise(table, first["id"]) == first["premise"].strip()
    with pytest.raises(ValueError, match="first row"):
        texts.daccord_premise(table, later["id"])


def test_test3_gold_has_zero_stance_items_and_ordered_ids() -> None:
    golds = check_gold.load_gold(GOLD)
    assert len(golds) >= 45 and any(not gold["stances"] for gold in golds) and any(gold["stances"] for gold in golds)
    for gold in golds:
        assert [st["id"] for st in gold["stances"]] == [f"s{n}" for n in range(1, len(gold["stances"]) + 1)]
        starts = [st["content_start"] for st in gold["stances"]]
        assert starts == sorted(starts), gold["item"]


def test_test3_fails_clearly_when_absent(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from eval import claims_eval

    monkeypatch.setitem(claims_eval.GOLD_DIRS, "test3", tmp_path / "gold-test3")
    assert claims_eval.main(["--split", "test3"]) == 2
    assert claims_eval.RESULTS["test3"].name == "claims-test3.json"


def test_test3_pool_reads_no_pipeline() -> None:
    """The pool script and the canonical texts read no Filigrane code: the split stays blind."""
    for module in (test3_pool, texts):
        source = Path(str(module.__file__)).read_text(encoding="utf-8")
        assert "import filigrane" not in source and "from filigrane" not in source, module.__name__
