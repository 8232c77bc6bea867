"""The command line, run as a user runs it: exit codes, outputs, stdin, streaming JSONL."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import filigrane
from tests.conftest import DEMO_CORPUS

ARTICLE = (
    "Le conseil municipal adopte son budget\n\n"
    "Le conseil municipal a adopté mardi soir le budget de la commune pour l'année prochaine, "
    "après un débat de plus de trois heures sur le financement des écoles et des routes.\n\n"
    "Selon le maire, les impôts locaux n'augmenteront pas, mais l'opposition estime que les "
    "investissements prévus seront insuffisants pour rénover les bâtiments scolaires.\n\n"
    "Laisser un commentaire\n"
)


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "filigrane.cli", *args], input=stdin, capture_output=True, text=True, timeout=300
    )


def test_analyze_writes_valid_json_and_html_and_exits_0(tmp_path: Path) -> None:
    out, html = tmp_path / "out" / "report.json", tmp_path / "out" / "report.html"
    done = run("analyze", str(DEMO_CORPUS), "-o", str(out), "--html", str(html))
    assert done.returncode == 0, done.stderr
    report = json.loads(out.read_text(encoding="utf-8"))
    filigrane.validate(report)
    assert len(report["documents"]) == len(list(DEMO_CORPUS.glob("*.txt")))
    assert report["summary"]["documents_rejected"] == 0
    assert "documents read" in done.stderr
    page = html.read_text(encoding="utf-8")
    assert "Content-Security-Policy" in page and report["documents"][0]["title"].split()[0] in page


def test_rejected_inputs_are_listed_and_exit_1(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR" * 20)
    out = tmp_path / "report.json"
    done = run("analyze", str(tmp_path), str(tmp_path / "missing.txt"), "-o", str(out), "--no-nlp")
    assert done.returncode == 1
    report = json.loads(out.read_text(encoding="utf-8"))
    filigrane.validate(report)
    assert [d["title"] for d in report["documents"]] == ["Le conseil municipal adopte son budget"]
    reasons = {Path(r["source"]).name: r["reason"] for r in report["rejected"]}
    assert reasons == {"empty.txt": "empty", "binary.txt": "binary", "missing.txt": "not-found"}
    for name in reasons:
        assert name in done.stderr  # one line per rejection, naming the source
    assert "Traceback" not in done.stderr


def test_stdin_and_jsonl_streaming() -> None:
    done = run("analyze", "-", "--format", "jsonl", "-q", stdin=ARTICLE)
    assert done.returncode == 0, done.stderr
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    keys = [next(k for k in line if k != "filigrane") for line in lines]
    assert keys == ["document", "reposts", "stories", "claim_groups", "summary"]
    document = lines[0]["document"]
    assert document["source"] == "<stdin>"
    assert document["removed"] == [
        {
            "text": "Laisser un commentaire",
            "reason": "comment-form",
            "raw_start": ARTICLE.index("Laisser"),
            "raw_end": len(ARTICLE) - 1,
        }
    ]
    filigrane.validate({"filigrane": "1", "documents": [document], "rejected": []})
    assert done.stderr == ""  # quiet


def test_the_output_suffix_chooses_jsonl_unless_the_format_is_given(tmp_path: Path) -> None:
    for name, extra, lines in (("out.jsonl", (), True), ("forced.jsonl", ("--format", "json"), False)):
        done = run("analyze", "-", "--no-nlp", "--no-db", "-q", "-o", str(tmp_path / name), *extra, stdin=ARTICLE)
        assert done.returncode == 0, done.stderr
        text = (tmp_path / name).read_text(encoding="utf-8")
        if lines:
            records = [json.loads(line) for line in text.splitlines()]
            assert "document" in records[0] and "summary" in records[-1]
        else:
            assert len(json.loads(text)["documents"]) == 1


def test_usage_errors_exit_2() -> None:
    assert run("analyze").returncode == 2
    assert run("analyze", "x.txt", "--format", "xml").returncode == 2
    assert run("no-such-command").returncode == 2
