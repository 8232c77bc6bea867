"""Reposts and near-duplicates: RepostDetector on the demo corpus, edited copies and the shared benchmark."""

from __future__ import annotations

import numpy as np
import pytest

import filigrane
from filigrane.corpus_records import RepostGroup
from filigrane.provenance.reposts import RepostDetector
from tests.conftest import DEMO_CORPUS, require_shared


@pytest.fixture(scope="module")
def demo_texts() -> dict[str, filigrane.Document]:
    """The demo corpus, cleaned (no spaCy), keyed by the two-digit file prefix."""
    result = filigrane.analyze([DEMO_CORPUS], filigrane.PipelineOptions(nlp=False))
    assert not result.rejected
    return {doc.source.rsplit("/", 1)[-1][:2]: doc for doc in result.documents}


def _paragraphs(doc: filigrane.Document) -> list[str]:
    return [p for p in doc.text.split("\n\n") if p.strip()]


def test_demo_corpus_reposts_are_found_and_same_event_articles_kept_apart(
    demo_texts: dict[str, filigrane.Document],
) -> None:
    detector = RepostDetector()
    for key, doc in sorted(demo_texts.items()):
        detector.add(key, doc.text, date=doc.date)
    groups = detector.groups()
    assert sorted(sorted(g.documents) for g in groups) == [["01", "03"], ["06", "10"]]
    valmont = next(g for g in groups if "01" in g.documents)
    assert valmont.origin_document == "01"  # 01 is dated, its blog repost 03 is not
    assert valmont.similarity >= 0.8
    # 02 (RT-style account) and 08 (opinion piece) are about the same event: distinct articles.
    assert all("02" not in g.documents and "08" not in g.documents for g in groups)


def test_copy_with_dropped_paragraphs_new_title_and_boilerplate_is_grouped(
    demo_texts: dict[str, filigrane.Document],
) -> None:
    original = demo_texts["01"]
    _title, *body = _paragraphs(original)
    kept = [p for i, p in enumerate(body) if i not in (1, 4)]  # two of eight paragraphs dropped
    kept[2], kept[3] = kept[3], kept[2]  # and two swapped
    raw_copy = "\n\n".join(
        [
            *("Accueil", "Actualités", "Rechercher", "ILS VOUS MENTENT : la vérité sur Valmont"),
            *kept,
            *("Partager :", "Facebook", "Laisser un commentaire", "Connexion à %s"),
        ]
    )
    copy = filigrane.analyze([raw_copy], filigrane.PipelineOptions(nlp=False)).documents[0]
    detector = RepostDetector()
    detector.add("original", original.text, date="2025-03-14")
    detector.add("other", demo_texts["05"].text, date="2025-03-12")
    detector.add("copy", copy.text, date="2025-03-15")
    assert detector.groups() == [
        RepostGroup(["original", "copy"], "original", detector.groups()[0].similarity),
    ]
    assert detector.groups()[0].similarity >= 0.8


def test_truncated_copy_is_contained(demo_texts: dict[str, filigrane.Document]) -> None:
    original = demo_texts["06"].text
    _title, *body = original.split("\n\n")
    words = " ".join(body).split()
    truncated = "Légionellose à Montcerf\n\n" + " ".join(words[: int(0.6 * len(words))]) + " […]"
    detector = RepostDetector()
    full, full_size = detector.sketch(original)
    part, part_size = detector.sketch(truncated)
    jaccard = float((full == part).mean())
    assert part_size < 0.7 * full_size and jaccard < 0.75  # not a near-duplicate by Jaccard alone
    detector.add("truncated", truncated)
    detector.add("full", original)
    (group,) = detector.groups()
    assert group.documents == ["truncated", "full"]
    assert group.similarity >= 0.8  # containment of the truncated copy in the full text
    assert group.origin_document is None  # neither dated nor origin-signed


def test_distinct_articles_on_one_event_are_not_grouped(demo_texts: dict[str, filigrane.Document]) -> None:
    detector = RepostDetector()
    for key in ("01", "02", "08", "09"):
        detector.add(key, demo_texts[key].text)
    assert detector.groups() == []


def test_origin_document_rule() -> None:
    text = "Titre\n\n" + " ".join(f"mot{i}" for i in range(200))
    detector = RepostDetector()
    detector.add("late-signed", text, date="2025-03-16", origin_signed=True)
    detector.add("early", text, date="2025-03-14")
    detector.add("undated-signed", text, origin_signed=True)
    detector.add("undated", text)
    (group,) = detector.groups()
    assert group.documents == ["early", "late-signed", "undated-signed", "undated"]
    assert group.origin_document == "late-signed"  # an origin-signed copy wins over an earlier one
    assert group.similarity == pytest.approx(1.0)

    detector = RepostDetector()
    detector.add("b", text, date="2025-03-15")
    detector.add("a", text, date="2025-03-14")
    detector.add("c", text)
    assert detector.groups()[0].origin_document == "a"  # no signature: the earliest dated copy

    detector = RepostDetector()
    detector.add("b", text)
    detector.add("a", text)
    assert detector.groups()[0].origin_document is None  # no date, no signature
    assert detector.groups()[0].to_dict() == {"documents": ["b", "a"], "origin_document": None, "similarity": 1.0}


def test_empty_and_short_texts_do_not_crash() -> None:
    detector = RepostDetector()
    for doc_id, text in [("empty", ""), ("blank", "\n\n  \n"), ("one", "Bonjour"), ("two", "Bonjour à tous")]:
        detector.add(doc_id, text)
    detector.add("one-again", "Bonjour")
    assert len(detector) == 5
    assert detector.signature("").shape == (128,)
    # Tiny texts never reach the minimum overlap: nothing is grouped on one or two words.
    assert detector.groups() == []


def test_signatures_are_stable_and_title_insensitive() -> None:
    body = "\n\n".join(f"Paragraphe {i} : " + " ".join(f"mot{i}x{j}" for j in range(30)) for i in range(5))
    first, second = RepostDetector(seed=3), RepostDetector(seed=3)
    assert np.array_equal(first.signature("Un titre\n\n" + body), second.signature("Un autre titre\n\n" + body))
    assert first.signature(body).dtype == np.uint32


def test_index_survives_buffer_flushes() -> None:
    """Keys move from the dict buffer to the sorted arrays; lookups find them in both."""
    detector = RepostDetector(buffer_keys=64 * 3)  # flush every three documents
    texts = [f"Titre {n}\n\n" + " ".join(f"w{n}_{i}" for i in range(120)) for n in range(10)]
    for n, text in enumerate(texts):
        detector.add(f"doc{n}", text)
    for n in (0, 4, 9):
        detector.add(f"copy{n}", texts[n])
    groups = sorted(sorted(g.documents) for g in detector.groups())
    assert groups == [["copy0", "doc0"], ["copy4", "doc4"], ["copy9", "doc9"]]


@pytest.mark.shared
def test_repost_benchmark_on_shared_texts() -> None:
    require_shared("eval", "europa-fr")
    require_shared("eval", "extraction-en")
    require_shared("corpus", "seeds")
    from eval.reposts import evaluate

    results = evaluate(seed=7, with_copies=150, extra_seeds=(), verbose=False)
    default = results["methods"]["Filigrane, containment >= 0.5 (default)"]
    assert default["f1"] >= 0.97
    assert default["precision"] >= 0.99
    assert default["distinct_articles_merged"] == []
    assert default["singletons_kept_alone"] == default["singletons"]
    assert not results["seeds_merged"]
    baseline = results["methods"].get("MinHash LSH, Jaccard >= 0.8 (datasketch)")  # absent without datasketch
    assert default["f1"] > results["methods"]["exact duplicates (normalised body)"]["f1"] + 0.5
    if baseline is not None:
        assert default["f1"] > baseline["f1"] + 0.3


@pytest.mark.shared
def test_the_two_seeds_are_not_grouped(seeds_dir: object) -> None:
    result = filigrane.analyze([seeds_dir], filigrane.PipelineOptions(nlp=False))
    detector = RepostDetector()
    for doc in result.documents:
        detector.add(doc.source, doc.text, date=doc.date)
    assert len(result.documents) == 2
    assert detector.groups() == []
