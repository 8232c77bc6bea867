"""Sentence boundaries the models get wrong: held to stops and line breaks, and not after an abbreviation.

French: a sentence starts only after a stop or a line break, a rule the parser is held to.

The parser sometimes opens a sentence in the middle of a line that has no stop at all: it cut the
headline "Inna Mykolaivna Derusova est décédée …" after the first names, so the claim read "Inna
Mykolaivna" and the verb lost its subject. Set before the parser, `is_sent_start = False` on a
token that follows neither sentence-closing punctuation nor a line break is respected by it; every
other boundary is still the parser's to choose.

English (no model: the sentencizer splits at every stop): no sentence starts after an abbreviation
("U.S. Rep. Ilhan Omar, D-Minn., in March, prosecutors said" was three sentences, the last
"in March, prosecutors said"), nor on a lower-case word or a comma.
"""

from __future__ import annotations

import re
from functools import cache
from itertools import pairwise
from typing import Any

from spacy.language import Language

from filigrane.clean.lexicon import load_yaml

NAME = "filigrane_sentence_guard"
#: Characters a sentence may end with (a closing quotation mark or bracket after its stop too).
SENTENCE_CLOSERS = frozenset(".!?…:;»\"”’')]")


@Language.component(NAME)
def sentence_guard(doc: Any) -> Any:
    """Forbid a sentence start after a token that closes nothing on the same line."""
    for previous, token in pairwise(doc):
        if previous.text[-1] not in SENTENCE_CLOSERS and "\n" not in previous.text + previous.whitespace_:
            token.is_sent_start = False
    return doc


ENGLISH_NAME = "filigrane_english_sentences"
#: An initial ("W.") or a dotted acronym ("U.S.", "D.C."), or a party-and-state tag ("D-Minn.").
DOTTED = re.compile(r"^(?:[A-Z]\.|(?:[A-Za-z]\.){2,}|[DRI]-[A-Z][a-z]+\.)$")


@cache
def abbreviations() -> frozenset[str]:
    """English abbreviations a sentence never ends on (`data/lexicons/abbreviations.yaml`)."""
    table: dict[str, str] = load_yaml("abbreviations.yaml")
    return frozenset(table["en"].split())


@Language.component(ENGLISH_NAME)
def english_sentences(doc: Any) -> Any:
    """Undo the sentencizer's starts after an abbreviation, before a lower-case word or a comma."""
    listed = abbreviations()
    for previous, token in pairwise(doc):
        if not token.is_sent_start or "\n" in previous.text + previous.whitespace_:
            continue
        after_abbreviation = previous.lower_ in listed or DOTTED.match(previous.text) is not None
        if after_abbreviation or token.text[:1].islower() or token.text in (",", ";"):
            token.is_sent_start = False
    return doc
