"""The executor owns a run: reader -> steps -> sinks -> corpus outputs -> stats.

The shape of datatrove's `PipelineExecutor`, one class per backend. Everything a run does
besides analysing lives here, once, for every caller (the CLI, the web app, the Python API):
the sinks' filters go first (skipping known inputs), their earlier documents are shown to the
corpus steps (incremental stories), every document goes to every sink as it comes, the inputs
skipped as known are handed back from the sink that knows them, the corpus outputs are computed
once the stream ends, the corpus steps amend the run's documents (a copy names its origin), and
each sink finishes (the store keeps the corpus outputs and the run's figures).
"""

from __future__ import annotations

import os
import time
import weakref
from collections.abc import Generator, Iterable, Iterator, Sequence
from contextlib import closing
from dataclasses import dataclass, field
from itertools import chain, islice
from typing import TYPE_CHECKING

from filigrane.corpus_records import CorpusOutputs, involving
from filigrane.document import Document
from filigrane.stats import Summary
from filigrane.steps import Step

if TYPE_CHECKING:
    from filigrane.engine.pipeline import Pipeline
    from filigrane.ingest.sources import Source

#: Below this many documents, starting worker processes (spaCy) costs more than it saves.
MULTIPROCESS_MIN_DOCUMENTS = 200


def default_processes() -> int:
    """One worker process per core this process may run on."""
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


@dataclass
class RunEnd:
    """What the sinks get once the stream is done.

    `outputs` covers every document the corpus steps saw (earlier runs' too, for the store);
    `corpus` keeps the groups that involve a document of this run (what the run reports).
    """

    outputs: CorpusOutputs
    corpus: CorpusOutputs
    summary: Summary
    pipeline: Pipeline = field(repr=False)

    def amend(self, doc: Document) -> bool:
        """Add to `doc` what the corpus outputs tell of it; True if it changed."""
        return self.pipeline.amend(doc)

    def amends(self) -> set[str]:
        """The ids of the documents `amend` may change."""
        return self.pipeline.amends()


class Sink:
    """Where a run's documents go. Each hook is optional; the executor calls them in this order."""

    def filters(self) -> Sequence[Step]:
        """Steps to run first, before any analysis (the store's `SkipKnown`)."""
        return ()

    def prior(self) -> Iterable[Document]:
        """Documents analysed earlier, shown to the corpus steps before the run's own."""
        return ()

    def write(self, doc: Document) -> None:
        """One document of the run, analysed or rejected, as soon as it is out of the steps."""

    def known(self) -> Iterable[Document]:
        """The stored results of inputs skipped as already analysed (after the stream)."""
        return ()

    def write_known(self, doc: Document) -> None:
        """A stored result handed back by a sink's `known` (it is part of the run's outputs)."""
        self.write(doc)

    def finish(self, end: RunEnd) -> None:
        """The run is over: corpus outputs, amendments to the documents held, figures."""


class LocalExecutor:
    """Runs a pipeline in this process (and the steps' worker processes), streaming.

    Memory stays bounded by the steps' batch sizes and what the corpus steps keep, not by the
    corpus. `run` is a generator: closing it early stops the steps (and spaCy's workers) at once,
    and then no sink is finished.
    """

    def __init__(
        self,
        pipeline: Pipeline,
        sinks: Sequence[Sink] = (),
        n_process: int = 0,
        *,
        filters: Sequence[Step] = (),
        prior: Iterable[Document] = (),
        summary: Summary | None = None,
    ) -> None:
        """`filters` run first, then the sinks' own; `prior` are documents analysed earlier, shown
        to the corpus steps with the sinks' (not analysed, not yielded); `summary` is kept up to date."""
        self.pipeline = pipeline
        self.sinks = list(sinks)
        self.n_process = n_process
        self.prior = prior
        self.summary = summary if summary is not None else Summary()
        #: Every corpus output (filled when the stream ends), and those involving this run.
        self.outputs = CorpusOutputs()
        self.corpus = CorpusOutputs()
        pipeline.steps[:0] = [*filters, *(step for sink in self.sinks for step in sink.filters())]

    def run(self, sources: Iterable[Source]) -> Generator[Document, None, None]:
        """Each document of the run (analysed or rejected) as it comes; the end of the run after the last."""
        pipeline, summary = self.pipeline, self.summary
        pipeline.observe(chain(self.prior, chain.from_iterable(sink.prior() for sink in self.sinks)))
        started = time.perf_counter()
        ids: set[str] = set()
        # Documents the caller still holds get the corpus steps' amendments at the end, as the sinks' do.
        yielded: weakref.WeakValueDictionary[str, Document] = weakref.WeakValueDictionary()
        with closing(self._stream(sources)) as documents:
            for doc in documents:
                summary.count(doc)
                summary.seconds = time.perf_counter() - started
                ids.add(doc.id)
                for sink in self.sinks:
                    sink.write(doc)
                if doc.rejection is None:
                    yielded[doc.id] = doc
                yield doc
        self.outputs = pipeline.finish()
        for sink in self.sinks:
            for doc in sink.known():
                summary.skip(1)
                ids.add(doc.id)
                for each in self.sinks:
                    each.write_known(doc)
        for doc in list(yielded.values()):
            pipeline.amend(doc)
        self.corpus = involving(self.outputs, ids)
        summary.seconds = time.perf_counter() - started
        summary.steps = pipeline.stats
        end = RunEnd(self.outputs, self.corpus, summary, pipeline)
        for sink in self.sinks:
            sink.finish(end)

    def _stream(self, sources: Iterable[Source]) -> Generator[Document, None, None]:
        stream: Iterable[Document] = self.pipeline.reader(sources)
        for step in self.pipeline.steps:
            if step.uses_processes and self.n_process == 0:
                stream = self._choose_processes(step, stream)
            elif step.uses_processes:
                step.set_processes(self.n_process)
            stream = step(stream)
        yield from stream

    @staticmethod
    def _choose_processes(step: Step, stream: Iterable[Document]) -> Iterator[Document]:
        """Look ahead at the stream: many documents get one process per core, few get one."""
        iterator = iter(stream)
        head = list(islice(iterator, MULTIPROCESS_MIN_DOCUMENTS))
        step.set_processes(default_processes() if len(head) >= MULTIPROCESS_MIN_DOCUMENTS else 1)
        return chain(head, iterator)
