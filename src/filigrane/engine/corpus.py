"""Corpus steps: they watch every analysed document go by and answer once the stream ends.

Reposts, stories and claim groups are facts about the corpus, not about one document. A corpus
step passes documents through untouched (the stream stays lazy and memory stays bounded by what
the step chooses to keep), then `finish()` returns its part of the corpus-level output.
"""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Iterable, Iterator
from typing import Any

from filigrane.document import Document
from filigrane.engine.steps import Step


class CorpusStep(Step):
    """Observes analysed documents; rejected ones pass by unseen, and each document id once.

    A document stored by an earlier run and analysed again is seen in its stored form only (the
    store's documents come first, see `Pipeline.observe`): a corpus never holds two copies of it.
    """

    def __init__(self) -> None:
        super().__init__()
        self._seen: set[str] = set()

    def __call__(self, docs: Iterable[Document]) -> Iterator[Document]:
        return self._each_live(docs, self.see)

    def see(self, doc: Document) -> bool:
        """Observe `doc` once, counting (not raising) a failure; False if it failed."""
        if doc.id in self._seen:
            return True
        self._seen.add(doc.id)
        try:
            self.observe(doc)
        except Exception as error:  # noqa: BLE001 - the document itself is fine: count, go on
            self.stats.rejected[f"internal-error:{self.name}"] += 1
            doc.metadata.setdefault("warnings", []).append(f"{self.name}: {type(error).__name__}: {error}")
            return False
        return True

    @abstractmethod
    def observe(self, doc: Document) -> None:
        """Take what the corpus-level answer needs from `doc` (keep it small)."""

    @abstractmethod
    def finish(self, corpus: dict[str, Any]) -> dict[str, Any]:
        """The corpus-level output of this step, keyed by its contract name.

        `corpus` holds what the corpus steps before this one answered (claim groups read `reposts`).
        """
