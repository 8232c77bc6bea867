"""The HTML report of a run: one self-contained page (no network) that a person reads and prints.

Public API, shared with the web app: `document_html` (one document's annotated reading),
`corpus_html` (the corpus page), `Corpus` (the look-ups between them, built once per report),
`legend_html`, `report_css`, `report_js`, `report_csp`, and `render_report` (the whole page, for
the CLI). All article text is untrusted and escaped; the Content-Security-Policy allows only our
own inline style and script, by their hashes.
"""

from __future__ import annotations

import base64
import hashlib
from functools import cache
from importlib import resources
from typing import Any

from filigrane.report.html_common import esc
from filigrane.report.html_corpus import corpus_html
from filigrane.report.html_document import document_html, legend_html
from filigrane.report.html_index import Corpus

__all__ = [
    "Corpus",
    "corpus_html",
    "document_html",
    "legend_html",
    "render_report",
    "report_csp",
    "report_css",
    "report_js",
]


def _template(name: str) -> str:
    return resources.files("filigrane.report").joinpath(f"templates/{name}").read_text(encoding="utf-8")


@cache
def report_css() -> str:
    """The report's stylesheet, to inline in a `<style>` element."""
    return _template("report.css")


@cache
def report_js() -> str:
    """The report's optional script (layer toggles, holder filter), to inline in a `<script>` element."""
    return _template("report.js")


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


@cache
def report_csp() -> str:
    """A policy that runs only our exact inline script and style: nothing from data can execute or load."""
    return (
        f"default-src 'none'; script-src {_sha256(report_js())}; style-src {_sha256(report_css())}; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )


def render_report(report: dict[str, Any]) -> str:
    """The whole report for a contract-v1 dict (as `Result.to_dict()` or the CLI produce)."""
    documents: list[dict[str, Any]] = report.get("documents") or []
    corpus = Corpus(report)  # links each document to its stories, copies and claim groups
    body = [
        '<header class="top"><h1>Filigrane report</h1>',
        f'<p class="muted">{_counts(report)}. Contract version {esc(report.get("filigrane"))}.</p></header><main>',
        corpus_html(report),
        legend_html(),
        *(document_html(doc, corpus) for doc in documents),
        "</main>",
    ]
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{report_csp()}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>Filigrane report</title><style>{report_css()}</style></head><body>"
        + "".join(body)
        + f"<script>{report_js()}</script></body></html>\n"
    )


def _counts(report: dict[str, Any]) -> str:
    """The run at a glance: documents, rejections, and the corpus-level findings that are present."""
    parts = [f"documents analysed: {len(report.get('documents') or [])}"]
    counted = (("rejected", "rejected"), ("stories", "stories"), ("claim_groups", "claim groups"))
    for key, label in (*counted, ("reposts", "repost groups")):
        if key in report:
            parts.append(f"{label}: {len(report[key] or [])}")
    shared = sum(len(story.get("documents") or []) > 1 for story in report.get("stories") or [])
    if shared < len(report.get("stories") or []):  # most stories of a collection are one document
        parts[parts.index(f"stories: {len(report['stories'])}")] += f" ({shared} of several documents)"
    return ", ".join(parts)
