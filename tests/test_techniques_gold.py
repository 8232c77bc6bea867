"""The techniques gold (issue 12) stays valid: offsets, hashes, names, paragraph labels from spans."""

from __future__ import annotations

from pathlib import Path

import pytest
from eval.shared import shared_dir
from eval.techniques import build_gold, check_gold
from eval.techniques.examples import guide_examples
from eval.techniques.paragraphs import lines, paragraphs, unit_labels
from eval.techniques.taxonomy import CATEGORIES, TECHNIQUES

from tests.conftest import require_shared


@pytest.mark.shared
@pytest.mark.parametrize(
    "folder",
    [check_gold.GOLD_DIR, check_gold.TEST_DIR, check_gold.TEST2_DIR, check_gold.TEST3_DIR],
    ids=["dev", "test", "test2", "test3"],
)
def test_gold_validates(folder: Path) -> None:
    require_shared("corpus", "seeds")
    assert check_gold.main(["--dir", str(folder)]) == 0


def test_taxonomy_is_semeval_2023() -> None:
    assert len(TECHNIQUES) == 23 == len(set(TECHNIQUES))
    assert len(CATEGORIES) == 6


def test_paragraphs_are_the_blank_line_split() -> None:
    text = "Titre\n\n  Premier paragraphe.\nsuite\n\n\n\nDernier. "
    assert [text[a:b] for a, b in paragraphs(text)] == ["Titre", "Premier paragraphe.\nsuite", "Dernier."]
    assert [text[a:b] for a, b in lines(text)] == ["Titre", "Premier paragraphe.", "suite", "Dernier."]
    spans = [{"technique": "Doubt", "start": text.index("paragraphe"), "end": text.index("suite") + 2}]
    assert unit_labels(lines(text), spans) == [set(), {"Doubt"}, {"Doubt"}, set()]


def test_builder_finds_spans_by_exact_text() -> None:
    blocks = build_gold.parse("== daccord/a002\nnotes: n\nDoubt | dite@2 | dite | x\n")
    assert blocks == [{"item": "daccord/a002", "notes": ["n"], "lines": ["Doubt | dite@2 | dite | x"]}]
    text = "la coalition dite antiterroriste, la force dite\u00a0de paix"
    assert build_gold._locate(text, "force dite de paix") == (text.index("force"), "force dite\u00a0de paix")
    assert build_gold._locate(text, "dite@2")[0] == text.rindex("dite")
    with pytest.raises(build_gold.AnnotationError):
        build_gold._locate(text, "dite")


def test_splits_are_disjoint_and_large_enough() -> None:
    dev = {gold["item"] for gold in check_gold.load_gold(check_gold.GOLD_DIR)}
    test = {gold["item"] for gold in check_gold.load_gold(check_gold.TEST_DIR)}
    assert not dev & test
    assert len(dev) >= 45 and len(test) >= 15 and len(dev | test) >= 60
    assert {"seeds/000_7f05261461007bc0.txt", "seeds/004_fe368d068436f1eb.txt"} <= dev


def test_second_test_split_is_fresh_and_dense() -> None:
    """gold-test2 shares no item with the other techniques splits and holds enough labels to score per technique.

    (It was also drawn outside the claims gold; that is not checked here, since the claims gold may
    later take the same unused texts, which is no leak for the techniques scores.)
    """
    test2 = check_gold.load_gold(check_gold.TEST2_DIR)
    items = {gold["item"] for gold in test2}
    for folder in (check_gold.GOLD_DIR, check_gold.TEST_DIR):
        assert not items & {gold["item"] for gold in check_gold.load_gold(folder)}, folder
    assert all(not item.startswith("seeds/") for item in items)
    labels = [(gold["item"], p["index"], t) for gold in test2 for p in gold["paragraphs"] for t in p["techniques"]]
    assert len(items) >= 80 and len(labels) >= 120
    assert len({t for _, _, t in labels}) >= 15
    assert sum(not p["techniques"] for gold in test2 for p in gold["paragraphs"]) >= len(labels) // 4


def test_third_test_split_is_fresh_and_drawn_whole() -> None:
    """gold-test3 shares no item (nor DACCORD sentence) with the other techniques splits; it keeps its negatives.

    Drawn by a fixed rule (eval/techniques/test3_pool.py), so most items carry no technique; the rule
    drew stages until 15 items carried one.
    """
    test3 = check_gold.load_gold(check_gold.TEST3_DIR)
    items = {gold["item"] for gold in test3}
    others = [
        gold
        for folder in (check_gold.GOLD_DIR, check_gold.TEST_DIR, check_gold.TEST2_DIR)
        for gold in check_gold.load_gold(folder)
    ]
    assert not items & {gold["item"] for gold in others}
    assert not {gold["text_sha256"] for gold in test3} & {gold["text_sha256"] for gold in others}
    assert len({gold["text_sha256"] for gold in test3}) == len(test3)
    assert all(item.split("/")[0] in {"daccord", "europa-fr"} for item in items)
    assert len(items) >= 50 and sum(bool(gold["spans"]) for gold in test3) >= 15


@pytest.mark.shared
@pytest.mark.parametrize("split", ["test2", "test3"])
def test_blind_split_is_built_from_its_source(split: str) -> None:
    require_shared("eval", "daccord")
    source, folder = build_gold.SPLITS[split]
    text = (check_gold.GOLD_DIR.parent / source).read_text(encoding="utf-8")
    built = {gold["item"]: gold for gold in (build_gold.build_item(b, shared_dir()) for b in build_gold.parse(text))}
    stored = {gold["item"]: gold for gold in check_gold.load_gold(check_gold.GOLD_DIR.parent / folder)}
    assert built == stored


def test_guide_gives_three_bracketed_examples_per_technique() -> None:
    examples = guide_examples()
    assert len(examples) == 3 * len(TECHNIQUES)
    assert {e.technique for e in examples} == set(TECHNIQUES)
    for example in examples:
        assert example.spans and "[" not in example.text, example
        assert all(example.text[a:b].strip() == example.text[a:b] for a, b in example.spans)
    repetition = next(e for e in examples if e.technique == "Repetition")
    assert [repetition.text[a:b] for a, b in repetition.spans] == ["Ils ont menti", "ils ont menti"]
