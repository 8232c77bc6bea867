"""The Python API: `analyze()` takes texts, paths or URLs and returns a `Result`."""

from __future__ import annotations

import os
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import closing
from itertools import chain
from pathlib import Path
from typing import Any

from filigrane.document import Document, Evidence
from filigrane.engine.local import LocalEngine
from filigrane.engine.pipeline import Pipeline, PipelineOptions
from filigrane.engine.result import Result, Summary
from filigrane.engine.steps import Step
from filigrane.ingest.sources import Source, expand_inputs, is_url

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
    corpus: dict[str, Any] | None = None,
    first_steps: Sequence[Step] = (),
    prior: Iterable[Document] = (),
) -> Iterator[Document]:
    """Analyse lazily, one document at a time (bounded memory, for large corpora).

    `summary` is kept up to date as documents go by; `corpus` receives the corpus-level outputs
    (`reposts`, `stories`, `claim_groups`) once the last document is out. `first_steps` run right
    after the reader, before any analysis (the store's `SkipKnown`, for instance). `prior` are
    documents analysed earlier (from the store): the corpus steps see them first, so new
    documents join their stories, groups and repost groups; they are not analysed or yielded again.
    """
    if options is not None and not isinstance(options, PipelineOptions):
        raise TypeError(f"options: expected a filigrane PipelineOptions, got {_kind(options)}")
    sources = to_sources(inputs)
    first = next(sources, None)  # a wrong input type is raised here, before any model is loaded
    options = options or PipelineOptions()
    pipeline = Pipeline.default(options)
    pipeline.steps[:0] = first_steps
    pipeline.observe(prior)
    engine = LocalEngine(n_process=options.n_process)
    summary = summary if summary is not None else Summary()
    started = time.perf_counter()
    # closed at once when the caller stops early, so the steps (and spaCy's workers) wind down now
    sources_with_first = chain([] if first is None else [first], sources)
    with closing(engine.run(pipeline, sources_with_first)) as documents:
        for doc in documents:
            summary.count(doc)
            summary.seconds = time.perf_counter() - started
            yield doc
    summary.steps = pipeline.stats
    if corpus is not None:
        corpus.update(pipeline.finish())


def analyze(inputs: Input | Iterable[Input], options: PipelineOptions | None = None) -> Result:
    """Analyse every input and keep the results in memory."""
    summary = Summary()
    corpus: dict[str, Any] = {}
    documents: list[Document] = []
    rejected = []
    for doc in stream(inputs, options, summary, corpus):
        if doc.rejection is not None:
            rejected.append(doc.rejection)
        else:
            documents.append(doc)
    link_reposts(documents, corpus.get("reposts", []))
    return Result(documents, rejected, summary, corpus)


def link_reposts(documents: list[Document], groups: list[dict[str, Any]]) -> None:
    """Each copy names its group's origin copy ("repost-of"), and inherits its origins if it has none.

    Only possible once the corpus is complete, so `analyze()` does it; `stream()` users get the
    corpus-level `reposts` instead.
    """
    by_id = {doc.id: doc for doc in documents}
    for group in groups:
        origin = by_id.get(group.get("origin_document") or "")
        if origin is None:
            continue
        for member in group["documents"]:
            doc = by_id.get(member)
            if doc is None or doc is origin:
                continue
            doc.evidence.append(Evidence("repost-of", origin.id))
            if not doc.origins:
                for inherited in origin.origins:
                    evidence = {"kind": "repost-of", "text": origin.id, "start": None, "end": None}
                    confidence = round(float(inherited["confidence"]) * float(group["similarity"]), 2)
                    doc.origins.append({**inherited, "evidence": [evidence], "confidence": confidence})
