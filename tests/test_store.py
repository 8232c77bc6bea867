"""The embedded store: migrations, storing and reloading a run, the no-op rule, exports, the CLI."""

from __future__ import annotations

import csv
import importlib.util
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

import filigrane
from filigrane.api import stream
from filigrane.report.contract import document_to_dict, envelope
from filigrane.stats import Summary
from filigrane.store import (
    SCHEMA_VERSION,
    SkipKnown,
    Store,
    StoreError,
    default_db_path,
    document_from_dict,
    export,
    migrate,
    pipeline_version,
    schema_version,
)
from filigrane.store.export import ExportError
from tests.conftest import DEMO_CORPUS

FAST = filigrane.PipelineOptions(nlp=False)
HAS_PYARROW = importlib.util.find_spec("pyarrow") is not None


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    """The CLI as a user runs it; the environment (FILIGRANE_DB, XDG_DATA_HOME) is the test's."""
    return subprocess.run([sys.executable, "-m", "filigrane", *args], capture_output=True, text=True, timeout=300)


def tables(path: Path) -> set[str]:
    with sqlite3.connect(path) as connection:
        return {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def store_result(store: Store, result: filigrane.Result, options: filigrane.PipelineOptions) -> int:
    version = pipeline_version(options)
    run = store.start_run(version, {"nlp": options.nlp})
    for doc in result.documents:
        assert store.add_document(run, doc, version)
    for rejection in result.rejected:
        store.add_rejection(run, rejection)
    store.add_reposts(run, result.corpus.get("reposts", []))
    store.add_corpus(run, result.corpus)
    store.finish_run(run, result.summary.to_dict())
    return run


# -- migrations ----------------------------------------------------------------------------------


def test_a_fresh_database_gets_the_latest_schema_in_wal_mode(tmp_path: Path) -> None:
    path = tmp_path / "new" / "filigrane.db"
    with Store(path) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert store.connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    expected = {"runs", "documents", "removed", "claims", "stances", "origins", "reposts", "rejected"}
    assert expected | {"stories", "claim_groups", "catalogues"} <= tables(path)


def test_an_older_database_is_migrated_and_keeps_its_rows(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    connection = sqlite3.connect(path)
    assert migrate(connection, target=1) == 1
    connection.execute(
        "INSERT INTO runs (started, filigrane_version, pipeline_version, options) "
        "VALUES ('2026-01-01', '0.1', 'v', '{}')"
    )
    connection.commit()
    connection.close()
    assert "stories" not in tables(path)
    with Store(path) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert [run["pipeline_version"] for run in store.runs()] == ["v"]
    assert "stories" in tables(path)


def test_a_database_from_a_newer_filigrane_is_refused_clearly(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    with sqlite3.connect(path) as connection:
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(StoreError, match="newer Filigrane"):
        Store(path)
    with sqlite3.connect(path) as connection:
        assert schema_version(connection) == SCHEMA_VERSION + 1  # untouched
    done = run_cli("analyze", str(DEMO_CORPUS), "--no-nlp", "--db", str(path), "-o", str(tmp_path / "out.json"))
    assert done.returncode == 2
    assert "newer Filigrane" in done.stderr and f"schema version {SCHEMA_VERSION + 1}" in done.stderr


# -- storing and reloading -----------------------------------------------------------------------


def test_a_run_is_stored_and_reloaded(tmp_path: Path) -> None:
    result = filigrane.analyze([DEMO_CORPUS], FAST)
    path = tmp_path / "filigrane.db"
    with Store(path) as store:
        run = store_result(store, result, FAST)
    with Store(path) as reopened:
        assert list(reopened.documents()) == [document_to_dict(doc) for doc in result.documents]
        assert [g.to_dict() for g in reopened.reposts(run)] == [g.to_dict() for g in result.corpus["reposts"]]
        (stored_run,) = reopened.runs()
        assert stored_run["finished"] and json.loads(stored_run["counts"])["documents_read"] == len(result.documents)
        columns, rows = reopened.table("origins")
        assert len(list(rows)) == sum(len(doc.origins) for doc in result.documents)
        columns, rows = reopened.table("removed")
        assert columns == ["document_id", "reason", "text"]
        assert len(list(rows)) == sum(len(doc.removed) for doc in result.documents)
        # Same id and pipeline version: stored once.
        assert not reopened.add_document(run, result.documents[0], pipeline_version(FAST))


def test_claims_and_stances_are_stored_one_row_each(tmp_path: Path, demo_result: filigrane.Result) -> None:
    with Store(tmp_path / "filigrane.db") as store:
        store_result(store, demo_result, filigrane.PipelineOptions())
        claims = sum(len(doc.claims) for doc in demo_result.documents)
        stances = sum(len(claim.stances) for doc in demo_result.documents for claim in doc.claims)
        assert claims and stances
        assert len(list(store.table("claims")[1])) == claims
        assert len(list(store.table("stances")[1])) == stances


def test_a_stored_document_rebuilds_into_the_same_contract(demo_result: filigrane.Result) -> None:
    for doc in demo_result.documents:
        data = json.loads(json.dumps(document_to_dict(doc)))
        assert document_to_dict(document_from_dict(data)) == data


# -- the no-op rule ------------------------------------------------------------------------------


def test_the_same_inputs_with_the_same_pipeline_version_are_not_analysed_twice(tmp_path: Path) -> None:
    with Store(tmp_path / "filigrane.db") as store:
        counts = []
        for _ in range(2):
            version = pipeline_version(FAST)
            run = store.start_run(version, {})
            skipper = SkipKnown(store, version, run)
            summary = Summary()
            for doc in stream([DEMO_CORPUS], FAST, summary, first_steps=[skipper]):
                assert doc.rejection is None
                store.add_document(run, doc, version)
            summary.skip(len(skipper.skipped))
            counts.append((summary.documents_read, summary.documents_analysed, summary.documents_skipped))
    total = len(list(DEMO_CORPUS.glob("*.txt")))
    assert counts == [(total, total, 0), (total, 0, total)]


def test_the_pipeline_version_follows_the_options_that_change_results() -> None:
    assert pipeline_version(FAST) == pipeline_version(filigrane.PipelineOptions(nlp=False, n_process=3))
    assert pipeline_version(FAST) != pipeline_version(filigrane.PipelineOptions())
    assert pipeline_version(FAST).startswith(filigrane.__version__ + "+")


def test_cli_second_run_skips_everything_and_still_writes_every_document(tmp_path: Path) -> None:
    db, first, second = tmp_path / "s.db", tmp_path / "first.json", tmp_path / "second.json"
    done = run_cli("analyze", str(DEMO_CORPUS), "--no-nlp", "--db", str(db), "-o", str(first))
    assert done.returncode == 0, done.stderr
    again = run_cli(
        "analyze", str(DEMO_CORPUS), "--no-nlp", "--db", str(db), "-o", str(second), "--html", str(tmp_path / "r.html")
    )
    assert again.returncode == 0, again.stderr
    assert "skipped (already analysed)" in again.stderr
    before, after = (json.loads(path.read_text(encoding="utf-8")) for path in (first, second))
    filigrane.validate(after)
    total = len(list(DEMO_CORPUS.glob("*.txt")))
    assert before["summary"]["documents_analysed"] == total and before["summary"]["documents_skipped"] == 0
    assert after["summary"]["documents_analysed"] == 0 and after["summary"]["documents_skipped"] == total
    assert sorted(d["id"] for d in after["documents"]) == sorted(d["id"] for d in before["documents"])
    assert sorted(map(json.dumps, after["reposts"])) == sorted(map(json.dumps, before["reposts"]))
    with Store(db) as store:
        assert len(store.runs()) == 2
        assert len(list(store.documents())) == total


def test_cli_stores_by_default_in_the_data_folder_and_not_with_no_db(tmp_path: Path, private_store: Path) -> None:
    out = tmp_path / "out.json"
    done = run_cli("analyze", str(DEMO_CORPUS / "01_valmont-fuite-chimique.txt"), "--no-nlp", "--no-db", "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert not private_store.exists()
    done = run_cli("analyze", str(DEMO_CORPUS / "01_valmont-fuite-chimique.txt"), "--no-nlp", "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert private_store.exists()
    with Store(private_store) as store:
        assert len(list(store.documents())) == 1


def test_rejections_are_stored_and_keep_exit_code_1(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    db = tmp_path / "s.db"
    done = run_cli("analyze", str(empty), "--no-nlp", "--db", str(db), "-o", str(tmp_path / "o.json"))
    assert done.returncode == 1
    with Store(db) as store:
        (rejection,) = store.rejected()
        assert rejection.source == str(empty)


def test_default_path_follows_filigrane_db_then_xdg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FILIGRANE_DB", str(tmp_path / "x.db"))
    assert default_db_path() == tmp_path / "x.db"
    monkeypatch.delenv("FILIGRANE_DB")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    if sys.platform.startswith("linux"):
        assert default_db_path() == tmp_path / "xdg" / "filigrane" / "filigrane.db"


# -- exports -------------------------------------------------------------------------------------


@pytest.fixture
def full_store(tmp_path: Path, demo_result: filigrane.Result) -> Path:
    path = tmp_path / "full.db"
    with Store(path) as store:
        store_result(store, demo_result, filigrane.PipelineOptions())
    return path


def test_export_jsonl_is_one_contract_document_per_line(tmp_path: Path, full_store: Path) -> None:
    out = tmp_path / "export" / "documents.jsonl"
    done = run_cli("export", "--db", str(full_store), "--format", "jsonl", "-o", str(out))
    assert done.returncode == 0, done.stderr
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert all(line["filigrane"] == filigrane.CONTRACT_VERSION for line in lines)
    documents = [line["document"] for line in lines]
    filigrane.validate(envelope(documents, []))
    assert len(documents) == 10


def test_export_csv_stances_and_documents(tmp_path: Path, full_store: Path, demo_result: filigrane.Result) -> None:
    out = tmp_path / "stances.csv"
    done = run_cli("export", "--db", str(full_store), "--format", "csv", "-o", str(out))
    assert done.returncode == 0, done.stderr
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    stances = [(s.holder_kind, s.polarity) for d in demo_result.documents for c in d.claims for s in c.stances]
    assert [(row["holder_kind"], row["polarity"]) for row in rows] == stances
    assert {"document_id", "title", "source", "claim", "holder", "cue", "certainty"} <= set(rows[0])
    with Store(full_store) as store:
        assert export(store, "csv", tmp_path / "documents.csv", "documents") == 10
    with (tmp_path / "documents.csv").open(encoding="utf-8", newline="") as handle:
        documents = list(csv.DictReader(handle))
    assert [row["id"] for row in documents] == [doc.id for doc in demo_result.documents]


def test_export_parquet_without_pyarrow_gives_the_install_hint(
    tmp_path: Path, full_store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # as if the extra were not installed
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    out = tmp_path / "stances.parquet"
    with Store(full_store) as store, pytest.raises(ExportError, match=r"pip install 'filigrane\[parquet\]'"):
        export(store, "parquet", out, "stances")
    assert not out.exists()


@pytest.mark.skipif(not HAS_PYARROW, reason="pyarrow is not installed")
def test_export_parquet(tmp_path: Path, full_store: Path) -> None:
    import pyarrow.parquet as pq

    out = tmp_path / "documents.parquet"
    with Store(full_store) as store:
        assert export(store, "parquet", out, "documents") == 10
    assert pq.read_table(out).num_rows == 10


def test_export_without_a_store_is_a_usage_error(tmp_path: Path) -> None:
    done = run_cli("export", "--db", str(tmp_path / "none.db"), "--format", "csv", "-o", str(tmp_path / "o.csv"))
    assert done.returncode == 2
    assert "no store at" in done.stderr


def test_export_stories_and_claim_groups_one_row_per_member(
    tmp_path: Path, full_store: Path, demo_result: filigrane.Result
) -> None:
    with Store(full_store) as store:
        assert [story.to_dict() for story in store.stories()] == [s.to_dict() for s in demo_result.corpus["stories"]]
        assert store.claim_groups() == demo_result.corpus["claim_groups"]
        assert export(store, "csv", tmp_path / "stories.csv", "stories") == len(demo_result.documents)
        members = sum(len(group.claims) for group in demo_result.corpus["claim_groups"])
        assert export(store, "csv", tmp_path / "groups.csv", "claim_groups") == members
    with (tmp_path / "groups.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    claims = {(d.id, c.id): c.text for d in demo_result.documents for c in d.claims}
    assert all(row["claim"] == claims[(row["document_id"], row["claim_id"])] for row in rows)
    assert {"group_id", "label", "independent_origins"} <= set(rows[0])
