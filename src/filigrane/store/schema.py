"""The store's schema, as an ordered list of migrations.

Migration `n` (1-based) takes a database from schema version `n - 1` to `n`; `PRAGMA user_version`
records the version a database is at. Opening a database applies the missing migrations in
order, each in its own transaction; a database from a newer Filigrane (a version this code does
not know) is refused rather than guessed at. Migrations are only ever appended, never edited.
"""

from __future__ import annotations

import sqlite3


def _tokens(value: str, tables: str, where: str, separator: str = " ") -> str:
    """SQL: the distinct non-null `value`s of the rows of `tables` matching `where`, each between `separator`s."""
    return (
        f"'{separator}' || coalesce((SELECT group_concat(v, '{separator}') FROM (SELECT DISTINCT {value} AS v "
        f"FROM {tables} WHERE {where} AND {value} IS NOT NULL)), '') || '{separator}'"
    )


_STANCE = "s.document_pk = c.document_pk AND s.claim_id = c.claim_id"
_ORIGIN = "o.document_pk = c.document_pk"
#: Fills `claim_search` for the claims matching `{where}` (on `claims c` joined with `documents d`).
CLAIM_SEARCH_FILL = (
    "INSERT OR REPLACE INTO claim_search (cid, document_pk, document_id, claim_id, text, language, day, kinds, "
    "polarities, certainties, markers, holders, outlets, outlet_names, countries, ownerships, stances) "
    "SELECT c.rowid, c.document_pk, c.document_id, c.claim_id, c.text, d.language, substr(d.date, 1, 10), "
    + ", ".join(
        (
            _tokens("s.holder_kind", "stances s", _STANCE),
            _tokens("s.polarity", "stances s", _STANCE),
            _tokens("s.certainty", "stances s", _STANCE),
            _tokens("json_extract(m.value, '$.type')", "stances s, json_each(s.markers) m", _STANCE),
            _tokens("s.holder", "stances s", _STANCE, "|"),
            _tokens("lower(o.outlet)", "origins o", _ORIGIN),
            _tokens("lower(o.name)", "origins o", _ORIGIN, "|"),
            _tokens("upper(o.country)", "origins o", _ORIGIN),
            _tokens("o.ownership", "origins o", _ORIGIN),
            _tokens(
                "coalesce(s.holder_kind, '') || '/' || coalesce(s.polarity, '') || '/' || coalesce(s.certainty, '')",
                "stances s",
                _STANCE,
            ),
        )
    )
    + " FROM claims c JOIN documents d ON d.pk = c.document_pk WHERE {where}"
)

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
    # 6: claim search. Narrative matches get rows of their own, and `claim_search` keeps one row per
    # claim of the latest analysis of each document with what the search filters and counts on (the
    # holder kinds, polarities, certainties, marker types, holders, origin outlets, countries and
    # ownerships of its stances and document, as delimited tokens; and each stance as
    # "kind/polarity/certainty", so that filters on several of them hold for one stance): a search
    # reads one table, never a document's JSON, and never joins per row.
    f"""
    CREATE TABLE IF NOT EXISTS narrative_matches (
        document_pk INTEGER NOT NULL REFERENCES documents(pk) ON DELETE CASCADE,
        document_id TEXT NOT NULL,
        claim_id TEXT,
        entry_id TEXT NOT NULL,
        catalogue TEXT,
        title TEXT,
        score REAL
    );
    INSERT INTO narrative_matches (document_pk, document_id, claim_id, entry_id, catalogue, title, score)
        SELECT d.pk, d.id, json_extract(n.value, '$.claim_id'), json_extract(n.value, '$.entry_id'),
               json_extract(n.value, '$.catalogue'), json_extract(n.value, '$.title'), json_extract(n.value, '$.score')
        FROM documents d, json_each(d.json, '$.narratives') n
        WHERE json_extract(n.value, '$.entry_id') IS NOT NULL;
    CREATE INDEX IF NOT EXISTS narrative_matches_document ON narrative_matches (document_pk);
    CREATE INDEX IF NOT EXISTS narrative_matches_entry ON narrative_matches (entry_id);
    CREATE INDEX IF NOT EXISTS documents_id ON documents (id, pk);
    CREATE INDEX IF NOT EXISTS documents_run ON documents (run_id);
    CREATE INDEX IF NOT EXISTS claims_claim ON claims (document_pk, claim_id);
    CREATE INDEX IF NOT EXISTS stances_claim ON stances (document_pk, claim_id);
    CREATE TABLE IF NOT EXISTS claim_search (
        cid INTEGER PRIMARY KEY,
        document_pk INTEGER NOT NULL REFERENCES documents(pk) ON DELETE CASCADE,
        document_id TEXT NOT NULL,
        claim_id TEXT NOT NULL,
        text TEXT NOT NULL,
        language TEXT,
        day TEXT,
        kinds TEXT NOT NULL,
        polarities TEXT NOT NULL,
        certainties TEXT NOT NULL,
        markers TEXT NOT NULL,
        holders TEXT NOT NULL,
        outlets TEXT NOT NULL,
        outlet_names TEXT NOT NULL,
        countries TEXT NOT NULL,
        ownerships TEXT NOT NULL,
        stances TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS claim_search_document ON claim_search (document_pk);
    CREATE INDEX IF NOT EXISTS claim_search_id ON claim_search (document_id, claim_id);
    {CLAIM_SEARCH_FILL.format(where="c.document_pk IN (SELECT max(pk) FROM documents GROUP BY id)")};
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
