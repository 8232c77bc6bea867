"""Light English claims: quotes, reporting verbs, "according to", hedges and boosters without a model."""

from __future__ import annotations

from typing import Any

import pytest

import filigrane
from filigrane.claim_records import Stance
from filigrane.claims import ENGLISH_ANALYSIS
from filigrane.document import Document
from tests.conftest import DEMO_CORPUS, require_shared

#: Written for these tests: every cue the light English pipeline reads.
ARTICLE = "\n\n".join(
    [
        "Talks collapse over border deal",
        '"We will not sign this agreement," said Foreign Minister John Carter. "It is a bad deal for everyone."',
        "The ministry told Reuters that the convoy had reportedly left the city before dawn. According to local "
        "officials, at least twelve people may have been killed in the strike.",
        "The army denied that its helicopters had evacuated the fighters. Video footage obtained by the BBC clearly "
        "shows the helicopters, a witness said.",
        'Maria Lopez, a spokeswoman for the agency, said: "The documents are genuine."',
        "The minister claimed he did not know about the payments. The rebels allegedly received weapons from "
        "abroad, Reuters reported.",
    ]
)


def stances(doc: Document) -> list[Stance]:
    return [stance for claim in doc.claims for stance in claim.stances]


def find(doc: Document, **wanted: Any) -> Stance:
    """The first stance whose fields contain the wanted values (strings: as substrings)."""
    for stance in stances(doc):
        fields = stance.to_dict() | {"content": doc.text[stance.content_start : stance.content_end]}
        if all(value in (fields[key] or "") for key, value in wanted.items()):
            return stance
    raise AssertionError(f"no stance with {wanted}")


@pytest.fixture(scope="module")
def article() -> Document:
    doc = filigrane.analyze([ARTICLE]).documents[0]
    assert doc.language == "en"
    return doc


def test_english_analyses_say_light_claims_ran(article: Document) -> None:
    assert article.analyses["claims"] == ENGLISH_ANALYSIS and ENGLISH_ANALYSIS.startswith("light-en")
    assert article.analyses["nlp"].startswith("reduced")


def test_english_quotes_with_the_speaker_after_and_before(article: Document) -> None:
    carter = find(article, kind="direct", content="We will not sign")
    # the person's name, the title beside it (GUIDE §4, §16)
    assert (carter.holder, carter.holder_role, carter.holder_kind) == (
        "John Carter",
        "Foreign Minister",
        "named_person",
    )
    assert carter.cue == "said" and carter.polarity == "affirms" and carter.negated is True
    assert find(article, kind="direct", content="It is a bad deal").holder == carter.holder
    lopez = find(article, kind="direct", content="The documents are genuine")
    assert lopez.holder.startswith("Maria Lopez") and lopez.holder_kind == "named_person"


def test_english_reporting_verbs_and_according_to(article: Document) -> None:
    told = find(article, cue="told", content="the convoy had reportedly left")
    assert told.holder == "The ministry" and told.holder_kind == "government"
    assert told.certainty == "hedged" and "reportedly" in [m.text for m in told.markers]
    officials = find(article, kind="according-to", holder="local officials")
    assert officials.certainty == "hedged" and article.text[officials.content_start :].startswith("at least")
    denied = find(article, cue="denied")
    assert denied.holder == "The army" and denied.polarity == "denies"
    claimed = find(article, cue="claimed")  # a negative proposition he affirms, not a denial
    assert claimed.polarity == "affirms" and claimed.negated is True
    assert not [m for m in claimed.markers if m.type == "denial"]
    reuters = find(article, holder="Reuters", cue="reported")
    assert reuters.holder_kind == "media" and reuters.certainty == "hedged"
    assert article.text[reuters.content_start : reuters.content_end].startswith("The rebels allegedly")


def test_english_denials_are_the_holders_stance() -> None:
    """A negated frame and a denying phrase deny; a negation inside the content is `negated`."""
    text = (
        "Ministry statement\n\nThe ministry did not confirm that troops had left the city. The spokesman said "
        'the strikes had not caused civilian casualties. "There is no evidence that the vaccine causes autism," '
        "the agency said."
    )
    doc = filigrane.analyze([text]).documents[0]
    unconfirmed = find(doc, holder="The ministry")
    assert unconfirmed.polarity == "denies" and unconfirmed.negated is False
    negative = find(doc, holder="The spokesman")
    assert negative.polarity == "affirms" and negative.negated is True
    evidence = find(doc, holder="the agency")
    assert evidence.polarity == "denies"
    assert doc.text[evidence.content_start : evidence.content_end].startswith("the vaccine causes autism")


def test_english_boosters_and_evidence(article: Document) -> None:
    witness = find(article, holder="a witness")
    assert witness.certainty == "boosted"
    evidence = [m for m in witness.markers if m.type == "evidence"]
    assert evidence and evidence[0].text == "Video footage obtained by the BBC" and evidence[0].specified


def test_demo_english_article_holders_and_kinds() -> None:
    """The demo corpus' English wire story: the prefecture, the company, a source and the critics."""
    doc = filigrane.analyze([DEMO_CORPUS / "09_valmont-english.txt"]).documents[0]
    prefecture = find(doc, kind="according-to", holder="the local prefecture")
    assert prefecture.holder_kind == "government" and prefecture.certainty == "hedged"
    assert find(doc, holder="The company", cue="said").certainty == "hedged"  # "probably very small"
    assert find(doc, holder="a judicial source").holder_kind == "anonymous_source"
    group = find(doc, cue="disputed")
    assert group.polarity == "denies" and {"photos", "documents"} <= {m.text for m in group.markers}


def test_other_languages_say_claims_did_not_run() -> None:
    text = "Der Minister sagte am Montag, dass der Plan fortgesetzt werde. " * 3
    doc = filigrane.analyze([text]).documents[0]
    assert doc.language == "de" and doc.analyses["claims"] == "not available for de" and doc.claims == []


@pytest.mark.shared
def test_english_page_claims_have_plausible_holders() -> None:
    """A real English news page (impeachment hearing testimony): the witnesses hold the stances."""
    page = require_shared("eval", "extraction-en", "html") / (
        "7a664e40d256470fdb12d10c3f8d1c6db0581e9b080c71765e55f273a3ac7d03.html.gz"
    )
    doc = filigrane.analyze([page]).documents[0]
    assert doc.language == "en" and doc.analyses["claims"] == ENGLISH_ANALYSIS
    reported = [s for s in stances(doc) if s.holder_kind != "author"]
    assert len(reported) >= 20
    holders = {s.holder for s in reported}
    assert any("Volker" in h for h in holders) and any("Morrison" in h for h in holders)
    volker = [s for s in reported if "Volker" in s.holder]
    assert {s.holder_kind for s in volker} == {"named_person"}
    assert {"direct", "indirect"} <= {s.kind for s in volker}
    assert any(s.polarity == "denies" or s.negated for s in volker)


def test_english_passive_and_called_false_denials_and_role_nouns() -> None:
    """Written for the test: a passive denial is its agent's; "dismissed as false X" denies X; a verb
    form after a determiner is a noun ("the claims"); an acronym is a name even when it spells "who";
    a capitalised role noun opening a sentence is not a person's name."""
    text = (
        "Wire\n\nThe claim that soldiers died was denied by the Ministry of Defence on Monday. "
        "The mayor dismissed as false reports that the bridge would close. "
        "There is no evidence that the water is unsafe, the WHO said on Friday. "
        "Protesters said the police had fired tear gas."
    )
    document = filigrane.analyze([text]).to_dict()["documents"][0]
    stances = {
        stance["holder"]: (stance["holder_kind"], stance["polarity"], claim["text"])
        for claim in document["claims"]
        for stance in claim["stances"]
        if stance["holder"] is not None
    }
    assert stances["the Ministry of Defence"][1:] == ("denies", "soldiers died")
    assert stances["The mayor"] == ("unnamed_person", "denies", "reports that the bridge would close")
    assert stances["the WHO"][1:] == ("denies", "the water is unsafe")
    assert stances["Protesters"][:2] == ("unnamed_person", "affirms")
    assert not any(cue == "claim" for claim in document["claims"] for cue in [s["cue"] for s in claim["stances"]])


def holder_kinds(text: str) -> dict[str, str]:
    """Each named holder of the text's stances, with its kind (read through the JSON contract)."""
    document = filigrane.analyze([text]).to_dict()["documents"][0]
    return {s["holder"]: s["holder_kind"] for c in document["claims"] for s in c["stances"] if s["holder"]}


def test_english_holder_heads_before_in_and_tweets() -> None:
    """Written for the test: the head of "a report in X" or "officials in X" is the noun before the
    preposition (not the place or the paper's name); "X tweeted" reports a quotation."""
    text = (
        "Wire\n\nAccording to a report in the Argus Leader, the governor launched the campaign on Monday. "
        "Officials in Washington said the talks had failed. "
        '"So I think that is working," Noem tweeted.'
    )
    stances = holder_kinds(text)
    assert stances["a report in the Argus Leader"] == "document"
    assert stances["Officials in Washington"] == "unnamed_person"
    assert stances["Noem"] == "named_person"


def test_english_holder_heads_before_of_and_for() -> None:
    """Written for the test: "the head of the delegation" and "a spokeswoman for the Ministry of
    Transport" are people (the noun before the first preposition), "most of the officials" a group
    of them (the quantity names no one, the noun after it does); a date before the verb is left out."""
    text = (
        "Wire\n\nThe head of the delegation said the talks had failed. "
        "A spokeswoman for the Ministry of Transport said the bridge would reopen. "
        "Most of the officials said the plan was too costly. "
        "The Harbour Authority on Tuesday said the port would stay closed. "
        "Minister for Health Jane Doe said the clinic would open."
    )
    stances = holder_kinds(text)
    assert stances["The head of the delegation"] == "unnamed_person"
    assert stances["A spokeswoman for the Ministry of Transport"] == "unnamed_person"
    assert stances["Most of the officials"] == "unnamed_person"
    assert "The Harbour Authority" in stances  # the date before the verb is no part of the holder
    # "for" after a capitalised title belongs to the title: the holder is the person it names
    assert [kind for holder, kind in stances.items() if "Jane Doe" in holder] == ["named_person"]


def test_english_a_second_report_of_the_same_subject_is_its_own_stance() -> None:
    """Written for the test: "denied X and said Y" is two stances of one holder, the denial ending
    at "and"; "the claims and reports of abuse" is one object (a noun, not a second report)."""
    text = (
        "Wire\n\nA city hall spokeswoman denied any delay and said the works would end in June. "
        "The mayor denied the claims and reports of abuse."
    )
    document = filigrane.analyze([text]).to_dict()["documents"][0]
    found = [(s["holder"], s["polarity"], c["text"]) for c in document["claims"] for s in c["stances"] if s["holder"]]
    assert ("A city hall spokeswoman", "denies", "any delay") in found
    assert ("A city hall spokeswoman", "affirms", "the works would end in June") in found
    assert [f for f in found if f[0] == "The mayor"] == [("The mayor", "denies", "the claims and reports of abuse")]


def english_stances(*sentences: str) -> list[list[dict[str, Any]]]:
    """Each sentence analysed alone after a neutral English title, its non-headline stances with the
    words they report (read through the JSON contract)."""
    result = filigrane.analyze([f"News of the day\n\n{s}" for s in sentences]).to_dict()["documents"]
    found = []
    for doc in result:
        found.append(
            [
                stance | {"said": doc["text"][stance["content_start"] : stance["content_end"]], "negated": c["negated"]}
                for c in doc["claims"]
                if c["start"] > 0  # the title line
                for stance in c["stances"]
            ]
        )
    return found


def test_english_frames_found_on_real_articles() -> None:
    """Written for the test, the forms the English dev split showed the light pipeline missing: a
    clause after an addressee without "that", a refusal to confirm, a relative whose antecedent
    speaks, a subject before a relative clause or an apposition, where a thing was said, "Per X,",
    an addressee or a time and place after a sentence-final verb."""
    told, declined, relative, which, lawyer, setting, per, final, timed = english_stances(
        "The coach told the BBC he would never coach again.",
        "The airline declined to confirm that the plane had been grounded.",
        "The council published a report that said the river was polluted.",
        "The bank, which has cut hundreds of jobs as profits fell, confirmed that it would close ten branches.",
        "The club's lawyer, Anna Weiss, said the player had done nothing wrong.",
        "The ministry said in a statement that the border would reopen.",
        "Per the latest census figures, the village has lost half its people.",
        "The ferry sank near the harbour, a coastguard officer told Reuters.",
        "The deal was worth two billion dollars, executives of both firms announced Tuesday at the trade fair.",
    )
    assert [(s["holder"], s["said"], s["negated"]) for s in told] == [("The coach", "he would never coach again", True)]
    assert [(s["polarity"], s["said"]) for s in declined] == [("denies", "the plane had been grounded")]
    assert [(s["holder"], s["holder_kind"]) for s in relative] == [("a report", "document")]
    assert [(s["holder"], s["said"]) for s in which] == [("The bank", "it would close ten branches")]
    assert [(s["holder"], s["holder_kind"]) for s in lawyer] == [("Anna Weiss", "named_person")]
    assert [s["said"] for s in setting] == ["the border would reopen"]
    assert [(s["kind"], s["holder_kind"]) for s in per] == [("according-to", "document")]
    assert [(s["holder"], s["said"]) for s in final] == [("a coastguard officer", "The ferry sank near the harbour")]
    assert [s["holder"] for s in timed] == ["executives of both firms"]


def test_english_names_titles_and_bodies() -> None:
    """A title before a name is the role, not the name; a body's noun inside a capitalised name makes
    it that body, a newspaper's last word a medium; "two people familiar with the matter" are an
    anonymous source; prosecutors speak for the state."""
    titled, body, police, familiar, paper, prosecutors = english_stances(
        "Health Minister Paul Grant said the clinics would stay open.",
        "The National Council on Ageing said pensions were too low.",
        "The Lakeside Police Department confirmed that two men had been arrested.",
        "The firm is for sale, according to two people familiar with the talks.",
        "The mill will close in May, according to the Riverside Herald.",
        "Prosecutors said the driver had been drinking.",
    )
    assert [s["holder_kind"] for s in paper] == ["media"]  # a newspaper's name, in no catalogue
    assert [s["holder_kind"] for s in prosecutors] == ["government"]  # GUIDE §16
    assert [(s["holder"], s["holder_role"], s["holder_kind"]) for s in titled] == [
        ("Paul Grant", "Health Minister", "named_person")
    ]
    assert [s["holder_kind"] for s in body] == ["organisation"]
    assert [s["holder_kind"] for s in police] == ["government"]
    assert [s["holder_kind"] for s in familiar] == ["anonymous_source"]


def test_english_polarity_and_certainty_of_real_forms() -> None:
    """A negated active finding is affirmed, a negated passive verification denied; the writer's "no
    evidence" denies; "could" after "said" is the past of "can", "may" hedges, a negated "proven"
    boosts nothing; the writer's "I think" and a market figure after "added" report nothing."""
    finding, verified, evidence, could, may, thinks, figure = english_stances(
        "The doctor said the drug had not shown any benefit in older patients.",
        "The minister said the link had never been proven.",
        "We found no evidence that the mayor owns a yacht.",
        "The retailer said customers could now pay by phone.",
        "The agency said the strike may last a week.",
        "I think the plan is a mistake.",
        "The index added 20 points to close at a record.",
    )
    assert [(s["polarity"], s["negated"]) for s in finding] == [("affirms", True)]
    assert [(s["polarity"], s["certainty"]) for s in verified] == [("denies", "neutral")]
    assert [(s["holder_kind"], s["polarity"]) for s in evidence] == [("author", "denies")]
    assert [s["certainty"] for s in could] == ["neutral"]
    assert [s["certainty"] for s in may] == ["hedged"]
    assert [s for s in thinks + figure if s["holder_kind"] != "author"] == []


def test_english_qualifications_and_hyphenated_names() -> None:
    """ "called X "a disaster"" is a stance, "called X a lie" denies X, "called the police" is none; a
    hyphenated name or age stays one word, so its speaker is found."""
    quoted, lie, phoned, hyphen, aged = english_stances(
        'The union called the pay offer "an insult to nurses."',
        "The coach called the report that he would resign a complete lie.",
        "The neighbour called the police.",
        'Lee Hsien-yang, the mayor of the district, said: "The bridge will reopen in May."',
        'The 62-year-old said after the match: "I will stay at the club."',
    )
    assert ("The union", "affirms") in [(s["holder"], s["polarity"]) for s in quoted]
    assert [(s["polarity"], s["said"]) for s in lie] == [("denies", "the report that he would resign")]
    assert [s for s in phoned if s["holder_kind"] != "author"] == []
    assert [(s["holder"], s["kind"]) for s in hyphen] == [("Lee Hsien-yang", "direct")]
    assert [(s["holder_kind"], s["said"]) for s in aged] == [("unnamed_person", "I will stay at the club.")]


def test_english_sentences_do_not_end_on_abbreviations() -> None:
    """The sentencizer cut "U.S. Rep. Ann Lee, D-Ohio., in May, officials said." after each stop; the
    sentence is one, and its speaker is found. "We called it "…"" is the writer's voice."""
    (abbreviated, ours) = english_stances(
        "A man was charged with threatening U.S. Rep. Ann Lee, D-Ohio, in May, officials said.",
        'We called it "a bold move" at the time.',
    )
    assert [(s["holder"], s["said"]) for s in abbreviated] == [
        ("officials", "A man was charged with threatening U.S. Rep. Ann Lee, D-Ohio, in May")
    ]
    assert [s for s in ours if s["holder_kind"] != "author"] == []


#: Floors on the English splits (F1 @0.3, holder, kind, polarity, denial-set recall): en-dev tuned the
#: rules frozen at e63e29d, en-test was scored blind with them, en-test2 blind with those of cb6ff6e
#: (EVALUATION.md).
ENGLISH_PINS = {
    "en-dev": (0.784, 0.877, 0.735, 0.976, 0.89),
    "en-test": (0.766, 0.888, 0.731, 0.985, 0.865),
    "en-test2": (0.788, 0.848, 0.800, 0.969, 0.74),  # scored blind with cb6ff6e
}


@pytest.mark.shared
@pytest.mark.parametrize("split", ENGLISH_PINS)
def test_english_split_gates(split: str) -> None:
    from tests.test_claims import assert_split_gates

    require_shared("eval", "extraction-en")
    assert_split_gates(split, ENGLISH_PINS[split], min_items=35)


def test_english_settings_after_a_final_verb_and_nouns_before_a_relative() -> None:
    """Seen as a new user on real pages: "…, X said Tuesday in a chat with Y." and "…, X said while
    visiting Z." end on the saying (the clause before is what was said); "critical reports that
    depicted …" is a noun and its relative; "to exchange notes" reports nothing; "comments X"
    reports a quotation."""
    chat, visiting, reports, notes, comments = english_stances(
        'The port is "open for business," Mayor Ann Cole said Friday in an interview with local radio.',
        "The station was closed for repairs, Cole said while visiting the site in May.",
        "The auditors published two critical reports that described rising costs.",
        "The two friends met every week to exchange notes on the campaign.",
        "“We are delighted with the result,” comments Cole in a statement.",
    )
    assert [(s["kind"], s["holder"]) for s in chat] == [("direct", "Ann Cole")]
    assert [(s["holder"], s["said"]) for s in visiting] == [("Cole", "The station was closed for repairs")]
    assert [s for s in reports + notes if s["holder_kind"] != "author"] == []
    assert [(s["kind"], s["holder"]) for s in comments] == [("direct", "Cole")]


def test_english_speakers_after_an_apposition_possessors_and_leading_clauses() -> None:
    """Seen as a new user: '"…," Ann Cole, head of the port, said' names Cole (and "she said" after
    it is hers); "the agency's engineers" are engineers, not the agency; what "As X confirmed that P,"
    reports ends with its clause."""
    apposed, possessor, leading = english_stances(
        "“The port will reopen,” Ann Cole, head of the port authority, said on Friday. “We are ready,” she said.",
        "The agency's engineers said the dam was safe.",
        "As the engineers confirmed that the dam was safe, the town reopened the road.",
    )
    assert [(s["holder"], s["kind"]) for s in apposed] == [("Ann Cole", "direct"), ("Ann Cole", "direct")]
    assert [(s["holder"], s["holder_kind"]) for s in possessor] == [("The agency's engineers", "unnamed_person")]
    assert [s["said"] for s in leading] == ["the dam was safe"]
