"""Claim search over the store (filters, facets, the stance export) and deletions, on the demo corpus.

Expected counts are computed here from the analysed documents themselves, never written down.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import filigrane
from filigrane.claim_records import Claim
from filigrane.cli import main
from filigrane.narratives.encoder import text_key
from filigrane.store import Store
from filigrane.store.claims import MARKER_TYPES, ClaimFilters, search_claims, stance_rows
from filigrane.store.delete import delete_document, delete_run
from filigrane.store.schema import SCHEMA_VERSION
from tests.test_store import full_store  # noqa: F401 - the fixture


@pytest.fixture
def demo_store(full_store: Path) -> Path:  # noqa: F811 - the imported fixture
    """The demo corpus analysed and stored as one run (the store tests' fixture)."""
    return full_store


def all_claims(result: filigrane.Result) -> list[tuple[Any, Claim]]:
    return [(doc, claim) for doc in result.documents for claim in doc.claims]


def search(path: Path, limit: int = 200, **filters: str) -> dict[str, Any]:
    with Store(path) as store:
        return search_claims(store.connection, ClaimFilters(**filters), 0, limit).to_dict()


def test_every_claim_is_found_with_its_document_outlet_and_stances(
    demo_store: Path, demo_result: filigrane.Result
) -> None:
    found = search(demo_store)
    expected = all_claims(demo_result)
    assert found["total"] == len(expected) > 50
    by_key = {(doc.id, claim.id): (doc, claim) for doc, claim in expected}
    for item in found["claims"]:
        doc, claim = by_key[(item["document_id"], item["claim_id"])]
        assert item["title"] == doc.title and item["text"] == claim.text
        assert [s["holder_kind"] for s in item["stances"]] == [s.holder_kind for s in claim.stances]
        assert item["outlet"] == (doc.origins[0].name if doc.origins else None)


def test_facet_counts_are_the_claims_having_each_value(demo_store: Path, demo_result: filigrane.Result) -> None:
    facets = search(demo_store)["facets"]
    for facet, field in (("holder_kind", "holder_kind"), ("polarity", "polarity"), ("certainty", "certainty")):
        expected = Counter(
            value for _, claim in all_claims(demo_result) for value in {getattr(s, field) for s in claim.stances}
        )
        assert {item["value"]: item["count"] for item in facets[facet]} == dict(expected)
    ownership = Counter(value for doc, claim in all_claims(demo_result) for value in {o.ownership for o in doc.origins})
    assert {item["value"]: item["count"] for item in facets["ownership"]} == dict(ownership)
    assert {item["label"] for item in facets["outlet"]} >= {"RT", "Sputnik", "AFP"}


def test_filters_combine_and_each_claim_kept_satisfies_them(demo_store: Path, demo_result: filigrane.Result) -> None:
    found = search(demo_store, ownership="state-controlled", polarity="denies")
    expected = [
        (doc.id, claim.id)
        for doc, claim in all_claims(demo_result)
        if any(o.ownership == "state-controlled" for o in doc.origins)
        and any(s.polarity == "denies" for s in claim.stances)
    ]
    assert found["total"] == len(expected) > 0
    assert sorted((c["document_id"], c["claim_id"]) for c in found["claims"]) == sorted(expected)
    for kind in ("author", "named_person", "anonymous_source", "organisation"):
        one_stance = [
            (doc.id, claim.id)
            for doc, claim in all_claims(demo_result)
            if any(s.holder_kind == kind and s.polarity == "denies" for s in claim.stances)
        ]
        found = search(demo_store, holder_kind=kind, polarity="denies")  # both in one stance, not in two
        assert sorted((c["document_id"], c["claim_id"]) for c in found["claims"]) == sorted(one_stance)
    assert search(demo_store, holder_kind="nobody", polarity="denies")["total"] == 0
    anonymous = search(demo_store, holder_kind="anonymous_source", country="ru")
    assert anonymous["total"] > 0
    for claim in anonymous["claims"]:
        assert any(s["holder_kind"] == "anonymous_source" for s in claim["stances"])
        assert any(o["country"] == "RU" for o in claim["outlets"])
    words = search(demo_store, q="USINE")
    assert words["total"] > 0 and all("usine" in c["text"].lower() for c in words["claims"])


def test_outlets_match_whole_ids_or_names_never_a_substring(demo_store: Path) -> None:
    by_name = search(demo_store, outlet="rt")["total"]
    assert by_name > 0 and search(demo_store, outlet="rt.com")["total"] == by_name
    assert search(demo_store, outlet="r")["total"] == 0
    assert search(demo_store, outlet="sputnik")["claims"][0]["outlet"] == "Sputnik"


def test_story_and_claim_group_filters_follow_the_latest_corpus(
    demo_store: Path, demo_result: filigrane.Result
) -> None:
    story = demo_result.corpus["stories"][0]
    found = search(demo_store, story=story.id)
    assert {c["document_id"] for c in found["claims"]} == set(story.documents)
    assert all(story.id in c["stories"] for c in found["claims"])
    group = demo_result.corpus["claim_groups"][0]
    members = search(demo_store, claim_group=group.id)
    assert sorted((c["document_id"], c["claim_id"]) for c in members["claims"]) == sorted(group.claims)
    assert search(demo_store, since="2099-01-01")["total"] == 0


def test_the_stance_export_has_origins_groups_and_flat_marker_columns(demo_store: Path) -> None:
    with Store(demo_store) as store:
        columns, rows = stance_rows(store.connection, ClaimFilters(q="usine"))
        table = [dict(zip(columns, row, strict=True)) for row in rows]
        stances = sum(len(c["stances"]) for c in search(demo_store, q="usine")["claims"])
    assert len(table) == stances > 0
    assert {"outlet", "country", "ownership", "date", "story_id", "claim_group_id", *MARKER_TYPES} <= set(columns)
    assert "markers" not in columns
    assert any(row["story_id"] for row in table)
    with Store(demo_store) as store:
        columns, rows = store.table("stances")
        quotes = [row[columns.index("quote")] for row in rows if row[columns.index("quote")]]
    assert quotes and all(isinstance(text, str) and "{" not in text[:1] for text in quotes)


def test_an_older_store_is_indexed_for_search_when_migrated(demo_store: Path, demo_result: filigrane.Result) -> None:
    connection = sqlite3.connect(demo_store)
    connection.executescript("DROP TABLE claim_search; DROP TABLE narrative_matches; PRAGMA user_version = 5;")
    connection.close()
    with Store(demo_store) as store:
        assert store.schema_version == SCHEMA_VERSION
    assert search(demo_store)["total"] == len(all_claims(demo_result))


def test_a_document_analysed_again_is_searched_once(demo_store: Path, demo_result: filigrane.Result) -> None:
    doc = demo_result.documents[0]
    with Store(demo_store) as store:
        run = store.start_run("another-version", {})
        assert store.add_document(run, doc, "another-version")
    assert search(demo_store)["total"] == len(all_claims(demo_result))


def document_rows(path: Path, document_id: str) -> dict[str, int]:
    """Rows naming `document_id` in every table keyed by document."""
    with Store(path) as store:
        tables = (
            "documents",
            "claims",
            "stances",
            "origins",
            "removed",
            "techniques",
            "claim_search",
            "narrative_matches",
        )
        counts = {}
        for table in tables:
            column = "id" if table == "documents" else "document_id"
            counts[table] = store.connection.execute(
                f"SELECT count(*) FROM {table} WHERE {column} = ?", (document_id,)
            ).fetchone()[0]
        return counts


def test_deleting_a_document_removes_what_derives_from_it(demo_store: Path, demo_result: filigrane.Result) -> None:
    group = demo_result.corpus["claim_groups"][0]
    target = group.claims[0][0]
    assert document_rows(demo_store, target)["claims"] > 0
    claim_text = next(c.text for d in demo_result.documents if d.id == target for c in d.claims)
    with Store(demo_store) as store:  # the vector a run would have kept for one of its claims
        store.connection.execute("INSERT INTO vectors VALUES ('test', ?, x'00')", (text_key(claim_text),))
        deleted = delete_document(store.connection, target)
        assert deleted is not None and deleted.documents == [target]
        assert delete_document(store.connection, target) is None
        assert target not in {doc for story in store.stories() for doc in story.documents}
        assert all(target not in g.document_ids for g in store.claim_groups())
        for g in store.claim_groups():
            assert all(h.document_id != target for h in g.affirmed_by + g.denied_by)
        assert all(target not in r.documents for r in store.reposts())
    assert set(document_rows(demo_store, target).values()) == {0}
    assert deleted.rows["vectors"] > 0 and deleted.rows["claim_search"] > 0
    assert all(c["document_id"] != target for c in search(demo_store)["claims"])


def test_deleting_a_run_removes_its_documents_and_corpus_outputs(demo_store: Path) -> None:
    with Store(demo_store) as store:
        deleted = delete_run(store.connection, 1)
        assert deleted is not None and len(deleted.documents) == 10
        assert store.stories() == [] and store.claim_groups() == [] and store.runs() == []
        assert delete_run(store.connection, 1) is None
    assert search(demo_store)["total"] == 0


def test_techniques_filter_the_claims_whose_text_holds_or_crosses_one_of_their_spans(
    demo_store: Path, demo_result: filigrane.Result
) -> None:
    """A technique (or its category) finds exactly the claims one of its recorded spans overlaps."""
    used = {
        (doc.id, claim.id)
        for doc in demo_result.documents
        for claim in doc.claims
        for t in doc.techniques
        if t.technique == "Loaded_Language" and claim.start < t.end and claim.end > t.start
    }
    assert used, "the demo corpus has loaded language inside claims"
    found = search(demo_store, technique="Loaded_Language")
    assert {(c["document_id"], c["claim_id"]) for c in found["claims"]} == used
    category = next(
        t.category for doc in demo_result.documents for t in doc.techniques if t.technique == "Loaded_Language"
    )
    assert search(demo_store, technique=category)["total"] >= len(used)
    facet = {item["value"]: item["count"] for item in search(demo_store)["facets"]["technique"]}
    assert facet["Loaded_Language"] == len(used)
    assert search(demo_store, technique="no_such_technique")["total"] == 0
    doc = next(d for d in demo_result.documents if d.techniques)
    with Store(demo_store) as store:
        deleted = delete_document(store.connection, doc.id)
    assert deleted is not None and deleted.rows["techniques"] == len(doc.techniques)


def test_the_cli_lists_runs_and_deletes_documents_and_runs(demo_store: Path, demo_result: filigrane.Result) -> None:
    runner = CliRunner()
    listed = runner.invoke(main, ["store", "runs", "--db", str(demo_store)])
    assert listed.exit_code == 0 and listed.output.split("\t")[0] == "1" and "\t10\t" in listed.output
    target = demo_result.documents[0].id
    done = runner.invoke(main, ["store", "delete", "--db", str(demo_store), "--document", target, "--document", "nope"])
    assert done.exit_code == 2 and "not in the store: document nope" in done.output
    assert f"document {target}: 1 document(s)" in done.output
    assert set(document_rows(demo_store, target).values()) == {0}
    assert runner.invoke(main, ["store", "delete", "--db", str(demo_store), "--run", "1"]).exit_code == 0
    assert search(demo_store)["total"] == 0
    assert runner.invoke(main, ["store", "delete", "--db", str(demo_store)]).exit_code == 2
