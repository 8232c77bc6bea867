"""Pairs of similar vectors: exact below a size, an inverted-file index (IVF) above it.

Stories and claim groups both start from "which items are close to which". Exact search costs
N² dot products: fine for a few thousand items, not for a 100,000-document corpus. Above
`exact_below` items the vectors are split into cells by a small spherical k-means (√N cells);
each item is compared only with the members of its `probes` nearest cells, which finds nearly
every pair above a high cosine threshold (they fall in the same or a neighbouring cell) in a
fraction of the time. Vectors must be L2-normalised (cosine = dot product). They may be stored
as float16 (half the memory of a corpus's vectors, cosines within about 1e-4): the dot products
are computed in float32, a block at a time.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import numpy.typing as npt

from filigrane.narratives.encoder import SentenceEncoder

Matrix = npt.NDArray[np.float32]
#: Vectors as stored: float32, or float16 to halve a corpus's memory.
Vectors = npt.NDArray[np.float32] | npt.NDArray[np.float16]
Pair = tuple[int, int, float]


def _f32(vectors: Vectors) -> Matrix:
    """The rows in float32 (no copy when they already are)."""
    return np.asarray(vectors, dtype=np.float32)


def _dot(rows: Matrix, vectors: Vectors, block: int = 8192) -> Matrix:
    """`rows @ vectors.T` in float32, converting stored float16 vectors a block at a time."""
    if vectors.dtype == np.float32:
        return rows @ vectors.T
    out = np.empty((len(rows), len(vectors)), dtype=np.float32)
    for start in range(0, len(vectors), block):
        out[:, start : start + block] = rows @ _f32(vectors[start : start + block]).T
    return out


def similar_pairs(
    vectors: Vectors,
    threshold: float,
    top_k: int = 20,
    exact_below: int = 20_000,
    probes: int = 3,
    seed: int = 0,
) -> Iterator[Pair]:
    """`(i, j, cosine)` with `i < j` and cosine `>= threshold`, at most `top_k` partners per item."""
    count = len(vectors)
    if count < 2:
        return iter(())
    if count < exact_below:
        return _exact(vectors, threshold, top_k)
    return _inverted_file(vectors, threshold, top_k, probes, seed)


def _best(row: npt.NDArray[np.float32], threshold: float, top_k: int) -> npt.NDArray[np.intp]:
    """Columns of `row` at or above `threshold`, the `top_k` best of them."""
    hits = np.flatnonzero(row >= threshold)
    if len(hits) > top_k:
        hits = hits[np.argpartition(-row[hits], top_k)[:top_k]]
    return hits


def _exact(vectors: Vectors, threshold: float, top_k: int, block: int = 1024) -> Iterator[Pair]:
    for start in range(0, len(vectors), block):
        sims = _dot(_f32(vectors[start : start + block]), vectors)
        for offset, row in enumerate(sims):
            i = start + offset
            row[: i + 1] = -1.0  # each pair once, never an item with itself
            for j in _best(row, threshold, top_k):
                yield i, int(j), float(row[j])


def kmeans(vectors: Vectors, cells: int, iterations: int = 8, sample: int = 50_000, seed: int = 0) -> Matrix:
    """Spherical k-means centroids (unit length), trained on a random sample."""
    rng = np.random.default_rng(seed)
    picked = _f32(vectors[rng.choice(len(vectors), size=min(sample, len(vectors)), replace=False)])
    centroids = picked[rng.choice(len(picked), size=cells, replace=False)].copy()
    for _ in range(iterations):
        nearest = np.argmax(picked @ centroids.T, axis=1)
        sums = np.zeros_like(centroids)
        np.add.at(sums, nearest, picked)
        norms = np.linalg.norm(sums, axis=1, keepdims=True)
        empty = norms[:, 0] == 0
        sums[empty] = centroids[empty]  # a cell that lost every member keeps its centroid
        norms[empty] = 1.0
        centroids = (sums / norms).astype(np.float32)
    return centroids


def _nearest_cells(vectors: Vectors, centroids: Matrix, probes: int, block: int = 8192) -> npt.NDArray[np.intp]:
    """For each vector, its `probes` nearest cells, nearest first."""
    out = np.empty((len(vectors), probes), dtype=np.intp)
    for start in range(0, len(vectors), block):
        sims = _f32(vectors[start : start + block]) @ centroids.T
        top = np.argpartition(-sims, probes - 1, axis=1)[:, :probes]
        order = np.argsort(-np.take_along_axis(sims, top, axis=1), axis=1)
        out[start : start + block] = np.take_along_axis(top, order, axis=1)
    return out


def _inverted_file(vectors: Vectors, threshold: float, top_k: int, probes: int, seed: int) -> Iterator[Pair]:
    cells = max(2, int(np.sqrt(len(vectors))))
    probes = min(probes, cells)
    nearest = _nearest_cells(vectors, kmeans(vectors, cells, seed=seed), probes)
    members = [np.flatnonzero(nearest[:, 0] == cell) for cell in range(cells)]
    count = len(vectors)
    seen: set[int] = set()  # pairs yielded, as i * count + j: one int each, not a tuple of two
    for cell in range(cells):
        inside = members[cell]
        queries = np.flatnonzero((nearest == cell).any(axis=1))
        if len(inside) == 0 or len(queries) == 0:
            continue
        sims = _f32(vectors[queries]) @ _f32(vectors[inside]).T
        for row, i in zip(sims, queries, strict=True):
            for column in _best(row, threshold, top_k):
                j = int(inside[column])
                low, high = (int(i), j) if i < j else (j, int(i))
                if low != high and low * count + high not in seen:
                    seen.add(low * count + high)
                    yield low, high, float(row[column])


class UnionFind:
    """Connected components over item indices."""

    def __init__(self, count: int) -> None:
        self.parent = list(range(count))

    def find(self, item: int) -> int:
        parent = self.parent
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    def union(self, a: int, b: int) -> None:
        root_a, root_b = self.find(a), self.find(b)
        if root_a != root_b:
            self.parent[max(root_a, root_b)] = min(root_a, root_b)

    def components(self) -> list[list[int]]:
        groups: dict[int, list[int]] = {}
        for item in range(len(self.parent)):
            groups.setdefault(self.find(item), []).append(item)
        return list(groups.values())


class EncodedTexts:
    """Texts encoded as they come, a batch at a time (the encoder is fastest on batches), kept as
    float16: 1 KB per 512-d vector instead of 2, for every claim of the corpus until it is linked."""

    def __init__(self, encoder: SentenceEncoder, batch_size: int = 128) -> None:
        self.encoder = encoder
        self.batch_size = batch_size
        self._done: list[npt.NDArray[np.float16]] = []
        self._pending: list[str] = []

    def add(self, text: str) -> None:
        self._pending.append(text)
        if len(self._pending) >= self.batch_size:
            self._flush()

    def _flush(self) -> None:
        if self._pending:
            self._done.append(self.encoder.encode(self._pending).astype(np.float16))
            self._pending = []

    def matrix(self) -> npt.NDArray[np.float16]:
        """Every vector so far, one row per text, in order (float16)."""
        self._flush()
        if not self._done:
            return np.zeros((0, self.encoder.dim), dtype=np.float16)
        if len(self._done) > 1:
            self._done = [np.concatenate(self._done, axis=0)]
        return self._done[0]


def dense_groups(
    count: int,
    edges: list[Pair],
    link: float,
    density: float = 0.5,
    strong: float = float("inf"),
    strong_density: float = 0.5,
) -> list[list[int]]:
    """Groups from scored pairs, strongest first, without single-link chaining.

    A pair scoring `link` or more merges its two groups, but only if at least `density` of the
    pairs across them are in `edges` too (which may hold weaker, supporting pairs): one stray link
    between two unrelated groups, or a hub linked to many, cannot glue them together. A pair
    scoring `strong` or more needs only `strong_density` of them.
    """
    # only the items with an edge get a neighbour set and a member list: the others stay alone
    neighbours: dict[int, set[int]] = {}
    for i, j, _ in edges:
        neighbours.setdefault(i, set()).add(j)
        neighbours.setdefault(j, set()).add(i)
    group_of = list(range(count))
    members: dict[int, list[int]] = {i: [i] for i in sorted(neighbours)}
    for i, j, score in sorted((edge for edge in edges if edge[2] >= link), key=lambda edge: -edge[2]):
        a, b = group_of[i], group_of[j]
        if a == b:
            continue
        small, large = (a, b) if len(members[a]) <= len(members[b]) else (b, a)
        across = sum(1 for x in members[small] for y in neighbours[x] if group_of[y] == large)
        needed = strong_density if score >= strong else density
        if across >= needed * len(members[small]) * len(members[large]):
            for x in members[small]:
                group_of[x] = large
            members[large].extend(members.pop(small))
    return [members.get(i, [i]) for i in range(count) if group_of[i] == i]
