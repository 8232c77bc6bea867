"""Reporting frames the v2 rules missed on the former blind split (EVALUATION.md, "error analysis of
the spent split"), on sentences written for the test: each is a general construction, not a gold line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import filigrane
from filigrane.engine.pipeline import PipelineOptions

SENTENCES = {
    "incise": "Les enquêteurs privilégient la piste criminelle, indique une source proche du dossier.",
    "accent": "« Il faut partir tout de suite », répètent les grévistes.",
    "title": (
        "Commentant la décision, Madame Anne Durand, ministre de la Santé, a déclaré : "
        "« Ce texte est un progrès pour tous les patients. »"
    ),
    "dapres": "D'après l'Insee, le chômage n'a pas augmenté au troisième trimestre.",
    "selon": "Selon Mediapart, avec cette double casquette, le ministre a pu signer des contrats.",
    "objectless": (
        "Interrogé sur le départ de son entraîneur, le club a démenti, affirmant que celui-ci restait en poste."
    ),
    "misread": "Par ailleurs, Moscou dément être à l'origine du massacre de civils.",
    "qualified": "La porte-parole a qualifié de mensonge l'idée que la réforme supprimerait les pensions.",
    "nobody": "Les pompiers ont précisé que personne ne se trouvait dans l'immeuble.",
    "none_of": "Le maire a affirmé que ce budget ne répond à aucune des urgences du quartier.",
    "not_only": "Le médecin a expliqué que l'intestin n'est pas juste un tuyau.",
}


@pytest.fixture(scope="module")
def stances() -> dict[str, list[dict[str, Any]]]:
    """Each sentence analysed alone, after a neutral first paragraph (the document's title)."""
    names = list(SENTENCES)
    result = filigrane.analyze(["Dépêche\n\n" + SENTENCES[name] for name in names], PipelineOptions(corpus=False))
    docs = {doc.source: doc for doc in result.documents}
    found: dict[str, list[dict[str, Any]]] = {}
    for number, name in enumerate(names, start=1):
        doc = docs[f"<text {number}>"]
        found[name] = [
            s.to_dict() | {"content": doc.text[s.content_start : s.content_end]}
            for claim in doc.claims
            for s in claim.stances
            if s.holder_kind != "author"
        ]
    return found


def only(stances: list[dict[str, Any]], **wanted: Any) -> dict[str, Any]:
    matching = [s for s in stances if all(s[key] == value for key, value in wanted.items())]
    assert len(matching) == 1, (wanted, stances)
    return matching[0]


def test_inverted_incise_whose_subject_the_parser_put_before(stances: dict[str, list[dict[str, Any]]]) -> None:
    stance = only(stances["incise"], cue="indique")
    assert stance["holder"] == "une source proche du dossier" and stance["holder_kind"] == "anonymous_source"
    assert stance["content"] == "Les enquêteurs privilégient la piste criminelle"


def test_present_tense_with_a_grave_accent_in_the_stem(stances: dict[str, list[dict[str, Any]]]) -> None:
    stance = only(stances["accent"], cue="répètent")
    assert stance["holder"] == "les grévistes" and stance["content"] == "Il faut partir tout de suite"


def test_a_title_heading_a_name_in_apposition_is_the_speaker(stances: dict[str, list[dict[str, Any]]]) -> None:
    stance = only(stances["title"], kind="direct")
    assert stance["holder"] == "Anne Durand" and stance["holder_kind"] == "named_person"


def test_d_apres_opening_a_sentence_is_a_frame_not_a_source_line(stances: dict[str, list[dict[str, Any]]]) -> None:
    stance = only(stances["dapres"], kind="according-to")
    assert stance["holder"] == "l'Insee" and stance["negated"] and stance["polarity"] == "affirms"


def test_a_leading_frame_ends_at_its_comma(stances: dict[str, list[dict[str, Any]]]) -> None:
    stance = only(stances["selon"], kind="according-to")
    assert stance["holder"] == "Mediapart"
    assert stance["content"].startswith("avec cette double casquette, le ministre a pu signer")


def test_an_objectless_denial_and_the_assertion_after_it_are_two_stances(
    stances: dict[str, list[dict[str, Any]]],
) -> None:
    denial = only(stances["objectless"], polarity="denies")
    assert denial["cue"] == "a démenti" and denial["content"] == "le départ de son entraîneur"
    assertion = only(stances["objectless"], cue="affirmant")
    assert assertion["polarity"] == "affirms" and assertion["content"].startswith("celui-ci restait en poste")
    assert denial["holder_id"] == assertion["holder_id"]


def test_a_denial_verb_after_a_name_the_parser_left_out(stances: dict[str, list[dict[str, Any]]]) -> None:
    stance = only(stances["misread"], polarity="denies")
    assert stance["holder"] == "Moscou" and stance["content"].startswith("être à l'origine du massacre")


def test_a_clause_called_a_lie_is_denied(stances: dict[str, list[dict[str, Any]]]) -> None:
    stance = only(stances["qualified"], cue="a qualifié")
    assert stance["polarity"] == "denies" and stance["content"].startswith("la réforme supprimerait")


def test_the_second_blind_split_fails_clearly_when_absent(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from eval import claims_eval

    monkeypatch.setitem(claims_eval.GOLD_DIRS, "test2", tmp_path / "gold-test2")
    monkeypatch.setitem(claims_eval.SPLIT_DENIALS, "test2", tmp_path / "test2.jsonl")
    assert claims_eval.main(["--split", "test2"]) == 2
    assert claims_eval.RESULTS["test2"].name == "claims-test2.json"


def test_a_negation_word_the_parser_hung_elsewhere_still_negates(stances: dict[str, list[dict[str, Any]]]) -> None:
    """ "personne ne se trouvait", "ne répond à aucune des…": negative content, affirmed; "n'est pas
    juste un tuyau" restricts, it does not negate."""
    for name in ("nobody", "none_of"):
        stance = only(stances[name], kind="indirect")
        assert stance["negated"] and stance["polarity"] == "affirms", stance
    stance = only(stances["not_only"], kind="indirect")
    assert not stance["negated"] and stance["polarity"] == "affirms", stance


def test_one_holder_affirming_and_denying_in_one_sentence_holds_two_claims() -> None:
    """A holder who affirms one thing and denies another in one sentence states two propositions;
    only two holders taking opposite sides in one sentence dispute one."""
    text = (
        "Dépêche\n\n« Les analyses ne montrent aucune pollution », a assuré la préfète Claire Morel, "
        "qui a nié toute volonté de dissimulation."
    )
    doc = filigrane.analyze([text], PipelineOptions(corpus=False)).documents[0]
    spoken = [c for c in doc.claims if any(s.holder_kind != "author" for s in c.stances)]
    assert [[s.polarity for s in c.stances] for c in spoken] == [["affirms"], ["denies"]]
    assert spoken[1].text.startswith("toute volonté de dissimulation")
    assert spoken[0].stances[0].negated is True


def test_a_name_after_de_is_whose_role_it_is_not_the_holders_name() -> None:
    """ "Un porte-parole d'Elvéa" is an unnamed spokesperson, not a person called Elvéa; a name in
    apposition still names the holder, with the role beside it."""
    texts = [
        "Dépêche\n\nUn porte-parole d'Elvéa a nié l'existence d'un tel scénario.",
        "Dépêche\n\nLe porte-parole du Kremlin, Dmitri Peskov, a démenti toute ingérence russe.",
    ]
    docs = filigrane.analyze(texts, PipelineOptions(corpus=False)).documents
    spokesperson, peskov = ([s for c in doc.claims for s in c.stances if s.holder_kind != "author"] for doc in docs)
    assert [(s.holder, s.holder_kind, s.holder_role) for s in spokesperson] == [
        ("Un porte-parole d'Elvéa", "unnamed_person", None)
    ]
    assert [(s.holder, s.holder_kind, s.holder_role) for s in peskov] == [
        ("Dmitri Peskov", "named_person", "porte-parole du Kremlin")
    ]
