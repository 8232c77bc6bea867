"""Step families: the base class owns the loop, the timing and the counters.

A variant writes one method: `process` (one document in, same document out), `process_batch`
(a list at a time, for model inference) or `read` (one source in, many documents out).
Any exception a step raises on one document rejects that document with a named reason; it
never stops the batch. A corpus step (`observe` each document, `finish` once) answers for the
whole corpus. These classes are the ground floor: every stage builds on them, they import no stage.
"""

from __future__ import annotations

import time
from abc import ABC, abstractmethod
from collections.abc import Callable, Collection, Iterable, Iterator
from itertools import islice
from typing import Generic, TypeVar

from filigrane.corpus_records import CorpusOutputs
from filigrane.document import Document
from filigrane.stats import StepStats

#: What a corpus step keeps of one document.
SketchT = TypeVar("SketchT")


class RejectDocument(Exception):
    """Raised by a step to drop a document with a named reason (and an optional detail)."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail


class Step(ABC):
    """A stage of the pipeline: documents in, documents out, lazily."""

    name: str = "step"
    #: Whether the step runs worker processes of its own (spaCy): the executor then sets how many.
    uses_processes: bool = False

    def __init__(self) -> None:
        self.stats = StepStats(self.name)

    def set_processes(self, count: int) -> None:
        """Run `count` worker processes (only for a step that `uses_processes`)."""
        del count

    @abstractmethod
    def __call__(self, docs: Iterable[Document]) -> Iterator[Document]: ...

    def _reject(self, doc: Document, reason: str, detail: str) -> None:
        doc.reject(reason, detail)
        self.stats.rejected[reason] += 1

    def _each_live(self, docs: Iterable[Document], handle: Callable[[Document], bool]) -> Iterator[Document]:
        """`handle` every live document under the counters (True: it went through); rejected ones pass by."""
        for doc in docs:
            if not doc.rejected:
                self.stats.documents_in += 1
                started = time.perf_counter()
                if handle(doc):
                    self.stats.documents_out += 1
                self.stats.seconds += time.perf_counter() - started
            yield doc


class MapStep(Step):
    """One document at a time; rejected documents pass through untouched."""

    def __call__(self, docs: Iterable[Document]) -> Iterator[Document]:
        return self._each_live(docs, self._process_safely)

    def _process_safely(self, doc: Document) -> bool:
        try:
            self.process(doc)
        except RejectDocument as rejection:
            self._reject(doc, rejection.reason, rejection.detail)
        except Exception as error:  # noqa: BLE001 - one bad document never stops a batch
            self._reject(doc, f"internal-error:{self.name}", f"{type(error).__name__}: {error}")
        else:
            return True
        return False

    @abstractmethod
    def process(self, doc: Document) -> None:
        """Fill in `doc`, or raise `RejectDocument`."""


class BatchStep(Step):
    """A list of documents at a time, for steps that amortise work over a batch (models)."""

    batch_size: int = 64

    def __call__(self, docs: Iterable[Document]) -> Iterator[Document]:
        iterator = iter(docs)
        while batch := list(islice(iterator, self.batch_size)):
            live = [doc for doc in batch if not doc.rejected]
            if live:
                self.stats.documents_in += len(live)
                started = time.perf_counter()
                try:
                    self.process_batch(live)
                except Exception as error:  # noqa: BLE001 - retry one by one to isolate the culprit
                    for doc in live:
                        self._process_alone(doc, error)
                self.stats.documents_out += sum(not doc.rejected for doc in live)
                self.stats.seconds += time.perf_counter() - started
            yield from batch

    def _process_alone(self, doc: Document, batch_error: Exception) -> None:
        try:
            self.process_batch([doc])
        except RejectDocument as rejection:
            self._reject(doc, rejection.reason, rejection.detail)
        except Exception as error:  # noqa: BLE001
            del batch_error
            self._reject(doc, f"internal-error:{self.name}", f"{type(error).__name__}: {error}")

    @abstractmethod
    def process_batch(self, docs: list[Document]) -> None:
        """Fill in every document of the batch (raise `RejectDocument` only for a batch of one)."""


class CorpusStep(Step, Generic[SketchT]):
    """Observes analysed documents; rejected ones pass by unseen, and each document id once.

    In two halves, so that the per-document work can run anywhere: `sketch(doc)` takes what the
    corpus-level answer needs from one document (picklable, and it never touches the step's
    state), `add(sketch)` takes each sketch on the one side that combines them, in corpus order,
    and `finish` answers once. Run in one process, `observe` does both halves as documents go by;
    spread over workers, they `sketch` and one combiner `combine`s. A document stored by an earlier
    run and analysed again is seen in its stored form only (the store's documents come first, see
    `Pipeline.observe`): a corpus never holds two copies of it.
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
        sketch = self.sketch_safely(doc)
        if sketch is None:
            return False
        self.add(sketch)
        return True

    def sketch_safely(self, doc: Document) -> SketchT | None:
        """`sketch(doc)`, or None after counting the failure on the step and the document."""
        try:
            return self.sketch(doc)
        except Exception as error:  # noqa: BLE001 - the document itself is fine: count, go on
            self.stats.rejected[f"internal-error:{self.name}"] += 1
            doc.metadata.setdefault("warnings", []).append(f"{self.name}: {type(error).__name__}: {error}")
            return None

    def observe(self, doc: Document) -> None:
        """Both halves at once, in this process."""
        self.add(self.sketch(doc))

    @abstractmethod
    def sketch(self, doc: Document) -> SketchT:
        """What the corpus-level answer needs from `doc` (keep it small; no change to `self`)."""

    @abstractmethod
    def add(self, sketch: SketchT) -> None:
        """Take one document's sketch into the corpus (combining side, in corpus order)."""

    @abstractmethod
    def finish(self, corpus: CorpusOutputs) -> CorpusOutputs:
        """The corpus-level output of this step, keyed by its contract name.

        `corpus` holds what the corpus steps before this one answered (claim groups read `reposts`).
        """

    def combine(self, sketches: Iterable[SketchT], corpus: CorpusOutputs) -> CorpusOutputs:
        """The corpus-level output from sketches made elsewhere (each document once, in corpus order)."""
        for sketch in sketches:
            self.add(sketch)
        return self.finish(corpus)

    def amends(self) -> Collection[str]:
        """Once `finish` has run: the ids of the documents `amend` may change (none for most steps)."""
        return ()

    def amend(self, doc: Document) -> bool:
        """Once `finish` has run: add to one of the run's documents what only the whole corpus tells
        (a copy names its origin); True if `doc` changed."""
        del doc
        return False
