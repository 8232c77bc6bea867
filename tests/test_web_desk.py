"""The desk in-process: claim search and export, outlet and document listings, paste, delete, runs."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from filigrane.claim_records import BARE_QUOTE_CUE
from filigrane.store import Store
from tests.conftest import DEMO_CORPUS
from tests.test_web_api import TestClient, create_app, local_client, wait_for

FILES = ("01_valmont-fuite-chimique.txt", "02_valmont-version-contestee.txt", "06_montcerf-legionellose.txt")
TEXT = "Le maire de Valbrune a affirmé que l'usine serait fermée lundi.\n\nSelon la préfecture, le site rouvrira."


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TestClient, Path]]:
    db = tmp_path_factory.mktemp("desk") / "desk.db"
    with local_client(create_app(db)) as client:
        files = [("files", (name, (DEMO_CORPUS / name).read_bytes())) for name in FILES]
        assert client.post("/api/analyze", files=files).status_code == 200
        yield client, db


def test_api_claims_answers_total_facets_and_claims(desk: tuple[TestClient, Path]) -> None:
    client, _ = desk
    every = client.get("/api/claims", params={"limit": 200}).json()
    assert set(every) >= {"total", "facets", "claims"} and every["total"] == len(every["claims"]) > 20
    claim = every["claims"][0]
    assert {"document_id", "title", "outlet", "stances", "text", "stories", "claim_groups"} <= set(claim)
    denies = next(item for item in every["facets"]["polarity"] if item["value"] == "denies")
    filtered = client.get("/api/claims", params={"polarity": "denies", "limit": 200}).json()
    assert filtered["total"] == denies["count"] == len(filtered["claims"]) > 0
    assert all(any(s["polarity"] == "denies" for s in c["stances"]) for c in filtered["claims"])
    assert filtered["filters"] == {"polarity": "denies"}
    paged = client.get("/api/claims", params={"limit": 5, "offset": 5}).json()["claims"]
    assert [c["text"] for c in paged] == [c["text"] for c in every["claims"][5:10]]
    assert client.get("/api/claims", params={"since": "14/03/2025"}).status_code == 422
    assert client.get("/api/claims", params={"limit": 500}).status_code == 422
    assert "/api/claims" in client.get("/api/openapi.json").json()["paths"]


def test_the_claims_page_filters_counts_highlights_and_links_its_exports(desk: tuple[TestClient, Path]) -> None:
    client, _ = desk
    page = client.get("/claims", params={"q": "usine", "polarity": "affirms"})
    assert page.status_code == 200 and "<mark>usine</mark>" in page.text.lower()
    assert 'id="facet-holder_kind"' in page.text and 'class="count"' in page.text
    assert "/api/claims/export?q=usine&amp;polarity=affirms&amp;format=csv" in page.text
    assert 'href="/claims?q=usine&amp;polarity=affirms&amp;holder_kind=' in page.text  # facets refine the view
    assert "Content-Security-Policy" in page.headers and "script" not in page.text.split("</footer>")[0].lower()
    hostile = client.get("/claims", params={"q": "<script>alert(1)</script>"})
    assert hostile.status_code == 200 and "<script>alert(1)" not in hostile.text


def test_the_export_is_the_current_view_one_row_per_stance(desk: tuple[TestClient, Path]) -> None:
    client, _ = desk
    view = {"ownership": "state-controlled"}
    claims = client.get("/api/claims", params=view | {"limit": 200}).json()["claims"]
    response = client.get("/api/claims/export", params=view | {"format": "csv"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert len(rows) == sum(len(c["stances"]) for c in claims) > 0
    assert {row["ownership"] for row in rows} == {"state-controlled"}
    assert {"outlet", "country", "date", "story_id", "claim_group_id", "quote", "hedge"} <= set(rows[0])
    lines = client.get("/api/claims/export", params=view | {"format": "jsonl"}).text.splitlines()
    assert [json.loads(line)["claim"] for line in lines] == [row["claim"] for row in rows]
    parquet = client.get("/api/claims/export", params=view | {"format": "parquet"})
    assert parquet.status_code == 200 and parquet.headers["content-disposition"].endswith('.parquet"')
    pq = pytest.importorskip("pyarrow.parquet")
    assert pq.read_table(io.BytesIO(parquet.content)).column("claim").to_pylist() == [row["claim"] for row in rows]


def test_documents_show_their_origin_and_outlets_can_be_filtered(desk: tuple[TestClient, Path]) -> None:
    client, _ = desk
    listing = client.get("/documents").text
    assert '<th scope="col">Origin</th>' in listing and "RT (RU, state-controlled)" in listing
    assert client.get("/api/documents").json()["items"][0]["origin"] is not None
    russian = client.get("/outlets", params={"country": "RU", "ownership": "state-controlled"})
    rows = russian.text.count("<tr>") - 1
    every = client.get("/api/outlets", params={"limit": 200}).json()["items"]
    every += client.get("/api/outlets", params={"limit": 200, "offset": 200}).json()["items"]
    assert rows == sum(1 for o in every if o["country"] == "RU" and o["ownership"] == "state-controlled") > 3
    assert "Sputnik" in client.get("/outlets", params={"q": "sputnik"}).text


def test_the_same_text_pasted_twice_is_one_document(desk: tuple[TestClient, Path]) -> None:
    client, db = desk
    first = client.post("/api/analyze", json={"text": TEXT}).json()["documents"][0]["id"]
    again = client.post("/api/analyze", json={"text": TEXT.replace("\n", "\r\n") + "\n", "source": "again"})
    assert again.json()["documents"][0]["id"] == first
    form = client.post("/analyze/text", data={"text": TEXT.replace("\n", "\r\n")}, follow_redirects=False)
    location = form.headers["location"]
    if location.startswith("/jobs/"):  # the stories were being updated after the last paste: it waited its turn
        location = f"/documents/{wait_for(client, location.rsplit('/', 1)[1])['documents'][0]['id']}"
    assert location == f"/documents/{first}"
    with Store(db) as store:
        assert (
            store.connection.execute("SELECT count(*) FROM documents WHERE text LIKE '%Valbrune%'").fetchone()[0] == 1
        )


def test_a_paste_updates_the_stories_in_the_background(desk: tuple[TestClient, Path]) -> None:
    client, db = desk
    pasted = client.post("/api/analyze", json={"text": TEXT.replace("lundi", "mardi")}).json()["documents"][0]["id"]
    job = client.post("/corpus/update", follow_redirects=False).headers["location"].rsplit("/", 1)[1]
    done = wait_for(client, job)
    assert done["kind"] == "corpus" and done["state"] == "done" and done["analysed"] >= 4 and done["stories"] >= 2
    page = client.get(f"/jobs/{job}").text
    assert "Corpus update done" in page and "0 documents analysed" not in page
    with Store(db) as store:
        assert pasted in {doc for story in store.stories() for doc in story.documents}


def test_delete_a_document_from_the_api_and_the_page(desk: tuple[TestClient, Path]) -> None:
    client, _ = desk
    doc = client.post("/api/analyze", json={"text": TEXT.replace("Valbrune", "Ormesson")}).json()["documents"][0]
    foreign = client.post(f"/documents/{doc['id']}/delete", headers={"Origin": "https://evil.example"})
    assert foreign.status_code == 403
    assert client.get(f"/api/documents/{doc['id']}").status_code == 200
    gone = client.post(f"/documents/{doc['id']}/delete", follow_redirects=False)
    assert gone.status_code == 303 and gone.headers["location"].startswith("/documents?deleted=")
    assert client.get(f"/api/documents/{doc['id']}").status_code == 404
    claims = client.get("/api/claims", params={"q": "Ormesson"}).json()
    assert claims["total"] == 0
    assert client.delete(f"/api/documents/{doc['id']}").status_code == 404


def test_runs_are_listed_and_deleted(desk: tuple[TestClient, Path]) -> None:
    client, _ = desk
    doc = client.post("/api/analyze", json={"text": TEXT.replace("Valbrune", "Cassel")}).json()["documents"][0]
    runs = client.get("/api/runs").json()
    run = next(r for r in runs if r["documents"] == 1 and r["id"] == max(x["id"] for x in runs if x["documents"]))
    assert f"run-{run['id']}" in client.get("/runs").text
    deleted = client.delete(f"/api/runs/{run['id']}").json()
    assert deleted["documents"] == [doc["id"]] and deleted["rows"]["runs"] == 1
    assert client.get(f"/api/documents/{doc['id']}").status_code == 404
    assert client.delete(f"/api/runs/{run['id']}").status_code == 404


def test_a_document_page_links_to_its_story_copies_and_claim_groups(desk: tuple[TestClient, Path]) -> None:
    client, db = desk
    with Store(db) as store:
        story = next(story for story in store.stories() if len(story.documents) > 1)
        group = store.claim_groups()[0]
    doc_id = group.claims[0][0]
    page = client.get(f"/documents/{doc_id}").text
    assert 'aria-label="in this corpus"' in page and "/corpus#story-" in page
    assert f'href="/corpus#group-{group.id}"' in page  # per claim, as in the report
    assert f'href="/corpus#story-{story.id}"' in client.get(f"/documents/{story.documents[-1]}").text


def test_narrative_matches_open_the_document_page_after_a_catalogue_import(desk: tuple[TestClient, Path]) -> None:
    client, _ = desk
    claims = client.get("/api/claims", params={"limit": 200}).json()["claims"]
    restated = max(claims, key=lambda claim: len(claim["text"].split()) if len(claim["text"]) < 200 else 0)
    text = restated["text"].replace('"', "'")
    catalogue = f'id,claim,disproof,url\nT-1,"{text}",Nothing supports it.,https://example.org/t-1\n'.encode()
    imported = client.post("/api/catalogues", files={"file": ("desk-test.csv", catalogue)}).json()
    job = wait_for(client, imported["job"]["id"])
    assert job["state"] == "done" and job["analysed"] >= 3  # the stored documents were re-checked
    assert restated["document_id"] in {doc["id"] for doc in job["documents"]}
    page = client.get(f"/documents/{restated['document_id']}").text
    assert 'class="notice narrative-top"' in page and "Nothing supports it." in page
    assert page.index("narrative-top") < page.index('class="doc-body"')  # above the text, not after the claims
    matched = client.get("/api/claims", params={"narrative": "T-1", "limit": 200}).json()
    assert restated["text"] in {claim["text"] for claim in matched["claims"]}
    assert matched["facets"]["narrative"][0]["value"] == "T-1"


def test_a_quotation_no_verb_frames_reads_as_words_on_the_claims_page(desk: tuple[TestClient, Path]) -> None:
    client, _ = desk
    text = (
        "Le port de Valbrune rouvre\n\nLe maire Paul Girard a annoncé la réouverture du port. "
        "« Les quais ont été réparés et les bateaux pourront accoster dès lundi matin. »"
    )
    assert client.post("/api/analyze", json={"text": text}).status_code == 200
    claims = client.get("/api/claims", params={"q": "quais", "limit": 200}).json()["claims"]
    assert any(s["cue"] == BARE_QUOTE_CUE for c in claims for s in c["stances"]), claims
    page = client.get("/claims", params={"q": "quais"}).text
    assert "quotation, no reporting verb" in page and f"“{BARE_QUOTE_CUE}”" not in page
