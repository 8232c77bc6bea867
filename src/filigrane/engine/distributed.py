"""`RayExecutor`: the same steps on a Ray cluster (or local Ray), for corpora past one machine.

The inputs are split into shards (contiguous runs of files, in input order; a JSON Lines file
bigger than a shard's share is cut in byte ranges on line starts, `ingest/split.py`). One Ray
task per shard runs the per-document steps (reader, cleaning, parse, claims: the model loads once
per worker process, which Ray reuses) and the first half of each corpus step (`CorpusStep.sketch`),
writes the shard's documents as JSON Lines under `OUT/documents/` (the layout:
`engine/folder.py`), and hands back the sketches and its figures. One combiner (this process)
takes the sketches in corpus order (`CorpusStep.combine`): the reposts, stories and claim groups
are those of a local run over the same inputs. The documents a corpus step amends (a copy's
`repost-of` evidence) are rewritten in their shard, and the corpus outputs and the merged figures
go to `OUT/corpus.json`; `filigrane store load OUT` then puts the run in the store.

A shard that is complete leaves a marker (`shard-N.done`, its sketches beside it): a rerun into
the same folder resumes with the shards left. Every file is written under a temporary name and
renamed once whole, and a task whose worker dies is retried, so no document is lost or written
twice. Learnt-from-the-run steps (site chrome) learn per shard: keep a site's pages in one shard.
"""

from __future__ import annotations

import json
import os
import pickle
import resource
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from filigrane.corpus_records import CorpusOutputs, corpus_to_dict, involving
from filigrane.document import Document
from filigrane.engine.executor import LocalExecutor, RunEnd, Sink
from filigrane.engine.folder import (
    CORPUS_FILE,
    PARQUET_HINT,
    inputs_path,
    shard_path,
    start_run,
    write_atomically,
    write_parquet,
)
from filigrane.engine.options import PipelineOptions
from filigrane.engine.pipeline import Pipeline
from filigrane.ingest.sources import Source
from filigrane.ingest.split import split_large
from filigrane.report.contract import CONTRACT_VERSION, document_from_dict, document_to_dict
from filigrane.report.writers import JsonlWriter
from filigrane.stats import Summary
from filigrane.steps import CorpusStep

RAY_HINT = "the Ray engine needs Ray: pip install 'filigrane[ray]'"
#: Object store of a local Ray (bytes): sketches and figures travel through it, never documents.
LOCAL_OBJECT_STORE = 256 * 1024 * 1024
#: Worker tasks retried after their process dies (killed, out of memory, node lost).
MAX_RETRIES = 3


@dataclass
class Shard:
    """What a shard task hands back: per analysed document, its id and one sketch per corpus step."""

    number: int
    sketches: list[tuple[str, list[Any]]] = field(default_factory=list)
    summary: Summary = field(default_factory=Summary)
    #: Peak resident memory of the worker process that ran the shard (KiB).
    peak_kib: int = 0


class _ShardFile(Sink):
    """Writes each document of a shard as a contract line (no corpus lines: they come at the end),
    and keeps the hash of each analysed document's input (for the store's no-op rule)."""

    def __init__(self, writer: JsonlWriter) -> None:
        self.writer = writer
        self.inputs: dict[str, str] = {}

    def write(self, doc: Document) -> None:
        self.writer.write(doc)
        if doc.rejection is None:
            self.inputs[doc.id] = doc.raw_hash


def analyse_shard(
    options: PipelineOptions, number: int, sources: Sequence[Source], folder: Path, parquet: bool
) -> Shard:
    """Run the per-document steps over one shard, sketch each document, write the shard's files."""
    pipeline = Pipeline.default(options)
    corpus_steps = [step for step in pipeline.steps if isinstance(step, CorpusStep)]
    pipeline.steps = [step for step in pipeline.steps if not isinstance(step, CorpusStep)]
    shard = Shard(number)
    path = shard_path(folder, number)
    partial = path.with_suffix(".jsonl.partial")
    with partial.open("w", encoding="utf-8") as target:
        sink = _ShardFile(JsonlWriter(target))
        executor = LocalExecutor(pipeline, [sink], n_process=1, summary=shard.summary)
        for doc in executor.run(sources):
            if doc.rejection is None:
                shard.sketches.append((doc.id, [_sketch(step, doc) for step in corpus_steps]))
    shard.summary.steps = pipeline.stats + [step.stats for step in corpus_steps]
    shard.peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    os.replace(partial, path)
    if parquet:
        write_parquet(path)
    write_atomically(inputs_path(path), json.dumps(sink.inputs).encode())
    write_atomically(path.with_suffix(".sketches"), pickle.dumps(shard))
    write_atomically(path.with_suffix(".done"), b"")
    return shard


def _sketch(step: CorpusStep[Any], doc: Document) -> Any:
    step.stats.documents_in += 1
    sketch = step.sketch_safely(doc)
    step.stats.documents_out += sketch is not None
    return sketch


def split(sources: Sequence[Source], shards: int) -> list[list[Source]]:
    """Contiguous runs of sources, as even as can be: shard order is corpus order."""
    shards = max(1, min(shards, len(sources)))
    size, extra = divmod(len(sources), shards)
    runs, start = [], 0
    for number in range(shards):
        end = start + size + (number < extra)
        runs.append(list(sources[start:end]))
        start = end
    return runs


class RayExecutor:
    """Runs the default pipeline of `options` on Ray: shards in parallel, one combiner.

    `address`: a running cluster (`auto`, `HOST:PORT`), else a local Ray with `num_cpus` CPUs;
    `parquet`: also write each shard's documents as Parquet (needs pyarrow).
    """

    def __init__(
        self,
        options: PipelineOptions,
        address: str | None = None,
        num_cpus: int | None = None,
        shards: int = 0,
        parquet: bool = False,
    ) -> None:
        self.options = options
        self.parquet = parquet
        self.address = address
        self.num_cpus = num_cpus
        self.shards = shards
        self.summary = Summary()
        self.corpus = CorpusOutputs()
        #: The largest peak memory of a worker process (KiB), once `run` is done.
        self.worker_peak_kib = 0

    def run(self, sources: Iterable[Source], folder: Path) -> RunEnd:
        """Analyse `sources` into `folder` (documents/shard-N.jsonl, corpus.json); resumes a cut run."""
        try:
            import ray
        except ImportError as error:
            raise ImportError(RAY_HINT) from error
        if self.parquet:
            try:
                import pyarrow  # noqa: F401
            except ImportError as error:
                raise ImportError(PARQUET_HINT) from error
        started = time.perf_counter()
        listed = list(sources)
        (folder / "documents").mkdir(parents=True, exist_ok=True)
        start_run(folder, self.options)
        started_here = not ray.is_initialized()
        if started_here:
            ray.init(
                address=self.address,
                num_cpus=None if self.address else self.num_cpus,
                object_store_memory=None if self.address else LOCAL_OBJECT_STORE,
                include_dashboard=False,
                log_to_driver=False,
                configure_logging=False,
            )
        try:
            cpus = max(1, int(ray.cluster_resources().get("CPU", 1)))  # type: ignore[no-untyped-call]
            shards = self.shards or 2 * cpus
            runs = split(split_large(listed, shards), shards)
            task = ray.remote(num_cpus=1, max_retries=MAX_RETRIES, retry_exceptions=False)(analyse_shard)
            done = {n: self._finished(folder, n) for n in range(len(runs))}
            pending = {
                n: task.remote(self.options, n, run, folder, self.parquet)
                for n, run in enumerate(runs)
                if done[n] is None
            }
            for n in done:  # shards done by a run without Parquet
                if done[n] is not None and self.parquet and not shard_path(folder, n).with_suffix(".parquet").exists():
                    write_parquet(shard_path(folder, n))
            results = [done[n] or ray.get(pending[n]) for n in range(len(runs))]
        finally:
            if started_here:
                ray.shutdown()
        return self._combine(results, folder, started)

    @staticmethod
    def _finished(folder: Path, number: int) -> Shard | None:
        """A shard completed by an earlier run into `folder` (its marker and sketches are there)."""
        path = shard_path(folder, number)
        if not path.with_suffix(".done").exists():
            return None
        shard = pickle.loads(path.with_suffix(".sketches").read_bytes())  # written by analyse_shard
        return shard if isinstance(shard, Shard) and shard.number == number else None

    def _combine(self, shards: list[Shard], folder: Path, started: float) -> RunEnd:
        pipeline = Pipeline.default(self.options)
        corpus_steps = [step for step in pipeline.steps if isinstance(step, CorpusStep)]
        summary = self.summary
        ids: set[str] = set()
        for shard in shards:
            summary.merge(shard.summary)
            self.worker_peak_kib = max(self.worker_peak_kib, shard.peak_kib)
        ordered = [(doc_id, sketches) for shard in shards for doc_id, sketches in shard.sketches]
        outputs = CorpusOutputs()
        for index, step in enumerate(corpus_steps):
            seen: set[str] = set()
            in_order = []
            for doc_id, sketches in ordered:
                if doc_id not in seen and sketches[index] is not None:
                    seen.add(doc_id)
                    in_order.append(sketches[index])
            outputs.update(step.combine(in_order, outputs))
            ids |= seen
        summary.seconds = time.perf_counter() - started
        end = RunEnd(outputs, involving(outputs, ids), summary, pipeline)
        amended = end.amends()
        for shard in shards:
            if amended & {doc_id for doc_id, _ in shard.sketches}:
                _amend_shard(shard_path(folder, shard.number), end, self.parquet)
        self.corpus = end.corpus
        data = {"filigrane": CONTRACT_VERSION, **corpus_to_dict(end.corpus), "summary": summary.to_dict()}
        write_atomically(folder / CORPUS_FILE, json.dumps(data, ensure_ascii=False).encode())
        return end


def _amend_shard(path: Path, end: RunEnd, parquet: bool) -> None:
    """Rewrite the documents of one shard that the corpus steps amend; a shard already amended (by
    the run this one resumes) is left as it is."""
    amended = end.amends()
    partial = path.with_suffix(".jsonl.partial")
    changed = False
    with path.open(encoding="utf-8") as lines, partial.open("w", encoding="utf-8") as target:
        for line in lines:
            record = json.loads(line)
            data = record.get("document")
            if data is not None and data["id"] in amended:
                doc = document_from_dict(data)
                if end.amend(doc):
                    record["document"] = document_to_dict(doc)
                    line = json.dumps(record, ensure_ascii=False) + "\n"
                    changed = True
            target.write(line)
    if changed:
        os.replace(partial, path)
        if parquet:
            write_parquet(path)
    else:
        partial.unlink()
