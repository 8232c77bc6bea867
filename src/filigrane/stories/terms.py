"""Comparable terms of a claim: folded, stop words dropped, cut to a short stem.

A five-letter stem of the accent-folded word makes inflections and derivations meet
("évacué", "évacuation", "evacuated" -> "evacu"; "américaine", "American" -> "ameri"), within French
and, for cognates, across French and English, without a stemmer per language.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

STEM_LENGTH = 5
WORD = re.compile(r"[^\W_]+", re.UNICODE)
_APOSTROPHES = re.compile(r"['’ʼ`]")


def fold(text: str) -> str:
    """Lower case, no accents, apostrophes as spaces (so "l’évacuation" gives "l evacuation")."""
    decomposed = unicodedata.normalize("NFKD", _APOSTROPHES.sub(" ", text).casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@cache
def stop_words() -> frozenset[str]:
    """French and English stop words (spaCy's lists), folded."""
    from spacy.lang.en.stop_words import STOP_WORDS as ENGLISH
    from spacy.lang.fr.stop_words import STOP_WORDS as FRENCH

    return frozenset(fold(word) for word in FRENCH | ENGLISH)


def stem(word: str) -> str:
    """The comparable form of one folded word: plural `s`/`x` dropped, cut to `STEM_LENGTH`."""
    if len(word) > 3 and word[-1] in "sx":
        word = word[:-1]
    return word[:STEM_LENGTH]


def terms(text: str) -> frozenset[str]:
    """The stems of a text's content words (numbers kept: "20 chefs" and "20 leaders" share "20")."""
    stops = stop_words()
    return frozenset(
        stem(word) for word in WORD.findall(fold(text)) if word not in stops and (len(word) > 2 or word.isdigit())
    )
