"""Analyse what a request brought (pasted text, uploaded files, a URL) and store the results.

One `Analyser` per process: the spaCy model is loaded once (`load_french` is cached) and warmed
up at start, and a lock lets one analysis run at a time, since a spaCy pipeline is not meant to
be shared by threads. Results go to the SQLite store exactly as `filigrane analyze` puts them
there, so the pages read them back from it.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from filigrane.api import Collect
from filigrane.corpus_records import corpus_to_dict
from filigrane.document import Document, text_input_hash
from filigrane.engine.executor import LocalExecutor
from filigrane.engine.options import PipelineOptions
from filigrane.engine.pipeline import Pipeline
from filigrane.ingest.documents import ReadOptions, text_document
from filigrane.ingest.read import Reader
from filigrane.ingest.sources import Source
from filigrane.narratives.catalogue import NarrativeEntry
from filigrane.report.contract import document_to_dict, envelope, rejection_to_dict
from filigrane.steps import Step
from filigrane.store import Store, StoreSink
from filigrane.store.recheck import Recheck, recheck_documents

#: Largest single article the app accepts (bytes): one article, not a corpus dump.
DEFAULT_DOCUMENT_BYTES = 5 * 1024 * 1024
#: Largest request body (bytes): several files in one upload.
DEFAULT_REQUEST_BYTES = 50 * 1024 * 1024
#: A request waits this long (seconds) for another writer's lock, then answers 503 (SQLite's own wait).
DEFAULT_STORE_WAIT = 5.0


@dataclass(frozen=True)
class Limits:
    """Size caps: per document (the reader rejects larger ones) and per request (refused with 413);
    how long a request waits for the store's write lock before answering 503 (seconds)."""

    document_bytes: int = DEFAULT_DOCUMENT_BYTES
    request_bytes: int = DEFAULT_REQUEST_BYTES
    store_wait: float = DEFAULT_STORE_WAIT


@dataclass(frozen=True)
class Submission:
    """One input of a request. `data`: an uploaded file; `text`: pasted text; neither: fetch `url`.

    With `text`, `url` is only the page's address (for the publisher), never fetched.
    """

    name: str
    text: str | None = None
    data: bytes | None = None
    url: str | None = None

    def source(self) -> Source:
        if self.text is None and self.data is None and self.url is not None:
            return Source("url", self.url)
        return Source("text", self.name)


class SubmissionReader(Reader):
    """The pipeline's reader for in-memory inputs: uploads are sniffed like files, under their own name."""

    def __init__(self, options: ReadOptions, submissions: Sequence[Submission]) -> None:
        super().__init__(options)
        self.submissions = {item.name: item for item in submissions}

    def read(self, source: Source) -> Iterator[Document]:
        item = self.submissions.get(source.name) if source.kind == "text" else None
        if item is None:
            yield from super().read(source)
        elif item.data is not None:
            yield from self.documents_from_bytes(item.name, item.data, url=item.url)
        else:
            yield text_document(item.name, item.text or "", url=item.url)


#: Called after each document with (documents done so far, rejections so far).
Progress = Callable[[int, int], None]

_SURROGATE = re.compile("[\ud800-\udfff]")


def _escaped(value: str) -> str:
    """`value` with each lone surrogate written as `\\udXXX`, so it can be stored and shown."""
    return _SURROGATE.sub(lambda found: f"\\u{ord(found.group()):04x}", value)


class RefuseUnencodable(Step):
    """What the app stores must encode as UTF-8: a record still holding a lone surrogate (JSON
    `"\\ud800"`) is rejected as `invalid-unicode` here, before any analysis, so it cannot take the
    request (and the good records beside it) down; names and reasons are escaped, never dropped."""

    name = "unicode"

    def __call__(self, docs: Iterable[Document]) -> Iterator[Document]:
        for doc in docs:
            doc.source = _escaped(doc.source)
            if doc.rejection is not None:
                doc.rejection.source = _escaped(doc.rejection.source)
                doc.rejection.detail = _escaped(doc.rejection.detail)
                yield doc
                continue
            self.stats.documents_in += 1
            fields = {"text": doc.raw_text, "html": doc.raw_html, "title": doc.title, "url": doc.url, "date": doc.date}
            fields |= {"id": doc.id}
            bad = [name for name, value in fields.items() if value and _SURROGATE.search(value)]
            if bad:
                self._reject(doc, "invalid-unicode", f"lone surrogate code points in {', '.join(bad)}")
            else:
                self.stats.documents_out += 1
            yield doc


def as_stored(store: Store, submissions: Sequence[Submission]) -> list[Submission]:
    """Pasted texts already stored (by any pipeline version) under the name they were stored with, so
    they keep their document id: the same text pasted again is the same document, never a second one."""
    names = {item.name for item in submissions}
    kept: list[Submission] = []
    for item in submissions:
        if item.text is not None:
            digest = text_input_hash(item.text)
            sql = "SELECT source FROM documents WHERE raw_hash = ? ORDER BY pk DESC LIMIT 1"
            row = store.connection.execute(sql, (digest,)).fetchone()
            if row is not None and row[0] != item.name and row[0] not in names:
                names.add(row[0])
                item = replace(item, name=row[0])
        kept.append(item)
    return kept


class Analyser:
    """Runs the full pipeline on submissions, one run at a time, and stores every result."""

    def __init__(self, db: Path, limits: Limits | None = None) -> None:
        self.db = db
        self.limits = limits or Limits()
        #: Held while an analysis runs (one at a time: a spaCy pipeline is not shared between threads).
        self.lock = threading.Lock()

    def warm_up(self) -> None:
        """Load the model, catalogues and lexicons now (one short text, not stored), not on the first request."""
        sample = Source("text", "<warm-up>", text="Le maire a affirmé, selon l'AFP, que l'usine serait fermée.")
        with self.lock:
            with Store(self.db, self.limits.store_wait) as store:
                options = self.options(corpus=False, catalogue=tuple(store.catalogue_entries()))
            for _ in LocalExecutor(Pipeline.default(options), n_process=1).run([sample]):
                pass

    def options(self, corpus: bool, catalogue: tuple[NarrativeEntry, ...] = ()) -> PipelineOptions:
        """One process (the model is already loaded here); corpus analyses only when asked."""
        read = ReadOptions(max_bytes=self.limits.document_bytes)
        return PipelineOptions(read=read, n_process=1, corpus=corpus, catalogue=catalogue)

    def recheck(self, catalogue: str, progress: Progress | None = None) -> Recheck:
        """Match the stored documents against the stored catalogue `catalogue` and store their new matches."""
        with self.lock, Store(self.db) as store:
            return recheck_documents(store, catalogue, progress)

    def run(
        self, submissions: Sequence[Submission], progress: Progress | None = None, corpus: bool | None = None
    ) -> dict[str, Any]:
        """Analyse and store; returns the JSON contract of the run (stored results of known inputs included).

        Every stored catalogue is matched. With `corpus` (default: for files and batches, not for one
        pasted text, which must answer fast), the documents stored before join the corpus steps, so
        the stories and claim groups stored for this run cover the whole store.
        """
        if corpus is None:
            corpus = len(submissions) > 1 or any(item.data is not None for item in submissions)
        with self.lock, Store(self.db, self.limits.store_wait) as store:
            submissions = as_stored(store, submissions)
            options = self.options(corpus, tuple(store.catalogue_entries()))
            pipeline = Pipeline.default(options)
            pipeline.reader = SubmissionReader(options.read, submissions)
            held = Collect()
            executor = LocalExecutor(pipeline, [StoreSink(store, options), held], 1, filters=[RefuseUnencodable()])
            for _ in executor.run([item.source() for item in submissions]):
                if progress is not None:
                    progress(len(held.documents), len(held.rejected))
        documents = [document_to_dict(doc) for doc in held.documents]
        rejected = [rejection_to_dict(rejection) for rejection in held.rejected]
        return envelope(documents, rejected, summary=executor.summary.to_dict(), **corpus_to_dict(executor.corpus))
