"""A sentence starts only after a stop or a line break: a rule the French parser is held to.

The parser sometimes opens a sentence in the middle of a line that has no stop at all: it cut the
headline "Inna Mykolaivna Derusova est décédée …" after the first names, so the claim read "Inna
Mykolaivna" and the verb lost its subject. Set before the parser, `is_sent_start = False` on a
token that follows neither sentence-closing punctuation nor a line break is respected by it; every
other boundary is still the parser's to choose.
"""

from __future__ import annotations

from itertools import pairwise
from typing import Any

from spacy.language import Language

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
