"""Fuzzing the cleaner: random paragraph structures and lengths, plain text and extracted HTML.

Properties: the step never raises (a text with nothing left is a named rejection), every removed
part and every piece of evidence points into the raw text it came from, the clean text is made
of its paragraphs, and the cost grows linearly with the number of paragraphs.
"""

from __future__ import annotations

import random
import time

from hypothesis import given
from hypothesis import strategies as st

from filigrane.clean.blocks import collapse, split_blocks
from filigrane.clean.classify import classify
from filigrane.clean.step import CleanText
from filigrane.document import Document
from filigrane.steps import RejectDocument

#: Line shapes a scraped page is made of: prose, short lines, menus, tables, links, signatures.
SHAPES = (
    "Le conseil municipal a adopté mardi soir le budget de la commune, après un débat de trois heures.",
    "Selon le maire, les impôts locaux n'augmenteront pas cette année, a-t-il assuré devant la presse.",
    "et la phrase continue sur la ligne suivante sans point final comme dans un courriel",
    "Accueil",
    "Partager sur Facebook",
    "Lire aussi : le budget de la région",
    "| Commune | Budget | Hausse |",
    "| Valmont | 12 M€ | 3 % |",
    "https://example.org/a https://example.org/b",
    "Sputnik",
    "Source : AFP",
    "PARIS (AFP) - Le gouvernement a présenté son projet de loi mercredi.",
    "Publié le 3 mars 2024 à 10h12",
    "Catégories : Société, Politique",
    "x",
    "",
    "   ",
    "\t",
)

LINES = st.one_of(
    st.sampled_from(SHAPES),
    st.text(max_size=300),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=40),
)
SEPARATORS = st.sampled_from(["\n", "\n\n", "\r\n", "\n \n", "\n\n\n"])


@st.composite
def raw_texts(draw: st.DrawFn) -> str:
    lines = draw(st.lists(LINES, max_size=60))
    separators = draw(st.lists(SEPARATORS, min_size=len(lines), max_size=len(lines)))
    return "".join(line + separator for line, separator in zip(lines, separators, strict=True))


def clean(raw: str, format_: str = "text") -> Document:
    doc = Document(source="fuzz", format=format_, raw_text=raw)
    try:
        CleanText().process(doc)
    except RejectDocument as rejection:
        assert rejection.reason in ("empty", "no-content"), rejection
        doc.reject(rejection.reason, rejection.detail)
    return doc


def check_offsets(doc: Document) -> None:
    raw = doc.raw_text
    for removed in doc.removed:
        assert removed.raw_start is not None and removed.raw_end is not None
        assert 0 <= removed.raw_start <= removed.raw_end <= len(raw)
        assert collapse(raw[removed.raw_start : removed.raw_end]) == removed.text
    for evidence in doc.evidence:
        if evidence.raw_start is None:  # left in the body (a dateline): offsets into the clean text
            assert evidence.start is not None and evidence.end is not None
            assert doc.text[evidence.start : evidence.end] == evidence.text
        else:
            assert evidence.raw_end is not None
            assert collapse(raw[evidence.raw_start : evidence.raw_end]) == evidence.text


@given(raw_texts(), st.sampled_from(["text", "html"]))
def test_the_cleaner_never_raises_and_removed_parts_point_into_the_raw_text(raw: str, format_: str) -> None:
    doc = clean(raw, format_)
    if doc.rejected:
        assert not doc.paragraphs
        return
    check_offsets(doc)
    assert doc.paragraphs and doc.title
    pieces = [doc.text[p.start : p.end] for p in doc.paragraphs]
    assert "\n\n".join(pieces) == doc.text and all(piece.strip() for piece in pieces)


@given(st.lists(st.sampled_from(SHAPES), min_size=1, max_size=200))
def test_each_block_ends_kept_or_dropped_with_a_reason(lines: list[str]) -> None:
    blocks = split_blocks("\n".join(lines))
    if not blocks:
        return
    classify(blocks)
    for block in blocks:
        assert block.label in ("keep", "title", "drop")
        if block.label != "title":  # a title may keep the density reason it had before it was chosen
            assert (block.label == "drop") == bool(block.reason)


def _cleaning_seconds(lines: int, seed: int) -> float:
    rng = random.Random(seed)
    raw = "\n".join(rng.choice(SHAPES[:12]) if rng.random() < 0.3 else f"ligne {n}" for n in range(lines))
    best = float("inf")
    for _ in range(2):
        started = time.perf_counter()
        clean(raw)
        best = min(best, time.perf_counter() - started)
    return best


def test_cleaning_time_is_linear_in_the_number_of_paragraphs() -> None:
    """Four times the paragraphs: about four times the time (quadratic was sixteen)."""
    small, large = _cleaning_seconds(5_000, seed=1), _cleaning_seconds(20_000, seed=1)
    assert large < 8 * small + 0.5, f"{small:.2f} s for 5,000 paragraphs, {large:.2f} s for 20,000"
