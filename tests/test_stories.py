"""Across documents: stories, claim groups, their store-backed increments, and the neighbour index."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import numpy as np
import pytest

import filigrane
from filigrane.stories.neighbours import similar_pairs
from tests.conftest import DEMO_CORPUS

# The demo corpus's same-event groups, as its README (the gold) states them.
DEMO_STORIES = [{"01", "02", "03", "08", "09"}, {"06", "10"}, {"04"}, {"05"}, {"07"}]


@pytest.fixture(scope="module")
def seeds_corpus(seeds_dir: Path) -> filigrane.Result:
    return filigrane.analyze([seeds_dir])


def _prefixes(result: filigrane.Result, ids: list[str]) -> set[str]:
    by_id = {doc.id: Path(doc.source).name[:2] for doc in result.documents}
    return {by_id[doc_id] for doc_id in ids}


def test_demo_corpus_stories_are_its_same_event_groups(demo_result: filigrane.Result) -> None:
    stories = demo_result.corpus["stories"]
    assert sorted(map(sorted, (_prefixes(demo_result, s.documents) for s in stories))) == sorted(
        map(sorted, DEMO_STORIES)
    )
    valmont = stories[0]
    assert valmont.languages == ["en", "fr"]  # the English Reuters dispatch joins the French story
    assert valmont.first_seen == "2025-03-14"
    assert valmont.label.startswith("Valmont-sur-Loire : fuite")


def test_seeds_are_two_stories_and_their_evacuation_claims_stay_apart(seeds_corpus: filigrane.Result) -> None:
    assert len(seeds_corpus.corpus["stories"]) == 2  # two events: a convoy at Raqqa, helicopters at Deir ez-Zor
    # Press TV's helicopters leave Raqqa, Sputnik's Deir ez-Zor: one narrative (the catalogue's to
    # match), two events, so no claim group crosses the two stories.
    for group in seeds_corpus.corpus["claim_groups"]:
        assert len({document for document, _ in group.claims}) == 1 or group.independent_origins == 1


def test_no_claim_group_crosses_the_demo_stories_or_is_a_bare_name(demo_result: filigrane.Result) -> None:
    story_of = {doc: n for n, story in enumerate(demo_result.corpus["stories"]) for doc in story.documents}
    claims = {(d.id, c.id): c.text for d in demo_result.documents for c in d.claims}
    groups = demo_result.corpus["claim_groups"]
    assert groups
    for group in groups:
        # The Solvarex spokesman's « C'est faux… » and the Montcerf hospital's director never meet.
        assert len({story_of[document] for document, _ in group.claims}) == 1
        assert all(len(claims[key].split()) >= 3 for key in group.claims)
        assert group.independent_owners is not None
        assert 1 <= group.independent_owners <= group.independent_origins


def test_the_coalition_affirms_a_negation_and_does_not_deny(seeds_corpus: filigrane.Result) -> None:
    # "la coalition … en affirmant que les hélicoptères n'avaient pas évacué": a negation it affirms
    coalition = [
        s
        for d in seeds_corpus.documents
        for c in d.claims
        for s in c.stances
        if s.holder == "La coalition internationale"
    ]
    assert coalition and any(s.negated and s.polarity == "affirms" for s in coalition)
    denied_by = {e.holder for g in seeds_corpus.corpus["claim_groups"] for e in g.denied_by}
    assert "La coalition internationale" not in denied_by


def test_claims_about_other_things_stay_out_of_the_group(seeds_corpus: filigrane.Result) -> None:
    claims = {(d.id, c.id): c.text for d in seeds_corpus.documents for c in d.claims}
    for group in seeds_corpus.corpus["claim_groups"]:
        for document, claim in group.claims:
            assert "Hezbollah" not in claims[(document, claim)]


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "filigrane.cli", *args], capture_output=True, text=True, check=False)


def test_a_later_batch_joins_the_stories_of_the_store(tmp_path: Path) -> None:
    db, first, second = tmp_path / "f.db", tmp_path / "1.json", tmp_path / "2.json"
    done = _cli("analyze", str(DEMO_CORPUS / "01_valmont-fuite-chimique.txt"), "--db", str(db), "-o", str(first), "-q")
    assert done.returncode == 0, done.stderr
    story_id = json.loads(first.read_text())["stories"][0]["id"]
    later = [str(DEMO_CORPUS / name) for name in ("03_valmont-repost-blog.txt", "09_valmont-english.txt")]
    later.append(str(DEMO_CORPUS / "05_elvea-hausse-tarifs.txt"))
    done = _cli("analyze", *later, "--db", str(db), "-o", str(second), "-q")
    assert done.returncode == 0, done.stderr
    report = json.loads(second.read_text())
    first_id = json.loads(first.read_text())["documents"][0]["id"]
    joined = next(s for s in report["stories"] if s["id"] == story_id)  # the same id as in the first run
    assert first_id in joined["documents"] and len(joined["documents"]) == 3
    assert any(first_id in group["documents"] for group in report["reposts"])  # 03 reposts 01, stored earlier
    assert len(report["stories"]) == 2  # Valmont (with the stored 01) and Elvéa


def test_inverted_file_finds_nearly_every_close_pair() -> None:
    rng = np.random.default_rng(7)
    centres = rng.normal(size=(400, 64)).astype(np.float32)
    points = np.repeat(centres, 60, axis=0) + rng.normal(scale=0.25, size=(24_000, 64)).astype(np.float32)
    points /= np.linalg.norm(points, axis=1, keepdims=True)
    sample = points[:3000]
    exact = {(i, j) for i, j, _ in similar_pairs(sample, 0.8, top_k=100)}
    approximate = {(i, j) for i, j, _ in similar_pairs(points, 0.8, top_k=100, exact_below=10_000) if j < 3000}
    assert exact, "the planted clusters give close pairs"
    assert len(exact & approximate) / len(exact) >= 0.95
    assert all(score >= 0.8 for _, _, score in similar_pairs(points[:2000], 0.8, exact_below=1000))


def test_vectors_stored_as_float16_give_the_pairs_of_float32() -> None:
    """The corpus steps keep their vectors as float16; the search computes in float32 blocks."""
    rng = np.random.default_rng(3)
    centres = rng.normal(size=(300, 128)).astype(np.float32)
    points = np.repeat(centres, 40, axis=0) + rng.normal(scale=0.3, size=(12_000, 128)).astype(np.float32)
    points /= np.linalg.norm(points, axis=1, keepdims=True)
    for exact_below, found in ((20_000, 1.0), (5_000, 0.99)):  # the exact search, then the inverted file
        full = {(i, j): s for i, j, s in similar_pairs(points, 0.7, top_k=100, exact_below=exact_below)}
        half = {(i, j): s for i, j, s in similar_pairs(points.astype(np.float16), 0.7, 100, exact_below)}
        clear = {pair for pair, score in full.items() if score > 0.701}  # not within rounding of the bar
        assert len(clear & set(half)) >= found * len(clear)
        clear &= set(half)
        assert max(abs(half[pair] - full[pair]) for pair in clear) < 1e-3


def test_the_same_claim_in_french_and_english_is_one_group(demo_result: filigrane.Result) -> None:
    claims = {(d.id, c.id): c.text for d in demo_result.documents for c in d.claims}
    multilingual = [g for g in demo_result.corpus["claim_groups"] if g.languages == ["en", "fr"]]
    texts = [[claims[(d, c)] for d, c in group.claims] for group in multilingual]
    inquiry = next(group for group in texts if any("Prosecutors have opened an investigation" in t for t in group))
    assert any("Le parquet a ouvert une enquête" in text for text in inquiry)
    assert all("enquête" in text or "investigation" in text for text in inquiry)
    # a group is labelled by a claim in the language most of its claims are in
    language = {d.id: d.language for d in demo_result.documents}
    for group in multilingual:
        counts = Counter(language[d] for d, _ in group.claims)
        labelled = [language[d] for d, c in group.claims if claims[(d, c)] == group.label]
        assert labelled and counts[labelled[0]] == max(counts.values()), group.label
