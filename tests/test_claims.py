"""Claims and stances on the seeds: every stance issue 3 names, the contract, and the eval gate."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import filigrane
from filigrane.claim_records import Stance
from filigrane.claims.quotes import find_quotes
from filigrane.document import Document
from filigrane.engine.pipeline import PipelineOptions
from filigrane.report.contract import document_to_dict, envelope, validate
from tests.conftest import require_shared

#: The dev gold's figures (eval/results/claims.json, issue 10) less about 0.01, the highest reached
#: (v2.10 to v2.12): raise them when the claims improve.
PINS: dict[str, Any] = {
    "quotes_f1": {"0.3": 0.836, "0.8": 0.825},
    "direct_f1": {"0.3": 0.894, "0.8": 0.882},
    "holder_accuracy": 0.896,
    "holder_kind_accuracy": 0.861,
    "polarity_accuracy": 0.981,
    "negated_accuracy": 0.957,
    "certainty_accuracy": 0.912,
}


def stances(doc: Document) -> list[Stance]:
    return [stance for claim in doc.claims for stance in claim.stances]


def find(doc: Document, **wanted: Any) -> Stance:
    """The first stance whose fields contain the wanted values (strings: as substrings)."""
    for stance in stances(doc):
        content = doc.text[stance.content_start : stance.content_end]
        fields = stance.to_dict() | {"content": content, "marker_texts": " | ".join(m.text for m in stance.markers)}
        if all(
            value in (fields[key] or "") if isinstance(value, str) else fields[key] == value
            for key, value in wanted.items()
        ):
            return stance
    raise AssertionError(f"no stance with {wanted}")


def test_quotes_pair_nested_mixed_and_open_marks() -> None:
    text = 'Il a dit « un “petit” pas », puis "fin" et «ouvert'
    spans = [text[q["start"] : q["end"]] for q in find_quotes(text)]
    assert spans == ["un “petit” pas", "fin", "ouvert"]


def test_a_quotation_runs_across_paragraphs() -> None:
    """ "« …" left open at a paragraph's end and closed in the next one is one stance."""
    text = (
        "Le site est ouvert. Le commissaire a déclaré : « Ce nouveau site utilise la technologie moderne pour\n\n"
        "donner aux citoyens des informations. Il prouve notre volonté d'aider les citoyens », a-t-il ajouté. "
        "La séance est levée."
    )
    doc = filigrane.analyze([text]).documents[0]
    quote = find(doc, kind="direct", cue="a déclaré")
    content = doc.text[quote.content_start : quote.content_end]
    assert content.startswith("Ce nouveau site") and content.endswith("d'aider les citoyens")
    claim = next(c for c in doc.claims if quote in c.stances)
    assert claim.text == content


def test_cue_nouns_common_noun_frames_and_references() -> None:
    """Cue nouns with their owner or the verb's subject, "Pour" + a noun naming people, "si l'on se réfère à"."""
    text = (
        "Le gouvernement a présenté son plan lundi. La proposition reflète la conviction de la Commission que tous "
        "les membres peuvent profiter des échanges. Le ministre a exprimé la crainte que les prix augmentent encore. "
        "Pour les détracteurs du projet, cette réforme est une erreur. Notre pays occupe les dernières places, si "
        "l'on se réfère au rapport annuel du Forum économique mondial. La réunion a montré que les prix baissent."
    )
    doc = filigrane.analyze([text]).documents[0]
    conviction = find(doc, content="tous les membres peuvent")
    assert conviction.holder == "la Commission" and conviction.holder_kind == "organisation"
    assert find(doc, cue="a exprimé la crainte").holder == "Le ministre"
    critics = find(doc, cue="Pour", kind="according-to")
    assert critics.holder == "les détracteurs du projet" and critics.holder_kind == "unnamed_person"
    report = find(doc, cue="si l'on se réfère", content="Notre pays occupe")
    assert report.holder_kind == "document" and "Forum économique mondial" in report.holder
    assert not [s for s in stances(doc) if "réunion" in (s.holder or "")]  # a meeting holds no stance


def test_seed_004_evacuation_rests_on_an_anonymous_source(seed_results: dict[str, Document]) -> None:
    doc = seed_results["004"]
    stance = find(doc, holder="Une source diplomatique et militaire", cue="a confié")
    assert stance.holder_kind == "anonymous_source"
    assert stance.polarity == "affirms"


def test_seed_004_senator_affirms_boosted(seed_results: dict[str, Document]) -> None:
    doc = seed_results["004"]
    estimate = find(doc, cue="a estimé", content="presque 100")
    assert "Klintsevitch" in estimate.holder and estimate.holder_kind == "named_person"
    assert estimate.certainty == "boosted" and "presque 100%" in [m.text for m in estimate.markers]
    surely = find(doc, cue="estime", marker_texts="certainement")
    assert surely.certainty == "boosted" and "Klintsevitch" in surely.holder
    quote = find(doc, kind="direct", content="Peu importe")
    assert quote.cue == "a écrit" and "Klintsevitch" in quote.holder


def test_seed_004_washington_denies_and_the_coalition_affirms_a_negation(seed_results: dict[str, Document]) -> None:
    """ "Washington nie l'évacuation": a denial verb. "La coalition … en affirmant que les hélicoptères
    américains n'avaient pas évacué": the coalition affirms a negative proposition (`negated`)."""
    doc = seed_results["004"]
    washington = find(doc, holder="Washington", cue="nie")
    assert washington.holder_kind == "government" and washington.polarity == "denies"
    coalition = find(doc, holder="coalition internationale")
    assert coalition.holder_kind == "organisation" and coalition.polarity == "affirms"
    assert coalition.negated is True and not [m for m in coalition.markers if m.type == "denial"]
    claim = next(c for c in doc.claims if coalition in c.stances)
    assert claim.negated is True
    # the denial and the senator's estimate are two stances on one proposition
    claim = next(c for c in doc.claims if any(s.cue == "nie" for s in c.stances))
    assert {s.cue for s in claim.stances} >= {"nie", "a estimé"}


def test_seed_004_senator_quotations_are_marked_and_never_denials(seed_results: dict[str, Document]) -> None:
    """The two whole-paragraph quotations («…», a écrit M. Klintsevitch / a conclu le sénateur) carry a
    `quote` marker; "Deir ez-Zor n'est pas Raqqa" is a negative proposition he affirms, not a denial."""
    doc = seed_results["004"]
    for cue in ("a écrit", "a conclu"):
        quote = find(doc, kind="direct", cue=cue)
        assert quote.holder == "Frants Klintsevitch" and quote.holder_id
        markers = [m for m in quote.markers if m.type == "quote"]
        assert markers and (markers[0].start, markers[0].end) == (quote.content_start, quote.content_end)
    concluded = find(doc, kind="direct", cue="a conclu")
    assert concluded.polarity == "affirms" and concluded.negated is True
    senator = [s for s in stances(doc) if s.holder == "Frants Klintsevitch"]
    assert senator and all(s.polarity == "affirms" for s in senator)


def test_seed_004_actors_have_names_roles_and_mentions(seed_results: dict[str, Document]) -> None:
    doc = seed_results["004"]
    actors = {actor.id: actor for actor in doc.actors}
    senator = next(a for a in doc.actors if a.name == "Frants Klintsevitch")
    assert senator.kind == "named_person"
    assert any(role.startswith("premier vice-président du comité") for role in senator.roles)
    assert {m.text for m in senator.mentions} >= {"M. Klintsevitch", "le sénateur"}
    for mention in senator.mentions:
        assert doc.text[mention.start : mention.end] == mention.text
    for stance in stances(doc):
        if stance.holder_kind != "author":
            assert stance.holder_id in actors and actors[stance.holder_id].name == stance.holder
    estimate = find(doc, cue="a estimé", content="presque 100")
    assert estimate.holder_role.startswith("premier vice-président du comité")


def test_seed_004_markers_belong_to_their_own_stance(seed_results: dict[str, Document]) -> None:
    """Washington's denial is neutral: "presque 100%" lies in the senator's content, not in Washington's."""
    doc = seed_results["004"]
    washington = find(doc, holder="Washington", cue="nie")
    assert washington.certainty == "neutral"
    assert [m.text for m in washington.markers] == ["nie"]
    content = doc.text[washington.content_start : washington.content_end]
    assert content.startswith("l’évacuation des commandants") and "presque" not in content
    senator = find(doc, cue="a estimé", content="presque 100")
    assert senator.certainty == "boosted"


def test_seed_stances_are_not_duplicated_within_a_claim(seed_results: dict[str, Document]) -> None:
    """One stance per holder, cue and polarity in a claim; a quotation inside the frame is a quote marker."""
    for doc in seed_results.values():
        for claim in doc.claims:
            keys = [(s.holder, s.cue, s.polarity) for s in claim.stances]
            assert len(keys) == len(set(keys)), (claim.text, keys)
    doc = seed_results["004"]
    according = find(doc, cue="Selon", content="ce geste américain")
    assert according.kind == "according-to" and "Klintsevitch" in according.holder
    quotes = [m.text for m in according.markers if m.type == "quote"]
    assert quotes and quotes[0].startswith("les États-Unis voient toujours")
    source = find(doc, cue="a confié", kind="indirect")
    assert "d’origine européenne" in [m.text for m in source.markers if m.type == "quote"]


def test_seed_004_passive_reception_and_headline(seed_results: dict[str, Document]) -> None:
    doc = seed_results["004"]
    sputnik = find(doc, holder="Sputnik", cue="a été informé")
    assert sputnik.holder_kind == "media" and sputnik.kind == "indirect"
    assert "l’aviation américaine avait évacué" in doc.text[sputnik.content_start : sputnik.content_end]
    headline = next(c for c in doc.claims if c.headline)
    assert headline.start == 0 and headline.stances[0].holder_kind == "author"


def test_seed_000_conditionals_and_hedges(seed_results: dict[str, Document]) -> None:
    doc = seed_results["000"]
    negotiated = find(doc, marker_texts="aurait négocié")
    assert negotiated.certainty == "hedged" and negotiated.holder_kind == "media"
    assert "Asharq alAwsat" in negotiated.holder and negotiated.cue == "rapporte"
    assert find(doc, marker_texts="daterait").certainty == "hedged"
    assert find(doc, marker_texts="serviraient").certainty == "hedged"
    assert find(doc, marker_texts="tout porte à croire").holder_kind == "author"
    assert find(doc, marker_texts="sans doute").certainty == "hedged"


def test_seed_000_evidence_and_holders(seed_results: dict[str, Document]) -> None:
    doc = seed_results["000"]
    documents = find(doc, marker_texts="Des documents probants")
    types = {m.type for m in documents.markers}
    assert types >= {"evidence", "booster"} and documents.certainty == "boosted"
    commander = find(doc, holder="un des hauts commandants de l’armée russe")
    assert commander.holder_kind == "unnamed_person"
    assert find(doc, cue="affirme", kind="direct").holder == commander.holder  # "cette source"
    critics = find(doc, holder="La Russie et l’Iran")
    assert critics.holder_kind == "government"
    senator = find(doc, holder="un sénateur US")
    assert senator.holder_kind == "unnamed_person"


def test_evidence_says_whether_it_is_specified(seed_results: dict[str, Document]) -> None:
    """ "Des documents probants" names no source; a dated study in a named journal does."""
    documents = find(seed_results["000"], marker_texts="Des documents probants")
    evidence = [m for m in documents.markers if m.type == "evidence"]
    assert evidence and evidence[0].specified is False
    text = "Nous avons la réponse grâce à une étude danoise publiée le 8 septembre dans le journal Plos Medicine."
    doc = filigrane.analyze([text + " " + text]).documents[0]
    study = [m for s in stances(doc) for m in s.markers if m.type == "evidence"]
    assert study and study[0].text.startswith("une étude danoise publiée") and study[0].specified is True


def test_claims_follow_the_contract(seed_results: dict[str, Document]) -> None:
    output = envelope([document_to_dict(doc) for doc in seed_results.values()], [])
    validate(output)
    for doc in seed_results.values():
        assert doc.analyses["claims"] == "filigrane claims v1 (fr)"
        for claim in doc.claims:
            assert doc.text[claim.start : claim.end] == claim.text
            for stance in claim.stances:
                for marker in stance.markers:
                    assert doc.text[marker.start : marker.end] == marker.text


@pytest.mark.shared
def test_claims_eval_gate() -> None:
    from eval import claims_eval

    require_shared("eval", "europa-fr")
    scores = claims_eval.evaluate(claims_eval.load_gold())
    pins = PINS
    for threshold in ("0.3", "0.8"):
        assert scores["quotes"][threshold]["f1"] >= pins["quotes_f1"][threshold], scores["quotes"][threshold]
        assert scores["direct"][threshold]["f1"] >= pins["direct_f1"][threshold], scores["direct"][threshold]
    for key in (
        "holder_accuracy",
        "holder_kind_accuracy",
        "polarity_accuracy",
        "negated_accuracy",
        "certainty_accuracy",
    ):
        assert scores[key] >= pins[key], (key, scores[key])
    anchor = claims_eval.ANCHOR  # the goal: above the Gender Gap Tracker on every anchored figure
    assert scores["quotes"]["0.3"]["f1"] > anchor["f1@0.3"] and scores["quotes"]["0.8"]["f1"] > anchor["f1@0.8"]
    assert scores["holder_accuracy"] > anchor["speaker_accuracy"]


#: Every blind split, each scored once with the rules frozen before it was read (the rules named on
#: its line, EVALUATION.md) and spent since: (reported speech F1 at 0.3, holder, holder
#: kind, polarity, `denies` recall on its denial set or None) of the best rules so far (v2.11 or
#: v2.12) less 0.01. A regression floor on text the rules were not written from, not a target;
#: raise, never lower (but test11's holder and kind, lowered at v2.11: its one-sentence premise a163
#: is now read as a title, an author stance the gold's document stance matches, where nothing
#: matched before; and test12's F1, lowered at v2.12: a one-word quotation inside a frame now
#: counts as the holder's words, as GUIDE §3 says, and two of test12's are scare quotes its gold
#: leaves out, « étude », « légal », while the same change adds nine gold fragments elsewhere).
#: `denies` precision must stay at 0.99 on every denial set.
SPLIT_PINS: dict[str, tuple[float, float, float, float, float | None]] = {
    # floors lowered when the parser was held to sentence ends (the sentence guard): test lost a release
    # sentence the parser now reads with its subject coordinated to an opening participle, test7 an
    # indirect stance over a quotation, test10 a kind and test12 a premise whose whole first sentence
    # is now its title; test14, the newest text, gained 0.034 of F1 (EVALUATION.md, v2.13); "page" as
    # a document noun then added one stance test's gold leaves out ("plusieurs pages … publient")
    "test": (0.640, 0.833, 0.774, 0.980, 0.934),  # scored blind with v2 (4d09633)
    "test2": (0.757, 0.879, 0.796, 0.962, 0.990),  # scored blind with v2.1 (30f79c6)
    "test3": (0.847, 0.895, 0.895, 0.990, None),  # scored blind with v2.2 (cb786ab)
    "test4": (0.896, 0.869, 0.838, 0.945, 0.934),  # scored blind with v2.3 (502ebaf)
    "test5": (0.827, 0.764, 0.732, 0.958, 0.929),  # scored blind with 236da74
    "test6": (0.830, 0.744, 0.744, 0.924, 0.851),  # scored blind with v2.4 (e746710)
    "test7": (0.895, 0.843, 0.784, 0.931, 0.879),  # scored blind with v2.5 (94a0d98)
    "test8": (0.911, 0.934, 0.851, 0.962, 0.902),  # scored blind with v2.6 (46ebf9b)
    "test9": (0.893, 0.931, 0.843, 0.961, 0.907),  # scored blind with v2.7 (633aa31)
    "test10": (0.879, 0.893, 0.861, 0.958, 0.934),  # scored blind with v2.8 (f191ee0)
    "test11": (0.867, 0.899, 0.869, 0.960, 0.879),  # scored blind with v2.9 (7fb1711)
    "test12": (0.811, 0.800, 0.752, 0.942, 0.851),  # scored blind with v2.10 (d5e18aa)
    "test13": (0.749, 0.829, 0.764, 0.958, 0.962),  # scored blind with v2.11 (bebf082)
    "test14": (0.849, 0.885, 0.753, 0.951, 0.907),  # scored blind with v2.12 (0ee8441)
    # 257 claims without a cue, 16 non-author stances: the F1 is that of three stances, the
    # figure that matters is the four predicted over 257 claims (one false alarm)
    "test15": (0.29, 0.647, 0.647, 0.733, 0.962),  # scored blind with v2.13 (0cf5f29)
}


#: Denial-set precision floors below 0.99: test15's set, scored blind at 0.972 (one negated
#: judgement read as a denial: "a estimé que la vidéo ne prouvait pas …").
DENIAL_PRECISION = {"test15": 0.96}


@pytest.mark.shared
@pytest.mark.parametrize("split", SPLIT_PINS)
def test_claims_test_split_gates(split: str) -> None:
    require_shared("eval", "europa-fr")
    assert_split_gates(split, SPLIT_PINS[split], min_items=40)


def assert_split_gates(split: str, pins: tuple[float, float, float, float, float | None], min_items: int) -> None:
    """A gold split scores at least its floors (F1 @0.3, holder, kind, polarity, denial-set recall;
    the denial set's precision at least 0.99 unless `DENIAL_PRECISION` says otherwise)."""
    from eval import claims_eval

    gold = claims_eval.load_gold(split)
    scores = claims_eval.evaluate(gold)
    quotes_f1, holder, kind, polarity, denies_recall = pins
    assert len(gold) >= min_items
    assert scores["quotes"]["0.3"]["f1"] >= quotes_f1, scores["quotes"]["0.3"]
    for key, pin in (("holder_accuracy", holder), ("holder_kind_accuracy", kind), ("polarity_accuracy", polarity)):
        assert scores[key] >= pin, (key, scores[key])
    if denies_recall is not None:
        denials = claims_eval.evaluate_denials(
            claims_eval.SPLIT_DENIALS.get(split) or claims_eval.ROOT / "eval" / "claims" / "denials" / f"{split}.jsonl"
        )
        assert denials["denies_precision"] >= DENIAL_PRECISION.get(split, 0.99)
        assert denials["denies_recall"] >= denies_recall


def test_user_outlet_files_reach_holder_kinds(tmp_path: Path) -> None:
    """An outlet only a `--outlets` file knows is a media holder: the catalogue reaches the
    attribution component through its spaCy config, not through a module-level cache."""
    from tests.test_outlets import entry, write

    text = "Le pont\n\nSelon Zorglub Matin, le pont restera fermé jusqu'à la fin du mois."
    path = write(tmp_path, entry(id="zorglub-matin.fr", name="Zorglub Matin", aliases="Zorglub", domains="zorglub.fr"))
    plain = find(filigrane.analyze([text], PipelineOptions(corpus=False)).documents[0], cue="Selon")
    assert plain.holder_kind != "media"
    options = PipelineOptions(corpus=False, outlet_files=(path,))
    according = find(filigrane.analyze([text], options).documents[0], cue="Selon")
    assert according.holder == "Zorglub Matin" and according.holder_kind == "media"


@pytest.mark.shared
def test_a_name_opening_the_sentence_before_its_role_is_the_holder() -> None:
    """Two premises of the spent thirteenth split ("Daria Driuchenko, une productrice de films
    ukrainienne, a précisé que"): the unknown first name is parsed as an adverb and the role as the
    subject; the holder is the person the role describes. Sentences written for a test did not
    reproduce that parse, so the real ones are read from ../shared."""
    from eval.claims.texts import canonical_text
    from eval.shared import shared_dir

    require_shared("eval", "daccord")
    texts = [canonical_text(f"daccord-premise/{row}", shared_dir()) for row in ("a282", "a283")]
    for doc in filigrane.analyze(texts, PipelineOptions(corpus=False)).documents:
        holders = {(s.holder, s.holder_kind) for c in doc.claims for s in c.stances if s.holder_kind != "author"}
        assert holders == {("Daria Driuchenko", "named_person")}, holders
