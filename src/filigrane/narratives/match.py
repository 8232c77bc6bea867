"""Known-narrative matching: a document's claims against a catalogue of debunked claims.

Cosine similarity between sentence vectors of the claims and of the entries, best first, keeping
only scores at or above a threshold. An entry is read as its passages (`NarrativeEntry.passages`:
title + summary, the title alone, each sentence of the summary) and scores its best passage, so a
claim that repeats one statement of a long summary is not diluted by the rest; `passages=False`
reads each entry as one text (title + summary). Candidates are re-ranked by what they share with
the text: the cosine of word-stem TF-IDF vectors (participants, places, predicates) is added, with
`RERANK_WEIGHT`, to the vector cosine (a claim in another language shares few words, and keeps
its vector cosine). The ranking corrects each passage for its hubness (CSLS, Conneau et al. 2018:
a passage close to many other entries' passages — "la guerre en Ukraine", "l'ONU" — is close to
every query too, so half its mean cosine to its `HUB_NEIGHBOURS` nearest passages of other entries
is taken off) and adds `ENTRY_WEIGHT` times the whole entry's corrected score, so that an entry whose
text as a whole fits the claim wins over one with a single look-alike sentence. The ranking only
orders: a match is kept when its calibrated score (vector cosine plus weighted stem cosine, at the
best passage, uncorrected) reaches the threshold, so the threshold does not depend on how many
entries, or which, the catalogue holds. The default threshold is the one calibrated on
DACCORD against European Commission press releases (EVALUATION.md, "Known narratives"); it
belongs to the encoder and the reading it was calibrated with (USE, passages).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

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
#: Nearest passages of other entries over which a passage's hubness is measured (CSLS's usual 10).
HUB_NEIGHBOURS = 10
#: Weight of the whole entry (title and summary as one passage) in the ranking, beside its best
#: passage. Chosen on DACCORD's dev part (eval/narratives.py).
ENTRY_WEIGHT = 0.2

Match = tuple[str, float]
#: A match with its ranking score: (entry id, calibrated score, ranking score).
RankedMatch = tuple[str, float, float]


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
        self._owners = np.repeat(np.arange(len(self.entries)), np.diff(np.append(self._starts, len(self._texts))))
        self._hubs: tuple[Matrix, Matrix] | None = None

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

    def ranking(self, texts: list[str]) -> Matrix:
        """Ranking score of every text (rows) with every entry (columns): the hubness-corrected
        score of its best passage plus `ENTRY_WEIGHT` times that of the whole entry."""
        return self._scores(texts)[2]

    def _stem_matrix(self) -> Matrix:
        if self._stem_vectors is None:
            assert self._stems is not None
            self._stem_vectors = self._stems.encode(self._texts)
        return self._stem_vectors

    def hubs(self) -> tuple[Matrix, Matrix]:
        """Each passage's hubness, for the vectors and for the stems: its mean cosine to its
        `HUB_NEIGHBOURS` nearest passages of other entries (0 when there are none)."""
        if self._hubs is None:
            stems = self._stem_matrix() if self._stems is not None else None
            self._hubs = (
                _hubness(self.vectors, self._owners),
                _hubness(stems, self._owners) if stems is not None else np.zeros(len(self._texts), np.float32),
            )
        return self._hubs

    def _scores(self, texts: list[str]) -> tuple[Matrix, Matrix, Matrix]:
        """(vector cosines, calibrated scores, ranking scores), each entry at its best passage."""
        if not texts or not self.entries:
            empty = np.zeros((len(texts), len(self.entries)), dtype=np.float32)
            return empty, empty, empty
        sims = self.encoder.encode(texts) @ self.vectors.T
        best: Matrix = np.maximum.reduceat(sims, self._starts, axis=1)
        hub_vectors, hub_stems = self.hubs()
        corrected = sims - 0.5 * hub_vectors
        if self._stems is None:
            calibrated = best
        else:
            shared = self._stems.encode(texts) @ self._stem_matrix().T
            calibrated = (best + self.rerank_weight * np.maximum.reduceat(shared, self._starts, axis=1)).astype(
                np.float32
            )
            corrected = corrected + self.rerank_weight * (shared - 0.5 * hub_stems)
        ranked = np.maximum.reduceat(corrected, self._starts, axis=1) + ENTRY_WEIGHT * corrected[:, self._starts]
        return best, calibrated, ranked.astype(np.float32)

    def ranked(self, texts: list[str], top_k: int | None = None) -> list[list[RankedMatch]]:
        """For each text, up to `top_k` `(entry_id, score, ranking score)` whose calibrated score
        reaches the threshold, in ranking order."""
        k = self.top_k if top_k is None else top_k
        vectors, sims, ranks = self._scores(texts)
        # the floor never asks more than the threshold (a threshold of -1 lists every entry)
        floor = min(self.vector_floor, self.threshold) if self._stems is not None else self.threshold
        out: list[list[RankedMatch]] = []
        for near, row, rank in zip(vectors, sims, ranks, strict=True):
            order = np.argsort(-rank, kind="stable")[:k]
            out.append(
                [
                    (self._ids[j], round(float(row[j]), 4), float(rank[j]))
                    for j in order
                    if row[j] >= self.threshold and near[j] >= floor
                ]
            )
        return out

    def match(self, texts: list[str], top_k: int | None = None) -> list[list[Match]]:
        """For each text, up to `top_k` `(entry_id, score)` at or above the threshold, best ranked first."""
        return [[(entry_id, score) for entry_id, score, _ in row] for row in self.ranked(texts, top_k)]


def _hubness(vectors: Matrix, owners: npt.NDArray[np.intp], chunk: int = 1024) -> Matrix:
    """Mean cosine of each row to its `HUB_NEIGHBOURS` nearest rows of another owner (in chunks:
    a catalogue of 50,000 passages never holds the whole square)."""
    n = len(vectors)
    out = np.zeros(n, dtype=np.float32)
    # every row has at least `k` rows of other owners
    k = min(HUB_NEIGHBOURS, n - int(np.bincount(owners).max())) if n else 0
    if k <= 0:
        return out
    for start in range(0, n, chunk):
        sims = vectors[start : start + chunk] @ vectors.T
        sims[owners[start : start + chunk, None] == owners[None, :]] = -np.inf
        out[start : start + chunk] = -np.partition(-sims, k - 1, axis=1)[:, :k].mean(axis=1)
    return out
