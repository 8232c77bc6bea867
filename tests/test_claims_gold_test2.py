"""The second blind claims split (gold-test2) and its denial set stay valid, without running the pipeline.

Only the gold's format is checked (offsets inside the canonical text, required fields, enums, the
fixed selection rule): scoring it is done once, with frozen rules, by the evaluation script.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from eval import shared
from eval.claims import check_gold, test2_pool, texts

from tests.conftest import require_shared

GOLD = Path(check_gold.__file__).resolve().parent / "gold-test2"
DENIALS = Path(check_gold.__file__).resolve().parent / "denials" / "test2.jsonl"
OTHER_DENIALS = ("dev.jsonl", "test.jsonl")


def _denial_lines(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.shared
def test_test2_gold_validates() -> None:
    require_shared("eval", "europa-fr")
    assert check_gold.main(["--dir", str(GOLD)]) == 0


@pytest.mark.shared
def test_test2_items_follow_the_selection_rule() -> None:
    shared = require_shared("eval", "daccord").parents[1]
    items = sorted(check_gold.load_gold(GOLD), key=lambda gold: gold["item"])
    assert [gold["item"] for gold in items] == sorted(test2_pool.selection(shared))
    assert len(items) >= 40


def test_test2_gold_fields() -> None:
    golds = check_gold.load_gold(GOLD)
    assert len(golds) >= 40
    stances = [st for gold in golds for st in gold["stances"]]
    assert stances and any(not gold["stances"] for gold in golds), "zero-stance items are part of the split"
    for st in stances:
        assert set(st) == check_gold.STANCE_KEYS, st["id"]
        assert st["kind"] in check_gold.KINDS and st["holder_kind"] in check_gold.HOLDER_KINDS
        assert st["polarity"] in check_gold.POLARITIES and st["certainty"] in check_gold.CERTAINTIES
        assert st["content_start"] < st["content_end"] and isinstance(st["negated"], bool)
        assert (any(m["type"] == "denial" for m in st["markers"])) == (st["polarity"] == "denies"), st["id"]
        if st["holder"] is not None:
            assert any(c.isalpha() for c in st["holder"]) and st["holder"].lower() not in {"il", "elle", "lui"}


def test_test2_gold_is_disjoint_from_other_golds() -> None:
    used = test2_pool.used_stems()
    assert not {path.stem for path in GOLD.glob("*.json")} & used


def test_test2_denial_set() -> None:
    assert check_gold.check_denials(DENIALS) == []
    sentences = {line["sentence"] for line in _denial_lines(DENIALS)}
    others = {line["sentence"] for name in OTHER_DENIALS for line in _denial_lines(DENIALS.with_name(name))}
    assert not others & sentences, "fresh sentences, not copies of dev/test"


def test_test2_checks_import_no_pipeline() -> None:
    """The validator, the canonical texts and the pool script read no Filigrane code: the split stays blind."""
    for module in (check_gold, test2_pool, texts, shared):
        source = Path(str(module.__file__)).read_text(encoding="utf-8")
        assert "import filigrane" not in source and "from filigrane" not in source, module.__name__
