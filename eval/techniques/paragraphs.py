"""Paragraphs of a canonical text: the text split on blank lines, each stripped, empty ones dropped."""

from __future__ import annotations


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets into `text` of each paragraph, in order."""
    spans, at = [], 0
    for chunk in text.split("\n\n"):
        stripped = chunk.strip()
        if stripped:
            start = at + chunk.index(stripped)
            spans.append((start, start + len(stripped)))
        at += len(chunk) + 2
    return spans
