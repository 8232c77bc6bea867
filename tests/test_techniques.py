"""Persuasion techniques: the rules on text written for the tests, the seeds, the contract, the store."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest

import filigrane
from filigrane.document import Document
from filigrane.engine.pipeline import PipelineOptions
from filigrane.report.contract import validate
from filigrane.store.export import export
from filigrane.store.store import Store
from filigrane.techniques.lexicon import load
from filigrane.techniques.taxonomy import CATEGORIES, TECHNIQUES
from tests.conftest import require_shared

#: Paragraphs written for these tests, each showing one technique (title first: the pipeline takes
#: a document's first paragraph as its title).
WRITTEN = {
    "scare": "Dépêche\n\nLa coalition dite antiterroriste a encore frappé un village du nord.",
    "popularity": "Dépêche\n\nTout le monde sait que ce projet de loi ne servira qu'aux banques.",
    "time": "Dépêche\n\nIl est temps de reprendre notre destin en main, affirme le collectif.",
    "whatabout": "Dépêche\n\nLe gouvernement critique Moscou. Et que dire de ses propres guerres en Irak ?",
    "dilemma": "Dépêche\n\nSoit nous fermons la frontière, soit le pays sera submergé.",
    "flag": "Dépêche\n\nNous défendrons nos valeurs et la nation contre ceux qui veulent les détruire.",
    "question": "Dépêche\n\nQui peut encore croire les promesses du ministre après tant d'échecs ?",
    "negative": "Dépêche\n\nLe grand plan de relance du ministre n'a-t-il pas accouché d'une souris ?",
    "exaggeration": "Dépêche\n\nLa probabilité que cela ait eu lieu est de presque 100% selon lui.",
    "neutral": "Dépêche\n\nLa Commission a adopté mardi un règlement sur les statistiques agricoles.",
}


@pytest.fixture(scope="module")
def written() -> dict[str, Document]:
    result = filigrane.analyze(list(WRITTEN.values()), PipelineOptions(corpus=False))
    assert not result.rejected
    return dict(zip(WRITTEN, result.documents, strict=True))


def names(doc: Document) -> set[str]:
    return {t.technique for t in doc.techniques}


def test_taxonomy_has_the_23_semeval_techniques_in_6_categories() -> None:
    assert len(TECHNIQUES) == len(set(TECHNIQUES)) == 23
    assert len(CATEGORIES) == 6
    for lexicon in ("techniques.yaml", "techniques_en.yaml"):
        assert {cues.technique for cues in load(lexicon).cues} <= set(TECHNIQUES)


@pytest.mark.parametrize(
    ("key", "technique", "cue"),
    [
        ("scare", "Doubt", "dite"),
        ("popularity", "Appeal_to_Popularity", "Tout le monde sait"),
        ("time", "Appeal_to_Time", "Il est temps"),
        ("whatabout", "Whataboutism", "Et que dire de"),
        ("dilemma", "False_Dilemma-No_Choice", "Soit"),
        ("flag", "Flag_Waving", "la nation"),
        ("question", "Doubt", "Qui peut encore croire"),
        ("negative", "Doubt", "?"),
        ("exaggeration", "Exaggeration-Minimisation", "presque 100%"),
    ],
)
def test_each_rule_finds_its_technique_with_its_cue(
    written: dict[str, Document], key: str, technique: str, cue: str
) -> None:
    doc = written[key]
    found = [t for t in doc.techniques if t.technique == technique]
    assert found, f"{technique} not found in {WRITTEN[key]!r}: {[t.technique for t in doc.techniques]}"
    assert any(c.text.lower().startswith(cue.lower()) for t in found for c in t.cues)
    for t in doc.techniques:  # offsets index the text; cues lie inside their span
        assert doc.text[t.start : t.end] == t.text
        assert all(doc.text[c.start : c.end] == c.text for c in t.cues)


#: The general mechanisms (issue 12, after the first blind split): sentences from the guide's examples
#: (GUIDE.md §4, §6) or written for this test, each with the technique and the cue expected.
MECHANISMS = [
    ("Soutenons ensemble la recherche publique.", "Slogans", "Soutenons"),
    (
        "Ce traité, s'il était signé, sonnerait le glas de notre agriculture.",
        "Consequential_Oversimplification",
        "sonnerait",
    ),
    ("Le vote reste un droit démocratique essentiel pour chacun.", "Appeal_to_Values", "démocratique"),
    ("Dès lundi, on pourra couper votre chauffage à distance.", "Appeal_to_Fear-Prejudice", "couper"),
    ("Si rien n'est fait, nos villes seront submergées.", "Appeal_to_Fear-Prejudice", "seront submergées"),
    ("Selon les experts, ce traitement est sans aucun risque.", "Appeal_to_Authority", "Selon les experts"),
    ("Le jury était présidé par un lauréat du prix Nobel.", "Appeal_to_Authority", "prix Nobel"),
    ("Ces élus sont les mêmes qui applaudissaient la dictature.", "Guilt_by_Association", "sont les mêmes qui"),
    (
        "On nous reproche cette frappe ; et que dire des bombardements de l'OTAN en Libye ?",
        "Whataboutism",
        "et que dire des",
    ),
    ("Avant de critiquer nos élections, que les Américains regardent les leurs.", "Whataboutism", "Avant de critiquer"),
    ("Le ministre a présenté hier sa « grande » réforme du travail.", "Doubt", "grande"),
    ("Une « erreur », tente d'expliquer le ministre.", "Doubt", "tente d'expliquer"),
    ("Des dirigeants incapables de tenir un budget nous font la leçon.", "Questioning_the_Reputation", "incapables"),
    ("Leur seul but : remplir leurs poches avant les élections.", "Causal_Oversimplification", "seul but"),
    ("Les médias vous cachent la vérité sur ce vaccin.", "Doubt", "vous cachent"),
]

#: What those mechanisms must leave alone: (sentence, technique not to find).
NOT_MECHANISMS = [
    (
        "La Commission débloque 5 millions d'euros après la catastrophe causée par les inondations.",
        "Appeal_to_Fear-Prejudice",
    ),
    ("Jean Dupont, président du mouvement Les Patriotes, a tenu une réunion lundi.", "Flag_Waving"),
    ("Les batteries dites NMC contiennent du nickel et du cobalt.", "Doubt"),
    ("La Commission considère ces aides comme une « action commune » des États membres.", "Loaded_Language"),
    ("Il n'y a pas assez de place dans le train du matin.", "Slogans"),
    ("Quel gâchis pour toute la région !", "Slogans"),
    ("Certes, l'indicateur n'est pas parfait : est-il vraiment utile de le publier ?", "Doubt"),
    ("Selon des experts interrogés par l'AFP, la vidéo a été truquée.", "Appeal_to_Authority"),
    ("Selon les experts de l'Agence européenne des médicaments, le produit est sûr.", "Appeal_to_Authority"),
    ("Les aides visent à préserver le patrimoine culturel des régions rurales.", "Appeal_to_Values"),
    ("Les sanctions ne sont pas les mêmes que celles de l'an dernier.", "Guilt_by_Association"),
    ("Le rapport a été publié des milliers de fois sur les réseaux sociaux.", "Exaggeration-Minimisation"),
    ("Le ministre a vendu ses parts de l'entreprise en mars.", "Name_Calling-Labeling"),
    ("Les ministres se réuniront lors d'un Conseil européen extraordinaire le 12 mars.", "Loaded_Language"),
    ("Les candidatures peuvent être déposées dès aujourd'hui auprès de la Commission.", "Appeal_to_Time"),
]


@pytest.fixture(scope="module")
def mechanisms() -> list[Document]:
    texts = [f"Dépêche\n\n{text}" for text, _, _ in MECHANISMS] + [f"Dépêche\n\n{text}" for text, _ in NOT_MECHANISMS]
    result = filigrane.analyze(texts, PipelineOptions(corpus=False))
    assert not result.rejected
    return result.documents


@pytest.mark.parametrize("index", range(len(MECHANISMS)))
def test_a_general_mechanism_finds_its_technique(mechanisms: list[Document], index: int) -> None:
    text, technique, cue = MECHANISMS[index]
    found = [t for t in mechanisms[index].techniques if t.technique == technique]
    assert found, f"{technique} not found in {text!r}: {[t.technique for t in mechanisms[index].techniques]}"
    assert any(c.text.lower().startswith(cue.lower()) for t in found for c in t.cues), [t.cues for t in found]


@pytest.mark.parametrize("index", range(len(NOT_MECHANISMS)))
def test_a_general_mechanism_leaves_facts_names_and_terms_alone(mechanisms: list[Document], index: int) -> None:
    text, technique = NOT_MECHANISMS[index]
    doc = mechanisms[len(MECHANISMS) + index]
    assert technique not in names(doc), (
        f"{technique} found in {text!r}: {[(t.technique, t.text) for t in doc.techniques]}"
    )


def test_a_scare_word_names_its_target_and_a_neutral_release_has_no_technique(
    written: dict[str, Document],
) -> None:
    scare = next(t for t in written["scare"].techniques if t.technique == "Doubt")
    assert "coalition" in scare.text and scare.category == "Attack on reputation"
    assert names(written["neutral"]) == set()


def test_paragraph_sets_and_ids_follow_the_spans(written: dict[str, Document]) -> None:
    for doc in written.values():
        assert [t.id for t in doc.techniques] == [f"t{i}" for i in range(1, len(doc.techniques) + 1)]
        for index, paragraph in enumerate(doc.paragraphs):
            assert paragraph.techniques == sorted({t.technique for t in doc.techniques if t.paragraph == index})


def test_a_denial_by_a_quoted_actor_is_not_doubt_by_the_author() -> None:
    text = "Dépêche\n\nLe ministère dément que l'armée ait mis en doute les chiffres publiés."
    doc = filigrane.analyze([text], PipelineOptions(corpus=False)).documents[0]
    assert "Doubt" not in names(doc)


def test_repetition_is_a_loaded_word_used_again_or_an_anaphora_not_a_title_taken_up() -> None:
    text = (
        "Le diktat de Bruxelles\n\nCe diktat arrive à Deir ez-Zor.\n\nIls reviennent de Deir ez-Zor.\n\n"
        "Un nouveau diktat tombe. La vie devient de plus en plus chère, de plus en plus dure."
    )
    doc = filigrane.analyze([text], PipelineOptions(corpus=False)).documents[0]
    repeated = [t for t in doc.techniques if t.technique == "Repetition"]
    assert [t.paragraph for t in repeated] == [3, 3]  # the body's first "diktat" repeats only the title
    assert {t.cues[0].text for t in repeated} == {"diktat", "de plus en plus"}
    assert all("Deir" not in t.text for t in repeated)


def test_english_runs_on_the_light_pipeline_flagged_in_analyses() -> None:
    text = (
        "Report\n\nThe so-called Ministry of Truth lied again. Everyone knows it is time to act, "
        "before it is too late for our children."
    )
    doc = filigrane.analyze([text], PipelineOptions(corpus=False)).documents[0]
    assert doc.language == "en" and doc.analyses["techniques"].startswith("light-en")
    assert {"Doubt", "Appeal_to_Popularity", "Appeal_to_Time"} <= names(doc)
    scare = next(t for t in doc.techniques if t.technique == "Doubt" and t.cues[0].text == "so-called")
    assert scare.target == "Ministry of Truth"


def test_contract_validates_and_the_store_exports_the_techniques_table(
    written: dict[str, Document], tmp_path: Path
) -> None:
    result = filigrane.analyze([WRITTEN["scare"], WRITTEN["time"]], PipelineOptions(corpus=False))
    output = result.to_dict()
    validate(output)
    first = output["documents"][0]
    assert first["techniques"] and all(set(t) >= {"id", "technique", "category", "cues"} for t in first["techniques"])
    assert any(p["techniques"] for p in first["paragraphs"])
    with Store(tmp_path / "t.db") as store:
        run = store.start_run("v", {})
        for doc in result.documents:
            store.add_document(run, doc, "v")
        store.finish_run(run, {})
        count = export(store, "jsonl", tmp_path / "t.jsonl", "techniques")
    rows = [json.loads(line) for line in (tmp_path / "t.jsonl").read_text("utf-8").splitlines()]
    assert count == len(rows) == sum(len(doc.techniques) for doc in result.documents)
    assert {"document_id", "technique", "category", "cues", "target"} <= set(rows[0])


def test_the_report_shows_the_layer_with_its_toggle_filters_list_and_corpus_counts(
    written: dict[str, Document],
) -> None:
    from filigrane.report.html import render_report

    result = filigrane.analyze([WRITTEN["scare"], WRITTEN["popularity"]], PipelineOptions(corpus=False))
    page = render_report(result.to_dict(), lang="en")
    assert 'data-layer="tq"' in page and 'id="technique-filter"' in page and 'id="category-filter"' in page
    assert 'data-technique="Doubt"' in page and 'class="hl tq tq-attack-on-reputation"' in page
    assert "cues: dite" in page and 'class="technique-item"' in page
    assert 'id="techniques"' in page and "Per outlet" in page


def test_the_app_shows_the_layer_and_searches_by_technique(tmp_path: Path) -> None:
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from filigrane.web.app import create_app

    app = create_app(tmp_path / "web.db")
    with TestClient(app, base_url="http://127.0.0.1:8000") as client:
        response = client.post("/api/analyze", json={"text": WRITTEN["popularity"], "source": "pop.txt"})
        assert response.status_code == 200, response.text
        doc_id = response.json()["documents"][0]["id"]
        page = client.get(f"/documents/{doc_id}").text
        assert 'data-technique="Appeal_to_Popularity"' in page and 'data-layer="tq"' in page
        found = client.get("/api/search", params={"q": "appeal to popularity", "by": "technique"}).json()
        assert [item["id"] for item in found["items"]] == [doc_id]
        assert "Appeal_to_Popularity" in found["items"][0]["match"]
        html = client.get("/search", params={"q": "Justification", "by": "technique"}).text
        assert doc_id in html or "pop.txt" in html
        assert "Persuasion techniques" in client.get("/corpus").text


#: Seed spans as the guide labels them (eval/techniques/GUIDE.md §6 and the seeds' dev gold):
#: (seed, technique, words the span holds).
SEED_SPANS = [
    ("004", "Doubt", "coalition dite antiterroriste"),
    ("004", "Doubt", "Bien que Washington nie"),
    ("004", "Exaggeration-Minimisation", "presque 100%"),
    ("004", "Appeal_to_Fear-Prejudice", "le but de leur existence dans la confrontation avec la Russie"),
    ("004", "Conversation_Killer", "Peu importe de quelle façon"),
    ("004", "Causal_Oversimplification", "nous convainc"),
    ("004", "Appeal_to_Authority", "Ayant vécu cette guerre, je peux dire"),
    ("004", "Name_Calling-Labeling", "mercenaires"),
    ("000", "Obfuscation-Vagueness-Confusion", "tout porte à croire"),
    ("000", "Obfuscation-Vagueness-Confusion", "Des documents probants"),
    ("000", "Loaded_Language", "bien veillant"),
    ("000", "Loaded_Language", "grande évasion"),
    ("000", "Loaded_Language", "en toute quiétude"),
    ("000", "Name_Calling-Labeling", "axe de la Résistance"),
    ("000", "Exaggeration-Minimisation", "le plus tranquillement du monde"),
    ("000", "Exaggeration-Minimisation", "à tout prix"),
    ("000", "Causal_Oversimplification", "pour cette même raison"),
    ("000", "Appeal_to_Hypocrisy", "promesses électorales"),
]


@pytest.mark.parametrize(("seed", "technique", "words"), SEED_SPANS)
def test_seed_spans_are_found_as_the_guide_labels_them(
    seed_results: dict[str, Document], seed: str, technique: str, words: str
) -> None:
    doc = seed_results[seed]
    found = [t for t in doc.techniques if t.technique == technique]
    assert any(words in t.text or (t.text in words and len(t.text) > 5) for t in found), (
        f"{technique} on {words!r} not found: {[(t.technique, t.text[:60]) for t in doc.techniques]}"
    )


def test_a_reported_denial_and_the_usual_name_of_daech_are_no_technique(seed_results: dict[str, Document]) -> None:
    doc = seed_results["004"]
    reported = doc.text.index("La coalition internationale a rapidement réagi")
    sentence_end = doc.text.index(".", reported)
    assert not [t for t in doc.techniques if t.technique == "Doubt" and reported <= t.start < sentence_end]
    assert not [t for t in doc.techniques if t.technique == "Name_Calling-Labeling" and "terroristes" in t.text]


def words_of(docs: list[Document]) -> int:
    return sum(len(doc.text.split()) for doc in docs)


def rate(docs: list[Document]) -> float:
    """Technique spans per 1,000 words."""
    return 1000 * sum(len(doc.techniques) for doc in docs) / words_of(docs)


def test_press_releases_carry_far_fewer_techniques_than_the_seeds(seed_results: dict[str, Document]) -> None:
    releases = sorted(require_shared("eval", "europa-fr", "reference").glob("*.html"))
    result = filigrane.analyze([str(path) for path in releases], PipelineOptions(corpus=False))
    seeds = rate(list(seed_results.values()))
    europa = rate(result.documents)
    print(f"techniques per 1,000 words: seeds {seeds:.1f}, europa-fr {europa:.1f} ({len(result.documents)} releases)")
    assert seeds >= 15 and europa * 5 < seeds


#: The former blind split (eval/techniques/gold-test), now development data: scored blind once with
#: the rules frozen at 1a55ec4 (micro-F1 0.348, macro 0.130, span 0.192), then read and used to write
#: the general mechanisms (EVALUATION.md, "Persuasion techniques"). The pins are the figures of the
#: rules frozen after that, less a rounding margin: a regression floor, no longer a blind figure.
#: Raise them, never lower them.
TEST_PINS: dict[str, float] = {"micro_f1": 0.836, "macro_f1": 0.776, "span_f1": 0.605}


#: The second blind split (eval/techniques/gold-test2), scored once with the rules frozen at 8159857
#: (EVALUATION.md), less a rounding margin: a regression floor on unseen text, not a target to tune to.
SECOND_TEST_PINS: dict[str, float] = {"micro_f1": 0.22, "macro_f1": 0.15, "span_f1": 0.19}


def gate_pins(split: str) -> dict[str, float] | None:
    """Pins of a blind split once the lead has scored it: eval/gate.json, "techniques" -> split.

    The third blind split (eval/techniques/gold-test3) has no entry until it is scored once; the
    entry then holds `micro_f1`, `macro_f1` and `span_f1` (the scores less a rounding margin).
    """
    gate = json.loads((Path(__file__).resolve().parents[1] / "eval" / "gate.json").read_text(encoding="utf-8"))
    pins: dict[str, float] | None = gate.get("techniques", {}).get(split)
    return pins


#: Rules and learned layer together on the two splits, which the layer was trained on (in-sample,
#: `eval.techniques.train`): floors of the figures when its weights were frozen (tech-learn2, the layer
#: gated on the rules' marks and trained on the four splits), less a rounding margin (spent split
#: 0.846 / 0.786 / 0.604, second split 0.282 / 0.165 / 0.251: in-sample, not estimates of unseen
#: text; EVALUATION.md, "Leave one split out"). The rules' own floors above stay as they were, on the
#: rules alone.
LAYER_PINS: dict[str, dict[str, float]] = {
    "test": {"micro_f1": 0.84, "macro_f1": 0.78, "span_f1": 0.60},
    "test2": {"micro_f1": 0.27, "macro_f1": 0.16, "span_f1": 0.24},
}
#: Paragraphs of the third split (432, 16 gold labels, plain fact-check sentences and press
#: releases) the learned layer may give a technique the rules did not: half the gold labels. With its
#: weights as frozen it adds 1 label (in-sample); trained without that split it marked 4 paragraphs,
#: 2 labels beyond the rules' (EVALUATION.md); the ungated layer of tech-learn added about 150.
LAYER_ALARMS_TEST3 = 8


@cache
def split_scores(split: str) -> dict[str, Any]:
    """`eval.techniques_eval.evaluate(split)`, run once for the tests that read it."""
    from eval import techniques_eval

    return techniques_eval.evaluate(split)


@pytest.mark.shared
@pytest.mark.parametrize(
    ("split", "pins", "items"),
    [("test", TEST_PINS, 15), ("test2", SECOND_TEST_PINS, 80), ("test3", None, 50)],
    ids=["test", "test2", "test3"],
)
def test_techniques_test_split_gates(split: str, pins: dict[str, float] | None, items: int) -> None:
    """Regression floors on the test splits scored once. On the two spent splits, the rules alone
    against their pins and the rules with the learned layer (trained on them) against `LAYER_PINS`;
    on the third, never trained on, the rules alone (the default) against its entry in eval/gate.json."""
    blind = pins is None
    pins = pins or gate_pins(split)
    if pins is None:
        pytest.skip(f"{split} is blind and unscored: no techniques/{split} entry in eval/gate.json yet")
    require_shared("eval", "daccord")
    scores = split_scores(split)
    assert scores["items"] >= items
    top_two = scores["baseline_top2"]
    checks = (  # the third split scored the rules alone as shipped (the layer is off by default)
        [(scores["filigrane_rules"], pins)]
        if blind
        else [(scores["filigrane_rules"], pins), (scores["filigrane"], LAYER_PINS[split])]
    )
    for found, floors in checks:
        assert found["micro_f1"] >= floors["micro_f1"], found["micro"]
        assert found["macro_f1"] >= floors["macro_f1"]
        assert found["spans"]["f1"] >= floors["span_f1"], found["spans"]
        assert found["micro_f1"] > top_two["micro_f1"] and found["macro_f1"] > top_two["macro_f1"]


@pytest.mark.shared
def test_the_learned_layer_adds_few_false_alarms_to_plain_news() -> None:
    """On the third split, plain news, the layer (as `--learned-techniques` runs it) may give a
    technique the rules did not to at most `LAYER_ALARMS_TEST3` paragraphs."""
    require_shared("eval", "daccord")
    added = split_scores("test3")["learned_added"]
    assert added["paragraphs"] <= LAYER_ALARMS_TEST3, added
