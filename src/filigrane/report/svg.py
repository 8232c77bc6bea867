"""Pictures drawn on the server as inline SVG: a spread's timeline and graph, and small bar charts.

They need no script and no style attribute (classes only, styled by report.css), so they read
with JavaScript off, under the app's CSP and inside the self-contained report. Every string from
data goes through `esc`; ids come from `anchor`. The layout is plain and deterministic: outlets
as lanes (rows), days as columns, documents as numbered nodes in first-seen order.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from filigrane.i18n import _, _n
from filigrane.report.html_common import anchor, esc, ownership_word
from filigrane.report.spread import Node, Spread

#: Most documents drawn in one graph (the table beside it lists every one).
MAX_NODES = 150
_LABEL_W = 190
_TOP = 40
_ROW = 50
_RADIUS = 12
_STEP = 30
_MIN_COL = 96
#: Nodes side by side in one cell (one outlet, one day); more wrap onto further rows of the lane.
_PER_ROW = 8


@dataclass(frozen=True, slots=True)
class _Grid:
    """Where lanes, columns and nodes go: column width from the busiest cell (up to `_PER_ROW`
    nodes wide), each lane as tall as its own busiest cell needs."""

    column: int
    columns: int
    tops: tuple[int, ...]  # each lane's top, then the bottom of the last

    @staticmethod
    def of(spread: Spread, nodes: Sequence[Node]) -> _Grid:
        cells = _cells(spread, nodes)
        busiest = max((len(cell) for cell in cells.values()), default=1)
        tops = [_TOP]
        for lane in range(len(spread.lanes)):
            most = max((len(cell) for (_, row), cell in cells.items() if row == lane), default=1)
            tops.append(tops[-1] + _ROW + _STEP * ((most - 1) // _PER_ROW))
        return _Grid(max(_MIN_COL, _STEP * min(busiest, _PER_ROW) + 36), len(spread.days), tuple(tops))

    @property
    def width(self) -> int:
        return _LABEL_W + self.column * self.columns + 16

    @property
    def height(self) -> int:
        return self.tops[-1] + 12

    def left(self, column: int) -> int:
        return _LABEL_W + column * self.column

    def x(self, column: int, k: int = 0) -> int:
        """The centre of the `k`-th node of a cell in `column` (its first by default)."""
        return self.left(column) + 24 + (k % _PER_ROW) * _STEP

    def y(self, lane: int, k: int = 0) -> int:
        return self.tops[lane] + _ROW // 2 + (k // _PER_ROW) * _STEP


def _cells(spread: Spread, nodes: Sequence[Node]) -> dict[tuple[int, int], list[Node]]:
    cells: dict[tuple[int, int], list[Node]] = {}
    for node in nodes:
        cells.setdefault(spread.cell(node), []).append(node)
    return cells


def _short(text: str, most: int) -> str:
    return text if len(text) <= most else text[: most - 1] + "…"


def _lane_label(spread: Spread, grid: _Grid, lane_index: int) -> str:
    lane = spread.lanes[lane_index]
    owner = "⚑ " + ownership_word(lane.ownership) if lane.state_linked else ""
    facts = " · ".join(part for part in (lane.country, owner) if part)
    middle = grid.y(lane_index)
    label = f'<text class="lane" x="8" y="{middle - 2}">{esc(_short(lane.label(), 24))}</text>'
    if facts:
        label += f'<text class="lane-facts" x="8" y="{middle + 13}">{esc(facts)}</text>'
    return label


def _frame(spread: Spread, grid: _Grid) -> str:
    """Lane rows with their outlet labels, day columns with their dates."""
    parts = [
        f'<rect class="lane-band" x="0" y="{grid.tops[i]}" width="{grid.width}" '
        f'height="{grid.tops[i + 1] - grid.tops[i]}"/>'
        for i in range(0, len(spread.lanes), 2)
    ]
    parts += [_lane_label(spread, grid, i) for i in range(len(spread.lanes))]
    for column, day in enumerate(spread.days):
        x = grid.left(column)
        parts.append(f'<line class="day-rule" x1="{x}" y1="{_TOP - 6}" x2="{x}" y2="{grid.height - 8}"/>')
        parts.append(f'<text class="day" x="{x + 6}" y="{_TOP - 14}">{esc(day or _("undated"))}</text>')
    return "".join(parts)


def _open(grid: _Grid, css: str, label: str) -> str:
    return (
        f'<svg class="{css}" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {grid.width} {grid.height}" '
        f'width="{grid.width}" height="{grid.height}" role="img" aria-label="{esc(label)}">'
    )


def timeline_svg(spread: Spread) -> str:
    """First seen per outlet, by day: one dot per outlet and day, its size and number the documents."""
    grid = _Grid.of(spread, ())
    label = _("Timeline: documents per outlet and day; the table beside it lists them")
    parts = [_open(grid, "timeline", label), _frame(spread, grid)]
    for lane_index, lane in enumerate(spread.lanes):
        counts: dict[int, int] = {}
        for node in spread.nodes:
            if node.lane == lane:
                column = spread.days.index(node.day)
                counts[column] = counts.get(column, 0) + 1
        y = grid.y(lane_index)
        first, last = min(counts), max(counts)
        if last > first:
            parts.append(f'<line class="run" x1="{grid.x(first)}" y1="{y}" x2="{grid.x(last)}" y2="{y}"/>')
        for column, count in sorted(counts.items()):
            radius = 8 + 2 * min(count - 1, 6)
            css = "dot first" if column == first else "dot"
            parts.append(
                f'<g class="{css}"><title>{esc(lane.label())}, {esc(spread.days[column] or _("undated"))}{_(":")} '
                f"{_n('{n} document', '{n} documents', count)}</title>"
                f'<circle cx="{grid.x(column)}" cy="{y}" r="{radius}"/>'
                f'<text x="{grid.x(column)}" y="{y + 4}">{count}</text></g>'
            )
    return "".join(parts) + "</svg>"


def graph_svg(spread: Spread, href: Callable[[str], str]) -> str:
    """Documents as numbered nodes (linked to their reading), reposts as arrows to the origin copy,
    shared claims as dashed lines; the origin copy ringed, the first seen filled dark."""
    nodes = spread.nodes[:MAX_NODES]
    grid = _Grid.of(spread, nodes)
    marker = anchor("arrow-", spread.key)
    where: dict[str, tuple[int, int]] = {}
    for (column, lane), cell in _cells(spread, nodes).items():
        for k, node in enumerate(cell):
            where[node.doc_id] = (grid.x(column, k), grid.y(lane, k))
    parts = [
        _open(
            grid,
            "graph",
            _n(
                "Propagation graph of {n} document; the table beside it lists it",
                "Propagation graph of {n} documents; the table beside it lists them",
                len(spread.nodes),
            ),
        ),
        f'<defs><marker id="{marker}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" '
        'orient="auto-start-reverse"><path class="arrow-head" d="M0,0L10,5L0,10z"/></marker></defs>',
        _frame(spread, grid),
    ]
    for edge in spread.edges:
        if edge.source in where and edge.target in where:
            parts.append(_edge_path(where[edge.source], where[edge.target], edge.kind, marker if edge.directed else ""))
    for node in nodes:
        x, y = where[node.doc_id]
        css = " ".join(["node", *(["origin"] if node.origin_copy else []), *(["first"] if node.first_seen else [])])
        role = f", {node.role()}" if node.role() else ""
        label = f"{node.number}: {node.title} ({node.lane.label()}, {node.day or _('undated')}{role})"
        ring = f'<circle class="ring" cx="{x}" cy="{y}" r="{_RADIUS + 4}"/>' if node.origin_copy else ""
        parts.append(
            f'<a class="{css}" href="{esc(href(node.doc_id))}" aria-label="{esc(label)}"><title>{esc(label)}</title>'
            f'{ring}<circle cx="{x}" cy="{y}" r="{_RADIUS}"/><text x="{x}" y="{y + 4}">{node.number}</text></a>'
        )
    return "".join(parts) + "</svg>"


def _edge_path(start: tuple[int, int], end: tuple[int, int], kind: str, marker: str) -> str:
    """A line from node to node, ending on the target's rim; bent upward within one lane."""
    (x1, y1), (x2, y2) = start, end
    length = max(1.0, ((x2 - x1) ** 2 + (y2 - y1) ** 2) ** 0.5)
    ex, ey = x2 - (x2 - x1) * (_RADIUS + 5) / length, y2 - (y2 - y1) * (_RADIUS + 5) / length
    if y1 == y2:
        bend = min(_ROW // 2 - 4, int(abs(x2 - x1) / 3) + 6)
        shape = f"M{x1},{y1 - _RADIUS}Q{(x1 + x2) / 2:.0f},{y1 - _RADIUS - bend} {x2},{y2 - _RADIUS - 3}"
    else:
        shape = f"M{x1},{y1}L{ex:.0f},{ey:.0f}"
    head = f' marker-end="url(#{marker})"' if marker else ""
    return f'<path class="edge {kind}" d="{shape}"{head}/>'


def bar_chart_svg(title: str, labels: Sequence[str], series: Sequence[tuple[str, Sequence[int]]]) -> str:
    """Horizontal bars, one panel per series (each its own scale), every bar with its number."""
    row, label_w, panel_w, gap = 22, 215, 130, 44
    width = label_w + len(series) * (panel_w + gap)
    height = 26 + row * len(labels)
    parts = [
        f'<svg class="bars" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" role="img" '
        f'aria-label="{esc(_("{title}; the table below gives the numbers", title=title))}">'
    ]
    for i, label in enumerate(labels):
        parts.append(f'<text class="bar-label" x="0" y="{26 + i * row + 14}">{esc(_short(label, 34))}</text>')
    for s, (name, values) in enumerate(series):
        left = label_w + s * (panel_w + gap)
        parts.append(f'<text class="series" x="{left}" y="14">{esc(name)}</text>')
        top = max(values, default=0) or 1
        for i, value in enumerate(values):
            length = round(panel_w * value / top)
            y = 26 + i * row + 3
            parts.append(
                f'<rect class="bar s{s}" x="{left}" y="{y}" width="{length}" height="{row - 8}"/>'
                f'<text class="bar-value" x="{left + length + 4}" y="{y + 12}">{value}</text>'
            )
    return "".join(parts) + "</svg>"
