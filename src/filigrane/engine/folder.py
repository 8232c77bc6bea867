"""The folder a Ray run writes, read back by `filigrane store load`: one layout, named once.

    OUT/run.json                      what runs: an id, the pipeline version, the options
    OUT/documents/shard-N.jsonl       contract lines of shard N (documents, rejections)
    OUT/documents/shard-N.inputs      {document id: hash of its input as read} (not in the contract)
    OUT/documents/shard-N.parquet     with `parquet`: the shard's documents, one row each (columns below)
    OUT/documents/shard-N.sketches    the shard's sketches (read by the combine of a run that resumes)
    OUT/documents/shard-N.done        written last, with the shard's figures: the shard is complete
    OUT/corpus.json                   reposts, stories, claim groups, summary: written last, once whole

Light to import (no model, no Ray): the store reads a folder without loading the pipeline.
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from filigrane.corpus_records import CORPUS_GROUPS
from filigrane.engine.options import PipelineOptions, pipeline_version, run_settings

RUN_FILE = "run.json"
CORPUS_FILE = "corpus.json"
PARQUET_HINT = "Parquet output needs pyarrow: pip install 'filigrane[parquet]'"
#: The Parquet columns: the fields an analyst filters on, then the whole contract document as JSON.
PARQUET_COLUMNS = ("id", "source", "url", "language", "title", "date", "text", "document")


class FolderError(ValueError):
    """The folder is not one a Ray run wrote, or holds a run of other options."""


def shard_path(folder: Path, number: int) -> Path:
    return folder / "documents" / f"shard-{number:05d}.jsonl"


def shard_paths(folder: Path) -> list[Path]:
    """Every complete shard's documents, in shard (corpus) order."""
    return sorted(path for path in (folder / "documents").glob("shard-*.jsonl") if path.with_suffix(".done").exists())


def inputs_path(shard: Path) -> Path:
    return shard.with_suffix(".inputs")


def write_atomically(path: Path, data: bytes) -> None:
    """Whole or absent: written under a temporary name, then renamed."""
    partial = path.with_name(path.name + ".partial")
    partial.write_bytes(data)
    os.replace(partial, path)


def start_run(folder: Path, options: PipelineOptions) -> dict[str, Any]:
    """The folder's `run.json`: written by the first run into it, kept by the runs that resume it."""
    path = folder / RUN_FILE
    version = pipeline_version(options)
    if path.exists():
        run = read_run(folder)
        if run["pipeline_version"] != version:
            raise FolderError(f"{folder} holds a run of another pipeline version: give another folder")
        return run
    run = {
        "id": uuid.uuid4().hex,
        "started": datetime.now(UTC).isoformat(timespec="seconds"),
        "pipeline_version": version,
        "options": run_settings(options),
    }
    write_atomically(path, json.dumps(run, ensure_ascii=False, default=str).encode())
    return run


def read_run(folder: Path) -> dict[str, Any]:
    """The folder's `run.json` (FolderError when it is missing or not one)."""
    try:
        run = json.loads((folder / RUN_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise FolderError(f"{folder} is not the folder of a Ray run (no readable {RUN_FILE})") from error
    if (
        not isinstance(run, dict)
        or not isinstance(run.get("id"), str)
        or not isinstance(run.get("pipeline_version"), str)
    ):
        raise FolderError(f"{folder / RUN_FILE} names no run (an id and a pipeline version)")
    return run


def read_corpus(folder: Path) -> dict[str, Any]:
    """The folder's `corpus.json` (FolderError when the run is not complete or the file is not one)."""
    try:
        corpus = json.loads((folder / CORPUS_FILE).read_text(encoding="utf-8"))
    except OSError as error:
        raise FolderError(f"the run in {folder} is not complete (no {CORPUS_FILE}): run it again to finish") from error
    except ValueError as error:
        raise FolderError(f"{folder / CORPUS_FILE} is not JSON ({error})") from error
    if not isinstance(corpus, dict) or not all(_groups(corpus.get(key)) for key in CORPUS_GROUPS):
        raise FolderError(f"{folder / CORPUS_FILE} lacks the corpus outputs ({', '.join(CORPUS_GROUPS)} as lists)")
    return corpus


def _groups(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(item, dict) for item in value)


def contract_lines(folder: Path) -> Iterator[dict[str, Any]]:
    """The contract lines of every complete shard (documents, rejections), in corpus order, one at a
    time (FolderError on a line that is not one: the folder was changed after the run)."""
    for path in shard_paths(folder):
        with path.open(encoding="utf-8") as lines:
            for number, line in enumerate(lines, start=1):
                try:
                    record = json.loads(line)
                except ValueError as error:
                    raise FolderError(f"{path}:{number} is not JSON ({error})") from error
                if not isinstance(record, dict) or not ({"document", "rejected"} & record.keys()):
                    raise FolderError(f"{path}:{number} is neither a document nor a rejection")
                yield record


def write_parquet(shard: Path) -> None:
    """The documents of a shard's JSON Lines (as they are now) as `shard-N.parquet` beside it."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows: dict[str, list[Any]] = {name: [] for name in PARQUET_COLUMNS}
    with shard.open(encoding="utf-8") as lines:
        for line in lines:
            document = json.loads(line).get("document")
            if document is not None:
                for name in PARQUET_COLUMNS[:-1]:
                    rows[name].append(document.get(name))
                rows["document"].append(json.dumps(document, ensure_ascii=False))
    target = shard.with_suffix(".parquet")
    partial = target.with_name(target.name + ".partial")
    pq.write_table(pa.table(rows), str(partial))
    os.replace(partial, target)
