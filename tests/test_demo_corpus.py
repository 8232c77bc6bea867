"""The bundled demo corpus: its README is the gold for titles, signatures and paragraph counts."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import filigrane
from tests.conftest import DEMO_CORPUS

_ROW = re.compile(
    r"^\| `(?P<file>\d\d_[^`]+\.txt)` \| `(?P<title>[^`]+)` \|[^|]*\| (?P<signature>`[^`]+`|—[^|]*) \|"
    r"[^|]*\|[^|]*\|[^|]*\| (?P<count>\d+)"
)


def readme_rows() -> dict[str, dict[str, str]]:
    rows = {}
    for line in (DEMO_CORPUS / "README.md").read_text(encoding="utf-8").splitlines():
        found = _ROW.match(line)
        if found:
            rows[found["file"]] = found.groupdict()
    return rows


def test_readme_describes_every_file() -> None:
    files = sorted(p.name for p in DEMO_CORPUS.glob("*.txt"))
    assert len(files) >= 8
    assert sorted(readme_rows()) == files


@pytest.mark.parametrize("name", sorted(readme_rows()))
def test_demo_article_is_cleaned_as_its_readme_says(demo_result: filigrane.Result, name: str) -> None:
    expected = readme_rows()[name]
    doc = next(d for d in demo_result.documents if Path(d.source).name == name)
    assert doc.title == expected["title"]
    assert len(doc.paragraphs) - 1 == int(expected["count"])  # the title is paragraph 0
    signature = expected["signature"]
    if signature.startswith("`"):
        assert signature.strip("`") in [e.text for e in doc.evidence]
        assert signature.strip("`") not in [doc.text[p.start : p.end] for p in doc.paragraphs]
    for removed in doc.removed:
        assert removed.reason
        assert doc.raw_text[removed.raw_start : removed.raw_end].split() == removed.text.split()


def test_demo_corpus_is_all_analysed_with_languages(demo_result: filigrane.Result) -> None:
    assert demo_result.rejected == []
    languages = {Path(d.source).name[:2]: d.language for d in demo_result.documents}
    assert languages.pop("09") == "en"
    assert set(languages.values()) == {"fr"}
    english = next(d for d in demo_result.documents if d.language == "en")
    assert english.analyses["nlp"].startswith("reduced")
    assert english.entities == [] and english.sentences


def test_encodings_are_decoded(demo_result: filigrane.Result) -> None:
    by_name = {Path(d.source).name[:2]: d for d in demo_result.documents}
    assert "Énergie" in by_name["05"].text  # Windows-1252
    assert "\r" not in by_name["04"].text  # CRLF
    assert not by_name["06"].text.startswith("\ufeff")  # UTF-8 BOM
    for doc in demo_result.documents:
        assert "\ufffd" not in doc.text


def test_dates_and_datelines(demo_result: filigrane.Result) -> None:
    by_name = {Path(d.source).name[:2]: d for d in demo_result.documents}
    assert by_name["01"].date == "2025-03-14"
    assert by_name["07"].date == "2025-03-09"
    dateline = next(e for e in by_name["05"].evidence if e.kind == "agency-dateline")
    assert dateline.text == "PARIS (Reuters)"
    assert dateline.start is not None and by_name["05"].text[dateline.start : dateline.end] == dateline.text
    assert by_name["05"].tags == ["Économie", "Énergie", "Entreprises", "électricité", "industrie", "tarifs"]
