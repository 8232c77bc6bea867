"""`filigrane store load DIR`: a Ray run's folder into the store, so the web app can open it.

The folder (`engine/folder.py`) holds what a local run with the store would have written: the
documents, already amended by the corpus steps, their rejections and the corpus outputs. Loading
writes the same rows (documents, claims, stances, origins, techniques, the claim search, narrative
matches, reposts, stories, claim groups) under one run, named after the folder's run id, so a
second load of the same folder is a no-op and a load cut short is redone from the start. A line
that is not a contract line becomes a rejection (`bad-line`) of the run, never a traceback.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from filigrane.corpus_records import CorpusOutputs, corpus_from_dict
from filigrane.document import Rejection
from filigrane.engine.folder import CORPUS_FILE, FolderError, inputs_path, read_corpus, read_run, shard_paths
from filigrane.report.contract import document_from_dict
from filigrane.store.delete import delete_run
from filigrane.store.store import Store


@dataclass(slots=True)
class Loaded:
    """What a load did: the store's run, and how many documents it stored or found there already."""

    run_id: int
    stored: int = 0
    #: Documents the store already held (same id and pipeline version, from a run before).
    already: int = 0
    rejected: int = 0
    bad_lines: int = 0
    #: The folder had been loaded before (as `run_id`): nothing was written.
    earlier: bool = False


def load_folder(store: Store, folder: Path) -> Loaded:
    """Store the run in `folder` (FolderError when it is not a complete Ray run's folder)."""
    run = read_run(folder)
    corpus, summary = read_corpus_outputs(folder)
    for run_id, finished in store.connection.execute(
        "SELECT id, finished FROM runs WHERE json_extract(options, '$.ray_run') = ? ORDER BY id", (run["id"],)
    ).fetchall():
        if finished is not None:
            return Loaded(run_id, earlier=True)
        delete_run(store.connection, run_id)  # a load cut short: done again from the start
    version = run["pipeline_version"]
    settings = dict(run.get("options") or {}) | {"engine": "ray", "ray_run": run["id"], "folder": str(folder)}
    loaded = Loaded(store.start_run(version, settings))
    for path in shard_paths(folder):
        inputs = _read_inputs(path)
        with path.open(encoding="utf-8", errors="replace") as lines:
            for number, line in enumerate(lines, start=1):
                try:
                    with _all_or_nothing(store.connection):
                        _load_line(store, loaded, version, json.loads(line), inputs)
                except (ValueError, TypeError, KeyError, AttributeError) as error:
                    loaded.bad_lines += 1
                    detail = " ".join(f"{type(error).__name__}: {error}".split())[:300]
                    store.add_rejection(loaded.run_id, Rejection(f"{path.name}:{number}", "bad-line", detail))
    store.add_reposts(loaded.run_id, corpus.get("reposts", []))
    store.add_corpus(loaded.run_id, corpus)
    store.finish_run(loaded.run_id, summary)
    return loaded


def read_corpus_outputs(folder: Path) -> tuple[CorpusOutputs, dict[str, Any]]:
    """The corpus outputs of a run's folder as records, and its merged figures (FolderError when
    `corpus.json` is missing, not JSON, or holds an output the records cannot read)."""
    stored = read_corpus(folder)
    try:
        return corpus_from_dict(stored), stored.get("summary") or {}
    except (KeyError, TypeError, ValueError) as error:
        raise FolderError(
            f"{folder / CORPUS_FILE} holds a malformed corpus output ({type(error).__name__}: {error})"
        ) from error


@contextmanager
def _all_or_nothing(connection: sqlite3.Connection) -> Iterator[None]:
    """A line's rows are all written or none (a document whose claims break leaves no half of it)."""
    if not connection.in_transaction:
        connection.execute("BEGIN")  # so that releasing the savepoint does not commit
    connection.execute("SAVEPOINT line")
    try:
        yield
    except BaseException:
        if connection.in_transaction:
            connection.execute("ROLLBACK TO line")
            connection.execute("RELEASE line")
        raise
    if connection.in_transaction:  # else the store committed (every few hundred rows), the savepoint with it
        connection.execute("RELEASE line")


def _load_line(store: Store, loaded: Loaded, version: str, record: Any, inputs: dict[str, str]) -> None:
    if not isinstance(record, dict) or not ({"document", "rejected"} & record.keys()):
        raise ValueError("neither a document nor a rejection")
    if "rejected" in record:
        store.add_rejection(loaded.run_id, Rejection(**record["rejected"]))
        loaded.rejected += 1
        return
    doc = document_from_dict(record["document"])
    raw = inputs.get(doc.id)
    if raw is None:
        raise ValueError(f"document {doc.id} has no input hash in its shard's inputs file")
    if store.add_document(loaded.run_id, doc, version, raw=raw):
        loaded.stored += 1
    else:
        loaded.already += 1


def _read_inputs(shard: Path) -> dict[str, str]:
    """The hash of each document's input (the contract does not carry the input)."""
    broken = FolderError(
        f"{inputs_path(shard)} is missing or broken: delete {shard.with_suffix('.done').name} "
        "and run the same command again"
    )
    try:
        inputs = json.loads(inputs_path(shard).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise broken from error
    if not isinstance(inputs, dict):
        raise broken
    return {str(key): str(value) for key, value in inputs.items()}
