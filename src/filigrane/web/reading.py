"""The annotated reading, from the HTML report module, so a document reads the same in both."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from filigrane.i18n import _
from filigrane.report.html import corpus_html, document_html, legend_html, report_css, report_js
from filigrane.report.html_index import Corpus, SpreadUrl

__all__ = ["corpus_fragment", "document_fragment", "document_url", "report_css", "report_js"]


def document_url(document_id: str) -> str:
    """Where a document reads in the app (the report links within its own page instead)."""
    return f"/documents/{quote(document_id, safe='')}"


def document_fragment(doc: dict[str, Any], corpus: Corpus | None = None) -> str:
    """One document's reading: the legend and display controls folded above the annotated article;
    with its `corpus`, the links to its stories, copies and claim groups, as in the report."""
    return (
        f'<details class="legend-box"><summary>{_("How to read the highlights, and what to show")}</summary>'
        f"{legend_html()}</details>{document_html(doc, corpus)}"
    )


def corpus_fragment(report: dict[str, Any], spread_url: SpreadUrl = None) -> str:
    """Stories, claim groups, reposts, narratives and outlets of a contract dict, linking to document pages
    (and with `spread_url`, to the pages drawing each story's and claim group's spread)."""
    return corpus_html(report, document_url=document_url, spread_url=spread_url)
