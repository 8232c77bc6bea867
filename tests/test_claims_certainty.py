"""Certainty markers read on sentences written for the test: the text insisting that a fact holds
("ont bien été filmées", "bel et bien") is a booster; "bien" telling a manner or a degree, and a
booster under "pas" or "sans", are not."""

from __future__ import annotations

import pytest

import filigrane
from filigrane.engine.pipeline import PipelineOptions

SENTENCES = {
    "auxiliary": "Les photos ont bien été prises à Lyon en mars.",
    "copula": "C'est bien le maire qui figure sur la vidéo.",
    "bel_et_bien": "Le décret a bel et bien été publié au Journal officiel.",
    "verb": "Les tests détectent bien le variant en circulation.",
    "necessarily": "Les vaccinés sont forcément protégés contre les formes graves.",
    "manner": "Les habitants connaissent bien les règles du tri.",
    "conjunction": "Bien que la route soit fermée, les bus circulent.",
    "degree": "La digue est bien plus haute que prévu.",
    "not_necessarily": "Les vaccinés ne sont pas forcément protégés contre la transmission.",
}


@pytest.fixture(scope="module")
def boosters() -> dict[str, list[str]]:
    """The booster marker texts of each sentence, analysed alone after a neutral title."""
    names = list(SENTENCES)
    result = filigrane.analyze(["Dépêche\n\n" + SENTENCES[name] for name in names], PipelineOptions(corpus=False))
    documents = {doc["source"]: doc for doc in result.to_dict()["documents"]}
    found: dict[str, list[str]] = {}
    for number, name in enumerate(names, 1):
        doc = documents[f"<text {number}>"]
        found[name] = [
            doc["text"][marker["start"] : marker["end"]]
            for claim in doc["claims"]
            for stance in claim["stances"]
            for marker in stance["markers"]
            if marker["type"] == "booster"
        ]
    return found


@pytest.mark.parametrize("name", ["auxiliary", "copula", "verb"])
def test_an_emphatic_bien_insists_that_the_fact_holds(boosters: dict[str, list[str]], name: str) -> None:
    assert boosters[name] == ["bien"]


def test_booster_phrases(boosters: dict[str, list[str]]) -> None:
    assert boosters["bel_et_bien"] == ["bel et bien"]
    assert boosters["necessarily"] == ["forcément"]


@pytest.mark.parametrize("name", ["manner", "conjunction", "degree", "not_necessarily"])
def test_bien_of_manner_or_degree_and_a_negated_booster_insist_on_nothing(
    boosters: dict[str, list[str]], name: str
) -> None:
    assert boosters[name] == []
