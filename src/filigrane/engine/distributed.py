"""`RayExecutor`: the same steps on a Ray cluster (or local Ray), for corpora past one machine.

The inputs are split into shards (contiguous runs of files, in input order; a JSON Lines file
bigger than a shard's share is cut in byte ranges on line starts, `ingest/split.py`). One Ray
task per shard runs the per-document steps (reader, cleaning, parse, claims: the model loads once
per worker process, which Ray reuses) and the first half of each corpus step (`CorpusStep.sketch`),
writes the shard's documents as JSON Lines under `OUT/documents/` (the layout:
`engine/folder.py`), and hands back its figures and, as a separate object, its sketches. One
combine task, on one worker, takes the sketches in corpus order straight from the object store
(`CorpusStep.combine`): the reposts, stories and claim groups are those of a local run over the
same inputs. It rewrites in their shard the documents a corpus step amends (a copy's `repost-of`
evidence) and writes the corpus outputs and the merged figures to `OUT/corpus.json`. The driver
(this process) only splits the inputs, starts the tasks and merges the shards' figures: it loads
no model and never holds a sketch. `filigrane store load OUT` then puts the run in the store.

A shard that is complete leaves a marker (`shard-N.done`, holding its figures; its sketches
beside it): a rerun into the same folder resumes with the shards left, and the combine reads the
sketches of the shards done before from their files. Every file is written under a temporary
name and renamed once whole, and a task whose worker dies is retried, so no document is lost or
written twice. Learnt-from-the-run steps (site chrome) learn per shard: keep a site's pages in one
shard.
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
from typing import TYPE_CHECKING, Any, cast

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
from filigrane.ingest.sources import Source
from filigrane.ingest.split import split_large
from filigrane.report.contract import CONTRACT_VERSION, document_from_dict, document_to_dict
from filigrane.report.writers import JsonlWriter
from filigrane.stats import Summary
from filigrane.steps import CorpusStep

if TYPE_CHECKING:
    from filigrane.engine.pipeline import Pipeline

RAY_HINT = "the Ray engine needs Ray: pip install 'filigrane[ray]'"
#: Object store of a local Ray (bytes): sketches and figures travel through it, never documents.
LOCAL_OBJECT_STORE = 256 * 1024 * 1024
#: Worker tasks retried after their process dies (killed, out of memory, node lost).
MAX_RETRIES = 3

#: Per analysed document of a shard: its id and one sketch per corpus step (None: nothing to link).
Sketches = list[tuple[str, list[Any]]]


@dataclass
class ShardReport:
    """What a shard task hands the driver (its sketches go to the combine apart): small whatever the shard."""

    number: int
    summary: Summary = field(default_factory=Summary)
    #: Peak resident memory of the worker process that ran the shard (KiB).
    peak_kib: int = 0


@dataclass
class Combined:
    """What the combine task hands the driver: the run's figures, and the combine's worker peak memory."""

    summary: Summary
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


def _pipeline(options: PipelineOptions) -> tuple[Pipeline, list[CorpusStep[Any]]]:
    """The default pipeline and its corpus steps. Imported here, in the workers: the recipe imports
    every stage (spaCy among them), which the driver never needs."""
    from filigrane.engine.pipeline import Pipeline

    pipeline = Pipeline.default(options)
    return pipeline, [step for step in pipeline.steps if isinstance(step, CorpusStep)]


def analyse_shard(
    options: PipelineOptions, number: int, sources: Sequence[Source], folder: Path, parquet: bool
) -> tuple[ShardReport, Sketches]:
    """Run the per-document steps over one shard, sketch each document, write the shard's files."""
    pipeline, corpus_steps = _pipeline(options)
    pipeline.steps = [step for step in pipeline.steps if not isinstance(step, CorpusStep)]
    report = ShardReport(number)
    sketches: Sketches = []
    path = shard_path(folder, number)
    partial = path.with_suffix(".jsonl.partial")
    with partial.open("w", encoding="utf-8") as target:
        sink = _ShardFile(JsonlWriter(target))
        executor = LocalExecutor(pipeline, [sink], n_process=1, summary=report.summary)
        for doc in executor.run(sources):
            if doc.rejection is None:
                sketches.append((doc.id, [_sketch(step, doc) for step in corpus_steps]))
    report.summary.steps = pipeline.stats + [step.stats for step in corpus_steps]
    report.peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    os.replace(partial, path)
    if parquet:
        write_parquet(path)
    write_atomically(inputs_path(path), json.dumps(sink.inputs).encode())
    write_atomically(path.with_suffix(".sketches"), pickle.dumps(sketches))
    write_atomically(path.with_suffix(".done"), pickle.dumps(report))
    return report, sketches


def _sketch(step: CorpusStep[Any], doc: Document) -> Any:
    step.stats.documents_in += 1
    sketch = step.sketch_safely(doc)
    step.stats.documents_out += sketch is not None
    return sketch


def combine_shards(
    options: PipelineOptions,
    folder: Path,
    parquet: bool,
    summary: Summary,
    started: float,
    *shards: Sketches | None,
) -> Combined:
    """The second half of each corpus step over every shard's sketches, in shard (corpus) order;
    a shard's sketches are None when an earlier run did it (they are read from its file). Writes
    the amended shards and `corpus.json`; `started` is the run's start (`time.time()`)."""
    pipeline, corpus_steps = _pipeline(options)
    by_shard = [
        sketches if sketches is not None else _read_sketches(folder, number) for number, sketches in enumerate(shards)
    ]
    if parquet:  # shards done by a run without Parquet
        for number in range(len(by_shard)):
            if not shard_path(folder, number).with_suffix(".parquet").exists():
                write_parquet(shard_path(folder, number))
    outputs = CorpusOutputs()
    ids: set[str] = set()
    for index, step in enumerate(corpus_steps):
        seen: set[str] = set()
        in_order = []
        for sketches in by_shard:
            for doc_id, sketched in sketches:
                if doc_id not in seen and sketched[index] is not None:
                    seen.add(doc_id)
                    in_order.append(sketched[index])
        outputs.update(step.combine(in_order, outputs))
        ids |= seen
    summary.seconds = time.time() - started
    end = RunEnd(outputs, involving(outputs, ids), summary, pipeline)
    amended = end.amends()
    for number, sketches in enumerate(by_shard):
        if amended & {doc_id for doc_id, _ in sketches}:
            _amend_shard(shard_path(folder, number), end, parquet)
    data = {"filigrane": CONTRACT_VERSION, **corpus_to_dict(end.corpus), "summary": summary.to_dict()}
    write_atomically(folder / CORPUS_FILE, json.dumps(data, ensure_ascii=False).encode())
    return Combined(summary, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def _read_sketches(folder: Path, number: int) -> Sketches:
    sketches: Sketches = pickle.loads(shard_path(folder, number).with_suffix(".sketches").read_bytes())
    return sketches  # written by analyse_shard


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
    """Runs the default pipeline of `options` on Ray: shards in parallel, then one combine task.

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
        #: The largest peak memory of a shard's worker process, and that of the combine's (KiB), once `run` is done.
        self.worker_peak_kib = 0
        self.combine_peak_kib = 0

    def run(self, sources: Iterable[Source], folder: Path) -> Summary:
        """Analyse `sources` into `folder` (documents/shard-N.jsonl, corpus.json); resumes a cut run.
        The run's figures (also in `corpus.json`)."""
        try:
            import ray
        except ImportError as error:
            raise ImportError(RAY_HINT) from error
        if self.parquet:
            try:
                import pyarrow  # noqa: F401
            except ImportError as error:
                raise ImportError(PARQUET_HINT) from error
        started = time.time()
        listed = list(sources)
        (folder / "documents").mkdir(parents=True, exist_ok=True)
        start_run(folder, self.options)
        started_here = not ray.is_initialized()
        if started_here:
            ray.init(  # without --ray-address, a Ray of our own, even when another runs on this machine
                address=self.address or "local",
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
            remote = ray.remote(num_cpus=1, max_retries=MAX_RETRIES, retry_exceptions=False)
            task = remote(analyse_shard).options(num_returns=2)
            reports: list[Any] = []
            sketches: list[Any] = []  # object refs, or None for a shard an earlier run did
            for number, run in enumerate(runs):
                done = self._finished(folder, number)
                if done is None:
                    # two object refs (num_returns=2), which Ray's stubs type as one
                    report, sketched = cast(Any, task.remote(self.options, number, run, folder, self.parquet))
                    reports.append(report)
                    sketches.append(sketched)
                else:
                    reports.append(done)
                    sketches.append(None)
            summary = self.summary
            for report in (each if isinstance(each, ShardReport) else ray.get(each) for each in reports):
                summary.merge(report.summary)
                self.worker_peak_kib = max(self.worker_peak_kib, report.peak_kib)
            # the sketches go from the shards' workers to the combine's through the object store
            combine = remote(combine_shards)
            combined = ray.get(combine.remote(self.options, folder, self.parquet, summary, started, *sketches))
        finally:
            if started_here:
                ray.shutdown()
        self.summary, self.combine_peak_kib = combined.summary, combined.peak_kib
        return self.summary

    @staticmethod
    def _finished(folder: Path, number: int) -> ShardReport | None:
        """The figures of a shard completed by an earlier run into `folder` (its marker holds them)."""
        try:
            report = pickle.loads(shard_path(folder, number).with_suffix(".done").read_bytes())  # by analyse_shard
        except (OSError, pickle.UnpicklingError, EOFError):
            return None
        return report if isinstance(report, ShardReport) and report.number == number else None


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
