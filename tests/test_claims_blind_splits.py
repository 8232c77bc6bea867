"""What every blind claims split made of DACCORD premises (test5 on), claims (test14, test15) or English
articles (en-dev, en-test, en-test2) must keep, pipeline not run: ordered stance ids and zero-stance items in
its gold, a clear refusal to score without its gold or denial set, and a valid denial set of its
own. Each split's selection rule and offsets are checked in `test_claims_premise_draws.py`
(test14's in `test_claims_claim_draw.py`, the English splits' in `test_claims_en_splits.py`)."""

from __future__ import annotations

from pathlib import Path

import pytest
from eval.claims import check_gold

#: Each split: the fewest gold items and the fewest denial-set sentences its brief asked for.
SPLITS = {
    "test5": (80, 60),
    "test6": (100, 66),
    "test7": (90, 66),
    "test8": (70, 66),
    "test9": (75, 70),
    "test10": (68, 70),
    "test11": (60, 70),
    "test12": (48, 70),
    "test13": (76, 72),
    "test14": (127, 72),
    "test15": (257, 72),
    "en-dev": (45, 40),
    "en-test": (45, 64),
    "en-test2": (41, 64),
}


def gold_dir(split: str) -> Path:
    return Path(check_gold.__file__).resolve().parent / f"gold-{split}"


@pytest.mark.parametrize("split", SPLITS)
def test_gold_has_zero_stance_items_and_ordered_ids(split: str) -> None:
    golds = check_gold.load_gold(gold_dir(split))
    assert len(golds) >= SPLITS[split][0]
    assert any(not gold["stances"] for gold in golds) and any(gold["stances"] for gold in golds)
    for gold in golds:
        assert [st["id"] for st in gold["stances"]] == [f"s{n}" for n in range(1, len(gold["stances"]) + 1)]
        starts = [st["content_start"] for st in gold["stances"]]
        assert starts == sorted(starts), gold["item"]


@pytest.mark.parametrize("split", SPLITS)
def test_split_fails_clearly_when_absent(split: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The split is scored with its own denial set; a missing gold or denial set scores nothing."""
    from eval import claims_eval

    assert split in claims_eval.BLIND_SPLITS and claims_eval.GOLD_DIRS[split] == gold_dir(split)
    assert claims_eval.SPLIT_DENIALS[split].name == f"{split}.jsonl" and claims_eval.SPLIT_DENIALS[split].exists()
    assert claims_eval.RESULTS[split].name == f"claims-{split}.json"
    monkeypatch.setitem(claims_eval.SPLIT_DENIALS, split, tmp_path / f"{split}.jsonl")
    assert claims_eval.main(["--split", split]) == 2
    monkeypatch.setitem(claims_eval.GOLD_DIRS, split, tmp_path / f"gold-{split}")
    assert claims_eval.main(["--split", split]) == 2


@pytest.mark.parametrize("split", SPLITS)
def test_denial_set_is_valid_and_new(split: str) -> None:
    """Enough sentences, half denials, none taken from an earlier denial set."""
    from eval import claims_eval

    path = claims_eval.SPLIT_DENIALS[split]
    assert check_gold.check_denials(path) == []
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(lines) >= SPLITS[split][1] and not check_gold.shared_sentences(path)
