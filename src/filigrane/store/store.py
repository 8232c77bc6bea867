"""`Store`: every analysed document, rejection and corpus-level output, in one SQLite file."""

from __future__ import annotations

import json
import os
import sqlite3
import sys
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any

from filigrane.corpus_records import RepostGroup
from filigrane.document import Document, Rejection
from filigrane.store.claims import index_claims, stance_sql
from filigrane.store.corpus import CorpusTables
from filigrane.store.schema import StoreError, migrate

#: Tables an analyst can export, as (name, SQL). Child rows carry the document's contract id.
EXPORT_TABLES: dict[str, str] = {
    "documents": (
        "SELECT d.id, d.pipeline_version, d.run_id, d.source, d.url, d.language, d.title, d.date, "
        "d.content_hash, d.raw_hash, length(d.text) AS characters FROM documents d ORDER BY d.pk"
    ),
    "stances": stance_sql(),
    "claims": ('SELECT c.document_id, c.claim_id, c.text, c.start, c."end" FROM claims c ORDER BY c.rowid'),
    "origins": (
        "SELECT o.document_id, d.title, d.source, o.outlet, o.name, o.country, o.ownership, o.confidence, "
        "o.evidence FROM origins o JOIN documents d ON d.pk = o.document_pk ORDER BY o.rowid"
    ),
    "techniques": (
        "SELECT t.document_id, d.title, d.source, t.technique_id, t.technique, t.category, t.paragraph, t.start, "
        't."end", t.text, t.score, t.target, t.cues FROM techniques t JOIN documents d ON d.pk = t.document_pk '
        "ORDER BY t.rowid"
    ),
    "removed": "SELECT r.document_id, r.reason, r.text FROM removed r ORDER BY r.rowid",
    "rejected": "SELECT run_id, source, reason, detail FROM rejected ORDER BY rowid",
    "runs": (
        "SELECT id, started, finished, filigrane_version, pipeline_version, options, counts FROM runs ORDER BY id"
    ),
    # The latest run's stories and claim groups (each run's cover the whole store), one row per member.
    "stories": (
        "SELECT json_extract(s.json, '$.id') AS story_id, json_extract(s.json, '$.label') AS label, "
        "json_extract(s.json, '$.first_seen') AS first_seen, m.value AS document_id, d.title, d.source "
        "FROM stories s, json_each(s.json, '$.documents') m "
        "LEFT JOIN documents d ON d.pk = (SELECT MAX(pk) FROM documents WHERE id = m.value) "
        "WHERE s.run_id = (SELECT MAX(run_id) FROM stories) ORDER BY s.id, m.key"
    ),
    "claim_groups": (
        "SELECT json_extract(g.json, '$.id') AS group_id, json_extract(g.json, '$.label') AS label, "
        "json_extract(g.json, '$.independent_origins') AS independent_origins, "
        "json_extract(g.json, '$.independent_owners') AS independent_owners, "
        "json_extract(m.value, '$[0]') AS document_id, json_extract(m.value, '$[1]') AS claim_id, c.text AS claim "
        "FROM claim_groups g, json_each(g.json, '$.claims') m "
        "LEFT JOIN claims c ON c.claim_id = json_extract(m.value, '$[1]') AND c.document_pk = "
        "(SELECT MAX(pk) FROM documents WHERE id = json_extract(m.value, '$[0]')) "
        "WHERE g.run_id = (SELECT MAX(run_id) FROM claim_groups) ORDER BY g.id, m.key"
    ),
}

#: Rows written between two commits: a crash loses at most this many documents.
COMMIT_EVERY = 200


def default_db_path() -> Path:
    """$FILIGRANE_DB, else `filigrane.db` in the user's data folder (XDG on Linux)."""
    explicit = os.environ.get("FILIGRANE_DB")
    if explicit:
        return Path(explicit).expanduser()
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "filigrane" / "filigrane.db"


#: How long a write waits for another writer's lock before giving up (seconds; SQLite's own is 5).
DEFAULT_LOCK_TIMEOUT = 30.0


def lock_timeout() -> float:
    """$FILIGRANE_DB_TIMEOUT (seconds) if set to a number, else `DEFAULT_LOCK_TIMEOUT`."""
    try:
        value = float(os.environ.get("FILIGRANE_DB_TIMEOUT", DEFAULT_LOCK_TIMEOUT))
    except ValueError:
        return DEFAULT_LOCK_TIMEOUT
    return value if 0 <= value < float("inf") else DEFAULT_LOCK_TIMEOUT


def is_locked(error: BaseException) -> bool:
    """Whether SQLite gave up waiting for another connection's lock."""
    return isinstance(error, sqlite3.OperationalError) and ("locked" in str(error) or "busy" in str(error))


def raw_hash(doc: Document) -> str:
    """SHA-256 of the input as read (the HTML for HTML inputs): what the no-op rule compares."""
    return doc.raw_hash


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Store(CorpusTables):
    """A SQLite file (WAL mode) migrated to the current schema on opening.

    >>> with Store("filigrane.db") as store:
    ...     run = store.start_run(version, options={})
    ...     store.add_document(run, doc, version)
    ...     store.finish_run(run, counts={})
    """

    def __init__(self, path: str | Path, timeout: float | None = None) -> None:
        """`timeout`: seconds a write waits for another writer's lock (default: `lock_timeout()`);
        past it, SQLite raises `OperationalError` ("database is locked", see `is_locked`)."""
        self.path = Path(path)
        self.timeout = lock_timeout() if timeout is None else timeout
        if str(path) != ":memory:":
            self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.connection = sqlite3.connect(str(path), timeout=self.timeout)
            self.connection.execute("PRAGMA journal_mode = WAL")
        except sqlite3.DatabaseError as error:
            raise StoreError(f"{path} is not a Filigrane database ({error})") from error
        self.connection.execute("PRAGMA foreign_keys = ON")
        try:
            self.schema_version = migrate(self.connection, name=str(path))
        except (StoreError, sqlite3.DatabaseError):
            self.connection.close()
            raise
        self._pending = 0

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        self.connection.commit()
        self.connection.close()

    # -- writing ---------------------------------------------------------------------------------

    def start_run(self, pipeline_version: str, options: dict[str, Any]) -> int:
        from filigrane.version import __version__

        cursor = self.connection.execute(
            "INSERT INTO runs (started, filigrane_version, pipeline_version, options) VALUES (?, ?, ?, ?)",
            (_now(), __version__, pipeline_version, json.dumps(options, sort_keys=True, default=str)),
        )
        self.connection.commit()
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def finish_run(self, run_id: int, counts: dict[str, Any]) -> None:
        self.connection.execute(
            "UPDATE runs SET finished = ?, counts = ? WHERE id = ?", (_now(), json.dumps(counts), run_id)
        )
        self.connection.commit()

    def add_document(self, run_id: int, doc: Document, pipeline_version: str, raw: str | None = None) -> bool:
        """Store an analysed document and its parts; False if (id, pipeline version) is already there.

        `raw`: the hash of the input as read, for a document rebuilt from its contract dict (which
        does not carry its input): what lets a later run skip that input.
        """
        from filigrane.report.contract import document_to_dict

        data = document_to_dict(doc)
        cursor = self.connection.execute(
            "INSERT OR IGNORE INTO documents (id, content_hash, raw_hash, pipeline_version, source, url, language, "
            "title, date, text, json, run_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                doc.id,
                doc.content_hash,
                raw or raw_hash(doc),
                pipeline_version,
                doc.source,
                doc.url,
                doc.language,
                doc.title,
                doc.date,
                doc.text,
                json.dumps(data, ensure_ascii=False),
                run_id,
            ),
        )
        if cursor.rowcount == 0:
            return False
        pk = cursor.lastrowid
        assert pk is not None
        execute = self.connection.executemany
        execute(
            "INSERT INTO removed (document_pk, document_id, text, reason) VALUES (?, ?, ?, ?)",
            [(pk, doc.id, r.text, r.reason) for r in doc.removed],
        )
        execute(
            'INSERT INTO claims (document_pk, document_id, claim_id, text, start, "end") VALUES (?, ?, ?, ?, ?, ?)',
            [(pk, doc.id, c.id, c.text, c.start, c.end) for c in doc.claims],
        )
        execute(
            "INSERT INTO stances (document_pk, document_id, claim_id, holder, holder_kind, cue, polarity, certainty, "
            "markers, holder_id, holder_role, negated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    pk,
                    doc.id,
                    c.id,
                    s.holder,
                    s.holder_kind,
                    s.cue,
                    s.polarity,
                    s.certainty,
                    json.dumps([m.to_dict() for m in s.markers], ensure_ascii=False),
                    s.holder_id,
                    s.holder_role,
                    int(s.negated),
                )
                for c in doc.claims
                for s in c.stances
            ],
        )
        self._add_origins(pk, doc)
        execute(
            "INSERT INTO techniques (document_pk, document_id, technique_id, technique, category, start, "
            '"end", text, paragraph, score, cues, target) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
            [  # from the contract dict: the same score (rounded) as the document's JSON and a loaded Ray run
                (
                    pk,
                    doc.id,
                    t["id"],
                    t["technique"],
                    t["category"],
                    t["start"],
                    t["end"],
                    t["text"],
                    t["paragraph"],
                    t["score"],
                    json.dumps(t["cues"], ensure_ascii=False),
                    t["target"],
                )
                for t in data["techniques"]
            ],
        )
        self.add_narrative_matches(pk, doc.id, doc.narratives)
        index_claims(self.connection, [pk])
        self._tick()
        return True

    def _add_origins(self, pk: int | None, doc: Document) -> None:
        self.connection.executemany(
            "INSERT INTO origins (document_pk, document_id, outlet, name, country, ownership, confidence, evidence) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    pk,
                    doc.id,
                    o.outlet,
                    o.name,
                    o.country,
                    o.ownership,
                    o.confidence,
                    json.dumps([trace.to_dict() for trace in o.evidence], ensure_ascii=False),
                )
                for o in doc.origins
            ],
        )

    def replace_document(self, doc: Document, pipeline_version: str) -> None:
        """Rewrite a stored document amended once its run's corpus was complete (evidence, origins)."""
        from filigrane.report.contract import document_to_dict

        row = self.connection.execute(
            "SELECT pk FROM documents WHERE id = ? AND pipeline_version = ?", (doc.id, pipeline_version)
        ).fetchone()
        if row is None:
            return
        data = json.dumps(document_to_dict(doc), ensure_ascii=False)
        self.connection.execute("UPDATE documents SET json = ? WHERE pk = ?", (data, row[0]))
        self.connection.execute("DELETE FROM origins WHERE document_pk = ?", (row[0],))
        self._add_origins(row[0], doc)
        index_claims(self.connection, [row[0]])
        self._tick()

    def add_rejection(self, run_id: int, rejection: Rejection) -> None:
        self.connection.execute(
            "INSERT INTO rejected (run_id, source, reason, detail) VALUES (?, ?, ?, ?)",
            (run_id, rejection.source, rejection.reason, rejection.detail),
        )
        self._tick()

    def add_reposts(self, run_id: int, groups: Iterable[RepostGroup]) -> None:
        self.connection.executemany(
            'INSERT INTO reposts (run_id, "group") VALUES (?, ?)',
            [(run_id, json.dumps(group.to_dict(), ensure_ascii=False)) for group in groups],
        )
        self.connection.commit()

    def _tick(self) -> None:
        self._pending += 1
        if self._pending >= COMMIT_EVERY:
            self.connection.commit()
            self._pending = 0

    # -- reading ---------------------------------------------------------------------------------

    def known(self, raw_hash: str, pipeline_version: str, before_run: int | None = None) -> bool:
        """Whether this input was already analysed by this pipeline version (the no-op rule).

        `before_run`: only count runs before that one, so that a run's own copies are all analysed.
        """
        sql = "SELECT 1 FROM documents WHERE raw_hash = ? AND pipeline_version = ?"
        params: tuple[Any, ...] = (raw_hash, pipeline_version)
        if before_run is not None:
            sql, params = sql + " AND run_id < ?", (*params, before_run)
        row = self.connection.execute(sql + " LIMIT 1", params).fetchone()
        return row is not None

    def id_taken(self, doc_id: str, pipeline_version: str, raw_hash: str) -> bool:
        """Whether another input (another raw hash) is stored under this id and pipeline version."""
        row = self.connection.execute(
            "SELECT 1 FROM documents WHERE id = ? AND pipeline_version = ? AND raw_hash != ? LIMIT 1",
            (doc_id, pipeline_version, raw_hash),
        ).fetchone()
        return row is not None

    def stored(self, raw_hash: str, pipeline_version: str) -> dict[str, Any] | None:
        """The contract dict stored for this input and pipeline version (the first, if several)."""
        row = self.connection.execute(
            "SELECT json FROM documents WHERE raw_hash = ? AND pipeline_version = ? ORDER BY pk LIMIT 1",
            (raw_hash, pipeline_version),
        ).fetchone()
        return None if row is None else dict(json.loads(row[0]))

    def document(self, doc_id: str, pipeline_version: str) -> dict[str, Any] | None:
        """The contract dict stored under this id by this pipeline version."""
        row = self.connection.execute(
            "SELECT json FROM documents WHERE id = ? AND pipeline_version = ?", (doc_id, pipeline_version)
        ).fetchone()
        return None if row is None else dict(json.loads(row[0]))

    def documents(self, pipeline_version: str | None = None) -> Iterator[dict[str, Any]]:
        """Stored contract dicts, oldest first (of one pipeline version, if given)."""
        sql = "SELECT json FROM documents" + (" WHERE pipeline_version = ?" if pipeline_version else "")
        params = (pipeline_version,) if pipeline_version else ()
        for (text,) in self.connection.execute(sql + " ORDER BY pk", params):
            yield dict(json.loads(text))

    def reposts(self, run_id: int | None = None) -> list[RepostGroup]:
        sql = 'SELECT "group" FROM reposts' + (" WHERE run_id = ?" if run_id is not None else "")
        params = (run_id,) if run_id is not None else ()
        rows = self.connection.execute(sql + " ORDER BY rowid", params)
        return [RepostGroup.from_dict(json.loads(text)) for (text,) in rows]

    def reposts_within(self, document_ids: set[str]) -> list[RepostGroup]:
        """Stored repost groups whose documents are all in `document_ids` (newest run's first, no duplicates)."""
        seen: set[tuple[str, ...]] = set()
        groups = []
        for (text,) in self.connection.execute('SELECT "group" FROM reposts ORDER BY run_id DESC, rowid'):
            group = RepostGroup.from_dict(json.loads(text))
            members = tuple(sorted(group.documents))
            if members not in seen and set(members) <= document_ids:
                seen.add(members)
                groups.append(group)
        return groups

    def runs(self) -> list[dict[str, Any]]:
        cursor = self.connection.execute(EXPORT_TABLES["runs"])
        names = [c[0] for c in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor]

    def rejected(self, run_id: int | None = None) -> list[Rejection]:
        sql = "SELECT source, reason, detail FROM rejected" + (" WHERE run_id = ?" if run_id is not None else "")
        params = (run_id,) if run_id is not None else ()
        return [Rejection(*row) for row in self.connection.execute(sql + " ORDER BY rowid", params)]

    def table(self, name: str) -> tuple[list[str], Iterator[tuple[Any, ...]]]:
        """Column names and rows of an export table (see `EXPORT_TABLES`)."""
        cursor = self.connection.execute(EXPORT_TABLES[name])
        return [c[0] for c in cursor.description], iter(cursor)
