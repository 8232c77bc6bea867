"""Deleting from the store: a document, or a run, and everything derived from them.

A document's rows go (its analyses under every pipeline version, and every table keyed by
`document_pk`: removed parts, claims, stances, origins, narrative matches and any table added
later), its sentence vectors are dropped from the cache, and it leaves the stories, claim groups
and repost groups that named it: a story left empty, a claim group left with one claim and a
repost group left with one document are dropped. A run takes with it the documents it stored
(those no other run stored too), its rejections, repost groups, stories and claim groups.
Everything happens in one transaction.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any, TypeVar

from filigrane.corpus_records import ClaimGroup, RepostGroup, Story
from filigrane.narratives.encoder import text_key
from filigrane.narratives.step import document_text
from filigrane.report.contract import document_from_dict
from filigrane.store.claims import index_claims


@dataclass(slots=True)
class Deleted:
    """What a deletion removed: document ids, rows per table, and the groups it changed or dropped."""

    documents: list[str] = field(default_factory=list)
    rows: dict[str, int] = field(default_factory=dict)
    groups_changed: int = 0
    groups_dropped: int = 0

    def count(self, table: str, rows: int) -> None:
        if rows > 0:
            self.rows[table] = self.rows.get(table, 0) + rows

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "rows": self.rows,
            "groups_changed": self.groups_changed,
            "groups_dropped": self.groups_dropped,
        }


def delete_document(connection: sqlite3.Connection, document_id: str) -> Deleted | None:
    """Delete every stored analysis of `document_id` and what derives from it; None when there is none."""
    pks = [pk for (pk,) in connection.execute("SELECT pk FROM documents WHERE id = ?", (document_id,))]
    if not pks:
        return None
    deleted = Deleted(documents=[document_id])
    with connection:
        _delete_rows(connection, pks, deleted)
        _leave_groups(connection, {document_id}, deleted)
    return deleted


def delete_run(connection: sqlite3.Connection, run_id: int) -> Deleted | None:
    """Delete a run, the documents it stored and its corpus outputs; None when there is no such run."""
    if connection.execute("SELECT 1 FROM runs WHERE id = ?", (run_id,)).fetchone() is None:
        return None
    rows = connection.execute("SELECT pk, id FROM documents WHERE run_id = ?", (run_id,)).fetchall()
    deleted = Deleted()
    with connection:
        _delete_rows(connection, [pk for pk, _ in rows], deleted)
        ids = {doc_id for _, doc_id in rows}
        left = {doc_id for (doc_id,) in connection.execute("SELECT DISTINCT id FROM documents")}
        gone = ids - left
        deleted.documents = sorted(gone)
        _reindex(connection, sorted(ids & left))
        for table in ("rejected", "reposts", "stories", "claim_groups"):
            deleted.count(table, connection.execute(f"DELETE FROM {table} WHERE run_id = ?", (run_id,)).rowcount)
        _leave_groups(connection, gone, deleted)
        deleted.count("runs", connection.execute("DELETE FROM runs WHERE id = ?", (run_id,)).rowcount)
    return deleted


def _reindex(connection: sqlite3.Connection, ids: list[str], chunk: int = 500) -> None:
    """An earlier analysis of a document the deleted run analysed again is its latest one again: searchable."""
    for start in range(0, len(ids), chunk):
        part = ids[start : start + chunk]
        marks = ",".join("?" * len(part))
        sql = f"SELECT max(pk) FROM documents WHERE id IN ({marks}) GROUP BY id"
        index_claims(connection, [pk for (pk,) in connection.execute(sql, part)])


def _document_tables(connection: sqlite3.Connection) -> list[str]:
    """Every table with a `document_pk` column (those added by later features included)."""
    names = [name for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    return [
        name
        for name in names
        if any(row[1] == "document_pk" for row in connection.execute(f'PRAGMA table_info("{name}")'))
    ]


def _delete_rows(connection: sqlite3.Connection, pks: list[int], deleted: Deleted) -> None:
    if not pks:
        return
    marks = ",".join("?" * len(pks))
    keys: set[str] = set()
    for (text,) in connection.execute(f"SELECT json FROM documents WHERE pk IN ({marks})", pks):
        keys |= {text_key(item) for item in _encoded_texts(json.loads(text))}
    for table in _document_tables(connection):
        deleted.count(table, connection.execute(f'DELETE FROM "{table}" WHERE document_pk IN ({marks})', pks).rowcount)
    deleted.count("documents", connection.execute(f"DELETE FROM documents WHERE pk IN ({marks})", pks).rowcount)
    vectors = connection.executemany("DELETE FROM vectors WHERE key = ?", [(key,) for key in sorted(keys)])
    deleted.count("vectors", vectors.rowcount)


def _encoded_texts(data: dict[str, Any]) -> set[str]:
    """The texts of a document the corpus steps and narrative matching encode (the vector cache's keys)."""
    doc = document_from_dict(data)
    texts = {document_text(doc), doc.title or ""}
    texts |= {claim.text for claim in doc.claims}
    texts |= {doc.text[span.start : span.end] for span in doc.sentences}
    return {text for text in texts if text}


def _leave_groups(connection: sqlite3.Connection, ids: set[str], deleted: Deleted) -> None:
    """Take `ids` out of every stored story, claim group and repost group that names one of them."""
    if not ids:
        return
    _leave(connection, "stories", "json", Story.from_dict, _story_without, ids, deleted)
    _leave(connection, "claim_groups", "json", ClaimGroup.from_dict, _claim_group_without, ids, deleted)
    _leave(connection, "reposts", '"group"', RepostGroup.from_dict, _reposts_without, ids, deleted)


Group = TypeVar("Group", Story, ClaimGroup, RepostGroup)


def _leave(
    connection: sqlite3.Connection,
    table: str,
    column: str,
    read: Callable[[dict[str, Any]], Group],
    without: Callable[[Group, set[str]], Group | None],
    ids: set[str],
    deleted: Deleted,
) -> None:
    """Rewrite (or drop) the rows of `table` whose group names one of `ids`."""
    for rowid, text in connection.execute(f"SELECT rowid, {column} FROM {table}").fetchall():
        group = read(json.loads(text))
        if ids.isdisjoint(group.document_ids):
            continue
        kept = without(group, ids)
        if kept is None:
            connection.execute(f"DELETE FROM {table} WHERE rowid = ?", (rowid,))
            deleted.groups_dropped += 1
        else:
            data = json.dumps(kept.to_dict(), ensure_ascii=False)
            connection.execute(f"UPDATE {table} SET {column} = ? WHERE rowid = ?", (data, rowid))
            deleted.groups_changed += 1


def _story_without(story: Story, ids: set[str]) -> Story | None:
    documents = [doc for doc in story.documents if doc not in ids]
    return replace(story, documents=documents) if documents else None


def _reposts_without(group: RepostGroup, ids: set[str]) -> RepostGroup | None:
    documents = [doc for doc in group.documents if doc not in ids]
    if len(documents) < 2:
        return None
    origin = group.origin_document
    return replace(group, documents=documents, origin_document=None if origin in ids else origin)


def _claim_group_without(group: ClaimGroup, ids: set[str]) -> ClaimGroup | None:
    """The group without the claims of `ids`: its origins are those of the holders left (the counts of
    independent origins and owners can only fall)."""
    claims = [pair for pair in group.claims if pair[0] not in ids]
    if len(claims) < 2:
        return None
    affirmed = [entry for entry in group.affirmed_by if entry.document_id not in ids]
    denied = [entry for entry in group.denied_by if entry.document_id not in ids]
    origins = sorted({str(entry.outlet) for entry in affirmed + denied if entry.outlet})
    independent = min(group.independent_origins, max(len(origins), 1))
    owners = group.independent_owners
    return replace(
        group,
        claims=claims,
        affirmed_by=affirmed,
        denied_by=denied,
        origins=origins,
        independent_origins=independent,
        independent_owners=None if owners is None else min(owners, independent),
    )
