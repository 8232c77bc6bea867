"""A self-contained HTML report of a run (no network, no script): what a person reads.

All article text is untrusted: it is escaped everywhere, and a strict Content-Security-Policy
forbids scripts, remote loads and inline event handlers in case anything slipped through.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from html import escape
from importlib import resources
from itertools import pairwise
from typing import Any

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"

HOLDER_KINDS: dict[str, str] = {
    "author": "author",
    "named_person": "named person",
    "unnamed_person": "unnamed person",
    "anonymous_source": "anonymous source",
    "media": "media",
    "government": "government",
    "organisation": "organisation",
    "document": "document",
}
MARKER_TYPES: dict[str, str] = {
    "quote": "quote",
    "conditional": "conditional",
    "hedge": "hedge",
    "booster": "booster",
    "denial": "denial",
    "evidence": "evidence",
}
CERTAINTIES = ("neutral", "hedged", "boosted")
POLARITIES = ("affirms", "denies")
# Nesting order when two spans cover the very same text: claims outside, entities innermost.
_RANK = {"claim": 0, "holder": 1, "cue": 2, "marker": 3, "ent": 4}


@dataclass(frozen=True)
class _Span:
    """One highlight: [start, end) in the document text, its classes, tooltip and optional anchor."""

    start: int
    end: int
    role: str
    css: str
    title: str
    tag: str = ""  # a short visible label (CSS generated content), so colour is never the only cue
    anchor: str = ""
    extra: tuple[tuple[str, str], ...] = ()

    def key(self) -> tuple[int, int, int, str]:
        return (self.start, -self.end, _RANK[self.role], self.css)

    def open(self, first: bool) -> str:
        element = "mark" if self.role == "ent" else "span"
        attrs = f' class="{escape(self.css)}" title="{escape(self.title)}"'
        attrs += "".join(f' {name}="{escape(value)}"' for name, value in self.extra)
        if first and self.tag:
            attrs += f' data-tag="{escape(self.tag)}"'
        if first and self.anchor:
            attrs += f' id="{escape(self.anchor)}"'
        return f"<{element}{attrs}>"

    def close(self) -> str:
        return "</mark>" if self.role == "ent" else "</span>"


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _claim_anchor(doc: dict[str, Any], claim: dict[str, Any]) -> str:
    """A safe fragment identifier for a claim's span ("d<doc id>-<claim id>")."""
    return re.sub(r"[^A-Za-z0-9_-]", "_", f"d{doc['id']}-{claim['id']}")


def _holder_kind(stance: dict[str, Any]) -> str:
    kind = str(stance.get("holder_kind") or "")
    return kind if kind in HOLDER_KINDS else "other"


def _marker_type(marker: dict[str, Any]) -> str:
    kind = str(marker.get("type") or "")
    return kind if kind in MARKER_TYPES else "other"


def _spans(doc: dict[str, Any]) -> list[_Span]:
    """Every highlight of a document, duplicates (the same holder or marker in two stances) merged."""
    spans: dict[tuple[int, int, str], _Span] = {}

    def add(span: _Span) -> None:
        if span.start < span.end:
            spans.setdefault((span.start, span.end, span.css), span)

    for entity in doc.get("entities", []):
        start, end = _int(entity.get("start")), _int(entity.get("end"))
        if start is not None and end is not None:
            label = str(entity.get("label", ""))
            add(_Span(start, end, "ent", "ent", f"entity: {label}", extra=(("data-label", label),)))
    for claim in doc.get("claims", []):
        start, end = _int(claim.get("start")), _int(claim.get("end"))
        claim_id = str(claim.get("id", ""))
        if start is not None and end is not None:
            title = f"claim {claim_id}" + (" (headline)" if claim.get("headline") else "")
            add(_Span(start, end, "claim", "hl claim", title, tag=claim_id, anchor=_claim_anchor(doc, claim)))
        for stance in claim.get("stances", []):
            kind = _holder_kind(stance)
            start, end = _int(stance.get("holder_start")), _int(stance.get("holder_end"))
            if start is not None and end is not None:
                title = f"holder: {kind} — {stance.get('holder') or ''} ({claim_id})"
                add(_Span(start, end, "holder", f"hl holder k-{kind}", title, tag=HOLDER_KINDS.get(kind, kind)))
            start, end = _int(stance.get("cue_start")), _int(stance.get("cue_end"))
            if start is not None and end is not None:
                title = f"cue: {stance.get('polarity', '')}, {stance.get('certainty', '')} ({claim_id})"
                add(_Span(start, end, "cue", "hl cue", title))
            for marker in stance.get("markers", []):
                start, end = _int(marker.get("start")), _int(marker.get("end"))
                if start is not None and end is not None:
                    kind = _marker_type(marker)
                    add(_Span(start, end, "marker", f"hl mk mk-{kind}", kind, tag=kind))
    return sorted(spans.values(), key=_Span.key)


def _highlight(text: str, start: int, end: int, spans: list[_Span], opened: set[_Span]) -> str:
    """text[start:end] with the spans that touch it, as properly nested elements.

    The range is cut at every span boundary; each segment is wrapped in the spans covering it,
    outermost first (earliest start, then longest). Between two segments only the elements that
    differ are closed and reopened, so overlapping spans become several well-nested fragments.
    The first fragment of a span carries its anchor and visible tag (`opened` remembers them).
    """
    inside = [s for s in spans if s.start < end and s.end > start]
    cuts = sorted({start, end, *(max(start, s.start) for s in inside), *(min(end, s.end) for s in inside)})
    out: list[str] = []
    stack: list[_Span] = []
    for left, right in pairwise(cuts):
        active = [s for s in inside if s.start <= left and right <= s.end]  # already in nesting order
        common = 0
        while common < len(stack) and common < len(active) and stack[common] is active[common]:
            common += 1
        out.extend(span.close() for span in reversed(stack[common:]))
        del stack[common:]
        for span in active[common:]:
            out.append(span.open(span not in opened))
            opened.add(span)
            stack.append(span)
        out.append(escape(text[left:right]))
    out.extend(span.close() for span in reversed(stack))
    return "".join(out)


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
        _legend() if any(doc.get("claims") for doc in documents) else "",
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
        f'<div class="doc-body"><div class="text" lang="{escape(doc.get("language") or "")}">{_paragraphs(doc)}</div>'
        f"{_claims(doc)}</div>"
        f'<details class="removed"><summary>Removed boilerplate ({len(doc.get("removed", []))})</summary>'
        f"<ul>{removed}</ul></details>"
        f'<p class="muted">Analyses: {analyses}</p></article>'
    )


def _paragraphs(doc: dict[str, Any]) -> str:
    """Paragraphs of the clean text with claims, holders, cues, markers and entities highlighted.

    Every piece of text is escaped; the highlights only add elements around it.
    """
    text: str = doc["text"]
    spans = _spans(doc)
    opened: set[_Span] = set()
    parts: list[str] = []
    for number, paragraph in enumerate(doc.get("paragraphs") or [{"start": 0, "end": len(text)}]):
        css = ' class="title"' if number == 0 else ""
        parts.append(f"<p{css}>{_highlight(text, paragraph['start'], paragraph['end'], spans, opened)}</p>")
    return "".join(parts)


def _legend() -> str:
    """What each highlight means; the same classes as in the text, each with its name written out."""
    holders = "".join(
        f'<li><span class="hl holder k-{kind}" data-tag="{escape(label)}">Holder</span></li>'
        for kind, label in HOLDER_KINDS.items()
    )
    markers = "".join(
        f'<li><span class="hl mk mk-{kind}" data-tag="{escape(label)}">{escape(_MARKER_SAMPLES[kind])}</span></li>'
        for kind, label in MARKER_TYPES.items()
    )
    return (
        '<section class="legend" aria-labelledby="legend"><h2 id="legend">How to read the texts</h2>'
        '<ul class="legend-list">'
        '<li><span class="hl claim" data-tag="c1">A claim (underlined, numbered)</span></li>'
        '<li><span class="hl cue">A cue, the verb or phrase that reports it (bold)</span></li>'
        '<li><mark class="ent" data-label="PER">A named entity</mark> (dotted)</li></ul>'
        f'<h3>Who holds a claim (background colour and label)</h3><ul class="legend-list">{holders}</ul>'
        f'<h3>Markers (border style and label)</h3><ul class="legend-list">{markers}</ul>'
        '<p class="muted">Hover any highlight for its details. Each claim is listed with its stances '
        "beside the text (below it on narrow screens and in print).</p></section>"
    )


_MARKER_SAMPLES = {
    "quote": "« cité mot pour mot »",
    "conditional": "aurait",
    "hedge": "il semble que",
    "booster": "certainement",
    "denial": "dément",
    "evidence": "selon le rapport",
}


def _claims(doc: dict[str, Any]) -> str:
    """The side list: each claim, linked to its place in the text, with its stances."""
    claims: list[dict[str, Any]] = doc.get("claims", [])
    if not claims:
        return '<aside class="claims"><h3>Claims</h3><p class="muted">No claim detected.</p></aside>'
    items = []
    for claim in claims:
        headline = ' <span class="badge headline">headline</span>' if claim.get("headline") else ""
        stances = "".join(_stance(stance) for stance in claim.get("stances", []))
        items.append(
            f'<li class="claim-item"><a class="claim-id" href="#{escape(_claim_anchor(doc, claim))}">'
            f"{escape(str(claim.get('id', '')))}</a>{headline} "
            f'<q class="claim-text">{escape(str(claim.get("text", "")))}</q>'
            f'<ul class="stances">{stances}</ul></li>'
        )
    labelled = f"claims-{escape(doc['id'])}"
    return (
        f'<aside class="claims" aria-labelledby="{labelled}"><h3 id="{labelled}">Claims ({len(claims)})</h3>'
        f'<ol class="claim-list">{"".join(items)}</ol></aside>'
    )


def _stance(stance: dict[str, Any]) -> str:
    kind = _holder_kind(stance)
    polarity = str(stance.get("polarity") or "")
    certainty = str(stance.get("certainty") or "")
    holder = escape(str(stance.get("holder") or ("the author" if kind == "author" else "unknown")))
    cue = f' <span class="cue-text">{escape(str(stance["cue"]))}</span>' if stance.get("cue") else ""
    markers = "".join(
        f'<li><span class="badge mk-badge mkb-{_marker_type(m)}">{escape(_marker_type(m))}</span> '
        f"{escape(str(m.get('text', '')))}</li>"
        for m in stance.get("markers", [])
    )
    pol_css = polarity if polarity in POLARITIES else "other"
    cert_css = certainty if certainty in CERTAINTIES else "other"
    return (
        f'<li class="stance"><span class="badge holder-badge k-{kind}">{escape(HOLDER_KINDS.get(kind, kind))}</span> '
        f'<span class="holder-name">{holder}</span>{cue} '
        f'<span class="badge pol pol-{pol_css}">{escape(polarity)}</span> '
        f'<span class="badge cert cert-{cert_css}">{escape(certainty)}</span>'
        + (f' <span class="muted small">({escape(str(stance["kind"]))})</span>' if stance.get("kind") else "")
        + (f'<ul class="markers" aria-label="markers">{markers}</ul>' if markers else "")
        + "</li>"
    )
