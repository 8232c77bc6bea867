"""A self-contained HTML report of a run (no network, no script): what a person reads.

All article text is untrusted: it is escaped everywhere, and a strict Content-Security-Policy
forbids scripts, remote loads and inline event handlers in case anything slipped through.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from html import escape
from importlib import resources
from typing import Any

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"


@cache
def _style() -> str:
    return resources.files("filigrane.report").joinpath("templates/report.css").read_text(encoding="utf-8")


def render_report(report: dict[str, Any]) -> str:
    """The whole report for a contract-v1 dict (as `Result.to_dict()` or the CLI produce)."""
    documents: list[dict[str, Any]] = report.get("documents", [])
    rejected: list[dict[str, Any]] = report.get("rejected", [])
    body = [
        '<header class="top"><h1>Filigrane report</h1>',
        f'<p class="muted">{len(documents)} documents analysed, {len(rejected)} rejected. '
        f"Contract version {escape(str(report.get('filigrane', '')))}.</p></header><main>",
        _overview(documents),
        _reposts(report.get("reposts", []), documents),
        _rejections(rejected),
        *(_document(doc) for doc in documents),
        "</main>",
    ]
    return (
        '<!DOCTYPE html>\n<html lang="fr"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>Filigrane report</title><style>{_style()}</style></head><body>" + "".join(body) + "</body></html>\n"
    )


def _overview(documents: list[dict[str, Any]]) -> str:
    if not documents:
        return "<p>No document was analysed.</p>"
    rows = "".join(
        f'<tr><td><a href="#doc-{escape(doc["id"])}">{escape(doc.get("title") or doc["id"])}</a></td>'
        f"<td>{escape(doc.get('language') or '?')}</td><td>{escape(doc.get('date') or '')}</td>"
        f"<td>{_origin_badges(doc.get('origins', [])) or _evidence_badges(doc.get('evidence', []))}</td>"
        f"<td>{escape(doc['source'])}</td></tr>"
        for doc in documents
    )
    return (
        '<section aria-labelledby="overview"><h2 id="overview">Documents</h2><table>'
        "<thead><tr><th>Title</th><th>Lang.</th><th>Date</th><th>Origin</th><th>Source</th></tr></thead>"
        f"<tbody>{rows}</tbody></table></section>"
    )


def _reposts(groups: list[dict[str, Any]], documents: list[dict[str, Any]]) -> str:
    """Each group of copies of one text, its origin copy first and marked."""
    if not groups:
        return ""
    titles = {doc["id"]: doc.get("title") or doc["id"] for doc in documents}
    items = []
    for group in groups:
        origin = group.get("origin_document")
        members = sorted(group["documents"], key=lambda doc_id: doc_id != origin)
        links = "".join(
            f'<li><a href="#doc-{escape(doc_id)}">{escape(titles.get(doc_id, doc_id))}</a>'
            + (' <span class="badge">origin copy</span>' if doc_id == origin else "")
            + "</li>"
            for doc_id in members
        )
        items.append(f"<li>{len(members)} copies, similarity {float(group['similarity']):.2f}<ul>{links}</ul></li>")
    return (
        '<section aria-labelledby="reposts"><h2 id="reposts">Reposts and near-duplicates</h2>'
        f"<ul>{''.join(items)}</ul></section>"
    )


def _rejections(rejected: list[dict[str, Any]]) -> str:
    if not rejected:
        return ""
    rows = "".join(
        f'<tr><td>{escape(r["source"])}</td><td class="reason">{escape(r["reason"])}</td>'
        f"<td>{escape(r.get('detail', ''))}</td></tr>"
        for r in rejected
    )
    return (
        '<section aria-labelledby="rejected"><h2 id="rejected">Rejected inputs</h2><table>'
        f"<thead><tr><th>Source</th><th>Reason</th><th>Detail</th></tr></thead><tbody>{rows}</tbody></table></section>"
    )


def _origin_badges(origins: Iterable[dict[str, Any]]) -> str:
    """Outlet, country and ownership; the basis of the fact unfolds on hover (title attribute)."""
    return " ".join(
        f'<span class="badge origin" title="{escape(o["basis"])} ({escape(o.get("basis_reference", ""))}; '
        f'catalogue entry {escape(o.get("catalogue_entry", ""))})">'
        f"{escape(o['name'])} · {escape(o['country'])} · {escape(o['ownership'])}</span>"
        for o in origins
    )


def _evidence_badges(evidence: Iterable[dict[str, Any]]) -> str:
    return " ".join(
        f'<span class="badge evidence" title="{escape(e["kind"])}">{escape(e["text"])}</span>' for e in evidence
    )


def _document(doc: dict[str, Any]) -> str:
    meta = [_origin_badges(doc.get("origins", [])), f'<span class="badge">{escape(doc.get("language") or "?")}</span>']
    if doc.get("date"):
        meta.append(f'<span class="badge">{escape(doc["date"])}</span>')
    meta.extend(f'<span class="badge">#{escape(tag)}</span>' for tag in doc.get("tags", []))
    meta.append(_evidence_badges(doc.get("evidence", [])))
    analyses = ", ".join(f"{escape(k)}: {escape(v)}" for k, v in doc.get("analyses", {}).items())
    removed = "".join(
        f'<li><span class="reason">{escape(r["reason"])}</span> {escape(r["text"])}</li>'
        for r in doc.get("removed", [])
    )
    return (
        f'<article id="doc-{escape(doc["id"])}" aria-labelledby="title-{escape(doc["id"])}">'
        f'<h2 id="title-{escape(doc["id"])}">{escape(doc.get("title") or doc["id"])}</h2>'
        f'<p class="muted">{escape(doc["source"])}</p><div class="meta">{"".join(meta)}</div>'
        f'<div class="text" lang="{escape(doc.get("language") or "")}">{_paragraphs(doc)}</div>'
        f'<details class="removed"><summary>Removed boilerplate ({len(doc.get("removed", []))})</summary>'
        f"<ul>{removed}</ul></details>"
        f'<p class="muted">Analyses: {analyses}</p></article>'
    )


def _paragraphs(doc: dict[str, Any]) -> str:
    """Paragraphs of the clean text with entities marked; every piece of text is escaped."""
    text: str = doc["text"]
    entities = sorted(doc.get("entities", []), key=lambda e: e["start"])
    parts: list[str] = []
    for number, paragraph in enumerate(doc.get("paragraphs") or [{"start": 0, "end": len(text)}]):
        start, end = paragraph["start"], paragraph["end"]
        inside = [e for e in entities if start <= e["start"] and e["end"] <= end]
        pieces, cursor = [], start
        for entity in inside:
            if entity["start"] < cursor:
                continue
            pieces.append(escape(text[cursor : entity["start"]]))
            pieces.append(
                f'<mark class="ent" data-label="{escape(entity["label"])}" title="{escape(entity["label"])}">'
                f"{escape(text[entity['start'] : entity['end']])}</mark>"
            )
            cursor = entity["end"]
        pieces.append(escape(text[cursor:end]))
        css = ' class="title"' if number == 0 else ""
        parts.append(f"<p{css}>{''.join(pieces)}</p>")
    return "".join(parts)
