"""Generated catalogues: every row Python's `csv` reads comes back as an entry with its fields intact.

Rows as spreadsheets and databases export them (RFC 4180): quoted fields holding doubled quotes,
separators and line breaks; `,`, `;` or tab separators; a byte-order mark; CRLF or LF line ends.
"""

from __future__ import annotations

import csv
import io
from typing import Literal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from filigrane.narratives import read_euvsdisinfo_csv

Quoting = Literal[0, 1, 2, 3]

#: What makes CSV hard: quotes, every separator, line breaks, and text beyond ASCII.
_PIECES = [*"abcXYZ019 éàçÉ«»’'\",;\t|-.:!?\n", "\r\n", '""', "🙂", "Ж", "ش"]
_TEXT = st.lists(st.sampled_from(_PIECES), max_size=40).map("".join)
_LETTERS = st.text(st.sampled_from(list("abcdefxyz0123456789")), min_size=1, max_size=8)


def _clean(value: str) -> str:
    """The importer keeps a field's words and collapses its whitespace (line breaks included)."""
    return " ".join(value.split())


@st.composite
def catalogues(draw: st.DrawFn) -> tuple[list[list[str]], str, str, bool, Quoting]:
    """Rows (id, title, summary, disproof, url) with unique ids and some text, and how to write them."""
    ids = draw(st.lists(_LETTERS, min_size=1, max_size=12, unique=True))
    rows = []
    for entry_id in ids:
        title = draw(_TEXT.filter(lambda text: bool(text.split())))
        rows.append([entry_id, title, draw(_TEXT), draw(_TEXT), draw(st.sampled_from(["", "https://example.org/x"]))])
    delimiter = draw(st.sampled_from([",", ";", "\t"]))
    line_end = draw(st.sampled_from(["\r\n", "\n"]))
    quoting: Quoting = draw(st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL]))
    return rows, delimiter, line_end, draw(st.booleans()), quoting


@given(catalogues())
def test_every_row_csv_reads_comes_back_intact(
    tmp_path_factory: pytest.TempPathFactory, generated: tuple[list[list[str]], str, str, bool, Quoting]
) -> None:
    rows, delimiter, line_end, bom, quoting = generated
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, "excel", delimiter=delimiter, lineterminator=line_end, quoting=quoting)
    writer.writerow(["id", "Title", "summary", "disproof", "url"])
    writer.writerows(rows)
    path = tmp_path_factory.mktemp("csv") / "catalogue.csv"
    path.write_bytes(("\ufeff" if bom else "").encode() + buffer.getvalue().encode("utf-8"))

    read_back = list(csv.reader(io.StringIO(buffer.getvalue(), newline=""), "excel", delimiter=delimiter))[1:]
    assert read_back == rows  # what any CSV tool reads
    entries, rejections = read_euvsdisinfo_csv(path)
    assert rejections == []
    assert [(e.entry_id, e.title, e.summary, e.disproof, e.url) for e in entries] == [
        (entry_id, _clean(title), _clean(summary), _clean(disproof), url or None)
        for entry_id, title, summary, disproof, url in rows
    ]
