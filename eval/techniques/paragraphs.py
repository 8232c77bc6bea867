"""Units of a canonical text: paragraphs (the scored unit of the gold) and lines (a finer unit).

Paragraphs are the text split on blank lines, each stripped, empty ones dropped. The extraction-fr
texts (trafilatura output) separate their paragraphs by single newlines, so each of them is one
paragraph; `lines` splits on every newline instead, for an evaluation that wants finer units. Either
unit's label set is the union of the techniques of the gold spans that overlap it.
"""

from __future__ import annotations

from typing import Any


def _split(text: str, separator: str) -> list[tuple[int, int]]:
    spans, at = [], 0
    for chunk in text.split(separator):
        stripped = chunk.strip()
        if stripped:
            start = at + chunk.index(stripped)
            spans.append((start, start + len(stripped)))
        at += len(chunk) + len(separator)
    return spans


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets into `text` of each paragraph, in order."""
    return _split(text, "\n\n")


def lines(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets into `text` of each non-blank line, in order."""
    return _split(text, "\n")


def unit_labels(units: list[tuple[int, int]], spans: list[dict[str, Any]]) -> list[set[str]]:
    """For each unit, the techniques of the spans overlapping it (the guide's paragraph rule)."""
    return [{s["technique"] for s in spans if s["start"] < end and s["end"] > start} for start, end in units]
