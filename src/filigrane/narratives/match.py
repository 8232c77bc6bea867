"""Known-narrative matching: a document's claims against a catalogue of debunked claims.

Cosine similarity between sentence vectors of the claims and of the entries, best first, keeping
only scores at or above a threshold. An entry is read as its passages (`NarrativeEntry.passages`:
title + summary, the title alone, each sentence of the summary) and scores its best passage, so a
claim that repeats one statement of a long summary is not diluted by the rest; `passages=False`
reads each entry as one text (title + summary). Candidates are re-ranked by what they share with
the text: the cosine of word-stem TF-IDF vectors (participants, places, predicates) is added, with
`RERANK_WEIGHT`, to the vector cosine (a claim in another language shares few words, and keeps
its vector cosine). The default threshold is the one calibrated on
DACCORD against European Commission press releases (EVALUATION.md, "Known narratives"); it
belongs to the encoder and the reading it was calibrated with (USE, passages).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from filigrane.narratives.catalogue import NarrativeEntry
from filigrane.narratives.encoder import Matrix, SentenceEncoder, TfidfEncoder

#: Weight of the re-ranking signal: the cosine of word-stem TF-IDF vectors (IDF over the
#: catalogue's passages), added to the sentence-vector cosine, so that an entry sharing the claim's
#: participants, places and predicates ranks first. Chosen on DACCORD's dev part (eval/narratives.py).
RERANK_WEIGHT = 1.0
#: Calibrated for `UseEncoder` with passages and `RERANK_WEIGHT` (eval/narratives.py; EVALUATION.md
#: "Known narratives"): the score is the vector cosine plus the weighted stem cosine.
DEFAULT_USE_THRESHOLD = 0.71
#: With re-ranking, a match also needs this vector cosine: shared words re-rank what the vectors
#: find close, they never make a match alone (a headline sharing "Europe" with an entry is not it).
VECTOR_FLOOR = 0.50

Match = tuple[str, float]


class NarrativeMatcher:
    """Ranks catalogue entries for each text; only matches scoring `>= threshold` are returned."""

    def __init__(
        self,
        entries: Sequence[NarrativeEntry],
        encoder: SentenceEncoder,
        threshold: float = DEFAULT_USE_THRESHOLD,
        top_k: int = 5,
        passages: bool = True,
        rerank_weight: float = RERANK_WEIGHT,
    ) -> None:
        self.entries = list(entries)
        self.encoder = encoder
        self.threshold = threshold
        self.top_k = top_k
        self.passages = passages
        self.rerank_weight = rerank_weight
        self.vector_floor = VECTOR_FLOOR
        self._ids = [entry.entry_id for entry in self.entries]
        self._texts: list[str] = []
        starts: list[int] = []
        for entry in self.entries:
            starts.append(len(self._texts))
            self._texts.extend(entry.passages if passages else (entry.match_text,))
        self._starts = np.array(starts, dtype=np.intp)
        self._vectors: Matrix | None = None
        self._stems = TfidfEncoder(self._texts, stems=True) if rerank_weight and self._texts else None
        self._stem_vectors: Matrix | None = None

    @property
    def vectors(self) -> Matrix:
        """The passages' vectors (entries in order, each entry's passages together), encoded on first use."""
        if self._vectors is None:
            self._vectors = self.encoder.encode(self._texts)
        return self._vectors

    def scores(self, texts: list[str]) -> Matrix:
        """Score of every text (rows) with every entry (columns; an entry scores its best passage):
        the vector cosine plus the weighted stem cosine."""
        return self._scores(texts)[1]

    def _scores(self, texts: list[str]) -> tuple[Matrix, Matrix]:
        """(vector cosines, re-ranked scores), each entry at its best passage."""
        if not texts or not self.entries:
            empty = np.zeros((len(texts), len(self.entries)), dtype=np.float32)
            return empty, empty
        sims = self.encoder.encode(texts) @ self.vectors.T
        best: Matrix = np.maximum.reduceat(sims, self._starts, axis=1)
        if self._stems is None:
            return best, best
        if self._stem_vectors is None:
            self._stem_vectors = self._stems.encode(self._texts)
        shared = self._stems.encode(texts) @ self._stem_vectors.T
        reranked = best + self.rerank_weight * np.maximum.reduceat(shared, self._starts, axis=1)
        return best, reranked.astype(np.float32)

    def match(self, texts: list[str], top_k: int | None = None) -> list[list[Match]]:
        """For each text, up to `top_k` `(entry_id, score)` at or above the threshold, best first."""
        k = self.top_k if top_k is None else top_k
        vectors, sims = self._scores(texts)
        # the floor never asks more than the threshold (a threshold of -1 lists every entry)
        floor = min(self.vector_floor, self.threshold) if self._stems is not None else self.threshold
        out: list[list[Match]] = []
        for near, row in zip(vectors, sims, strict=True):
            order = np.argsort(-row, kind="stable")[:k]
            out.append(
                [
                    (self._ids[j], round(float(row[j]), 4))
                    for j in order
                    if row[j] >= self.threshold and near[j] >= floor
                ]
            )
        return out
