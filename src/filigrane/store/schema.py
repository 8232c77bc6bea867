"""The store's schema, as an ordered list of migrations.

Migration `n` (1-based) takes a database from schema version `n - 1` to `n`; `PRAGMA user_version`
records the version a database is at. Opening a database applies the missing migrations in
order, each in its own transaction; a database from a newer Filigrane (a version this code does
not know) is refused rather than guessed at. Migrations are only ever appended, never edited.
"""

from __future__ import annotations

import sqlite3

MIGRATIONS: tuple[str, ...] = (
    # 1: runs, documents and what the per-document analyses found.
    """
    CREATE TABLE runs (
        id INTEGER PRIMARY KEY,
        started TEXT NOT NULL,
        finished TEXT,
        filigrane_version TEXT NOT NULL,
        pipeline_version TEXT NOT NULL,
        options TEXT NOT NULL,
        counts TEXT
    );
    CREATE TABLE documents (
        pk INTEGER PRIMARY KEY,
        id TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        raw_hash TEXT NOT NULL,
        pipeline_version TEXT NOT NULL,
        source TEXT NOT NULL,
        url TEXT,
        language TEXT,
        title TEXT,
        date TEXT,
        text TEXT NOT NULL,
        json TEXT NOT NULL,
        run_id INTEGER NOT NULL REFERENCES runs(id),
        UNIQUE (id, pipeline_version)
    );
    CREATE INDEX documents_raw ON documents (raw_hash, pipeline_version);
    CREATE TABLE removed (
        document_pk INTEGER NOT NULL REFERENCES documents(pk) ON DELETE CASCADE,
        document_id TEXT NOT NULL,
        text TEXT NOT NULL,
        reason TEXT NOT NULL
    );
    CREATE TABLE claims (
        document_pk INTEGER NOT NULL REFERENCES documents(pk) ON DELETE CASCADE,
        document_id TEXT NOT NULL,
        claim_id TEXT NOT NULL,
        text TEXT NOT NULL,
        start INTEGER,
        "end" INTEGER
    );
    CREATE TABLE stances (
        document_pk INTEGER NOT NULL REFERENCES documents(pk) ON DELETE CASCADE,
        document_id TEXT NOT NULL,
        claim_id TEXT NOT NULL,
        holder TEXT,
        holder_kind TEXT,
        cue TEXT,
        polarity TEXT,
        certainty TEXT,
        markers TEXT NOT NULL
    );
    CREATE TABLE origins (
        document_pk INTEGER NOT NULL REFERENCES documents(pk) ON DELETE CASCADE,
        document_id TEXT NOT NULL,
        outlet TEXT,
        name TEXT,
        country TEXT,
        ownership TEXT,
        confidence REAL,
        evidence TEXT NOT NULL
    );
    CREATE TABLE reposts (
        run_id INTEGER NOT NULL REFERENCES runs(id),
        "group" TEXT NOT NULL
    );
    CREATE TABLE rejected (
        run_id INTEGER NOT NULL REFERENCES runs(id),
        source TEXT NOT NULL,
        reason TEXT NOT NULL,
        detail TEXT NOT NULL
    );
    CREATE INDEX removed_document ON removed (document_pk);
    CREATE INDEX claims_document ON claims (document_pk);
    CREATE INDEX stances_document ON stances (document_pk);
    CREATE INDEX origins_document ON origins (document_pk);
    """,
    # 2: corpus-level analyses still to come (stories, claim groups, narrative catalogues): the
    # tables exist, empty, so the features that fill them only add columns in later migrations.
    """
    CREATE TABLE stories (
        id INTEGER PRIMARY KEY,
        run_id INTEGER NOT NULL REFERENCES runs(id),
        json TEXT NOT NULL
    );
    CREATE TABLE claim_groups (
        id INTEGER PRIMARY KEY,
        run_id INTEGER NOT NULL REFERENCES runs(id),
        json TEXT NOT NULL
    );
    CREATE TABLE catalogues (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        version TEXT,
        json TEXT NOT NULL
    );
    CREATE INDEX reposts_run ON reposts (run_id);
    CREATE INDEX rejected_run ON rejected (run_id);
    """,
    # 3: stories and claim groups are filled (one row per group and run); catalogues are kept by
    # name (re-importing replaces); sentence vectors are kept so later runs need not re-encode.
    """
    CREATE UNIQUE INDEX catalogues_name ON catalogues (name);
    ALTER TABLE catalogues ADD COLUMN source TEXT;
    ALTER TABLE catalogues ADD COLUMN imported TEXT;
    ALTER TABLE catalogues ADD COLUMN entries INTEGER NOT NULL DEFAULT 0;
    CREATE INDEX stories_run ON stories (run_id);
    CREATE INDEX claim_groups_run ON claim_groups (run_id);
    CREATE TABLE vectors (
        encoder TEXT NOT NULL,
        key TEXT NOT NULL,
        vector BLOB NOT NULL,
        PRIMARY KEY (encoder, key)
    ) WITHOUT ROWID;
    """,
    # 4: stances name their actor (contract: `holder_id`, `holder_role`) and say whether the
    # proposition they affirm is negative (`negated`).
    """
    ALTER TABLE stances ADD COLUMN holder_id TEXT;
    ALTER TABLE stances ADD COLUMN holder_role TEXT;
    ALTER TABLE stances ADD COLUMN negated INTEGER;
    """,
    # 5: persuasion techniques as spans (contract: `techniques`), one row per span.
    """
    CREATE TABLE techniques (
        document_pk INTEGER NOT NULL REFERENCES documents(pk) ON DELETE CASCADE,
        document_id TEXT NOT NULL,
        technique_id TEXT NOT NULL,
        technique TEXT NOT NULL,
        category TEXT NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        text TEXT NOT NULL,
        paragraph INTEGER,
        score REAL NOT NULL,
        cues TEXT NOT NULL,
        target TEXT
    );
    CREATE INDEX techniques_document ON techniques (document_pk);
    CREATE INDEX techniques_technique ON techniques (technique);
    """,
)

#: The schema version this code writes.
SCHEMA_VERSION = len(MIGRATIONS)


class StoreError(Exception):
    """The database cannot be used (written by a newer Filigrane, or not a Filigrane store)."""


def schema_version(connection: sqlite3.Connection) -> int:
    row = connection.execute("PRAGMA user_version").fetchone()
    return int(row[0])


def migrate(connection: sqlite3.Connection, target: int = SCHEMA_VERSION, name: str = "the database") -> int:
    """Apply the missing migrations up to `target`; refuse a database newer than this code."""
    current = schema_version(connection)
    if current > SCHEMA_VERSION:
        raise StoreError(
            f"{name} has schema version {current}, but this Filigrane only knows up to {SCHEMA_VERSION}: "
            "it was written by a newer Filigrane. Upgrade filigrane, or choose another database with --db."
        )
    for version in range(current + 1, target + 1):
        script = MIGRATIONS[version - 1]
        # executescript() commits first; BEGIN ... COMMIT keeps each migration all-or-nothing.
        try:
            connection.executescript(f"BEGIN;\n{script}\nPRAGMA user_version = {version};\nCOMMIT;")
        except sqlite3.Error:
            if connection.in_transaction:
                connection.rollback()
            raise
    return schema_version(connection)
