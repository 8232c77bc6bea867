"""One executor owns the run: the CLI, the web app and the Python API give the same documents."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from click.testing import CliRunner

import filigrane
from filigrane.cli import main
from filigrane.engine.options import PipelineOptions
from filigrane.report.contract import document_to_dict
from filigrane.store import Store, pipeline_version
from filigrane.web.analysis import Analyser, Submission
from tests.conftest import DEMO_CORPUS

FAST = PipelineOptions(nlp=False)


def _by_id(documents: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {doc["id"]: doc for doc in documents}


def _reposts_of(documents: dict[str, dict[str, Any]]) -> dict[str, list[str]]:
    return {
        doc_id: [e["text"] for e in doc["evidence"] if e["kind"] == "repost-of"]
        for doc_id, doc in documents.items()
        if any(e["kind"] == "repost-of" for e in doc["evidence"])
    }


def _cli(*args: str) -> dict[str, Any]:
    done = CliRunner().invoke(main, ["analyze", *args, "-q"], catch_exceptions=False)
    assert done.exit_code == 0, done.output
    out = Path(args[args.index("-o") + 1])
    return dict(json.loads(out.read_text(encoding="utf-8")))


def test_cli_web_app_and_python_api_give_the_same_documents(tmp_path: Path, demo_result: filigrane.Result) -> None:
    """The same files through the three entry points: the same documents, repost-of evidence included."""
    api = _by_id(demo_result.to_dict()["documents"])
    cli = _by_id(_cli(str(DEMO_CORPUS), "--no-db", "-o", str(tmp_path / "cli.json"))["documents"])
    files = sorted(DEMO_CORPUS.glob("*.txt"))
    submissions = [Submission(str(path), data=path.read_bytes()) for path in files]
    web = _by_id(Analyser(tmp_path / "web.db").run(submissions)["documents"])
    assert len(api) == len(files) and set(api) == set(cli) == set(web)
    reposts = _reposts_of(api)
    assert reposts, "the demo corpus holds two reposts: each copy names its origin"
    assert _reposts_of(cli) == _reposts_of(web) == reposts
    for doc_id, doc in api.items():
        assert cli[doc_id] == doc, doc_id
        assert web[doc_id] == doc, doc_id


def test_the_store_keeps_the_amended_documents_and_a_rerun_gives_them_back(tmp_path: Path) -> None:
    """Documents are stored as they come; the copies are rewritten once the corpus names their origin."""
    db = tmp_path / "store.db"
    first = _cli(str(DEMO_CORPUS), "--no-nlp", "--db", str(db), "-o", str(tmp_path / "first.jsonl"), "--format", "json")
    reposts = _reposts_of(_by_id(first["documents"]))
    assert reposts
    with Store(db) as store:
        version = pipeline_version(FAST)
        for doc_id, origins in reposts.items():
            stored = store.document(doc_id, version)
            assert stored is not None and [e["text"] for e in stored["evidence"] if e["kind"] == "repost-of"] == origins
            row = store.connection.execute("SELECT evidence FROM origins WHERE document_id = ?", (doc_id,)).fetchall()
            assert len(row) == len(stored["origins"])
    again = _cli(str(DEMO_CORPUS), "--no-nlp", "--db", str(db), "-o", str(tmp_path / "again.json"))
    assert again["summary"]["documents_skipped"] == len(first["documents"])
    assert _by_id(again["documents"]) == _by_id(first["documents"])
    assert again["reposts"] == first["reposts"]


def test_jsonl_output_holds_the_amended_documents(tmp_path: Path) -> None:
    out = tmp_path / "run.jsonl"
    done = CliRunner().invoke(
        main, ["analyze", str(DEMO_CORPUS), "--no-nlp", "--no-db", "--format", "jsonl", "-o", str(out), "-q"]
    )
    assert done.exit_code == 0, done.output
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    documents = _by_id([line["document"] for line in lines if "document" in line])
    result = filigrane.analyze([DEMO_CORPUS], FAST)
    assert documents == _by_id(result.to_dict()["documents"])
    assert _reposts_of(documents)
    assert [key for line in lines for key in line if key != "filigrane"][-4:] == [
        "reposts", "stories", "claim_groups", "summary",
    ]  # fmt: skip


def test_stream_amends_the_documents_the_caller_still_holds() -> None:
    held = list(filigrane.stream([DEMO_CORPUS], FAST))
    assert _reposts_of(_by_id([document_to_dict(doc) for doc in held]))


def test_importing_the_package_and_the_cli_loads_no_model() -> None:
    """`filigrane export` and `filigrane --help` never pay for spaCy or the analysis stages."""
    code = (
        "import sys, filigrane, filigrane.cli, filigrane.store; "
        "heavy = ('spacy', 'trafilatura', 'filigrane.claims', 'filigrane.nlp.parse'); "
        "print(sorted(name for name in heavy if name in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    assert done.stdout.strip() == "[]"


def test_the_same_bytes_read_as_html_after_text_are_analysed_anew(tmp_path: Path) -> None:
    """A page saved as `.txt` and analysed, then saved as `.html`, is a new input: the store must not
    hand back the plain-text reading (markup in the title) as the HTML one."""
    db = tmp_path / "store.db"
    page = "<H3><P><B>Crue de la Loire</B></H3>\n<P>La Loire a débordé à Tours dans la nuit de lundi.</P>"
    (tmp_path / "as_text").mkdir()
    (tmp_path / "as_html").mkdir()
    (tmp_path / "as_text" / "page.txt").write_text(page, encoding="utf-8")
    (tmp_path / "as_html" / "page.html").write_text(page, encoding="utf-8")
    _cli(str(tmp_path / "as_text"), "--no-nlp", "--db", str(db), "-o", str(tmp_path / "a.json"))
    again = _cli(str(tmp_path / "as_html"), "--no-nlp", "--db", str(db), "-o", str(tmp_path / "b.json"))
    assert again["summary"]["documents_skipped"] == 0
    (doc,) = again["documents"]
    assert doc["source"].endswith("page.html") and "<" not in doc["title"]
