"""Issue 15, the CLI, the store and the Python API: each case of the fuzz campaign as a regression test."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import filigrane
from filigrane.api import stream
from filigrane.stats import Summary
from filigrane.store import SkipKnown, Store, pipeline_version

FAST = filigrane.PipelineOptions(nlp=False, corpus=False)
GOOD = "Le maire a dit que la ville allait rénover les écoles avant l'hiver, selon un communiqué."


def run_cli(*args: str | bytes, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "filigrane", *args],
        capture_output=True,
        text=True,
        errors="backslashreplace",
        timeout=300,
        cwd=cwd,
    )


# 2. Two inputs with one id are two documents, in the store too; a re-run is still a no-op.
def test_two_records_with_one_id_are_two_stored_documents_and_a_rerun_skips_both(tmp_path: Path) -> None:
    path = tmp_path / "dup.jsonl"
    records = [{"id": "g", "text": GOOD}, {"id": "g", "text": GOOD + " Autre version."}]
    path.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")
    analysed, written = [], []
    with Store(tmp_path / "s.db") as store:
        for _ in range(2):
            version = pipeline_version(FAST)
            run = store.start_run(version, {})
            skipper = SkipKnown(store, version, run)
            docs = list(stream([path], FAST, Summary(), first_steps=[skipper]))
            for doc in docs:
                assert store.add_document(run, doc, version)
            analysed.append(len(docs))
            written.append(sorted([doc.id for doc in docs] + [d["id"] for d in skipper.stored_results()]))
        stored = sorted(doc["id"] for doc in store.documents())
    assert analysed == [2, 0]  # the second run analyses nothing
    assert "g" in written[0] and len(set(written[0])) == 2
    assert written[1] == written[0] == stored


def test_an_id_taken_in_the_store_by_another_input_gets_a_distinct_one(tmp_path: Path) -> None:
    version = pipeline_version(FAST)
    with Store(tmp_path / "s.db") as store:
        for text in (GOOD, GOOD + " Le texte a changé depuis."):
            path = tmp_path / "a.jsonl"
            path.write_text(json.dumps({"id": "g", "text": text}) + "\n", encoding="utf-8")
            run = store.start_run(version, {})
            for doc in stream([path], FAST, first_steps=[SkipKnown(store, version, run)]):
                assert store.add_document(run, doc, version)
        ids = [doc["id"] for doc in store.documents()]
    assert ids[0] == "g" and ids[1].startswith("g~") and len(ids) == 2


# 8, 9, 13. Markup in names, undecodable names and bad output paths: no traceback, valid JSON, right exit code.
def test_markup_and_undecodable_names_are_printed_as_they_are(tmp_path: Path) -> None:
    folder = tmp_path / "m" / "x["
    folder.mkdir(parents=True)
    (folder / "]e.txt").write_bytes(b"")
    (tmp_path / "m" / "[red]bad[").mkdir()
    (tmp_path / "m" / "[red]bad[" / "].txt").write_text(GOOD, encoding="utf-8")
    try:
        with open(bytes(tmp_path / "m") + b"/caf\xe9.txt", "wb") as handle:
            handle.write(GOOD.encode())
    except OSError:
        pytest.skip("this file system refuses non-UTF-8 names")
    out = tmp_path / "o.json"
    for quiet in ((), ("-q",)):
        done = run_cli("analyze", str(tmp_path / "m"), "--no-nlp", "--no-db", *quiet, "-o", str(out))
        assert done.returncode == 1, done.stderr
        assert "Traceback" not in done.stderr
        report = json.loads(out.read_text(encoding="utf-8"))
        filigrane.validate(report)
        assert len(report["documents"]) == 2
        sources = sorted(d["source"].removeprefix(str(tmp_path)) for d in report["documents"])
        assert sources == ["/m/[red]bad[/].txt", "/m/caf\\xe9.txt"]
        assert [r["source"].removeprefix(str(tmp_path)) for r in report["rejected"]] == ["/m/x[/]e.txt"]
        if quiet:
            assert not done.stderr
        else:
            printed = " ".join(done.stderr.split())  # rich wraps long lines at spaces
            assert "m/x[/]e.txt: empty" in printed and "[red]bad[/].txt" not in printed


def test_a_warc_content_type_with_markup_does_not_stop_the_run(tmp_path: Path) -> None:
    from tests.test_hardening_readers import warc

    data = warc(("resource", b"\x89PNG")).replace(b"Content-Type: application/warc-fields", b"X: y")
    data = data.replace(b"WARC-Type: resource\r\n", b"WARC-Type: resource\r\nContent-Type: image/png[/]\r\n")
    path = tmp_path / "a.warc"
    path.write_bytes(data)
    done = run_cli("analyze", str(path), "--no-nlp", "--no-db", "-o", str(tmp_path / "o.json"))
    assert "Traceback" not in done.stderr and done.returncode == 1
    assert "image/png[/]" in done.stderr
    report = json.loads((tmp_path / "o.json").read_text(encoding="utf-8"))
    assert [r["reason"] for r in report["rejected"]] == ["not-html"]


@pytest.mark.parametrize(
    ("option", "target"),
    [("-o", "/proc/nope/out.json"), ("--html", "/proc/nope/r.html"), ("-o", "{tmp}")],
)
def test_an_output_that_cannot_be_written_is_a_usage_error_before_the_run(
    tmp_path: Path, option: str, target: str
) -> None:
    text = tmp_path / "a.txt"
    text.write_text(GOOD, encoding="utf-8")
    done = run_cli("analyze", str(text), "--no-nlp", "--no-db", option, target.format(tmp=tmp_path))
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr and option in done.stderr


# 10. A lone surrogate from Python: repaired, and the HTML report writes.
def test_the_api_repairs_a_lone_surrogate_and_writes_html(tmp_path: Path) -> None:
    result = filigrane.analyze([GOOD + " \ud800 Fin de l'article."], FAST)
    (doc,) = result.documents
    assert "\ufffd" in doc.text and doc.metadata["repaired"].startswith("lone surrogates")
    result.write_html(tmp_path / "r.html")
    filigrane.validate(json.loads(result.to_json()))


# 17. Inputs of the wrong type: a TypeError that says what is accepted.
@pytest.mark.parametrize("bad", [b"Le maire a dit.", None, 42, [GOOD, b"bytes"], [None], 3.5])
def test_wrong_input_types_say_what_is_accepted(bad: object) -> None:
    with pytest.raises(TypeError, match="expected a str"):
        filigrane.analyze(bad, FAST)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"pathlib\.Path"):
        list(filigrane.stream(bad, FAST))  # type: ignore[arg-type]


def test_wrong_options_say_what_is_accepted() -> None:
    with pytest.raises(TypeError, match="PipelineOptions"):
        filigrane.analyze([GOOD], {"nlp": False})  # type: ignore[arg-type]


# 19. lxml_html_clean is declared directly (an old pip does not resolve lxml[html_clean] through jusText).
def test_lxml_html_clean_is_a_direct_dependency() -> None:
    import tomllib

    project = tomllib.loads((Path(__file__).resolve().parents[1] / "pyproject.toml").read_text(encoding="utf-8"))
    assert any(dep.replace("-", "_").startswith("lxml_html_clean") for dep in project["project"]["dependencies"])
