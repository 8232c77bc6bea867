"""`SkipKnown`: the no-op rule, as the first step after the reader."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import partial
from typing import Any

from filigrane.document import Document, distinct_id
from filigrane.steps import Step
from filigrane.store.store import Store, raw_hash


class SkipKnown(Step):
    """Drops inputs already analysed by this pipeline version in an earlier run, and counts them.

    Skipped inputs are not rejections (nothing is wrong with them): they leave the stream before
    any analysis, their raw hashes are kept in `skipped` so the caller can count them and reuse
    the stored results. Copies within one run are all analysed (`run_id` bounds the look-up).
    A new input whose id another input holds in the store gets a distinct id (`distinct_id`), so
    that it is stored too and the next run skips it.
    """

    name = "skip-known"

    def __init__(self, store: Store, pipeline_version: str, run_id: int | None = None) -> None:
        super().__init__()
        self.store = store
        self.pipeline_version = pipeline_version
        self.run_id = run_id
        self.skipped: list[str] = []

    def __call__(self, docs: Iterable[Document]) -> Iterator[Document]:
        for doc in docs:
            if doc.rejected:
                yield doc
                continue
            self.stats.documents_in += 1
            digest = raw_hash(doc)
            if self.store.known(digest, self.pipeline_version, before_run=self.run_id):
                self.skipped.append(digest)
                continue
            doc.id = distinct_id(doc.id, digest, partial(self._taken, raw_hash=digest))
            self.stats.documents_out += 1
            yield doc

    def _taken(self, doc_id: str, raw_hash: str) -> bool:
        return self.store.id_taken(doc_id, self.pipeline_version, raw_hash)

    def stored_results(self) -> Iterator[dict[str, Any]]:
        """The stored contract dicts of the inputs skipped so far, so a run's outputs stay complete."""
        for digest in self.skipped:
            stored = self.store.stored(digest, self.pipeline_version)
            if stored is not None:
                yield stored
