"""The predicates of each claim, read off the parse: what links two claims is the same action.

Two claims about Daech and the Americans are not the same claim unless they say the same thing
happened: "les avions américains ont évacué les chefs daechistes" and "l’évacuation des commandants
de Daech par les hélicoptères américains" share the predicate (évacuer / évacuation); "Daech
multiplie les pressions" does not. Each claim gets `predicates`: the lemmas of its full verbs and
of its action nouns, which the claim linker (`filigrane.stories.claim_groups`) compares as stems.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from filigrane.clean.lexicon import load_yaml
from filigrane.document import Document


@cache
def _lexicon() -> tuple[frozenset[str], tuple[str, ...]]:
    """Light verbs and action-noun endings (`data/lexicons/propositions.yaml`)."""
    table = load_yaml("propositions.yaml")
    return frozenset(table["light_verbs"]), tuple(table["action_suffixes"])


class PropositionExtractor:
    """A `SpacyExtractor` run after the claim extractor: adds `predicates` to the paragraph's claims."""

    def extract(self, parsed: Any, doc: Document, offset: int) -> None:
        end_of_paragraph = offset + len(parsed.text)
        for claim in doc.claims:
            if claim.predicates is not None or not offset <= claim.start < end_of_paragraph:
                continue
            span = parsed.char_span(claim.start - offset, min(claim.end, end_of_paragraph) - offset, "expand")
            claim.predicates = predicates(span) if span is not None else []


def predicates(tokens: Any) -> list[str]:
    """Distinct lemmas of the full verbs and action nouns among `tokens`, in text order."""
    light_verbs, action_suffixes = _lexicon()
    found: dict[str, None] = {}
    for token in tokens:
        lemma = token.lemma_.casefold()
        full_verb = token.pos_ == "VERB" and lemma not in light_verbs
        action_noun = token.pos_ == "NOUN" and len(lemma) > 5 and lemma.endswith(action_suffixes)
        if full_verb or action_noun:
            found[lemma] = None
    return list(found)
