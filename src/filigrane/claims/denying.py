"""Openings of what is said that deny the rest: a denying phrase ("il est faux que", "aucune preuve
que"), nothing or no evidence showing it ("Rien ne prouve que", "Aucun élément ne vient étayer
l'hypothèse"), a denial verb in the infinitive ("a dit douter que") and knowledge denied ("ne pas
avoir connaissance d'un quelconque incident"). Each gives the span of the opening (the denial
marker) and the rest (the denied proposition)."""

from __future__ import annotations

import re
from typing import Any

from filigrane.claims.lexicons import denials, squeezed
from filigrane.claims.tokens import NO_ONE, tokens_in

#: A denying opening's span and the rest of the content after it.
Opening = tuple[tuple[int, int], tuple[int, int]]

#: A parenthesised aside inside a denying phrase, left out to match it.
ASIDE = re.compile(r"\([^()]*\)")
#: Tokens a denying phrase may span, at most.
PHRASE_TOKENS = 8
#: Verbs that show a proposition, under a subject that is nothing or no evidence ("Rien ne prouve
#: que", "Aucun élément n'indique que"); and verbs that carry one ("ne permet d'établir").
SHOWING = frozenset({"montrer", "indiquer", "suggérer", "dire", "affirmer", "conclure", "penser", "croire"})
CARRYING = frozenset({"permettre", "venir", "laisser"})
#: Words knowledge is of ("connaissance que", "d'aucun", "d'un quelconque"), and how far it opens.
KNOWN_OF = frozenset({"que", "qu'", "qu’", "de", "d'", "d’", "du", "des", "aucun", "aucune", "quelconque"})
KNOWLEDGE_TOKENS = 8


def denying_opening(doc: Any, content: tuple[int, int]) -> Opening | None:
    """The first opening of the content that denies the rest, if any."""
    return (
        _denying_phrase(doc, content)
        or _nothing_shows(doc, content)
        or _denying_infinitive(doc, content)
        or _no_knowledge(doc, content)
    )


def _nothing_shows(doc: Any, content: tuple[int, int]) -> Opening | None:
    """Nothing and no evidence that shows a proposition: "Rien ne prouve que P", "Aucune preuve ne
    permet d'établir que P", "Aucun élément ne vient étayer l'hypothèse d'un loup": the subject is
    "rien" or under "aucun", its verb one of showing (or carries one), and P (or the allegation) is
    denied. "Rien ne justifiait un préavis" shows nothing: a negative proposition."""
    tokens = tokens_in(doc, content)
    opening = next((t for t in tokens[:3] if not t.is_punct), None)
    if opening is None or not (opening.lower_ == "rien" or (opening.lower_ in NO_ONE and opening.dep_ == "det")):
        return None
    subject = opening if opening.lower_ == "rien" else opening.head
    verb = subject.head
    if subject.dep_ not in ("nsubj", "nsubj:pass") or not any(c.lower_ in ("ne", "n'", "n’") for c in verb.children):
        return None
    shown = verb
    while shown.lemma_.lower() in CARRYING and (inner := _infinitive(shown)) is not None:
        shown = inner  # "ne permet d'établir", "ne vient étayer"
    if shown.lemma_.lower() not in SHOWING and shown.lemma_.lower() not in denials().verification:
        return None
    clause = next((c for c in shown.children if c.dep_ == "ccomp" and c.i > shown.i), None)
    mark = next((m for m in clause.children if m.dep_ == "mark"), None) if clause is not None else None
    if mark is not None:
        start = mark.i + 1
    else:
        objects = [c for c in shown.children if c.dep_ == "obj" and c.lemma_.lower() in denials().allegations]
        if not objects:
            return None
        start = objects[0].left_edge.i
    if start >= len(doc) or doc[start].idx >= content[1]:
        return None
    cue_end = doc[start - 1]
    return (opening.idx, cue_end.idx + len(cue_end.text)), (doc[start].idx, content[1])


def _infinitive(verb: Any) -> Any:
    """The infinitive a verb carries ("permet d'établir", "vient étayer"), or None."""
    return next((c for c in verb.children if c.dep_ == "xcomp" and "Inf" in c.morph.get("VerbForm")), None)


def _denying_infinitive(doc: Any, content: tuple[int, int]) -> Opening | None:
    """What is said opens on a denial verb in the infinitive ("a dit douter que P", "affirme contester
    ce chiffre"): the holder says they deny P."""
    tokens = tokens_in(doc, content)
    if len(tokens) < 3 or "Inf" not in tokens[0].morph.get("VerbForm"):
        return None
    if tokens[0].lemma_.lower() not in denials().verbs:
        return None
    rest = tokens[2] if tokens[1].lower_ in ("que", "qu'", "qu’") else tokens[1]
    return (tokens[0].idx, tokens[0].idx + len(tokens[0].text)), (rest.idx, content[1])


def _no_knowledge(doc: Any, content: tuple[int, int]) -> Opening | None:
    """Knowledge of a fact denied: "ne pas avoir connaissance que P", "n'ont connaissance d'aucun
    enlèvement", "ne pas avoir connaissance d'un quelconque incident": P, the event, is denied."""
    tokens = tokens_in(doc, content)[:KNOWLEDGE_TOKENS]
    at = next((i for i, t in enumerate(tokens) if t.lower_ == "connaissance"), None)
    if at is None or at + 1 >= len(tokens) or not any(t.lemma_ == "avoir" for t in tokens[:at]):
        return None
    after = at + 1
    while after < len(tokens) and tokens[after].lower_ in KNOWN_OF:
        after += 1
    negated = any(t.lower_ in ("ne", "n'", "n’", "pas") for t in tokens[:at])
    if not negated and not any(t.lower_ in NO_ONE for t in tokens[at + 1 : after]):
        return None
    if after >= len(tokens):
        return None
    return (tokens[0].idx, tokens[after - 1].idx + len(tokens[after - 1].text)), (tokens[after].idx, content[1])


def _denying_phrase(doc: Any, content: tuple[int, int]) -> Opening | None:
    """A denying phrase opening the content ("il n'existe aucune preuve que …"): its span and the rest."""
    tokens = tokens_in(doc, content)
    phrases = denials().phrases
    for last in range(min(len(tokens), PHRASE_TOKENS + 4)):
        token = tokens[last]
        if token.lower_ not in ("que", "qu'", "qu’", "contre"):
            continue
        qualified = last > 0 and tokens[last - 1].pos_ == "ADJ"  # "aucune preuve statistique que"
        for first in range(max(0, last - PHRASE_TOKENS), last):
            said = doc[tokens[first].i : token.i + 1].text  # (`doc.text` rebuilds the whole paragraph)
            words = squeezed([ASIDE.sub("", said)])[0]  # "Il n'est (toujours) pas avéré que": the aside aside
            if qualified and first < last - 1:
                plain = doc[tokens[first].i : tokens[last - 1].i].text + " " + token.text
                words = words if words in phrases else squeezed([ASIDE.sub("", plain)])[0]
            if words in phrases and last + 1 < len(tokens):
                rest = (tokens[last + 1].idx, content[1])
                return (tokens[first].idx, token.idx + len(token.text)), rest
    return None
