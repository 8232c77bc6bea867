"""The store's corpus-level tables: stories, claim groups, narrative catalogues, sentence vectors.

A mixin of `Store` (it only needs `self.connection`), kept apart so each module stays small.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, fields, replace
from datetime import UTC, datetime
from typing import Any

import numpy as np

from filigrane.corpus_records import ClaimGroup, CorpusOutputs, NarrativeMatch, Story, corpus_to_dict
from filigrane.narratives.catalogue import NarrativeEntry
from filigrane.narratives.encoder import VectorCache

#: The corpus-level outputs kept per run, by contract name.
CORPUS_TABLES = {"stories": "stories", "claim_groups": "claim_groups"}
_ENTRY_FIELDS = {field.name for field in fields(NarrativeEntry)}


def entry_from_dict(data: dict[str, Any]) -> NarrativeEntry:
    values = {key: value for key, value in data.items() if key in _ENTRY_FIELDS}
    for key in ("outlets", "languages", "keywords"):
        values[key] = tuple(values.get(key) or ())
    return NarrativeEntry(**values)


class CorpusTables:
    connection: sqlite3.Connection

    # -- stories and claim groups ------------------------------------------------------------

    def add_corpus(self, run_id: int, corpus: CorpusOutputs) -> None:
        """Keep a run's stories and claim groups (the other corpus outputs have tables of their own)."""
        written = corpus_to_dict(corpus)
        for key, table in CORPUS_TABLES.items():
            self.connection.executemany(
                f"INSERT INTO {table} (run_id, json) VALUES (?, ?)",
                [(run_id, json.dumps(item, ensure_ascii=False)) for item in written.get(key, ())],
            )
        self.connection.commit()

    def _latest(self, table: str, run_id: int | None) -> list[dict[str, Any]]:
        if run_id is None:
            row = self.connection.execute(f"SELECT MAX(run_id) FROM {table}").fetchone()
            run_id = row[0] if row else None
        if run_id is None:
            return []
        sql = f"SELECT json FROM {table} WHERE run_id = ? ORDER BY id"
        return [dict(json.loads(text)) for (text,) in self.connection.execute(sql, (run_id,))]

    def stories(self, run_id: int | None = None) -> list[Story]:
        """The stories of a run (default: the latest run that has any; it covers the whole store)."""
        return [Story.from_dict(story) for story in self._latest("stories", run_id)]

    def claim_groups(self, run_id: int | None = None) -> list[ClaimGroup]:
        """The claim groups of a run (default: the latest run that has any)."""
        return [ClaimGroup.from_dict(group) for group in self._latest("claim_groups", run_id)]

    def latest_documents(self) -> Iterator[dict[str, Any]]:
        """The last stored analysis of each document id (whatever the pipeline version), oldest first."""
        sql = "SELECT json FROM documents WHERE pk IN (SELECT MAX(pk) FROM documents GROUP BY id) ORDER BY pk"
        for (text,) in self.connection.execute(sql):
            yield dict(json.loads(text))

    # -- catalogues --------------------------------------------------------------------------

    def import_catalogue(self, name: str, entries: Sequence[NarrativeEntry], source: str = "") -> int:
        """Store (or replace) the catalogue `name`, its entries named after it; returns the number kept."""
        data = json.dumps([asdict(replace(entry, catalogue=name)) for entry in entries], ensure_ascii=False)
        self.connection.execute(
            "INSERT INTO catalogues (name, version, json, source, imported, entries) VALUES (?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (name) DO UPDATE SET json = excluded.json, source = excluded.source, "
            "imported = excluded.imported, entries = excluded.entries",
            (name, None, data, source, datetime.now(UTC).isoformat(timespec="seconds"), len(entries)),
        )
        self.connection.commit()
        return len(entries)

    def catalogues(self) -> list[dict[str, Any]]:
        """Name, source file, import time and entry count of each stored catalogue."""
        cursor = self.connection.execute("SELECT name, source, imported, entries FROM catalogues ORDER BY name")
        return [{"name": n, "source": s, "imported": i, "entries": e} for n, s, i, e in cursor]

    def catalogue_entries(self, name: str | None = None) -> list[NarrativeEntry]:
        """The entries of one stored catalogue, or of all of them."""
        sql, params = "SELECT name, json FROM catalogues", tuple[str, ...]()
        if name is not None:
            sql, params = sql + " WHERE name = ?", (name,)
        entries: list[NarrativeEntry] = []
        for stored, text in self.connection.execute(sql + " ORDER BY name", params):
            # Catalogues stored before entries carried their catalogue's name take it from the row.
            entries.extend(entry_from_dict({**item, "catalogue": stored}) for item in json.loads(text))
        return entries

    def latest_document_batches(self, size: int) -> Iterator[list[tuple[int, dict[str, Any]]]]:
        """The last stored analysis of each document, `size` at a time, with its row key (for updates).

        Rows are read batch by batch (only the keys are held), so the caller may update between batches.
        """
        sql = "SELECT MAX(pk) FROM documents GROUP BY id ORDER BY 1"
        keys = [pk for (pk,) in self.connection.execute(sql)]
        for start in range(0, len(keys), size):
            chunk = keys[start : start + size]
            marks = ",".join("?" * len(chunk))
            rows = self.connection.execute(f"SELECT pk, json FROM documents WHERE pk IN ({marks}) ORDER BY pk", chunk)
            yield [(pk, dict(json.loads(text))) for pk, text in rows]

    def replace_narratives(
        self, pk: int, data: dict[str, Any], narratives: list[NarrativeMatch], analysis: str
    ) -> None:
        """Store a document's new narrative matches (after a catalogue import) in its row `pk`."""
        matches = [match.to_dict() for match in narratives]
        data = {**data, "narratives": matches, "analyses": {**data.get("analyses", {}), "narratives": analysis}}
        self.connection.execute(
            "UPDATE documents SET json = ? WHERE pk = ?", (json.dumps(data, ensure_ascii=False), pk)
        )
        self.connection.execute("DELETE FROM narrative_matches WHERE document_pk = ?", (pk,))
        self.add_narrative_matches(pk, str(data["id"]), narratives)

    def add_narrative_matches(self, pk: int | None, document_id: str, narratives: Iterable[NarrativeMatch]) -> None:
        """One row per catalogue match of a document (what the claim search filters on)."""
        self.connection.executemany(
            "INSERT INTO narrative_matches (document_pk, document_id, claim_id, entry_id, catalogue, title, score) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(pk, document_id, n.claim_id, n.entry_id, n.catalogue, n.title, n.score) for n in narratives],
        )

    def delete_catalogue(self, name: str) -> bool:
        cursor = self.connection.execute("DELETE FROM catalogues WHERE name = ?", (name,))
        self.connection.commit()
        return cursor.rowcount > 0

    # -- sentence vectors --------------------------------------------------------------------

    def load_vectors(self, encoder: str, cache: VectorCache) -> None:
        """Fill `cache` with the stored vectors of `encoder` (as many as it holds)."""
        sql = "SELECT key, vector FROM vectors WHERE encoder = ? LIMIT ?"
        for key, blob in self.connection.execute(sql, (encoder, cache.max_items)):
            vector = np.frombuffer(blob, dtype=np.float16).astype(np.float32)
            vector.setflags(write=False)
            cache.put(key, vector)

    def save_vectors(self, encoder: str, items: Iterable[tuple[str, Any]]) -> None:
        """Keep vectors (as float16: half the size, cosines move by less than 0.001)."""
        self.connection.executemany(
            "INSERT OR IGNORE INTO vectors (encoder, key, vector) VALUES (?, ?, ?)",
            ((encoder, key, np.asarray(vector, dtype=np.float16).tobytes()) for key, vector in items),
        )
        self.connection.commit()
