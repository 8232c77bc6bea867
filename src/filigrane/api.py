"""The Python API: `analyze()` takes texts, paths or URLs and returns a `Result`."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from itertools import chain
from pathlib import Path

from filigrane.corpus_records import CorpusOutputs
from filigrane.document import Document, Rejection
from filigrane.engine.executor import LocalExecutor, RunEnd, Sink
from filigrane.engine.options import PipelineOptions
from filigrane.engine.pipeline import Pipeline
from filigrane.engine.result import Result
from filigrane.ingest.sources import Source, expand_inputs, is_url
from filigrane.stats import Summary
from filigrane.steps import Step

Input = str | Path | Source


def to_sources(inputs: Input | Iterable[Input]) -> Iterator[Source]:
    """Paths (`Path`, or a `str` naming an existing file or folder), URLs, `-`, or article texts.

    A `str` that is neither an existing path nor a URL is taken as the text of an article.
    Anything else is a `TypeError` that says what is accepted (raised when the input is reached).
    """
    if isinstance(inputs, (str, Path, Source)):
        inputs = [inputs]
    elif isinstance(inputs, (bytes, bytearray, memoryview)) or not isinstance(inputs, Iterable):
        raise TypeError(f"inputs: expected {ACCEPTED} or an iterable of them, got {_kind(inputs)}")
    for number, item in enumerate(inputs, start=1):
        if not isinstance(item, (str, Path, Source)):
            raise TypeError(f"input {number}: expected {ACCEPTED}, got {_kind(item)}")
        if isinstance(item, Source):
            yield item
        elif isinstance(item, Path) or item == "-" or is_url(item) or _is_path(item):
            yield from expand_inputs([item])
        else:
            yield Source("text", f"<text {number}>", text=item)


#: What `analyze()` and `stream()` take, as their TypeError says it.
ACCEPTED = "a str (an article's text, a path or a URL), a pathlib.Path or a filigrane Source"


def _kind(value: object) -> str:
    if isinstance(value, (bytes, bytearray, memoryview)):
        return f"{type(value).__name__} (decode it to str first, or write it to a file and pass the path)"
    return "None" if value is None else type(value).__name__


def _is_path(value: str) -> bool:
    return "\n" not in value and len(value) < 4096 and os.path.exists(value)


def stream(
    inputs: Input | Iterable[Input],
    options: PipelineOptions | None = None,
    summary: Summary | None = None,
    corpus: CorpusOutputs | None = None,
    first_steps: Sequence[Step] = (),
    prior: Iterable[Document] = (),
    sinks: Sequence[Sink] = (),
) -> Iterator[Document]:
    """Analyse lazily, one document at a time (bounded memory, for large corpora).

    `summary` is kept up to date as documents go by; `corpus` receives the corpus-level outputs
    (`reposts`, `stories`, `claim_groups`) once the last document is out, and the documents still
    held then get what the corpus tells of them (a copy's `repost-of` evidence and inherited
    origins). `first_steps` run right after the reader, before any analysis. `prior` are documents
    analysed earlier: the corpus steps see them first, so new documents join their stories, groups
    and repost groups; they are not analysed or yielded again. `sinks` receive every document
    (the store's `StoreSink` skips known inputs, shows the stored documents and keeps the run).
    """
    if options is not None and not isinstance(options, PipelineOptions):
        raise TypeError(f"options: expected a filigrane PipelineOptions, got {_kind(options)}")
    sources = to_sources(inputs)
    first = next(sources, None)  # a wrong input type is raised here, before any model is loaded
    options = options or PipelineOptions()
    executor = LocalExecutor(
        Pipeline.default(options), sinks, options.n_process, filters=first_steps, prior=prior, summary=summary
    )
    yield from executor.run(chain([] if first is None else [first], sources))
    if corpus is not None:
        corpus.update(executor.corpus)


class Collect(Sink):
    """Holds the run's documents and rejections, for `analyze()` (the documents get the amendments)."""

    def __init__(self) -> None:
        self.documents: list[Document] = []
        self.rejected: list[Rejection] = []

    def write(self, doc: Document) -> None:
        if doc.rejection is not None:
            self.rejected.append(doc.rejection)
        else:
            self.documents.append(doc)

    def finish(self, end: RunEnd) -> None:
        for doc in self.documents:
            end.amend(doc)


def analyze(
    inputs: Input | Iterable[Input], options: PipelineOptions | None = None, sinks: Sequence[Sink] = ()
) -> Result:
    """Analyse every input and keep the results in memory (`sinks`: see `stream`)."""
    summary = Summary()
    corpus = CorpusOutputs()
    collect = Collect()
    for _ in stream(inputs, options, summary, corpus, sinks=[*sinks, collect]):
        pass
    return Result(collect.documents, collect.rejected, summary, corpus)
