"""The HTML report of a run: one self-contained page (no network) that a person reads and prints.

Public API, shared with the web app: `document_html` (one document's annotated reading),
`corpus_html` (the corpus page), `Corpus` (the look-ups between them, built once per report),
`legend_html`, `report_css`, `report_js`, `report_csp`, and `render_report` (the whole page, for
the CLI). The page's own words are in French or English (`render_report(report, lang=...)`; the
fragments follow `filigrane.i18n.speaking`); the documents' text is never translated. All article
text is untrusted and escaped; the Content-Security-Policy allows only our
own inline style and script, by their hashes.
"""

from __future__ import annotations

import base64
import hashlib
from functools import cache
from importlib import resources
from typing import Any

from filigrane.i18n import Language, _, _n, speaking
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


def render_report(report: dict[str, Any], lang: Language = "fr") -> str:
    """The whole report for a contract-v1 dict (as `Result.to_dict()` or the CLI produce), its words
    in `lang` (French by default: the tool's readers are French-speaking first)."""
    documents: list[dict[str, Any]] = report.get("documents") or []
    with speaking(lang):
        corpus = Corpus(report)  # links each document to its stories, copies and claim groups
        version = _("Contract version {version}.", version=esc(report.get("filigrane")))
        body = [
            f'<header class="top"><h1>{_("Filigrane report")}</h1>',
            f'<p class="muted">{_counts(report)}. {version}</p></header><main>',
            corpus_html(report),
            legend_html(),
            *(document_html(doc, corpus) for doc in documents),
            "</main>",
        ]
        title = _("Filigrane report")
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{report_csp()}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{title}</title><style>{report_css()}</style></head><body>"
        + "".join(body)
        + f"<script>{report_js()}</script></body></html>\n"
    )


def _counts(report: dict[str, Any]) -> str:
    """The run at a glance: documents, rejections, and the corpus-level findings that are present."""
    parts = [_n("{n} document analysed", "{n} documents analysed", len(report.get("documents") or []))]
    if "rejected" in report:
        parts.append(_n("{n} rejected", "{n} rejected", len(report["rejected"] or [])))
    if "stories" in report:
        stories = report["stories"] or []
        shared = sum(len(story.get("documents") or []) > 1 for story in stories)
        said = _n("{n} story", "{n} stories", len(stories))
        if shared < len(stories):  # most stories of a collection are one document
            said += " " + _n("({n} of several documents)", "({n} of several documents)", shared)
        parts.append(said)
    if "claim_groups" in report:
        parts.append(_n("{n} claim group", "{n} claim groups", len(report["claim_groups"] or [])))
    if "reposts" in report:
        parts.append(_n("{n} repost group", "{n} repost groups", len(report["reposts"] or [])))
    return ", ".join(parts)
