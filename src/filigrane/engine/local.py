"""The local engine: streams documents through the pipeline in this process (and spaCy workers)."""

from __future__ import annotations

from collections.abc import Generator, Iterable, Iterator
from itertools import chain, islice

from filigrane.document import Document
from filigrane.engine.pipeline import Pipeline
from filigrane.ingest.sources import Source
from filigrane.nlp.parse import ParseStep, default_processes

#: Below this many documents, starting spaCy worker processes costs more than it saves.
MULTIPROCESS_MIN_DOCUMENTS = 200


class LocalEngine:
    """Runs a pipeline lazily; memory stays bounded by the steps' batch sizes, not the corpus."""

    def __init__(self, n_process: int = 0) -> None:
        self.n_process = n_process

    def run(self, pipeline: Pipeline, sources: Iterable[Source]) -> Generator[Document, None, None]:
        stream: Iterable[Document] = pipeline.reader(sources)
        for step in pipeline.steps:
            if isinstance(step, ParseStep) and self.n_process == 0:
                stream = self._choose_processes(step, stream)
            elif isinstance(step, ParseStep):
                step.n_process = self.n_process
            stream = step(stream)
        yield from stream

    @staticmethod
    def _choose_processes(step: ParseStep, stream: Iterable[Document]) -> Iterator[Document]:
        """Look ahead at the stream: many documents get one spaCy process per core, few get one."""
        iterator = iter(stream)
        head = list(islice(iterator, MULTIPROCESS_MIN_DOCUMENTS))
        step.n_process = default_processes() if len(head) >= MULTIPROCESS_MIN_DOCUMENTS else 1
        return chain(head, iterator)
