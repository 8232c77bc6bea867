"""Small helpers over spaCy tokens shared by the claim components."""

from __future__ import annotations

from typing import Any

from filigrane.claims.lexicons import reporting_verbs

QUE = frozenset({"que", "qu'", "qu’"})
CLOSING = frozenset({"»", "”", '"'})
OPENING = frozenset({"«", "“", '"', "„"})
TRAILING = frozenset(".,;:!?…")


def reporting_lemma(token: Any) -> str | None:
    """The reporting-verb lemma of `token`, tolerant of lemmatiser slips ("glisse", "estime")."""
    if token.pos_ not in ("VERB", "AUX"):
        return None
    verbs = reporting_verbs()
    lower = token.lower_
    for candidate in (token.lemma_.lower(), lower + "r", lower[:-1] + "r", lower[:-2] + "er"):
        if verbs.polarity(candidate):
            return str(candidate)
    return None


def is_pronoun(token: Any) -> bool:
    return bool(token.pos_ == "PRON")


def span_of(tokens: list[Any]) -> tuple[int, int]:
    """Character span of a run of tokens, trailing punctuation left out."""
    while len(tokens) > 1 and (tokens[-1].text in TRAILING or tokens[-1].text in OPENING):
        tokens = tokens[:-1]
    while len(tokens) > 1 and tokens[0].is_punct and tokens[0].text not in OPENING:
        tokens = tokens[1:]
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def holder_info(doc: Any, first: int, last: int, head: Any) -> dict[str, Any]:
    """Plain description of a holder mention (tokens `first`..`last` inclusive) for kind resolution."""
    tokens = [doc[i] for i in range(first, last + 1)]
    start, end = span_of(tokens)
    propn = [t for t in tokens if t.pos_ == "PROPN" or t.ent_type_ == "PER"]
    return {
        "start": start,
        "end": end,
        "text": doc.text[start:end],
        "head": head.lemma_.lower(),
        "head_text": head.text,
        "head_pos": head.pos_,
        "head_ent": head.ent_type_,
        "per": any(t.ent_type_ == "PER" for t in tokens),
        "key": propn[-1].text.lower() if propn else "",
        "first": tokens[0].lower_,
        "ents": [[t.ent_type_, t.text] for t in tokens if t.ent_type_],
        "gender": gender(tokens, head),
        "plural": "Plur" in head.morph.get("Number"),
    }


#: Honorifics and clitics that tell a mention's grammatical gender.
MASCULINE = frozenset({"m.", "m", "monsieur", "il", "-il", "ils", "-ils", "lui", "eux", "le", "un"})
FEMININE = frozenset({"mme", "mlle", "madame", "elle", "-elle", "elles", "-elles", "la", "une"})


def gender(tokens: list[Any], head: Any) -> str:
    """ "Masc", "Fem" or "" for a holder mention: its head's morphology, else its first word."""
    first = tokens[0].lower_
    if first in MASCULINE:
        return "Masc"
    if first in FEMININE:
        return "Fem"
    found = head.morph.get("Gender") or [g for t in tokens if t.pos_ in ("DET", "NOUN") for g in t.morph.get("Gender")]
    return str(found[0]) if found else ""


def negation(head: Any) -> tuple[int, int] | None:
    """The `ne … pas/jamais/aucun/rien` around a predicate, unless restrictive or a quantity bound."""
    negs = [
        c
        for c in head.children
        if c.morph.get("Polarity") == ["Neg"] or c.lower_ in ("jamais", "aucun", "aucune", "rien")
    ]
    if not negs or head.lemma_ in ("devoir", "falloir"):
        return None
    words = [t for t in negs if t.lower_ not in ("ne", "n'", "n’")]
    if not words:
        return None
    last = max(words, key=lambda t: t.i)
    following = head.doc[last.i + 1] if last.i + 1 < len(head.doc) else None
    if following is not None and following.lower_ in ("plus", "moins", "que"):
        return None
    first = min([*negs, head], key=lambda t: t.i)
    end_token = max([last, head], key=lambda t: t.i)
    return first.idx, end_token.idx + len(end_token.text)


def main_negation(doc: Any, content: tuple[int, int]) -> tuple[int, int] | None:
    """Negation of the content's main predicate (its first sentence's root within the span)."""
    span = doc.char_span(content[0], content[1], alignment_mode="expand")
    tokens = [t for t in span if content[0] <= t.idx < content[1]] if span is not None else []
    if not tokens:
        return None
    inside = {t.i for t in tokens}
    sentence_end = tokens[0].sent.end
    roots = [t for t in tokens if t.i < sentence_end and (t.head.i not in inside or t.head.i == t.i)]
    predicates = [t for t in roots if t.pos_ in ("VERB", "AUX", "ADJ", "NOUN")]
    return negation(predicates[0]) if predicates else None
