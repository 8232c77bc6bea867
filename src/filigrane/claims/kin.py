"""The kind of actor a common noun no lexicon lists is akin to, read on the parser's word vectors.

A subject the holder lexicons do not list ("le syndic", "le gérant", "l'éleveur") would drop its
whole stance. Its word vector is compared with those of the lexicon's own nouns: the people
(`persons`), the bodies (`organisation`, `government`, `media`) and the nouns that name no actor
(`non_actors`, `document`, `visuals`). It is akin to a kind when its nearest actor noun of that kind
is close and clearly closer than every non-actor noun; otherwise it stays unread, as before. No
lemma is added by hand: the lexicons are the prototypes.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import numpy as np
from spacy.strings import get_string_id

from filigrane.claims.lexicons import holder_cues

#: Lexicon lists whose nouns are actors, each the kind it names.
ACTOR_KINDS = ("persons", "organisation", "government", "media")
#: Lexicon lists whose nouns name no actor.
NON_ACTOR_KINDS = ("non_actors", "document", "visuals")
#: Cosine a noun must reach with its nearest actor noun.
MIN_SIMILARITY = 0.5
#: How much nearer that actor noun must be than the nearest non-actor noun.
MARGIN = 0.15

#: Prototypes per vectors table, each kept with the table it was read from: an id alone may be
#: reused by another pipeline's table once the first is freed (the English one has other vectors).
_prototypes: dict[int, tuple[Any, Any, list[str], Any]] = {}


def akin(token: Any) -> str | None:
    """The lexicon kind (`persons`, `organisation`, `government`, `media`) a common noun is akin to,
    or None when it has no vector or no kind is clearly nearest."""
    lemma = token.lemma_.lower()
    if lemma in _listed():
        return None  # the lexicons read it
    table = token.vocab.vectors
    vector = _vector(table, lemma)
    vector = _vector(table, token.lower_) if vector is None else vector
    if vector is None:
        return None
    actors, kinds, others = _prototypes_of(table)
    if not kinds:
        return None
    near = actors @ vector
    best = int(np.argmax(near))
    nearest_other = float(np.max(others @ vector)) if len(others) else -1.0
    if near[best] < MIN_SIMILARITY or near[best] - nearest_other < MARGIN:
        return None
    return kinds[best]


@cache
def _listed() -> frozenset[str]:
    """Every word of the holder lexicons, whatever its list."""
    return frozenset().union(*holder_cues().values())


def _vector(table: Any, word: str) -> Any:
    """The unit vector of a word, or None; read on the table alone, so that no lexeme or string is
    added to the pipeline's vocabulary by looking."""
    row = table.key2row.get(get_string_id(word)) if hasattr(table, "key2row") else None
    if row is None:
        return None
    vector = np.asarray(table.data[row], dtype="float32")
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm else None


def _prototypes_of(table: Any) -> tuple[Any, list[str], Any]:
    """Unit vectors of the lexicon's actor nouns with their kinds, and of its non-actor nouns, for
    one vectors table (computed once)."""
    cached = _prototypes.get(id(table))
    if cached is None or cached[0] is not table:
        cues = holder_cues()
        actors = [(v, kind) for kind in ACTOR_KINDS for w in sorted(cues[kind]) if (v := _vector(table, w)) is not None]
        others = [v for kind in NON_ACTOR_KINDS for w in sorted(cues[kind]) if (v := _vector(table, w)) is not None]
        cached = (table, _matrix([v for v, _ in actors]), [k for _, k in actors], _matrix(others))
        _prototypes[id(table)] = cached
    return cached[1], cached[2], cached[3]


def _matrix(vectors: list[Any]) -> Any:
    return np.stack(vectors) if vectors else np.zeros((0, 1), dtype="float32")
