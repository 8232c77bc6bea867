"""A whole HTML page as plain lines, the way web corpora turn pages into text.

Used twice: by the evaluation, to derive the line benchmark of the plain-text cleaner, and by
`ExtractHtml`, to find prose paragraphs the main-text extractor left out.
"""

from __future__ import annotations

import sys
from typing import Any

_DROPPED = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "head",
        "title",
        "meta",
        "link",
        "iframe",
        "svg",
        "canvas",
        "object",
        "embed",
        "select",
        "option",
        "datalist",
    }
)
_BLOCKS = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "caption",
        "dd",
        "details",
        "dialog",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hgroup",
        "hr",
        "html",
        "legend",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
        "center",
        "menu",
    }
)


def render_lines(tree: Any) -> list[str]:
    """The whole page as a browser's `innerText` or html2text would give it, one line per block.

    Scripts, styles, `<noscript>`, `<template>`, the `<head>`, frames, embedded objects and form
    option lists are dropped; every block-level element (paragraph, heading, list item, table
    cell, div...) and every `<br>` starts a new line; inline elements run on in the same line;
    whitespace is collapsed and empty lines are left out. CSS is not applied, so text hidden by
    a stylesheet is rendered (as html2text and most corpus pipelines do).
    """
    lines: list[str] = []
    buffer: list[str] = []

    def flush() -> None:
        text = " ".join("".join(buffer).split())
        if text:
            lines.append(text)
        buffer.clear()

    def walk(element: Any) -> None:
        tag = element.tag.lower() if isinstance(element.tag, str) else None
        if tag is not None and tag not in _DROPPED:
            block = tag in _BLOCKS
            if block or tag == "br":
                flush()
            if element.text:
                buffer.append(element.text)
            for child in element:
                walk(child)
            if block:
                flush()
        if element.tail:
            buffer.append(element.tail)

    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, 20000))
    try:
        walk(tree)
    finally:
        sys.setrecursionlimit(limit)
    flush()
    return lines
