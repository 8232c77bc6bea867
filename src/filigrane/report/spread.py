"""How a story or a claim group spread: its documents laid out by day and outlet, and who copied whom.

`Spread` is the model both pictures draw (`svg.timeline_svg`, `svg.graph_svg`) and the text tables
beside them list: one node per document, numbered in the order they were first seen, one lane per
outlet (the document's origin, else the site that published it), one column per day (undated
documents last), and the edges between documents: `repost` (a copy of the origin copy, directed
when the origin is known) and `same-claim` (both state a proposition of one claim group; each
document is linked to the first one seen before it, so n documents make at most n - 1 edges).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Literal

from filigrane.i18n import _
from filigrane.report.html_index import Corpus, claim_pairs

#: Ownerships shown as state-linked (worded and flagged, never colour only).
STATE_LINKED = frozenset({"state-controlled", "state-funded", "party-affiliated"})
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")

EdgeKind = Literal["repost", "same-claim"]


@dataclass(slots=True, frozen=True)
class Lane:
    """One outlet row: its name, country and ownership as the catalogue gives them."""

    key: str
    name: str
    country: str = ""
    ownership: str = ""

    @property
    def state_linked(self) -> bool:
        return self.ownership in STATE_LINKED

    def label(self) -> str:
        """The lane's name in the reader's language (`name` stays English: it is data in the API)."""
        if not self.key:
            return _("unknown outlet")
        return _("site {site}", site=self.key[5:]) if self.key.startswith("site:") else self.name


@dataclass(slots=True)
class Node:
    """One document: its number in first-seen order, where (lane) and when (day, None if undated)."""

    doc_id: str
    number: int
    title: str
    lane: Lane
    day: str | None
    language: str = ""
    origin_copy: bool = False
    first_seen: bool = False

    def role(self) -> str:
        """The node's marks in words (the pictures draw them, the tables say them)."""
        marks = ((_("origin copy"), self.origin_copy), (_("first seen"), self.first_seen))
        return ", ".join(label for label, on in marks if on)


@dataclass(slots=True, frozen=True)
class Edge:
    """`source` copies (repost, directed) or restates (same-claim) `target`, an earlier document."""

    source: str
    target: str
    kind: EdgeKind
    directed: bool = False


@dataclass(slots=True)
class Spread:
    """The documents of one story or claim group, their lanes, days and edges (see the module doc)."""

    key: str
    nodes: list[Node] = field(default_factory=list)
    lanes: list[Lane] = field(default_factory=list)
    days: list[str | None] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)

    def cell(self, node: Node) -> tuple[int, int]:
        """(column, lane) of a node."""
        return self.days.index(node.day), self.lanes.index(node.lane)

    def to_dict(self) -> dict[str, Any]:
        """The spread as JSON: lanes, days, nodes (their `lane` an index into `lanes`) and edges."""
        lanes = [
            {
                "outlet": lane.key or None,
                "name": lane.name,
                "country": lane.country or None,
                "ownership": lane.ownership or None,
                "state_linked": lane.state_linked,
            }
            for lane in self.lanes
        ]
        nodes = [
            {
                "document_id": node.doc_id,
                "number": node.number,
                "title": node.title,
                "lane": self.lanes.index(node.lane),
                "day": node.day,
                "language": node.language or None,
                "origin_copy": node.origin_copy,
                "first_seen": node.first_seen,
            }
            for node in self.nodes
        ]
        edges = [
            {"source": edge.source, "target": edge.target, "kind": edge.kind, "directed": edge.directed}
            for edge in self.edges
        ]
        return {"lanes": lanes, "days": self.days, "nodes": nodes, "edges": edges}  # fmt: skip


def day_of(value: object) -> str | None:
    """The YYYY-MM-DD day of a contract date, or None when there is none."""
    return value[:10] if isinstance(value, str) and _DAY.match(value) else None


def lane_of(doc: dict[str, Any]) -> Lane:
    """The outlet a document is shown under: its first origin, else its publisher's site, else unknown."""
    for origin in doc.get("origins") or []:
        key = str(origin.get("outlet") or origin.get("name") or "")
        if key:
            name = str(origin.get("name") or key)
            return Lane(key, name, str(origin.get("country") or ""), str(origin.get("ownership") or ""))
    publisher = doc.get("publisher") or {}
    site = publisher.get("domain") or publisher.get("name")
    if site:
        return Lane(f"site:{site}", f"site {site}")
    return Lane("", "unknown outlet")


def spread_of(key: str, doc_ids: list[str], corpus: Corpus, claim_groups: list[dict[str, Any]]) -> Spread:
    """The spread of `doc_ids` (those the report holds), with same-claim edges from `claim_groups`."""
    docs = [corpus.by_id[doc_id] for doc_id in dict.fromkeys(doc_ids) if doc_id in corpus.by_id]
    lanes = {doc_id: lane_of(doc) for doc_id, doc in ((str(d.get("id")), d) for d in docs)}
    days = {str(doc.get("id")): day_of(doc.get("date")) for doc in docs}
    lane_start: dict[Lane, str] = {}
    for doc_id, lane in lanes.items():
        day = days[doc_id] or "9999"
        lane_start[lane] = min(lane_start.get(lane, day), day)
    lane_order = sorted(lane_start, key=lambda lane: (lane_start[lane], lane.key == "", lane.name.lower()))
    order = sorted(
        range(len(docs)),
        key=lambda i: (days[str(docs[i].get("id"))] or "9999", lane_order.index(lanes[str(docs[i].get("id"))]), i),
    )
    spread = Spread(key, lanes=lane_order)
    first_day = min((day for day in days.values() if day), default=None)
    for number, i in enumerate(order, start=1):
        doc = docs[i]
        doc_id = str(doc.get("id"))
        title = str(doc.get("title") or doc_id)
        seen = days[doc_id]
        first = seen is not None and seen == first_day
        language = str(doc.get("language") or "")
        spread.nodes.append(Node(doc_id, number, title, lanes[doc_id], seen, language, first_seen=first))
    spread.days = sorted({node.day for node in spread.nodes}, key=lambda day: day or "9999")
    _add_reposts(spread, corpus)
    _add_same_claims(spread, claim_groups)
    return spread


def story_spread(story: dict[str, Any], corpus: Corpus) -> Spread:
    """A story's documents, linked by reposts and by the claim groups they share."""
    doc_ids = [str(doc_id) for doc_id in story.get("documents") or []]
    return spread_of(f"story-{story.get('id')}", doc_ids, corpus, corpus.report.get("claim_groups") or [])


def group_spread(group: dict[str, Any], corpus: Corpus) -> Spread:
    """A claim group's documents, linked by reposts and by the group's proposition itself."""
    doc_ids = [str(doc_id) for doc_id, _ in claim_pairs(group.get("claims"))]
    return spread_of(f"group-{group.get('id')}", doc_ids, corpus, [group])


def _add_reposts(spread: Spread, corpus: Corpus) -> None:
    """Each copy points to its group's origin copy; without a known origin, to the first copy seen."""
    position = {node.doc_id: node for node in spread.nodes}
    for group in corpus.report.get("reposts") or []:
        members = sorted(
            (position[str(d)] for d in group.get("documents") or [] if str(d) in position), key=lambda n: n.number
        )
        if len(members) < 2:
            continue
        origin = position.get(str(group.get("origin_document")))
        if origin is not None:
            origin.origin_copy = True
        target = origin or members[0]
        spread.edges.extend(
            Edge(node.doc_id, target.doc_id, "repost", directed=origin is not None)
            for node in members
            if node is not target
        )


def _add_same_claims(spread: Spread, claim_groups: list[dict[str, Any]]) -> None:
    """Each document stating a group's proposition is linked to the first document seen stating it."""
    number = {node.doc_id: node.number for node in spread.nodes}
    linked = {frozenset((edge.source, edge.target)) for edge in spread.edges}
    for group in claim_groups:
        stating = {str(doc_id) for doc_id, _ in claim_pairs(group.get("claims")) if str(doc_id) in number}
        members = sorted(stating, key=lambda doc_id: number[doc_id])
        for doc_id in members[1:]:
            pair = frozenset((doc_id, members[0]))
            if pair not in linked:
                linked.add(pair)
                spread.edges.append(Edge(doc_id, members[0], "same-claim"))
