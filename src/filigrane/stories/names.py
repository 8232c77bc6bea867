"""The specific proper names of an article: what tells one event from another.

Capitalised words that do not open a sentence, as folded 5-letter stems (`filigrane.stories.terms`),
minus stop words and the names too common in world news to identify an event
(`data/lexicons/common_names.yaml`). Works the same on French and English text, with or without a
named-entity model.
"""

from __future__ import annotations

import re
from functools import cache

from filigrane.clean.lexicon import load_yaml
from filigrane.stories.terms import fold, stem, stop_words

#: A capitalised word not at the start of its sentence (after a letter, digit, comma, quote, ...).
_NAME = re.compile(r"(?<=[^\s.!?…] )[A-ZÀ-ÖØ-Þ][\w’'-]+")
#: How much of an article names its event: the title and the opening of the text.
HEAD_CHARS = 1500


@cache
def common_names() -> frozenset[str]:
    table: dict[str, list[str]] = load_yaml("common_names.yaml")
    return frozenset(stem(fold(name)) for names in table.values() for name in names)


def specific_names(text: str) -> frozenset[str]:
    """Stems of the capitalised, non-sentence-initial, uncommon words of `text`."""
    skip = common_names() | stop_words()
    found: set[str] = set()
    for match in _NAME.finditer(text):
        for word in re.split(r"[\s’'-]+", fold(match.group())):
            if len(word) > 2 and word not in skip:
                found.add(stem(word))
    return frozenset(found - skip)
