"""`filigrane_certainty`: hedges, boosters, evidence and the conditionnel journalistique.

Hedges and boosters come from the lexicons (PhraseMatcher on lower-case text, lemma lists and
Matcher patterns such as "presque 100%"). The conditional is read from the morphology
(`Mood=Cnd`), with a fallback for the -rait/-raient forms the tagger takes for imperfects
("daterait", "serviraient"); deontic and *si*-hypothesis conditionals are left out.
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc

from filigrane.claims.lexicons import certainty_table, evidence_nouns, words
from filigrane.claims.tokens import negated_noun

Doc.set_extension("filigrane_markers", default=None, force=True)

#: "il faudrait", "auraient dû": deontic, not a hedge ("devrait" alone stays epistemic).
DEONTIC = frozenset({"falloir", "devoir"})
CONDITIONAL_ENDINGS = ("rait", "raient", "rais")
#: Longest evidence phrase kept as a marker, in tokens.
MAX_EVIDENCE_TOKENS = 16


class Certainty:
    """Stores `doc._.filigrane_markers`: plain `{"type", "start", "end", "simple"|"specified"}` dicts."""

    def __init__(self, nlp: Language) -> None:
        self.phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.tokens = Matcher(nlp.vocab)
        for kind, name in (("hedge", "hedges.yaml"), ("booster", "boosters.yaml")):
            table = certainty_table(name)
            self.phrases.add(kind, [nlp.make_doc(phrase) for phrase in table.get("phrases", [])])
            for lemma in table.get("lemmas", []):
                self.tokens.add(kind, [[{"LEMMA": lemma}]])
            for pattern in table.get("patterns", []):
                self.tokens.add(kind, [pattern])
        self.evidence = evidence_nouns()
        emphatic = certainty_table("boosters.yaml")["emphatic_bien"]
        self.not_emphatic_before = words(emphatic["not_before"])
        self.well_done = words(emphatic["manner_verbs"])

    def __call__(self, doc: Doc) -> Doc:
        markers: list[dict[str, Any]] = []
        for match_id, start, end in [*self.phrases(doc), *self.tokens(doc)]:
            span = doc[start:end]
            kind = doc.vocab.strings[match_id]
            if kind == "booster" and span.root.pos_ in ("NOUN", "ADJ") and negated_noun(span.root):
                continue  # "aucune preuve", "pas de documents probants": the negation's scope asserts nothing
            if kind == "booster" and start > 0 and doc[start - 1].lower_ in ("pas", "sans"):
                continue  # "pas forcément", "sans forcément": not necessarily, no insistence
            markers.append({"type": kind, "start": span.start_char, "end": span.end_char})
        for token in doc:
            if token.lower_ == "bien" and self._emphatic(token):  # (the word first: this runs on every token)
                markers.append({"type": "booster", "start": token.idx, "end": token.idx + len(token.text)})
            if token.pos_ == "NOUN" and token.lemma_.lower() in self.evidence:
                markers.append(_evidence(doc, token))
            elif _conditional(token):
                markers.append(_conditional_marker(doc, token))
        doc._.filigrane_markers = _dedupe(markers)
        return doc

    def _emphatic(self, token: Any) -> bool:
        """An emphatic "bien" after an auxiliary, a copula or a verb ("ont bien été filmées", "C'est
        bien lui", "détectent bien le virus"): the text insists that the fact holds (GUIDE §9).
        "fonctionne bien." (manner, ending its clause) and "bien que", "bien plus" are not."""
        if token.i == 0 or token.i + 1 >= len(token.doc):  # (the caller has checked the word)
            return False
        previous, following = token.doc[token.i - 1], token.doc[token.i + 1]
        if following.is_punct or following.lower_ in self.not_emphatic_before:
            return False
        if previous.pos_ == "AUX":
            return True
        if previous.pos_ != "VERB" or previous.lemma_.lower() in self.well_done:
            return False
        return "Fin" in previous.morph.get("VerbForm") and following.pos_ != "ADP"


@Language.factory("filigrane_certainty")
def make_certainty(nlp: Language, name: str) -> Certainty:
    return Certainty(nlp)


def markers_of(doc: Any) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] | None = doc._.filigrane_markers
    return found or []


def _conditional(token: Any) -> bool:
    if token.pos_ not in ("VERB", "AUX"):
        return False
    if token.dep_.startswith("aux") and token.head.lemma_ in DEONTIC:
        return False
    mood = token.morph.get("Mood")
    if "Cnd" not in mood:
        lower, lemma = token.lower_, token.lemma_.lower()
        imperfect = "Imp" in token.morph.get("Tense")
        if not (
            imperfect
            and lower.endswith(CONDITIONAL_ENDINGS)
            and (lower.startswith(lemma) or lower.startswith(lemma[:-1]))
        ):
            return False
    if token.lemma_ == "falloir":
        return False
    sentence = token.sent
    return not any(t.lower_ in ("si", "s'", "s’") and t.dep_ == "mark" for t in sentence)


def _conditional_marker(doc: Doc, token: Any) -> dict[str, Any]:
    """ "aurait négocié": the auxiliary with its participle, else the verb alone."""
    last = token
    if token.dep_.startswith("aux") and token.head.i > token.i and token.head.i - token.i <= 4:
        last = token.head
    compound = last is not token
    return {"type": "conditional", "start": token.idx, "end": last.idx + len(last.text), "simple": not compound}


def _evidence(doc: Doc, noun: Any) -> dict[str, Any]:
    """The evidence noun phrase, stopped at a comma, a relative clause or a finite verb, capped in length.

    A past participle describing the noun stays in ("une étude danoise publiée le 8 septembre dans
    le journal Plos Medicine"): it often says where the evidence comes from.
    """
    first = noun.left_edge.i
    last = noun.i
    for token in doc[noun.i + 1 : noun.right_edge.i + 1]:
        described = token.dep_ == "acl" and token.head.i == noun.i and "Part" in token.morph.get("VerbForm", [])
        if (
            token.text in (",", ";", ":", "(")
            or (token.pos_ in ("VERB", "AUX") and not described)
            or token.i - first >= MAX_EVIDENCE_TOKENS
        ):
            break
        last = token.i
    while first < noun.i and (
        doc[first].is_punct or doc[first].pos_ in ("ADP", "CCONJ") or doc[first].dep_ in ("case", "fixed", "cc")
    ):
        first += 1
    phrase = doc[first : last + 1]
    return {
        "type": "evidence",
        "start": doc[first].idx,
        "end": doc[last].idx + len(doc[last].text),
        "specified": _specified(phrase),
    }


def _specified(phrase: Any) -> bool:
    """Whether an evidence phrase says who or where it comes from: a name, an entity or a date."""
    return any(t.pos_ in ("PROPN", "NUM") or t.ent_type_ or t.like_num for t in phrase)


def _dedupe(markers: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One marker per type and start, the longest kept, in text order."""
    best: dict[tuple[str, int], dict[str, Any]] = {}
    for marker in markers:
        key = (marker["type"], marker["start"])
        if key not in best or marker["end"] > best[key]["end"]:
            best[key] = marker
    return sorted(best.values(), key=lambda m: (m["start"], m["type"]))
