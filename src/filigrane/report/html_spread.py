"""The spread of a story or claim group (timeline and graph, each with its text table) and the corpus
at a glance (documents and claims by outlet, country, ownership and holder kind, as bar charts).

The pictures come from `svg`; the tables say everything the pictures draw, for screen readers,
for print and for anyone who prefers numbers.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from typing import Any

from filigrane.i18n import N_, _, _n, semicolons
from filigrane.report.html_common import anchor, doc_href, esc, holder_kind_label, ownership_word, table
from filigrane.report.html_index import Corpus
from filigrane.report.spread import Lane, Spread, lane_of
from filigrane.report.svg import MAX_NODES, bar_chart_svg, graph_svg, timeline_svg

#: Bars per chart; the rest are summed into one "other" bar.
MAX_BARS = 12


def spread_html(spread: Spread, corpus: Corpus) -> str:
    """Timeline and propagation graph of a spread, each as a figure with its table."""
    key = anchor("spread-", spread.key)
    drawn = "" if len(spread.nodes) <= MAX_NODES else " " + _("(the first {n} drawn; the table lists all)", n=MAX_NODES)
    caption = _(
        "Propagation: {documents}, {links}",
        documents=_n("{n} document", "{n} documents", len(spread.nodes)),
        links=_n("{n} link", "{n} links", len(spread.edges)),
    )
    return (
        f'<div class="spread" id="{key}">'
        f'<figure class="spread-figure" aria-labelledby="{key}-tl"><figcaption id="{key}-tl">'
        f"{_('Timeline: first seen per outlet, by day')}</figcaption>"
        f'<div class="figure-body"><div class="svg-box">{timeline_svg(spread)}</div>'
        f"{_timeline_table(spread)}</div></figure>"
        f'<figure class="spread-figure" aria-labelledby="{key}-gr">'
        f'<figcaption id="{key}-gr">{caption}{drawn}</figcaption>'
        '<div class="figure-body"><div class="svg-box">'
        f"{graph_svg(spread, lambda doc_id: doc_href(doc_id, corpus.document_url))}</div>"
        f"{_graph_table(spread, corpus)}</div>"
        f'<p class="small muted">{_(_HOW_TO_READ_GRAPH)}</p></figure></div>'
    )


_HOW_TO_READ_GRAPH = N_(
    "Numbers follow the order documents were first seen. A ringed node is the origin copy of a repost group, "
    "a dark node was seen first; an arrow points from a copy to its origin copy (a plain line: copies whose "
    "origin is unknown), a dashed line joins a document to the first one seen stating the same claim."
)


def _lane_facts(lane: Lane) -> tuple[str, str, str]:
    ownership = esc(ownership_word(lane.ownership))
    if lane.state_linked:
        ownership = f'<span class="own own-state">{ownership}</span>'
    return esc(lane.label()), esc(lane.country) or "—", ownership or "—"


def _timeline_table(spread: Spread) -> str:
    rows = []
    for lane in spread.lanes:
        days = Counter(node.day or _("undated") for node in spread.nodes if node.lane == lane)
        first = next((node.day for node in spread.nodes if node.lane == lane), None)
        by_day = semicolons(f"{esc(day)}{_(':')} {count}" for day, count in days.items())
        rows.append((*_lane_facts(lane), esc(first or _("undated")), by_day))
    return table((_("Outlet"), _("Country"), _("Ownership"), _("First seen"), _("Documents by day")), rows)


def _graph_table(spread: Spread, corpus: Corpus) -> str:
    number = {node.doc_id: node.number for node in spread.nodes}
    links: dict[str, list[str]] = {node.doc_id: [] for node in spread.nodes}
    for edge in spread.edges:
        what = {"repost": _("copy of") if edge.directed else _("copy with"), "same-claim": _("same claim as")}
        links[edge.source].append(f"{what[edge.kind]} {number[edge.target]}")
    rows = [
        (
            str(node.number),
            corpus.doc_link(node.doc_id),
            esc(node.lane.label()),
            esc(node.day or _("undated")),
            esc(node.language) or "?",
            esc(node.role()) or "—",
            esc(semicolons(links[node.doc_id])) or "—",
        )
        for node in spread.nodes
    ]
    headers = (_("No."), _("Document"), _("Outlet"), _("Date"), _("Lang."), _("Marks"), _("Links"))
    return table(headers, rows)


def aggregates_html(corpus: Corpus) -> str | None:
    """Documents and claims by outlet, country, ownership and holder kind: a bar chart and a table each."""
    if not corpus.documents:
        return None
    unknown = _("unknown")
    dimensions: dict[tuple[str, str], Callable[[dict[str, Any]], Iterable[tuple[str, int]]]] = {
        (N_("Documents and claims by outlet"), N_("Outlet")): lambda doc: (
            (lane_of(doc).label(), len(doc.get("claims") or [])),
        ),
        (N_("Documents and claims by country"), N_("Country")): lambda doc: (
            (lane_of(doc).country or unknown, len(doc.get("claims") or [])),
        ),
        (N_("Documents and claims by ownership"), N_("Ownership")): lambda doc: (
            (ownership_word(lane_of(doc).ownership) or unknown, len(doc.get("claims") or [])),
        ),
        (N_("Documents and claims by holder kind"), N_("Holder kind")): _holder_kinds,
    }
    figures = []
    for name, keys in dimensions.items():
        documents: Counter[str] = Counter()
        claims: Counter[str] = Counter()
        for doc in corpus.documents:
            for key, count in keys(doc):
                documents[key] += 1
                claims[key] += count
        figures.append(_bars(name, documents, claims))
    return f'<div class="aggregates">{"".join(figures)}</div>'


def _holder_kinds(doc: dict[str, Any]) -> Iterable[tuple[str, int]]:
    """Each holder kind of a document with the number of its claims held by that kind."""
    kinds: Counter[str] = Counter()
    for claim in doc.get("claims") or []:
        for kind in {stance.get("holder_kind") for stance in claim.get("stances") or []}:
            kinds[holder_kind_label(kind)] += 1
    return kinds.items()


def _bars(name: tuple[str, str], documents: Counter[str], claims: Counter[str]) -> str:
    """One dimension's chart and table; `name` is its title and its column's header."""
    ranked = sorted(documents, key=lambda key: (-documents[key], -claims[key], key))
    labels, rest = ranked[:MAX_BARS], ranked[MAX_BARS:]
    docs = [documents[key] for key in labels]
    said = [claims[key] for key in labels]
    if rest:
        labels.append(_n("{n} other", "{n} others", len(rest)))
        docs.append(sum(documents[key] for key in rest))
        said.append(sum(claims[key] for key in rest))
    title, column = _(name[0]), _(name[1])
    rows = [(esc(label), str(d), str(c)) for label, d, c in zip(labels, docs, said, strict=True)]
    chart = bar_chart_svg(title, labels, ((_("documents"), docs), (_("claims"), said)))
    headers = (column, _("Documents"), _("Claims"))
    return (
        f'<figure class="chart"><figcaption>{esc(title)}</figcaption><div class="svg-box">{chart}</div>'
        f"<details><summary>{_('Table')}</summary>{table(headers, rows)}</details>"
        "</figure>"
    )
