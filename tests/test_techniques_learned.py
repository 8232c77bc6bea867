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
from filigrane.techniques.learned import ANALYSIS, MODEL_FILE, LearnTechniques, TechniqueModel, packaged_model
from filigrane.techniques.taxonomy import TECHNIQUES

DATA = Path(filigrane.__file__).resolve().parent / "data" / MODEL_FILE

#: Sentences written for this test (not in the training data), each arguing its technique without
#: a cue word the lexicons hold.
ARGUED = "Dépêche\n\nSi nous laissons faire, nos enfants grandiront dans la peur et la misère."
#: Flat news: neither the rules nor the layer may find a technique.
NEUTRAL = (
    "Dépêche\n\nLe conseil régional a adopté jeudi le budget des lycées pour l'an prochain. "
    "Les travaux de la gare commenceront en septembre et dureront dix-huit mois."
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


def test_a_threat_argued_without_a_cue_word_is_found_over_its_sentence(
    analysed: dict[str, tuple[Document, Document]],
) -> None:
    doc, _ = analysed["argued"]
    sentence = units(doc)[-1]
    fear = [t for t in doc.techniques if t.technique == "Appeal_to_Fear-Prejudice"]
    assert fear and fear[0].start <= sentence.start and fear[0].end >= sentence.end - 1
    assert 0 < fear[0].score <= 1


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
    """On the third blind split it multiplied the false alarms on plain news (EVALUATION.md)."""
    assert PipelineOptions().learned_techniques is False
    doc = filigrane.analyze([ARGUED], PipelineOptions(corpus=False)).documents[0]
    assert "learned" not in doc.analyses.get("techniques", "")
