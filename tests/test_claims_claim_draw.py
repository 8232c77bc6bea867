"""The fourteenth blind claims split (DACCORD circulating claims, `test14_pool`) keeps its rule,
pipeline not run: 127 drawn claims, none of any claims or techniques gold (by id or by text), none
of a denial set, none the repository cites, the claims with a cue first, and a gold holding exactly
the drawn claims. Scoring it is done once, with frozen rules, by `python -m eval.claims_eval --split
test14`."""

from __future__ import annotations

from pathlib import Path

import pytest
from eval.claims import check_gold, test2_pool, test10_pool, test14_pool, texts

from tests.conftest import require_shared

ITEMS = 127
GOLD = Path(check_gold.__file__).resolve().parent / "gold-test14"


def _shared() -> Path:
    return require_shared("eval", "daccord").parents[1]


def _claim(shared: Path, item: str) -> str:
    return texts.canonical_text(item, shared)


@pytest.mark.shared
def test_selection_has_127_claims_and_the_gold_holds_them() -> None:
    shared = _shared()
    items = test14_pool.selection(shared)
    assert len(items) == ITEMS == len(set(items))
    assert {item.partition("/")[0] for item in items} == {"daccord"}
    assert sorted(gold["item"] for gold in check_gold.load_gold(GOLD)) == sorted(items)
    assert check_gold.main(["--dir", str(GOLD)]) == 0


@pytest.mark.shared
def test_no_claim_of_another_gold() -> None:
    shared = _shared()
    root = test14_pool.ROOT
    other_ids = {
        path.stem.removeprefix("daccord__")
        for pattern in test14_pool.GOLD_GLOBS
        for folder in root.glob(pattern)
        if folder.name != "gold-test14"
        for path in folder.glob("daccord__*.json")
    }
    assert other_ids, "no earlier gold holds a DACCORD claim: the check would be empty"
    table = shared / "eval" / "daccord" / "daccord_dataset.tsv"
    other_texts = {texts.daccord_claim(table, row_id) for row_id in other_ids}
    for item in test14_pool.selection(shared):
        assert item.partition("/")[2] not in other_ids, item
        assert _claim(shared, item) not in other_texts, item


@pytest.mark.shared
def test_no_claim_of_a_denial_set() -> None:
    shared = _shared()
    sentences = test10_pool.denial_sentences()
    assert any(path.name == "test14.jsonl" for path in test10_pool.DENIALS.glob("*.jsonl"))
    for item in test14_pool.selection(shared):
        claim = _claim(shared, item)
        assert not any(claim in sentence or sentence in claim for sentence in sentences), item


@pytest.mark.shared
def test_no_claim_the_repository_cites() -> None:
    shared = _shared()
    ids = {item.partition("/")[2] for item in test14_pool.selection(shared)}
    assert not ids & test14_pool.CITED_IN_REPO


@pytest.mark.shared
def test_claims_with_a_cue_come_first() -> None:
    shared = _shared()
    cued = [bool(test2_pool.CUE.search(_claim(shared, item))) for item in test14_pool.selection(shared)]
    assert cued == sorted(cued, reverse=True)
    assert any(cued) and not all(cued)


def test_pool_script_reads_no_pipeline() -> None:
    source = Path(str(test14_pool.__file__)).read_text(encoding="utf-8")
    assert "import filigrane" not in source and "from filigrane" not in source


@pytest.mark.shared
def test_fifteenth_split_takes_every_claim_the_fourteenth_left() -> None:
    """test15: the fourteenth's pool less its items and the seven the lead read, all without a cue;
    its gold holds exactly them."""
    from eval.claims import test15_pool

    shared = _shared()
    items = test15_pool.selection(shared)
    drawn = set(test14_pool.selection(shared))
    assert len(items) == 257 == len(set(items)) and not drawn & set(items)
    assert not {item.removeprefix("daccord/") for item in items} & test15_pool.READ_BY_THE_LEAD
    assert not any(test2_pool.CUE.search(_claim(shared, item)) for item in items)
    folder = GOLD.parent / "gold-test15"
    assert sorted(gold["item"] for gold in check_gold.load_gold(folder)) == sorted(items)
    assert check_gold.main(["--dir", str(folder)]) == 0
