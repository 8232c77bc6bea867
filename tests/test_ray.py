"""The Ray engine (local Ray, 2 CPUs) gives the documents and corpus groups of the local executor."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import filigrane
from filigrane.cli import main
from filigrane.engine.distributed import RayExecutor
from filigrane.engine.folder import shard_path
from filigrane.engine.options import PipelineOptions
from filigrane.ingest.sources import expand_inputs
from filigrane.store import Store, StoreSink
from tests.conftest import DEMO_CORPUS, require_shared

pytest.importorskip("ray", reason="the Ray engine's tests need Ray: pip install 'filigrane[ray]'")


def _read(folder: Path) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    lines = [json.loads(line) for path in sorted((folder / "documents").glob("*.jsonl")) for line in path.open()]
    corpus = json.loads((folder / "corpus.json").read_text(encoding="utf-8"))
    return [line["document"] for line in lines if "document" in line], corpus


@pytest.fixture(scope="module")
def inputs(seeds_dir: Path) -> list[str]:
    """The demo corpus, the seeds and the 103 europa-fr releases (the issue's "same answers everywhere")."""
    return [str(DEMO_CORPUS), str(seeds_dir), str(require_shared("eval", "europa-fr", "html"))]


@pytest.fixture(scope="module")
def local_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The store the local run writes (filled by `local`)."""
    return tmp_path_factory.mktemp("local") / "local.db"


@pytest.fixture(scope="module")
def local(inputs: list[str], local_db: Path) -> dict[str, Any]:
    options = PipelineOptions()
    with Store(local_db) as store:
        return filigrane.analyze(inputs, options, sinks=[StoreSink(store, options)]).to_dict()


#: Columns that number rows or runs: they differ between two stores holding the same things.
KEYS = {"pk", "document_pk", "run_id", "id"}
#: Every table a run fills, with the columns that tell its rows apart (`id` is a document's own id there).
TABLES = (
    "documents", "removed", "claims", "stances", "origins", "techniques", "narrative_matches", "claim_search",
    "reposts", "stories", "claim_groups", "rejected",
)  # fmt: skip


def _rows(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Each table's rows as sorted tuples, without the columns that number rows or runs."""
    with Store(db) as store:
        tables = {}
        for table in TABLES:
            cursor = store.connection.execute(f"SELECT * FROM {table}")
            names = [column[0] for column in cursor.description]
            keep = [i for i, name in enumerate(names) if name not in KEYS or (table == "documents" and name == "id")]
            tables[table] = sorted((tuple(row[i] for i in keep) for row in cursor), key=repr)
        return tables


def _load(folder: Path, db: Path) -> str:
    done = CliRunner().invoke(main, ["store", "load", str(folder), "--db", str(db)], catch_exceptions=False)
    assert done.exit_code == 0, done.output
    return done.output


@pytest.fixture(scope="module")
def on_ray(inputs: list[str], tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("ray") / "out"
    RayExecutor(PipelineOptions(), num_cpus=2).run(expand_inputs(inputs), folder)
    return folder


@pytest.mark.shared
def test_ray_and_local_give_the_same_documents_and_groups(local: dict[str, Any], on_ray: Path) -> None:
    documents, corpus = _read(on_ray)
    ids = [doc["id"] for doc in documents]
    assert len(ids) == len(set(ids)) == len(local["documents"])  # none lost, none written twice
    by_id = {doc["id"]: doc for doc in local["documents"]}
    for doc in documents:
        assert doc == by_id[doc["id"]], doc["id"]
    assert any(e["kind"] == "repost-of" for doc in documents for e in doc["evidence"])
    for key in ("reposts", "stories", "claim_groups"):
        assert corpus[key] == local[key], key
    assert corpus["summary"]["documents_analysed"] == local["summary"]["documents_analysed"]
    assert len(list((on_ray / "documents").glob("*.done"))) >= 2  # the work was split


@pytest.mark.shared
def test_a_rerun_resumes_with_the_shards_left(inputs: list[str], on_ray: Path) -> None:
    first, corpus = _read(on_ray)
    kept = shard_path(on_ray, 0)
    redone = shard_path(on_ray, 1)
    written = kept.stat().st_mtime_ns
    redone.with_suffix(".done").unlink()  # as if the run had been killed before shard 1 was done
    redone.unlink()
    RayExecutor(PipelineOptions(), num_cpus=2).run(expand_inputs(inputs), on_ray)
    again, corpus_again = _read(on_ray)
    assert kept.stat().st_mtime_ns == written and redone.exists()
    assert sorted(again, key=lambda doc: doc["id"]) == sorted(first, key=lambda doc: doc["id"])
    assert {key: corpus_again[key] for key in ("reposts", "stories", "claim_groups")} == {
        key: corpus[key] for key in ("reposts", "stories", "claim_groups")
    }


@pytest.mark.shared
def test_a_ray_folder_loaded_into_the_store_gives_the_rows_of_a_local_run(
    local: dict[str, Any], local_db: Path, on_ray: Path, tmp_path: Path
) -> None:
    db = tmp_path / "loaded.db"
    _load(on_ray, db)
    loaded, stored = _rows(db), _rows(local_db)
    assert loaded["claim_groups"] and loaded["stories"] and loaded["claims"] and loaded["reposts"]
    for table in TABLES:
        assert loaded[table] == stored[table], table


def test_the_cli_runs_on_ray_into_a_folder_the_store_loads(tmp_path: Path) -> None:
    pyarrow = pytest.importorskip("pyarrow.parquet", reason="--parquet needs pyarrow: pip install 'filigrane[parquet]'")
    out = tmp_path / "out"
    args = ["analyze", str(DEMO_CORPUS), "--no-nlp", "--engine", "ray", "-q"]
    assert CliRunner().invoke(main, args).exit_code == 2  # a folder is needed: -o
    done = CliRunner().invoke(main, [*args, "-o", str(out), "--parquet"])
    assert done.exit_code == 0, done.output
    documents, corpus = _read(out)
    tables = [pyarrow.read_table(path).to_pylist() for path in sorted((out / "documents").glob("*.parquet"))]
    assert [json.loads(row["document"]) for rows in tables for row in rows] == documents  # amended ones too
    other = CliRunner().invoke(main, ["analyze", str(DEMO_CORPUS), "--engine", "ray", "-q", "-o", str(out)])
    assert other.exit_code == 2 and "another pipeline version" in other.output  # not mixed into this run
    local_db = tmp_path / "local.db"
    with Store(local_db) as store:
        options = PipelineOptions(nlp=False)
        local = filigrane.analyze([str(DEMO_CORPUS)], options, sinks=[StoreSink(store, options)]).to_dict()
    assert sorted(documents, key=lambda doc: doc["id"]) == sorted(local["documents"], key=lambda doc: doc["id"])
    assert corpus["reposts"] == local["reposts"] and corpus["summary"]["documents_read"] == len(documents)
    db = tmp_path / "loaded.db"
    assert f"{len(documents)} document(s) stored" in _load(out, db)
    rows = _rows(db)
    assert rows == _rows(local_db) and rows["reposts"]
    with Store(db) as store, Store(local_db) as kept:
        assert [run["pipeline_version"] for run in store.runs()] == [run["pipeline_version"] for run in kept.runs()]
    assert "already loaded" in _load(out, db)  # the second load writes nothing
    assert _rows(db) == rows
    again = tmp_path / "again.json"
    analyze = ["analyze", str(DEMO_CORPUS), "--no-nlp", "--db", str(db), "-o", str(again), "-q"]
    assert CliRunner().invoke(main, analyze).exit_code == 0  # the loaded inputs are known: skipped
    assert json.loads(again.read_text(encoding="utf-8"))["summary"]["documents_skipped"] == len(documents)
    # a broken line is a named rejection of the load, never a traceback; the other lines are stored
    shard = shard_path(out, 0)
    first, *rest = shard.read_text(encoding="utf-8").splitlines()
    broken = json.loads(first)
    broken["document"]["claims"] = [3]  # fails once its document row is written: none of its rows stays
    lines = [json.dumps(broken), *rest, '{"filigrane": "1", "document": {"id": 3}}', "not json"]
    shard.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (out / "run.json").write_text(
        json.dumps({**json.loads((out / "run.json").read_text(encoding="utf-8")), "id": "another"})
    )
    other = tmp_path / "other.db"
    done = CliRunner().invoke(main, ["store", "load", str(out), "--db", str(other)], catch_exceptions=False)
    assert done.exit_code == 1 and "3 bad line(s)" in done.output, done.output
    with Store(other) as store:
        bad = [r.source for r in store.rejected() if r.reason == "bad-line"]
        assert bad == [f"{shard.name}:{n}" for n in (1, len(lines) - 1, len(lines))]
    kept = _rows(other)
    assert kept["documents"] == [row for row in rows["documents"] if row[0] != broken["document"]["id"]]
    assert kept["origins"] == [row for row in rows["origins"] if row[0] != broken["document"]["id"]]


def _kill_the_worker_of_a_shard(folder: Path, killed: list[int], stop: threading.Event) -> None:
    """SIGKILL the process writing a shard (the one holding a `.jsonl.partial` open), once."""
    while not stop.is_set():
        partials = {str(path) for path in (folder / "documents").glob("*.jsonl.partial")}
        for link in Path("/proc").glob("[0-9]*/fd/*") if partials else ():
            try:
                target = os.readlink(link)
            except OSError:
                continue
            if target in partials:
                os.kill(int(link.parts[2]), signal.SIGKILL)
                killed.append(int(link.parts[2]))
                return
        time.sleep(0.05)


@pytest.mark.shared
@pytest.mark.skipif(not Path("/proc/self/fd").exists(), reason="finds the worker through /proc (Linux)")
def test_a_worker_killed_mid_shard_loses_nothing_and_writes_nothing_twice(
    inputs: list[str], local: dict[str, Any], tmp_path: Path
) -> None:
    folder = tmp_path / "out"
    killed: list[int] = []
    stop = threading.Event()
    killer = threading.Thread(target=_kill_the_worker_of_a_shard, args=(folder, killed, stop))
    killer.start()
    try:
        RayExecutor(PipelineOptions(), num_cpus=2).run(expand_inputs(inputs), folder)
    finally:
        stop.set()
        killer.join()
    assert killed, "no worker was caught mid-shard"
    documents, corpus = _read(folder)
    ids = [doc["id"] for doc in documents]
    assert len(ids) == len(set(ids)) == len(local["documents"])
    assert sorted(documents, key=lambda doc: doc["id"]) == sorted(local["documents"], key=lambda doc: doc["id"])
    assert corpus["claim_groups"] == local["claim_groups"] and corpus["stories"] == local["stories"]


def _write_large(path: Path, count: int) -> None:
    """`count` dispatches made of the demo texts, as JSON Lines or as a WARC of one gzip member per record."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    texts = [doc.read_bytes().decode("utf-8", "replace") for doc in sorted(DEMO_CORPUS.glob("*.txt"))]
    records = [{"title": f"Dépêche {n}", "text": texts[n % len(texts)] + f"\n\nDépêche {n}."} for n in range(count)]
    if path.suffix == ".jsonl":
        lines = (json.dumps(record, ensure_ascii=False) for record in records)
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return
    with path.open("wb") as file:
        writer = WARCWriter(file, gzip=True)
        for n, record in enumerate(records):
            paragraphs = "".join(f"<p>{line}</p>" for line in record["text"].splitlines() if line.strip())
            page = f"<html><head><title>{record['title']}</title></head><body>{paragraphs}</body></html>"
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            uri = f"https://site{n}.example.org/depeche"  # one page a site: no site chrome to learn (per shard)
            writer.write_record(
                writer.create_warc_record(uri, "response", payload=io.BytesIO(page.encode()), http_headers=http)
            )


@pytest.mark.parametrize("name", ["corpus.jsonl", "corpus.warc.gz"])
def test_one_large_file_is_cut_across_the_workers(tmp_path: Path, name: str) -> None:
    """A single input still uses every worker: its byte ranges are shards; no record lost or read twice."""
    path = tmp_path / name
    _write_large(path, 60)
    options = PipelineOptions(nlp=False)
    folder = tmp_path / "out"
    RayExecutor(options, num_cpus=2).run(expand_inputs([str(path)]), folder)
    documents, corpus = _read(folder)
    shards = [sum(1 for _ in shard.open()) for shard in sorted((folder / "documents").glob("*.jsonl"))]
    assert len(shards) == 4 and all(shards)  # two per CPU, each with its part of the one file
    local = filigrane.analyze([path], options).to_dict()
    assert [doc["source"] for doc in documents] == [doc["source"] for doc in local["documents"]]
    assert documents == local["documents"] and corpus["reposts"] == local["reposts"]
    assert len(documents) == 60


def test_the_html_report_of_a_ray_run_is_that_of_a_local_run(tmp_path: Path) -> None:
    """`--html` with `--engine ray` reads the folder back once the combine is done: on the demo
    corpus (claims, stories, claim groups on) it is the local run's report, byte for byte (the
    report shows no timing, and local Ray gives the groups the local run's ids)."""
    local_html, ray_html = tmp_path / "local.html", tmp_path / "ray.html"
    local = ["analyze", str(DEMO_CORPUS), "--no-db", "-o", str(tmp_path / "local.json"), "--html", str(local_html)]
    assert CliRunner().invoke(main, [*local, "-q"]).exit_code == 0
    on_ray = ["analyze", str(DEMO_CORPUS), "--engine", "ray", "-o", str(tmp_path / "out"), "--html", str(ray_html)]
    done = CliRunner().invoke(main, [*on_ray, "-q"])
    assert done.exit_code == 0, done.output
    report = ray_html.read_text(encoding="utf-8")
    assert report.count('class="document"') == len(list(DEMO_CORPUS.glob("*.txt"))) > 0
    assert 'id="story-' in report and 'id="group-' in report
    assert report == local_html.read_text(encoding="utf-8")


def test_the_driver_imports_no_stage() -> None:
    """The driver only splits inputs and starts tasks: the stages (spaCy, the encoder) load in the workers."""
    code = "import sys, filigrane.engine.distributed; print(sorted({'spacy', 'torch'} & sys.modules.keys()))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_a_run_without_an_address_starts_its_own_ray_beside_another(tmp_path: Path) -> None:
    """A Ray cluster already running on the machine (`ray start`, a notebook's cluster, another test
    run) once made `--engine ray` without `--ray-address` try to join it and fail with "When
    connecting to an existing cluster, num_cpus … must not be provided"."""
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_A_CLUSTER],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "up"
        page = tmp_path / "one.txt"
        page.write_text("Dépêche\n\nLe conseil municipal a voté le budget jeudi soir.", encoding="utf-8")
        summary = RayExecutor(PipelineOptions(), num_cpus=1).run(expand_inputs([str(page)]), tmp_path / "out")
        assert (summary.documents_analysed, summary.documents_rejected) == (1, 0)
    finally:
        assert holder.stdin is not None
        holder.stdin.close()  # the holder shuts its cluster down when its input closes
        holder.wait(timeout=120)


#: A head node registered as the machine's current cluster, shut down when stdin closes.
HOLD_A_CLUSTER = (
    "import sys\n"
    "from ray.cluster_utils import Cluster\n"
    "cluster = Cluster(initialize_head=True, head_node_args={'num_cpus': 1})\n"
    "print('up', flush=True)\n"
    "sys.stdin.read()\n"
    "cluster.shutdown()\n"
)
