"""The techniques' learned layer: its shipped weights, what it adds to the rules, what it leaves alone."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import filigrane
from filigrane.document import Document
from filigrane.engine.pipeline import PipelineOptions
from filigrane.narratives.encoder import default_encoder
from filigrane.techniques.features import FEATURES, units
from filigrane.techniques.learned import (
    ANALYSIS,
    MODEL_FILE,
    LearnTechniques,
    TechniqueModel,
    marked,
    packaged_model,
    unit_matrices,
)
from filigrane.techniques.taxonomy import TECHNIQUES

DATA = Path(filigrane.__file__).resolve().parent / "data" / MODEL_FILE

#: A sentence written for this test (not in the training data): the rules mark its loaded words, and
#: it appeals to authority without a cue word the lexicons hold.
ARGUED = (
    "Dépêche\n\nUn éminent professeur de médecine l'affirme : ce scandale sanitaire est le plus grave de notre "
    "histoire."
)
#: Flat news: neither the rules nor the layer may find a technique.
NEUTRAL = (
    "Dépêche\n\nLe conseil régional a adopté jeudi le budget des lycées pour l'an prochain. "
    "Les travaux de la gare commenceront en septembre et dureront dix-huit mois."
)

#: A flat sentence, then one holding a cue of the rules.
MIXED = (
    "Dépêche\n\nLe conseil régional a adopté jeudi le budget des lycées pour l'an prochain. "
    "Ces menteurs professionnels osent encore nous parler de transparence."
)


@pytest.fixture(scope="module")
def analysed() -> dict[str, tuple[Document, Document]]:
    texts = {"argued": ARGUED, "neutral": NEUTRAL}
    with_layer = filigrane.analyze(
        list(texts.values()), PipelineOptions(corpus=False, learned_techniques=True)
    ).documents
    rules = filigrane.analyze(list(texts.values()), PipelineOptions(corpus=False, learned_techniques=False)).documents
    return {key: pair for key, pair in zip(texts, zip(with_layer, rules, strict=True), strict=True)}


def test_the_shipped_weights_are_small_and_match_the_features() -> None:
    model = packaged_model()
    assert DATA.stat().st_size < 200_000
    assert model.names == TECHNIQUES
    assert model.weights.shape == (model.mean.shape[0], len(TECHNIQUES))
    assert model.mean.shape[0] == 512 + len(FEATURES)
    assert model.thresholds.shape == (len(TECHNIQUES),)
    assert (model.thresholds > 0).all()


def test_the_weights_are_saved_byte_for_byte_the_same(tmp_path: Path) -> None:
    model = packaged_model()
    first, second = tmp_path / "a.npz", tmp_path / "b.npz"
    model.save(first)
    model.save(second)
    assert first.read_bytes() == second.read_bytes()
    again = TechniqueModel.read(first.read_bytes())
    assert np.allclose(again.weights, model.weights) and again.names == model.names


def test_the_layer_only_adds_to_the_rules(analysed: dict[str, tuple[Document, Document]]) -> None:
    for with_layer, rules in analysed.values():
        found = {(t.technique, t.start) for t in with_layer.techniques}
        covered = [
            any(t.technique == r.technique and t.start <= r.start < t.end for t in with_layer.techniques)
            for r in rules.techniques
        ]
        assert all(covered), (found, [(r.technique, r.start) for r in rules.techniques])
        assert with_layer.analyses["techniques"].endswith(ANALYSIS.format(encoder=packaged_model().encoder))
        assert [t.id for t in with_layer.techniques] == [f"t{i}" for i in range(1, len(with_layer.techniques) + 1)]


def test_an_appeal_argued_without_a_cue_word_is_found_over_a_sentence_the_rules_marked(
    analysed: dict[str, tuple[Document, Document]],
) -> None:
    doc, rules = analysed["argued"]
    sentence = units(doc)[-1]
    assert marked(rules, [sentence]).all()
    authority = [t for t in doc.techniques if t.technique == "Appeal_to_Authority"]
    assert not any(t.technique == "Appeal_to_Authority" for t in rules.techniques)
    assert authority and authority[0].start <= sentence.start and authority[0].end >= sentence.end - 1
    assert 0 < authority[0].score <= 1 and authority[0].cues == []


def always(threshold: float) -> TechniqueModel:
    """A model giving every technique probability 0.5 on any sentence, firing at `threshold`."""
    width = 512 + len(FEATURES)
    return TechniqueModel(
        TECHNIQUES,
        np.zeros((width, len(TECHNIQUES)), np.float32),
        np.zeros(len(TECHNIQUES), np.float32),
        np.zeros(width, np.float32),
        np.ones(width, np.float32),
        np.full(len(TECHNIQUES), threshold, np.float32),
        packaged_model().encoder,
    )


def test_the_layer_marks_only_sentences_the_rules_marked() -> None:
    """Plain news needs the rules' evidence first: a model that would fire on every sentence adds
    spans over the sentence holding a rule's cue and over no other."""
    doc = filigrane.analyze([MIXED], PipelineOptions(corpus=False)).documents[0]
    found = units(doc)
    gate = marked(doc, found)
    assert gate.tolist() == [False, True]
    LearnTechniques(default_encoder(), always(0.1)).process_batch([doc])
    added = [t for t in doc.techniques if not t.cues]
    assert added and all(found[1].start <= t.start and t.end <= found[1].end for t in added)


def test_only_marked_sentences_are_encoded() -> None:
    """The gate spares the encoder: unmarked sentences never reach it."""

    class Counting:
        dim = 512

        def __init__(self) -> None:
            self.seen: list[str] = []

        def encode(self, texts: list[str]) -> np.ndarray:
            self.seen += texts
            return np.zeros((len(texts), self.dim), np.float32)

    doc = filigrane.analyze([MIXED], PipelineOptions(corpus=False)).documents[0]
    encoder = Counting()
    ((kept, x),) = unit_matrices([doc], encoder, only_marked=True)
    assert kept == [units(doc)[1]] and x.shape == (1, 512 + len(FEATURES))
    assert encoder.seen == [kept[0].encoded]


def test_flat_news_stays_without_technique(analysed: dict[str, tuple[Document, Document]]) -> None:
    doc, _ = analysed["neutral"]
    assert doc.techniques == []


def test_english_is_left_to_the_light_rules() -> None:
    text = "Report\n\nIf we let this happen, our children will grow up in fear and poverty."
    doc = filigrane.analyze([text], PipelineOptions(corpus=False, learned_techniques=True)).documents[0]
    assert doc.language == "en" and "learned" not in doc.analyses.get("techniques", "")


def test_the_layer_runs_once_per_document(analysed: dict[str, tuple[Document, Document]]) -> None:
    doc, _ = analysed["argued"]
    before = ([t.to_dict() for t in doc.techniques], doc.analyses["techniques"])
    LearnTechniques(default_encoder()).process_batch([doc])
    assert ([t.to_dict() for t in doc.techniques], doc.analyses["techniques"]) == before


def test_the_layer_is_off_unless_asked_for() -> None:
    """Held out, rules and layer together do not beat the rules alone on every split (EVALUATION.md,
    "Leave one split out")."""
    assert PipelineOptions().learned_techniques is False
    doc = filigrane.analyze([ARGUED], PipelineOptions(corpus=False)).documents[0]
    assert "learned" not in doc.analyses.get("techniques", "")
