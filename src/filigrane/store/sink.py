"""The store as a sink of the executor, and as the corpus of every run.

A run skips the inputs this pipeline version has analysed before (`SkipKnown`, its first filter),
shows the documents stored before to the corpus steps, with their sentence vectors, so a new
batch joins the existing stories, claim groups and repost groups; it keeps each document and
rejection as it comes, then the corpus outputs, the new vectors, the amendments the corpus steps
make to the run's documents (a copy names its origin) and the run's figures.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from filigrane.document import Document
from filigrane.engine.executor import RunEnd, Sink
from filigrane.engine.options import PipelineOptions, pipeline_version, run_settings
from filigrane.narratives.encoder import default_encoder
from filigrane.report.contract import document_from_dict
from filigrane.steps import CorpusStep, Step
from filigrane.store.skip import SkipKnown
from filigrane.store.store import Store


class StoreSink(Sink):
    """Keeps a run in `store`; opening it starts the run (`run_id`), `finish` closes it."""

    def __init__(self, store: Store, options: PipelineOptions) -> None:
        self.store = store
        self.version = pipeline_version(options)
        self.run_id = store.start_run(self.version, run_settings(options))
        self.skipper = SkipKnown(store, self.version, self.run_id)
        #: Ids of the documents stored by this run (the ones an amendment may rewrite).
        self._stored: set[str] = set()

    def filters(self) -> Sequence[Step]:
        return [self.skipper]

    def prior(self) -> Iterable[Document]:
        return earlier_documents(self.store)

    def write(self, doc: Document) -> None:
        if doc.rejection is not None:
            self.store.add_rejection(self.run_id, doc.rejection)
        elif self.store.add_document(self.run_id, doc, self.version):
            self._stored.add(doc.id)

    def known(self) -> Iterator[Document]:
        for stored in self.skipper.stored_results():
            yield document_from_dict(stored)

    def write_known(self, doc: Document) -> None:
        """Already stored: nothing to write."""

    def finish(self, end: RunEnd) -> None:
        self.store.add_reposts(self.run_id, end.outputs.get("reposts", []))
        self.store.add_corpus(self.run_id, end.outputs)
        corpus_run = any(isinstance(step, CorpusStep) for step in end.pipeline.steps)
        if corpus_run and default_encoder.cache_info().currsize:  # not for one pasted text: it must answer fast
            keep_vectors(self.store)
        for doc_id in sorted(end.amends() & self._stored):
            stored = self.store.document(doc_id, self.version)
            if stored is not None:
                doc = document_from_dict(stored)
                if end.amend(doc):
                    self.store.replace_document(doc, self.version)
        self.store.finish_run(self.run_id, end.summary.to_dict())


def earlier_documents(store: Store) -> Iterator[Document]:
    """Every document stored before (its last analysis), its stored sentence vectors loaded first."""
    encoder = default_encoder()
    store.load_vectors(encoder.name, encoder.cache)
    for data in store.latest_documents():
        yield document_from_dict(data)


def keep_vectors(store: Store) -> None:
    """Store the sentence vectors computed so far, so later runs need not encode them again."""
    encoder = default_encoder()
    store.save_vectors(encoder.name, encoder.cache.items())
