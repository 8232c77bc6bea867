"""Reposts and near-duplicates across a corpus: MinHash LSH over word shingles, plus containment.

The same wire story is reposted with other boilerplate, dropped or reordered paragraphs, a new
title, a truncation. :class:`RepostDetector` groups such copies, one document at a time, keeping
only a compact sketch of each document (no text):

>>> detector = RepostDetector()
>>> for doc in documents:                                       # doctest: +SKIP
...     detector.add(doc.id, doc.text, date=doc.date)
>>> [group.to_dict() for group in detector.groups()]            # doctest: +SKIP
[{"documents": ["a", "b"], "origin_document": "a", "similarity": 0.93}]

**Shingles.** The clean text is split into paragraphs (on blank lines). The first paragraph is the
title and is left out when it is title-sized (at most ``title_words`` words) and other paragraphs
follow, so a new title changes nothing. Each remaining paragraph is lower-cased and cut into
``\\w+`` tokens; the shingles are the word ``shingle``-grams *inside* each paragraph (a shingle
never spans two paragraphs, so dropping or reordering paragraphs only removes the shingles of
the dropped paragraphs). Paragraphs shorter than ``shingle`` words (subheadings, "Lire aussi"
lines) give no shingle. A text with no shingle at all is sketched by its set of tokens.

**Hashing** is vectorised with numpy: each token is hashed once (CRC-32, stable across
processes, so sketches computed on different machines agree), a shingle's 64-bit hash is a
polynomial over its token hashes finished with the murmur3 64-bit mixer; its top 32 bits are the
shingle key. The ``num_perm`` MinHash functions are affine permutations of the 32-bit keys,
``(a * x + b) mod 2**32`` with random odd ``a`` and random ``b``: cheap (uint32 arithmetic, one
shingles x permutations matrix) and, on keys already mixed, unbiased with the variance of ideal
MinHash (checked on sets of known Jaccard 0.1 to 0.5: bias under 0.006, standard deviation
within 0.004 of ``sqrt(J (1 - J) / num_perm)``). The signature is the column-wise minimum.

**Candidates** come from banded LSH: ``bands`` bands of ``rows`` signature values each (default
64 x 2 for 128 permutations). Two documents of Jaccard similarity ``J`` share a band with
probability ``1 - (1 - J**rows) ** bands``: 0.93 at J = 0.2, 0.98 at J = 0.25, 0.997 at J = 0.3.
Containment 0.5 between a copy and an original half as long (or a copy keeping half of an
original's shingles) is a Jaccard of 0.2 to 0.33, hence the low, wide S-curve.

**Verification.** Each candidate pair is checked with the MinHash estimate of Jaccard ``J`` (the
share of equal signature values), turned into an intersection ``|A & B| = J (|A| + |B|) / (1 + J)``
and a containment ``|A & B| / min(|A|, |B|)``: the share of the smaller document found in the
larger one. A pair is linked when the containment is at least ``threshold`` (0.5), the estimated
Jaccard at least ``min_jaccard`` (0.1, i.e. 13 of 128 equal values; below that the estimate is
MinHash noise, one chance coincidence moves it by 1/128) and the estimated intersection at least
``min_overlap`` shingles (10, so that two short texts sharing one boilerplate sentence are not
linked). Linked documents are joined with union-find: a group is a connected component.

**Groups.** :meth:`RepostDetector.groups` returns the components of two documents or more. In a
group, documents are ordered by date (undated ones last), then by the order they were added.
``origin_document`` is the first origin-signed copy in that order (``origin_signed=True`` when it
was added: the caller says a copy is signed by the origin, e.g. the agency's own dispatch); when
no copy is origin-signed, the earliest dated copy; when no copy is signed nor dated, ``None``.
``similarity`` is the weakest link of the group: the smallest estimated containment among the
pairs that joined it (each document is tied to the group with at least that containment). It is
not the minimum over all pairs: two truncations of one wire story may share little with each
other and still both be copies of it.

**Memory** (per document, whatever the corpus size): the signature, ``4 * num_perm`` bytes (512);
the LSH index, ``12 * bands`` bytes (768: a uint64 band key and an int32 document number per band,
in sorted numpy arrays; the latest keys wait in a dict, merged every ``buffer_keys`` keys);
shingle count, union-find parent and weakest link as numpy arrays (12 bytes); plus the document id
and date as Python objects. Arrays grow by doubling. Measured on a million documents
(``python -m bench.reposts``): 1,318 bytes of numpy state and about 71 bytes of id per document,
RSS up by 1.6 GB. Texts are never kept.
"""

from __future__ import annotations

import re
import zlib
from typing import Any, Final

import numpy as np
import numpy.typing as npt

from filigrane.corpus_records import RepostGroup

U64 = npt.NDArray[np.uint64]
U32 = npt.NDArray[np.uint32]

_TOKEN: Final = re.compile(r"\w+")
_PARAGRAPH: Final = re.compile(r"\n[ \t\r\f\v]*\n")
_SHIFT32: Final = np.uint64(32)
#: A shingle's hash matrix (shingles x permutations) is computed in chunks of this many shingles.
_CHUNK: Final = 2048


def _fmix64(h: U64) -> U64:
    """murmur3's 64-bit finaliser (wrapping uint64 arithmetic, on a copy)."""
    with np.errstate(over="ignore"):
        h = h ^ (h >> np.uint64(33))
        h = h * np.uint64(0xFF51AFD7ED558CCD)
        h = h ^ (h >> np.uint64(33))
        h = h * np.uint64(0xC4CEB93FE53B9A63)
        h = h ^ (h >> np.uint64(33))
    return h


class RepostDetector:
    """Streaming repost detection: MinHash signatures, banded LSH, containment, union-find."""

    def __init__(
        self,
        num_perm: int = 128,
        shingle: int = 5,
        threshold: float = 0.5,
        *,
        bands: int | None = None,
        rows: int = 2,
        min_jaccard: float = 0.1,
        min_overlap: float = 10.0,
        title_words: int = 40,
        seed: int = 1,
        buffer_keys: int = 1 << 20,
    ) -> None:
        if bands is None:
            bands = num_perm // rows
        if bands < 1 or rows < 1 or bands * rows > num_perm:
            raise ValueError(f"bands x rows ({bands} x {rows}) must fit in num_perm ({num_perm})")
        if shingle < 1:
            raise ValueError("shingle must be at least 1")
        self.num_perm = num_perm
        self.shingle = shingle
        self.threshold = threshold
        self.bands = bands
        self.rows = rows
        self.min_jaccard = min_jaccard
        self.min_overlap = min_overlap
        self.title_words = title_words
        self.buffer_keys = buffer_keys

        rng = np.random.default_rng(seed)
        top = np.iinfo(np.uint64).max
        top32 = np.iinfo(np.uint32).max
        self._a: U32 = rng.integers(0, top32, size=num_perm, dtype=np.uint32, endpoint=True) | np.uint32(1)
        self._b: U32 = rng.integers(0, top32, size=num_perm, dtype=np.uint32, endpoint=True)
        self._shingle_mult: U64 = rng.integers(0, top, size=shingle, dtype=np.uint64, endpoint=True) | np.uint64(1)
        self._band_salt: U64 = rng.integers(0, top, size=bands, dtype=np.uint64, endpoint=True)
        self._row_mult: U64 = rng.integers(0, top, size=rows, dtype=np.uint64, endpoint=True) | np.uint64(1)

        # Per-document state, in numpy arrays grown by doubling (amortised append).
        self._ids: list[str] = []
        self._dates: list[str | None] = []
        self._signed: list[int] = []  # positions of origin-signed documents, in order
        self._n = 0
        self._signatures: U32 = np.empty((0, num_perm), dtype=np.uint32)
        self._sizes = np.empty(0, dtype=np.int32)
        self._parent = np.empty(0, dtype=np.int32)
        self._weakest = np.empty(0, dtype=np.float32)  # the weakest link, kept on each root

        # The LSH index: sorted (band key, document) arrays, plus a dict of the latest keys.
        self._keys: U64 = np.empty(0, dtype=np.uint64)
        self._docs = np.empty(0, dtype=np.int32)
        self._buffer: dict[int, list[int]] = {}
        self._buffer_size = 0

    # -----------------------------------------------------------------------------------------
    # Sketches

    def shingles(self, text: str) -> U32:
        """The sorted, distinct 32-bit shingle hashes of a clean text."""
        paragraphs = [p for p in _PARAGRAPH.split(text) if p.strip()]
        if len(paragraphs) > 1 and len(_TOKEN.findall(paragraphs[0])) <= self.title_words:
            paragraphs = paragraphs[1:]
        tokens: list[str] = []
        lengths: list[int] = []
        for paragraph in paragraphs:
            found = _TOKEN.findall(paragraph.lower())
            tokens.extend(found)
            lengths.append(len(found))
        if not tokens:
            return np.empty(0, dtype=np.uint32)
        hashed = np.array(list(map(zlib.crc32, map(str.encode, tokens))), dtype=np.uint64)
        k = self.shingle
        n = len(tokens)
        if n >= k:
            paragraph_of = np.repeat(np.arange(len(lengths), dtype=np.int32), lengths)
            inside = paragraph_of[: n - k + 1] == paragraph_of[k - 1 :]
            if inside.any():
                with np.errstate(over="ignore"):
                    acc = hashed[: n - k + 1] * self._shingle_mult[0]
                    for j in range(1, k):
                        acc = acc + hashed[j : n - k + 1 + j] * self._shingle_mult[j]
                return _distinct((_fmix64(acc[inside]) >> _SHIFT32).astype(np.uint32))
        # No shingle: the set of tokens stands for the text.
        return _distinct((_fmix64(hashed) >> _SHIFT32).astype(np.uint32))

    def minhash(self, shingles: U32) -> U32:
        """The MinHash signature of shingle hashes (all ones for an empty set)."""
        signature = np.full(self.num_perm, np.iinfo(np.uint32).max, dtype=np.uint32)
        with np.errstate(over="ignore"):
            for start in range(0, len(shingles), _CHUNK):
                values = np.multiply.outer(shingles[start : start + _CHUNK], self._a)
                values += self._b
                np.minimum(signature, values.min(axis=0), out=signature)
        return signature

    def sketch(self, text: str) -> tuple[U32, int]:
        """The signature of a text and its number of distinct shingles."""
        shingles = self.shingles(text)
        return self.minhash(shingles), len(shingles)

    def signature(self, text: str) -> U32:
        """The MinHash signature of a text: ``num_perm`` uint32 values."""
        return self.sketch(text)[0]

    def band_keys(self, signature: U32) -> U64:
        """One 64-bit key per band (the band number is mixed in, so bands share one index)."""
        rows = signature[: self.bands * self.rows].astype(np.uint64).reshape(self.bands, self.rows)
        with np.errstate(over="ignore"):
            acc = (rows * self._row_mult).sum(axis=1, dtype=np.uint64) ^ self._band_salt
        return _fmix64(acc)

    # -----------------------------------------------------------------------------------------
    # Streaming

    def __len__(self) -> int:
        return self._n

    def add(self, doc_id: str, text: str, *, date: str | None = None, origin_signed: bool = False) -> None:
        """Sketch a document, link it to the copies already added, index it. The text is not kept."""
        signature, size = self.sketch(text)
        self.add_sketch(doc_id, signature, size, date=date, origin_signed=origin_signed)

    def add_sketch(
        self,
        doc_id: str,
        signature: U32,
        size: int,
        *,
        date: str | None = None,
        origin_signed: bool = False,
    ) -> None:
        """Add a document sketched elsewhere (by :meth:`sketch`, with the same parameters and seed)."""
        index = self._append(doc_id, signature, size, date, origin_signed)
        if size == 0:
            return  # an empty text is nobody's copy
        keys = self.band_keys(signature)
        candidates = self._candidates(keys)
        if len(candidates):
            self._verify_and_link(index, candidates)
        self._index(index, keys)

    def _append(self, doc_id: str, signature: U32, size: int, date: str | None, signed: bool) -> int:
        index = self._n
        if index == len(self._sizes):
            capacity = max(1024, 2 * index)
            self._signatures = _grow(self._signatures, capacity)
            self._sizes = _grow(self._sizes, capacity)
            self._parent = _grow(self._parent, capacity)
            self._weakest = _grow(self._weakest, capacity)
        self._signatures[index] = signature
        self._sizes[index] = size
        self._parent[index] = index
        self._weakest[index] = 1.0
        self._ids.append(doc_id)
        self._dates.append(date)
        if signed:
            self._signed.append(index)
        self._n = index + 1
        return index

    def _candidates(self, keys: U64) -> npt.NDArray[np.int32]:
        found: list[npt.NDArray[np.int32]] = []
        if len(self._keys):
            low = np.searchsorted(self._keys, keys, side="left")
            high = np.searchsorted(self._keys, keys, side="right")
            counts = high - low
            total = int(counts.sum())
            if total:
                starts = np.repeat(low - np.cumsum(counts) + counts, counts)
                found.append(self._docs[starts + np.arange(total)])
        if self._buffer:
            extra: list[int] = []
            for key in keys.tolist():
                bucket = self._buffer.get(key)
                if bucket is not None:
                    extra.extend(bucket)
            if extra:
                found.append(np.asarray(extra, dtype=np.int32))
        if not found:
            return np.empty(0, dtype=np.int32)
        return np.unique(np.concatenate(found))

    def _verify_and_link(self, index: int, candidates: npt.NDArray[np.int32]) -> None:
        signature = self._signatures[index]
        jaccard = (self._signatures[candidates] == signature).mean(axis=1)
        size = float(self._sizes[index])
        sizes = self._sizes[candidates].astype(np.float64)
        overlap = jaccard * (size + sizes) / (1.0 + jaccard)
        containment = overlap / np.maximum(np.minimum(sizes, size), 1.0)
        keep = (containment >= self.threshold) & (jaccard >= self.min_jaccard) & (overlap >= self.min_overlap)
        for other, value in zip(candidates[keep].tolist(), containment[keep].tolist(), strict=True):
            self._union(index, other, min(value, 1.0))

    def _index(self, index: int, keys: U64) -> None:
        for key in keys.tolist():
            bucket = self._buffer.get(key)
            if bucket is None:
                self._buffer[key] = [index]
            else:
                bucket.append(index)
        self._buffer_size += len(keys)
        if self._buffer_size >= self.buffer_keys:
            self._flush()

    def _flush(self) -> None:
        """Merge the buffered keys into the sorted arrays (documents stay in insertion order per key)."""
        if not self._buffer:
            return
        counts = np.fromiter((len(v) for v in self._buffer.values()), dtype=np.int64, count=len(self._buffer))
        keys = np.repeat(np.fromiter(self._buffer.keys(), dtype=np.uint64, count=len(self._buffer)), counts)
        docs = np.fromiter(
            (d for bucket in self._buffer.values() for d in bucket), dtype=np.int32, count=int(counts.sum())
        )
        order = np.argsort(keys, kind="stable")
        keys, docs = keys[order], docs[order]
        where = np.searchsorted(self._keys, keys, side="right")
        self._keys = np.insert(self._keys, where, keys)
        self._docs = np.insert(self._docs, where, docs)
        self._buffer = {}
        self._buffer_size = 0

    # -----------------------------------------------------------------------------------------
    # Union-find

    def _find(self, index: int) -> int:
        parent = self._parent
        root = index
        while parent[root] != root:
            root = int(parent[root])
        while parent[index] != root:  # path compression
            parent[index], index = root, int(parent[index])
        return root

    def _union(self, first: int, second: int, strength: float) -> None:
        a, b = self._find(first), self._find(second)
        if a == b:
            return
        root, child = (a, b) if a < b else (b, a)  # the root is the group's first document
        self._parent[child] = root
        self._weakest[root] = min(float(self._weakest[a]), float(self._weakest[b]), strength)

    # -----------------------------------------------------------------------------------------
    # Output

    def groups(self) -> list[RepostGroup]:
        """Groups of two copies or more, in order of their first document; see the module doc."""
        members: dict[int, list[int]] = {}
        for index in range(self._n):
            members.setdefault(self._find(index), []).append(index)
        signed = set(self._signed)
        result: list[RepostGroup] = []
        for root, indices in members.items():
            if len(indices) < 2:
                continue
            ordered = sorted(indices, key=lambda i: (self._dates[i] or "9999", i))
            origin: int | None = next((i for i in ordered if i in signed), None)
            if origin is None and self._dates[ordered[0]] is not None:
                origin = ordered[0]
            result.append(
                RepostGroup(
                    documents=[self._ids[i] for i in ordered],
                    origin_document=self._ids[origin] if origin is not None else None,
                    similarity=round(float(self._weakest[root]), 4),
                )
            )
        return result

    def nbytes(self) -> int:
        """Bytes held in numpy arrays and the key buffer (ids and dates not counted)."""
        arrays = (self._signatures, self._sizes, self._parent, self._weakest, self._keys, self._docs)
        used = sum(int(a.nbytes) for a in arrays)
        return used + self._buffer_size * 12


def _distinct(values: U32) -> U32:
    """Sorted distinct values (a plain sort: cheaper than np.unique on a few hundred values)."""
    values.sort()
    if len(values) < 2:
        return values
    keep = np.empty(len(values), dtype=bool)
    keep[0] = True
    np.not_equal(values[1:], values[:-1], out=keep[1:])
    return values[keep]


def _grow(array: npt.NDArray[Any], capacity: int) -> npt.NDArray[Any]:
    grown = np.empty((capacity, *array.shape[1:]), dtype=array.dtype)
    grown[: len(array)] = array
    return grown
