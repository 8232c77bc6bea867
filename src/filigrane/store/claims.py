"""Claim search over the store: filters, facet counts, and the stance rows an analyst exports.

Every filter is SQL over `claim_search` (one row per claim of the latest analysis of each document,
with its stances' and origins' values as tokens; see migration 6), never a document's JSON: a
search scans one table, with no join per row. Story, claim-group and narrative filters are
uncorrelated sub-queries, computed once. Facets are counted in three grouped scans (the token
columns together, outlets, holders), the total with them.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import asdict, dataclass, fields
from typing import Any

from filigrane.provenance.catalogue import OWNERSHIP_TYPES
from filigrane.report.contract import schema
from filigrane.store.schema import CLAIM_SEARCH_FILL


def _stance_values(*path: str) -> tuple[str, ...]:
    """The values the contract's JSON Schema allows at `path` within a stance (its single source)."""
    node: Any = schema()["$defs"]["stance"]["properties"]
    for key in path:
        node = node[key]
    return tuple(node["enum"])


#: The contract's holder kinds, polarities, certainties and marker types (one flat export column each).
HOLDER_KINDS = _stance_values("holder_kind")
POLARITIES = _stance_values("polarity")
CERTAINTIES = _stance_values("certainty")
MARKER_TYPES = _stance_values("markers", "items", "properties", "type")
#: Values shown per facet (the most frequent first).
FACET_SIZE = 30

_LATEST_STORIES = "s.run_id = (SELECT max(run_id) FROM stories)"
_LATEST_GROUPS = "g.run_id = (SELECT max(run_id) FROM claim_groups)"
_STORY_MEMBERS = (
    "SELECT m.value AS document_id, json_extract(s.json, '$.id') AS story_id "
    f"FROM stories s, json_each(s.json, '$.documents') m WHERE {_LATEST_STORIES}"
)
_GROUP_MEMBERS = (
    "SELECT json_extract(m.value, '$[0]') AS document_id, json_extract(m.value, '$[1]') AS claim_id, "
    "json_extract(g.json, '$.id') AS group_id "
    f"FROM claim_groups g, json_each(g.json, '$.claims') m WHERE {_LATEST_GROUPS}"
)


@dataclass(frozen=True, slots=True)
class ClaimFilters:
    """What a claim search asks for; an empty field does not filter.

    `q` and `holder` match a substring (any case); `holder_kind`, `polarity` and `certainty` given
    together must hold for one stance of the claim; `outlet` an outlet's id or name exactly (any
    case); `since`/`until` are days (YYYY-MM-DD, both included); `narrative` a catalogue entry id,
    or `*` for any match; `story` and `claim_group` ids of the latest corpus update.
    """

    q: str = ""
    holder: str = ""
    holder_kind: str = ""
    polarity: str = ""
    certainty: str = ""
    marker: str = ""
    technique: str = ""
    outlet: str = ""
    country: str = ""
    ownership: str = ""
    language: str = ""
    since: str = ""
    until: str = ""
    story: str = ""
    claim_group: str = ""
    narrative: str = ""

    def to_dict(self) -> dict[str, str]:
        """The filters in use (for stable URLs and the API's answer)."""
        return {key: value for key, value in asdict(self).items() if value}

    @classmethod
    def names(cls) -> tuple[str, ...]:
        return tuple(field.name for field in fields(cls))


@dataclass(frozen=True, slots=True)
class ClaimPage:
    """One page of a claim search: the claims, how many match in all, the facet counts."""

    claims: list[dict[str, Any]]
    total: int
    offset: int
    limit: int
    facets: dict[str, list[dict[str, Any]]]

    def to_dict(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "offset": self.offset,
            "limit": self.limit,
            "facets": self.facets,
            "claims": self.claims,
        }


def like(text: str) -> str:
    """A LIKE pattern (with `ESCAPE '\\'`) for `text` anywhere."""
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


#: The claim keys (`cid`) a technique or category `?1` is used in: claims whose text holds or overlaps one of its spans.
_TECHNIQUE_CLAIMS = (
    'SELECT c.rowid FROM techniques t JOIN claims c ON c.document_pk = t.document_pk AND c.start < t."end" '
    'AND c."end" > t.start WHERE t.technique = ?1 OR t.category = ?1'
)


def _token(column: str, value: str, separator: str = " ") -> tuple[str, str]:
    """A condition on a token column of `claim_search k`: `value` is one of its tokens."""
    return f"instr(k.{column}, '{separator}' || ? || '{separator}') > 0", value


def conditions(f: ClaimFilters) -> tuple[list[str], list[Any]]:
    """SQL conditions on `claim_search k` and their parameters."""
    found: list[tuple[str, Any]] = []
    if f.q:
        found.append(("k.text LIKE ? ESCAPE '\\'", like(f.q)))
    stance = (
        ("kinds", f.holder_kind, HOLDER_KINDS),
        ("polarities", f.polarity, POLARITIES),
        ("certainties", f.certainty, CERTAINTIES),
    )
    asked = [(column, value, known) for column, value, known in stance if value]
    if len(asked) == 1:
        found.append(_token(asked[0][0], asked[0][1]))
    elif asked:  # several: one stance must have them all ("denied by an anonymous source")
        parts = [value if value in known else "" for _, value, known in stance]
        if any(value and value not in known for _, value, known in stance):
            found.append(("0", None))
        else:
            found.append(("k.stances GLOB ?", "* " + "/".join(part or "[^ /]*" for part in parts) + " *"))
    if f.marker:
        found.append(_token("markers", f.marker))
    if f.holder:
        found.append(("k.holders LIKE ? ESCAPE '\\'", like(f.holder)))
    if f.outlet:
        found.append(
            (
                "(instr(k.outlets, ' ' || lower(?1) || ' ') > 0 OR instr(k.outlet_names, '|' || lower(?1) || '|') > 0)",
                f.outlet,
            )
        )
    if f.country:
        found.append(_token("countries", f.country.upper()))
    if f.ownership:
        found.append(_token("ownerships", f.ownership))
    if f.language:
        found.append(("k.language = ?", f.language))
    if f.since:
        found.append(("k.day >= ?", f.since))
    if f.until:
        found.append(("k.day <= ?", f.until))
    if f.story:
        found.append((f"k.document_id IN (SELECT document_id FROM ({_STORY_MEMBERS}) WHERE story_id = ?)", f.story))
    if f.claim_group:
        members = f"SELECT document_id, claim_id FROM ({_GROUP_MEMBERS}) WHERE group_id = ?"
        found.append((f"(k.document_id, k.claim_id) IN ({members})", f.claim_group))
    if f.narrative:
        entry = "1" if f.narrative == "*" else "n.entry_id = ?1"
        found.append(
            (
                "(k.document_pk IN (SELECT n.document_pk FROM narrative_matches n "
                f"WHERE {entry} AND n.claim_id IS NULL) "
                f"OR (k.document_pk, k.claim_id) IN (SELECT n.document_pk, n.claim_id FROM narrative_matches n "
                f"WHERE {entry}))",
                None if f.narrative == "*" else f.narrative,
            )
        )
    if f.technique:
        found.append((f"k.cid IN ({_TECHNIQUE_CLAIMS})", f.technique))
    return _numbered(found), [value for _, value in found if value is not None]


def _numbered(found: list[tuple[str, Any]]) -> list[str]:
    """The conditions with their parameters numbered in order (`?1` in a condition: its own parameter, reused)."""
    where, number = ["1"], 0
    for sql, value in found:
        if value is None:
            where.append(sql)
            continue
        number += 1
        where.append(sql.replace("?1", f"?{number}") if "?1" in sql else sql.replace("?", f"?{number}"))
    return where


def index_claims(connection: sqlite3.Connection, document_pks: list[int]) -> None:
    """Put the claims of these analyses in `claim_search` (each the latest of its document id)."""
    if document_pks:
        ids = f"SELECT id FROM documents WHERE pk IN ({_marks(document_pks)})"
        connection.execute(f"DELETE FROM claim_search WHERE document_id IN ({ids})", document_pks)
        connection.execute(CLAIM_SEARCH_FILL.format(where=f"c.document_pk IN ({_marks(document_pks)})"), document_pks)


#: Facet counts and totals already computed, by (store file, filters, store generation); see `_generation`.
_COUNTED: OrderedDict[tuple[str, ClaimFilters, tuple[Any, ...]], tuple[dict[str, list[dict[str, Any]]], int]] = (
    OrderedDict()
)
_COUNTED_SIZE = 64
_COUNTED_LOCK = threading.Lock()
_HITS = "temp.claim_hits h CROSS JOIN claim_search k ON k.cid = h.cid"


def _generation(connection: sqlite3.Connection) -> tuple[Any, ...]:
    """What changes whenever the searchable claims, their groups or narrative matches change (each a cheap look-up)."""
    return tuple(
        connection.execute(
            "SELECT (SELECT count(*) FROM claim_search), (SELECT max(cid) FROM claim_search), "
            "(SELECT max(id) FROM runs), "
            "(SELECT max(rowid) FROM stories), (SELECT max(rowid) FROM claim_groups), "
            "(SELECT count(*) FROM narrative_matches), (SELECT max(rowid) FROM narrative_matches)"
        ).fetchone()
    )


def search_claims(connection: sqlite3.Connection, f: ClaimFilters, offset: int, limit: int) -> ClaimPage:
    """The claims matching `f`, newest documents first (claims in text order), with facet counts.

    Filtered, the matching claims are found in one scan and kept in a temporary table that the
    facets and the page read by key; the facet counts of a view are kept (in this process) until
    the store changes, so paging through a view counts once.
    """
    where, params = conditions(f)
    source = "claim_search k"
    if len(where) > 1:
        connection.execute("DROP TABLE IF EXISTS temp.claim_hits")
        connection.execute("CREATE TEMP TABLE claim_hits (cid INTEGER PRIMARY KEY)")
        connection.execute(
            f"INSERT INTO temp.claim_hits SELECT k.cid FROM claim_search k WHERE {' AND '.join(where)}", params
        )
        source = _HITS
    try:
        key = (_database(connection), f, _generation(connection))
        with _COUNTED_LOCK:
            counted = _COUNTED.get(key)
        if counted is None:
            counted = _facets(connection, source)
        with _COUNTED_LOCK:  # requests run in threads
            _COUNTED[key] = counted
            _COUNTED.move_to_end(key)
            while len(_COUNTED) > _COUNTED_SIZE:
                _COUNTED.popitem(last=False)
        facets, total = counted
        cursor = connection.execute(
            f"SELECT k.cid FROM {source} ORDER BY k.document_pk DESC, k.cid LIMIT {int(limit)} OFFSET {int(offset)}"
        )
        claims = _page(connection, [cid for (cid,) in cursor])
    finally:
        connection.execute("DROP TABLE IF EXISTS temp.claim_hits")
    return ClaimPage(claims, total, offset, limit, facets)


def _database(connection: sqlite3.Connection) -> str:
    return str(connection.execute("PRAGMA database_list").fetchone()[2])


def _page(connection: sqlite3.Connection, cids: list[int]) -> list[dict[str, Any]]:
    if not cids:
        return []
    cursor = connection.execute(
        "SELECT c.document_pk, d.id AS document_id, d.title, d.source, d.url, d.date, d.language, c.claim_id, "
        'c.text, c.start, c."end" FROM claims c JOIN documents d ON d.pk = c.document_pk '
        f"WHERE c.rowid IN ({_marks(cids)}) ORDER BY c.document_pk DESC, c.rowid",
        cids,
    )
    names = [column[0] for column in cursor.description]
    rows = [dict(zip(names, row, strict=True)) for row in cursor]
    pks = sorted({row["document_pk"] for row in rows})
    ids = sorted({row["document_id"] for row in rows})
    stances = _stances(connection, pks)
    origins = _origins(connection, pks)
    stories = _members(connection, f"SELECT document_id, story_id FROM ({_STORY_MEMBERS})", ids)
    groups = _members(connection, f"SELECT document_id || ' ' || claim_id, group_id FROM ({_GROUP_MEMBERS})", ids)
    narratives = _narratives(connection, pks)
    for row in rows:
        pk = row.pop("document_pk")
        claim = (pk, row["claim_id"])
        row["outlets"] = origins.get(pk, [])
        row["outlet"] = row["outlets"][0]["name"] if row["outlets"] else None
        row["stances"] = stances.get(claim, [])
        row["stories"] = stories.get(row["document_id"], [])
        row["claim_groups"] = groups.get(f"{row['document_id']} {row['claim_id']}", [])
        row["narratives"] = [n for n in narratives.get(pk, []) if n["claim_id"] in (None, row["claim_id"])]
    return rows


def _marks(values: list[Any]) -> str:
    return ",".join("?" * len(values))


def _stances(connection: sqlite3.Connection, pks: list[int]) -> dict[tuple[int, str], list[dict[str, Any]]]:
    cursor = connection.execute(
        "SELECT document_pk, claim_id, holder, holder_id, holder_role, holder_kind, cue, polarity, negated, certainty, "
        f"markers FROM stances WHERE document_pk IN ({_marks(pks)}) ORDER BY rowid",
        pks,
    )
    found: dict[tuple[int, str], list[dict[str, Any]]] = {}
    for pk, claim_id, holder, holder_id, role, kind, cue, polarity, negated, certainty, markers in cursor:
        found.setdefault((pk, claim_id), []).append(
            {
                "holder": holder,
                "holder_id": holder_id,
                "holder_role": role,
                "holder_kind": kind,
                "cue": cue,
                "polarity": polarity,
                "negated": None if negated is None else bool(negated),
                "certainty": certainty,
                "markers": json.loads(markers),
            }
        )
    return found


def _origins(connection: sqlite3.Connection, pks: list[int]) -> dict[int, list[dict[str, Any]]]:
    cursor = connection.execute(
        f"SELECT document_pk, outlet, name, country, ownership FROM origins WHERE document_pk IN ({_marks(pks)}) "
        "ORDER BY confidence DESC, rowid",
        pks,
    )
    found: dict[int, list[dict[str, Any]]] = {}
    for pk, outlet, name, country, ownership in cursor:
        found.setdefault(pk, []).append({"outlet": outlet, "name": name, "country": country, "ownership": ownership})
    return found


def _members(connection: sqlite3.Connection, sql: str, ids: list[str]) -> dict[str, list[str]]:
    """Stories (or claim groups) of the documents `ids`, by document id (or "document_id claim_id")."""
    found: dict[str, list[str]] = {}
    for key, group in connection.execute(f"{sql} WHERE document_id IN ({_marks(ids)})", ids):
        found.setdefault(str(key), []).append(str(group))
    return found


def _narratives(connection: sqlite3.Connection, pks: list[int]) -> dict[int, list[dict[str, Any]]]:
    cursor = connection.execute(
        "SELECT document_pk, claim_id, entry_id, catalogue, title, score FROM narrative_matches "
        f"WHERE document_pk IN ({_marks(pks)}) ORDER BY score DESC",
        pks,
    )
    found: dict[int, list[dict[str, Any]]] = {}
    for pk, claim_id, entry_id, catalogue, title, score in cursor:
        found.setdefault(pk, []).append(
            {"claim_id": claim_id, "entry_id": entry_id, "catalogue": catalogue, "title": title, "score": score}
        )
    return found


#: Facets with a closed vocabulary (the contract's values): counted together in one scan, a sum per value.
_CLOSED: dict[str, tuple[str, tuple[str, ...]]] = {
    "holder_kind": ("kinds", HOLDER_KINDS),
    "polarity": ("polarities", POLARITIES),
    "certainty": ("certainties", CERTAINTIES),
    "marker": ("markers", MARKER_TYPES),
    "ownership": ("ownerships", tuple(OWNERSHIP_TYPES)),
}
#: Facets with an open vocabulary: one grouped scan each (`country` and `language` together).
_OPEN = (("country", "countries", " "), ("outlet", "outlets", " "), ("holder", "holders", "|"))


def _facets(connection: sqlite3.Connection, source: str) -> tuple[dict[str, list[dict[str, Any]]], int]:
    """The facet counts (claims per value, most first) over the claims of `source` (`k`), and their number.

    SQLite groups by sorting; summing one condition per known value avoids the sort (one scan for
    all closed facets), so only the open facets (countries and languages, outlets, holders) group."""
    matching = f"FROM {source}"
    sums = [f"sum(instr(k.{column}, ' {value} ') > 0)" for column, values in _CLOSED.values() for value in values]
    row = connection.execute(f"SELECT count(*), {', '.join(sums)} {matching}").fetchone()
    total, found = int(row[0]), iter(row[1:])
    counts: dict[str, dict[str, int]] = {}
    for name, (_, values) in _CLOSED.items():
        counts[name] = {value: int(next(found) or 0) for value in values}
    counts |= {"country": {}, "language": {}, "outlet": {}, "holder": {}}
    for countries, language, count in connection.execute(
        f"SELECT k.countries, k.language, count(*) {matching} GROUP BY 1, 2"
    ):
        _add(counts["country"], countries.split(), count)
        _add(counts["language"], [language] if language else [], count)
    for name, column, separator in _OPEN[1:]:
        for value, count in connection.execute(f"SELECT k.{column}, count(*) {matching} GROUP BY 1"):
            _add(counts[name], [token for token in value.split(separator) if token], count)
    facets = {name: _top(values) for name, values in counts.items()}
    names = _outlet_names(connection, [item["value"] for item in facets["outlet"]])
    for item in facets["outlet"]:
        item["label"] = names.get(item["value"], item["value"])
    facets["narrative"] = _narrative_facet(connection, source)
    facets["technique"] = _technique_facet(connection, source)
    return facets, total


def _add(counts: dict[str, int], values: list[str], count: int) -> None:
    for value in values:
        counts[value] = counts.get(value, 0) + count


def _top(counts: dict[str, int]) -> list[dict[str, Any]]:
    ranked = sorted(((v, n) for v, n in counts.items() if n), key=lambda item: (-item[1], item[0]))[:FACET_SIZE]
    return [{"value": value, "label": value, "count": count} for value, count in ranked]


def _outlet_names(connection: sqlite3.Connection, outlets: list[str]) -> dict[str, str]:
    sql = (
        "SELECT lower(outlet), max(coalesce(name, outlet)) FROM origins "
        f"WHERE lower(outlet) IN ({_marks(outlets)}) GROUP BY 1"
    )
    return {str(outlet): str(name) for outlet, name in connection.execute(sql, outlets)} if outlets else {}


def _narrative_facet(connection: sqlite3.Connection, source: str) -> list[dict[str, Any]]:
    """Catalogue entries matched by the claims (or, at document level, the documents) of `source`."""
    hits = "" if source == "claim_search k" else "CROSS JOIN temp.claim_hits h ON h.cid = k.cid "
    rows = connection.execute(
        "SELECT n.entry_id, max(coalesce(n.title, n.entry_id)), count(DISTINCT k.cid) FROM narrative_matches n "
        "CROSS JOIN claim_search k ON k.document_pk = n.document_pk "
        "AND (n.claim_id IS NULL OR k.claim_id = n.claim_id) "
        f"{hits}GROUP BY 1 ORDER BY 3 DESC, 1 LIMIT {FACET_SIZE}"
    )
    return [{"value": value, "label": label, "count": count} for value, label, count in rows]


def _technique_facet(connection: sqlite3.Connection, source: str) -> list[dict[str, Any]]:
    """Techniques used in the claims of `source` (a span inside or across the claim's text)."""
    hits = "" if source == "claim_search k" else "CROSS JOIN temp.claim_hits h ON h.cid = c.rowid "
    rows = connection.execute(
        "SELECT t.technique, count(DISTINCT c.rowid) FROM techniques t "
        'CROSS JOIN claims c ON c.document_pk = t.document_pk AND c.start < t."end" AND c."end" > t.start '
        "JOIN claim_search k ON k.cid = c.rowid "
        f"{hits}GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT {FACET_SIZE}"
    )
    return [{"value": value, "label": value, "count": count} for value, count in rows]


def stance_sql(where: str = "1") -> str:
    """One row per stance of the claims matching `where` (on `claims c`, `documents d`): the document, its
    origins, its stories and claim groups, the claim, the stance, and one flat column per marker type
    (the marked texts, joined by ` | `)."""
    markers = ", ".join(
        f"(SELECT group_concat(json_extract(m.value, '$.text'), ' | ') FROM json_each(s.markers) m "
        f"WHERE json_extract(m.value, '$.type') = '{kind}') AS {kind}"
        for kind in MARKER_TYPES
    )
    origin = "(SELECT group_concat({}, '; ') FROM (SELECT DISTINCT {} AS v FROM origins o WHERE o.document_pk = d.pk))"
    return (
        f"WITH story_of AS MATERIALIZED ({_STORY_MEMBERS}), group_of AS MATERIALIZED ({_GROUP_MEMBERS}) "
        "SELECT d.id AS document_id, d.title, d.source, d.url, d.date, d.language, "
        f"{origin.format('v', 'coalesce(o.name, o.outlet)')} AS outlet, {origin.format('v', 'o.country')} AS country, "
        f"{origin.format('v', 'o.ownership')} AS ownership, "
        "(SELECT group_concat(story_id, '; ') FROM story_of WHERE story_of.document_id = d.id) AS story_id, "
        "(SELECT group_concat(group_id, '; ') FROM group_of WHERE group_of.document_id = d.id "
        "AND group_of.claim_id = c.claim_id) AS claim_group_id, "
        "c.claim_id, c.text AS claim, s.holder, s.holder_id, s.holder_role, s.holder_kind, s.cue, s.polarity, "
        f"s.negated, s.certainty, {markers} "
        "FROM stances s JOIN claims c ON c.document_pk = s.document_pk AND c.claim_id = s.claim_id "
        f"JOIN documents d ON d.pk = s.document_pk WHERE {where} ORDER BY s.rowid"
    )


def stance_rows(connection: sqlite3.Connection, f: ClaimFilters) -> tuple[list[str], Iterator[tuple[Any, ...]]]:
    """The stance export of the claims matching `f`: column names and rows."""
    where, params = conditions(f)
    cursor = connection.execute(
        stance_sql(f"c.rowid IN (SELECT k.cid FROM claim_search k WHERE {' AND '.join(where)})"), params
    )
    return [column[0] for column in cursor.description], iter(cursor)
