"""`filigrane_quotes`: direct quotations of a paragraph, as plain character spans.

« », “ ” and straight "…" are paired with a stack, so nested and mixed marks («…") pair up; a
quotation left open at the paragraph's end runs to that end (`unclosed`), and a closing mark met
before any opening one ends a quotation opened in an earlier paragraph (`continued`): the
extractor joins the two. Only outermost quotations are kept: an inner quotation belongs to its
speaker's words (see eval/claims/GUIDE.md §3).
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

OPENERS = "«“„"
CLOSERS = "»”"
STRAIGHT = '"'

Doc.set_extension("filigrane_quotes", default=None, force=True)


def find_quotes(text: str) -> list[dict[str, int]]:
    """Outermost quotations: `open`/`close` are the marks' offsets, `start`/`end` the words inside."""
    quotes: list[dict[str, int]] = []
    stack: list[int] = []
    for index, char in enumerate(text):
        if char in OPENERS or (char == STRAIGHT and _opens(text, index, stack)):
            stack.append(index)
        elif (char in CLOSERS or char == STRAIGHT) and stack:
            opened = stack.pop()
            if not stack:
                quotes.append(_quote(text, opened, index, index + 1))
        elif (char in CLOSERS or char == STRAIGHT) and not quotes and text[:index].strip():
            # the end of an earlier paragraph's quotation (or of one whose opening mark is missing)
            quotes.append(_quote(text, -1, index, index + 1) | {"continued": 1})
    if stack:
        quotes.append(_quote(text, stack[0], len(text), len(text)) | {"unclosed": 1})
    return quotes


def _opens(text: str, index: int, stack: list[int]) -> bool:
    """A straight quote opens unless one is open and this one ends a word."""
    if not stack or text[stack[-1]] != STRAIGHT:
        return index == 0 or not text[index - 1].isalnum()
    return False


def _quote(text: str, opened: int, closed: int, after: int) -> dict[str, int]:
    start, end = opened + 1, closed
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return {"open": opened, "close": after, "start": start, "end": end}


class QuoteFinder:
    """Stores `doc._.filigrane_quotes`: a list of plain dicts (safe across worker processes)."""

    def __call__(self, doc: Doc) -> Doc:
        doc._.filigrane_quotes = find_quotes(doc.text)
        return doc


@Language.factory("filigrane_quotes")
def make_quote_finder(nlp: Language, name: str) -> QuoteFinder:
    return QuoteFinder()


def quote_spans(doc: Any) -> list[dict[str, int]]:
    found: list[dict[str, int]] | None = doc._.filigrane_quotes
    return found or []
