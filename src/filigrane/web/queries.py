"""Read-only look-ups the pages and the API need on top of `Store`: one document, pages of them, search.

A document analysed by several pipeline versions is stored once per version; these look-ups
show its latest analysis only.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Literal

from filigrane.store import Store
from filigrane.store.claims import like

SearchField = Literal["text", "entity", "outlet", "holder", "technique"]
SEARCH_FIELDS: tuple[SearchField, ...] = ("text", "entity", "outlet", "holder", "technique")

_LATEST = "d.pk IN (SELECT max(pk) FROM documents GROUP BY id)"
#: Each document's origins, as "name (country, ownership)" joined by "; ".
_ORIGIN = (
    "(SELECT group_concat(coalesce(o.name, o.outlet) || ' (' || coalesce(o.country, '?') || ', ' || "
    "coalesce(o.ownership, '?') || ')', '; ') FROM origins o WHERE o.document_pk = d.pk) AS origin"
)
_PLAIN = "d.id, d.title, d.source, d.url, d.language, d.date"
_COLUMNS = f"{_PLAIN}, {_ORIGIN}"
#: For each search field, what matched in a document (NULL when nothing did), from named params:
#: `pattern` (a LIKE pattern) and `q` (the query itself: where a text excerpt starts; an outlet's id,
#: name or word of its name, a country code or an ownership type, matched whole, never inside a word).
_MATCH: dict[SearchField, str] = {
    "text": (
        "CASE WHEN d.text LIKE :pattern ESCAPE '\\' THEN "
        "substr(d.text, max(1, instr(lower(d.text), lower(:q)) - 60), 180) END"
    ),
    "entity": (
        "(SELECT group_concat(DISTINCT json_extract(e.value, '$.text')) FROM json_each(d.json, '$.entities') e "
        "WHERE json_extract(e.value, '$.text') LIKE :pattern ESCAPE '\\')"
    ),
    "outlet": (
        "(SELECT group_concat(DISTINCT coalesce(o.name, o.outlet) || ' (' || coalesce(o.country, '?') || ', ' || "
        "coalesce(o.ownership, '?') || ')') FROM origins o WHERE o.document_pk = d.pk AND (lower(o.outlet) = lower(:q) "
        "OR lower(o.name) = lower(:q) OR ' ' || lower(o.name) || ' ' LIKE '% ' || lower(:q) || ' %' "
        "OR upper(o.country) = upper(:q) OR lower(o.ownership) = lower(:q)))"
    ),
    "holder": (
        "(SELECT group_concat(DISTINCT s.holder) FROM stances s WHERE s.document_pk = d.pk "
        "AND s.holder LIKE :pattern ESCAPE '\\')"
    ),
    # A technique's name or its category ("Doubt", "Loaded", "Attack on reputation"), with its count.
    "technique": (
        "(SELECT group_concat(t.technique || ' ×' || t.n, ', ') FROM (SELECT technique, count(*) AS n "
        "FROM techniques WHERE document_pk = d.pk "
        "AND (technique || ' ' || replace(technique, '_', ' ') || ' ' || category) LIKE :pattern ESCAPE '\\' "
        "GROUP BY technique ORDER BY n DESC) t)"
    ),
}


@dataclass(frozen=True)
class Page:
    """One page of a listing: its rows, the total count and where it starts."""

    items: list[dict[str, Any]]
    total: int
    offset: int
    limit: int

    @property
    def next_offset(self) -> int | None:
        return self.offset + self.limit if self.offset + self.limit < self.total else None

    @property
    def previous_offset(self) -> int | None:
        return max(0, self.offset - self.limit) if self.offset > 0 else None

    def to_dict(self) -> dict[str, Any]:
        return {"items": self.items, "total": self.total, "offset": self.offset, "limit": self.limit}


def paged(items: list[dict[str, Any]], offset: int, limit: int) -> Page:
    """A page of an in-memory list (corpus-level outputs are stored as JSON lists)."""
    return Page(items[offset : offset + limit], len(items), offset, limit)


def document(store: Store, document_id: str) -> dict[str, Any] | None:
    """The contract dict of a stored document (its latest analysis), or None."""
    row = store.connection.execute(
        "SELECT json FROM documents WHERE id = ? ORDER BY pk DESC LIMIT 1", (document_id,)
    ).fetchone()
    return None if row is None else dict(json.loads(row[0]))


def documents(store: Store, offset: int, limit: int) -> Page:
    """Stored documents, newest first."""
    return _page(store, f"FROM documents d WHERE {_LATEST}", {}, offset, limit)


def search(store: Store, field: SearchField, query: str, offset: int, limit: int) -> Page:
    """Documents whose text, an entity or a claim holder contains `query` (any case), or with an origin
    that `query` names: the outlet's id or name, a word of its name, its country code or its ownership.

    Each row's `match` says what matched: an excerpt of the text, or the entities, outlets or holders.
    """
    params = {"pattern": like(query), "q": query}
    matches = (
        f"FROM (SELECT d.pk, {_PLAIN}, {_MATCH[field]} AS match FROM documents d WHERE {_LATEST}) AS d "
        "WHERE d.match IS NOT NULL"
    )
    return _page(store, matches, params, offset, limit, columns=f"{_COLUMNS}, d.match")


def outlet_counts(store: Store) -> dict[str, int]:
    """How many stored documents (latest analyses) each outlet is an origin of."""
    rows = store.connection.execute(
        f"SELECT o.outlet, count(DISTINCT d.id) FROM origins o JOIN documents d ON d.pk = o.document_pk "
        f"WHERE {_LATEST} GROUP BY o.outlet"
    )
    return {str(outlet): int(count) for outlet, count in rows}


def _page(store: Store, where: str, params: dict[str, Any], offset: int, limit: int, columns: str = _COLUMNS) -> Page:
    total = int(store.connection.execute(f"SELECT count(*) {where}", params).fetchone()[0])
    cursor = store.connection.execute(
        f"SELECT {columns} {where} ORDER BY d.pk DESC LIMIT :limit OFFSET :offset",
        params | {"limit": limit, "offset": offset},
    )
    names = [column[0] for column in cursor.description]
    return Page([dict(zip(names, row, strict=True)) for row in cursor], total, offset, limit)
