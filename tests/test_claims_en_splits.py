"""The English claims splits (extraction-en articles, `en_pool`) keep their rule, pipeline not run:
90 articles of 600 to 3,500 characters none of which the repository cites, even positions dev and
odd test, the 41 longer English ones for en-test2, golds holding exactly the drawn items, and English
figures on the items in English only. Scoring en-test and en-test2 is done once each, with frozen
rules, by `python -m eval.claims_eval --split en-test` (`en-test2`)."""

from __future__ import annotations

from pathlib import Path

import pytest
from eval.claims import check_gold, en_pool, texts

from tests.conftest import require_shared

GOLD = Path(check_gold.__file__).resolve().parent


def _shared() -> Path:
    return require_shared("eval", "extraction-en").parents[1]


@pytest.mark.shared
def test_pool_and_halves() -> None:
    shared = _shared()
    pool = en_pool.article_pool(shared)
    assert len(pool) == 90 and not en_pool.CITED_IN_REPO & set(pool)
    dev, test = en_pool.selection(shared, "en-dev"), en_pool.selection(shared, "en-test")
    assert len(dev) == len(test) == 45 and not set(dev) & set(test)
    for item in dev + test:
        assert en_pool.MIN_CHARS <= len(texts.canonical_text(item, shared)) <= en_pool.MAX_CHARS
    longer = en_pool.selection(shared, "en-test2")  # the longer English articles no one has read
    assert len(longer) == 41 and not set(longer) & set(dev + test)
    assert not {item.partition("/")[2] for item in longer} & (en_pool.CITED_IN_REPO | en_pool.READ_BY_THE_LEAD)
    for item in longer:
        text = texts.canonical_text(item, shared)
        assert en_pool.MAX_CHARS < len(text) <= en_pool.MAX_CHARS_2 and en_pool.in_english(text)


@pytest.mark.shared
@pytest.mark.parametrize(("split", "english"), [("en-dev", 37), ("en-test", 38), ("en-test2", 41)])
def test_gold_holds_the_draw_and_scores_the_english_items(split: str, english: int) -> None:
    from eval import claims_eval

    shared = _shared()
    folder = GOLD / f"gold-{split}"
    assert sorted(g["item"] for g in check_gold.load_gold(folder)) == sorted(en_pool.selection(shared, split))
    assert check_gold.main(["--dir", str(folder)]) == 0
    scored = claims_eval.load_gold(split)
    assert len(scored) == english
    assert all(en_pool.in_english(texts.canonical_text(g["item"], shared)) for g in scored)


def test_language_test_reads_the_text() -> None:
    assert en_pool.in_english("The minister said on Tuesday that the bridge would reopen next week.")
    assert not en_pool.in_english("Le ministre a déclaré mardi que le pont rouvrirait la semaine prochaine.")
