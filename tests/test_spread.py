"""How a story or claim group spread: the model (nodes, lanes, days, edges), its SVG pictures and tables,
and the corpus at a glance, from hand-built contract dicts (synthetic text)."""

from __future__ import annotations

import re
from typing import Any

from filigrane.report.html import render_report
from filigrane.report.html_index import Corpus
from filigrane.report.html_spread import aggregates_html, spread_html
from filigrane.report.spread import group_spread, story_spread
from filigrane.report.svg import graph_svg, timeline_svg
from tests.test_report_html import internal_links_resolve, parse_page


def _doc(
    doc_id: str, date: str | None, outlet: str | None, ownership: str = "private", claims: int = 1
) -> dict[str, Any]:
    origins = [{"outlet": outlet, "name": outlet.upper(), "country": "XX", "ownership": ownership}] if outlet else []
    return {
        "id": doc_id,
        "source": f"{doc_id}.txt",
        "title": f"Title {doc_id}",
        "language": "fr",
        "date": date,
        "text": "",
        "origins": origins,
        "claims": [
            {"id": f"c{n}", "text": "x", "stances": [{"holder_kind": "anonymous_source" if n else "government"}]}
            for n in range(claims)
        ],
    }


def _report() -> dict[str, Any]:
    """Five documents: d1 the origin copy (day 1), d2 and d5 its copies, d3 restating d1's claim, d4 undated."""
    documents = [
        _doc("d3", "2026-03-02T10:00:00", "tass", "state-controlled", claims=2),
        _doc("d1", "2026-03-01", "wire"),
        _doc("d2", "2026-03-02", "wire"),
        _doc("d4", None, None),
        _doc("d5", "2026-03-03", "tass", "state-controlled"),
    ]
    return {
        "filigrane": "1",
        "documents": documents,
        "rejected": [],
        "reposts": [{"documents": ["d2", "d1", "d5"], "origin_document": "d1", "similarity": 0.99}],
        "stories": [{"id": "s", "label": "S", "documents": ["d3", "d1", "d2", "d4", "d5"], "first_seen": "2026-03-01"}],
        "claim_groups": [
            {"id": "g", "label": "G", "claims": [["d3", "c0"], ["d1", "c0"], ["d4", "c0"], ["d3", "c1"]]},
        ],
    }


def test_nodes_are_numbered_in_first_seen_order_on_outlet_lanes_and_days() -> None:
    report = _report()
    spread = story_spread(report["stories"][0], Corpus(report))
    assert [node.doc_id for node in spread.nodes] == ["d1", "d2", "d3", "d5", "d4"]
    assert [lane.name for lane in spread.lanes] == ["WIRE", "TASS", "unknown outlet"]
    assert spread.days == ["2026-03-01", "2026-03-02", "2026-03-03", None]  # undated last
    assert spread.lanes[1].state_linked and not spread.lanes[0].state_linked
    marks = {node.doc_id: node.role() for node in spread.nodes}
    assert marks == {"d1": "origin copy, first seen", "d2": "", "d3": "", "d5": "", "d4": ""}


def test_copies_point_to_their_origin_and_each_restatement_to_the_first_seen() -> None:
    report = _report()
    spread = story_spread(report["stories"][0], Corpus(report))
    edges = {(edge.source, edge.target, edge.kind, edge.directed) for edge in spread.edges}
    assert edges == {
        ("d2", "d1", "repost", True),
        ("d5", "d1", "repost", True),
        ("d3", "d1", "same-claim", False),
        ("d4", "d1", "same-claim", False),
    }
    report["reposts"][0]["origin_document"] = None  # direction unknown: plain lines to the first copy seen
    spread = story_spread(report["stories"][0], Corpus(report))
    reposts = {(e.source, e.target, e.directed) for e in spread.edges if e.kind == "repost"}
    assert reposts == {("d2", "d1", False), ("d5", "d1", False)}
    assert not any(node.origin_copy for node in spread.nodes)


def test_a_claim_group_spread_holds_each_of_its_documents_once() -> None:
    report = _report()
    spread = group_spread(report["claim_groups"][0], Corpus(report))
    assert [node.doc_id for node in spread.nodes] == ["d1", "d3", "d4"]
    assert {(e.source, e.target, e.kind) for e in spread.edges} == {
        ("d3", "d1", "same-claim"),
        ("d4", "d1", "same-claim"),
    }


def test_the_pictures_draw_every_node_and_dot_and_the_tables_say_it_in_words() -> None:
    report = _report()
    corpus = Corpus(report)
    spread = story_spread(report["stories"][0], corpus)
    graph = graph_svg(spread, lambda doc_id: f"/documents/{doc_id}")
    assert graph.count('<a class="node') == 5 and graph.count('<path class="edge') == 4
    assert graph.count('class="ring"') == 1 and graph.count('marker-end="url(#arrow-story-s)"') == 2
    assert 'aria-label="1: Title d1 (WIRE, 2026-03-01, origin copy, first seen)"' in graph
    assert "style=" not in graph and "<script" not in graph  # classes only: the CSP allows no inline style
    timeline = timeline_svg(spread)
    assert len(re.findall(r'<g class="dot', timeline)) == 5  # WIRE 03-01, 03-02; TASS 03-02, 03-03; unknown
    assert timeline.count('class="dot first"') == 3  # each outlet's first day
    html = spread_html(spread, corpus)
    assert '<td>TASS</td><td>XX</td><td><span class="own own-state">state-controlled</span></td>' in html
    assert "<td>2026-03-02</td><td>2026-03-02: 1; 2026-03-03: 1</td>" in html
    assert "<td>copy of 1</td>" in html and "<td>same claim as 1</td>" in html


def test_hostile_names_stay_text_in_the_pictures() -> None:
    report = _report()
    hostile = '"><script>alert(1)</script>'
    report["documents"][0]["title"] = hostile
    report["documents"][0]["origins"][0]["name"] = hostile
    report["stories"][0]["id"] = hostile
    page = render_report(report)
    parse_page(page)
    internal_links_resolve(page)
    assert "<script>alert(1)" not in page


def test_the_corpus_at_a_glance_counts_documents_and_claims_per_outlet_and_holder_kind() -> None:
    glance = aggregates_html(Corpus(_report()))
    assert glance is not None and glance.count('<svg class="bars"') == 4
    assert "<tr><td>TASS</td><td>2</td><td>3</td></tr>" in glance  # d3 (2 claims) and d5 (1)
    assert "<tr><td>state-controlled</td><td>2</td><td>3</td></tr>" in glance
    assert "<tr><td>anonymous source</td><td>1</td><td>1</td></tr>" in glance  # only d3 has a 2nd claim
    assert "<tr><td>government</td><td>5</td><td>5</td></tr>" in glance
    assert aggregates_html(Corpus({"documents": []})) is None
