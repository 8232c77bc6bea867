"""The web app in-process (FastAPI's test client): the JSON API, the pages, limits and errors."""

from __future__ import annotations

import re
import sqlite3
import time
import warnings
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from fastapi import FastAPI

with warnings.catch_warnings():  # starlette's notice that its test client will move to httpx2
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from filigrane.cli import main
from filigrane.report.contract import validate
from filigrane.web.analysis import Limits
from filigrane.web.app import create_app
from tests.conftest import DEMO_CORPUS, require_shared

VALMONT = "01_valmont-fuite-chimique.txt"
VALMONT_REPOST = "03_valmont-repost-blog.txt"
MONTCERF = "06_montcerf-legionellose.txt"
MONTCERF_REPOST = "10_montcerf-repost-blog.txt"
HOSTILE = (
    "Le maire a affirmé que l'usine serait fermée <script>alert('x')</script>.\n\n"
    'Selon la préfecture, <img src=x onerror="alert(1)"> le site <a href="javascript:alert(2)">rouvrira</a>.'
)


def seed_text() -> str:
    seed = sorted(require_shared("corpus", "seeds").glob("*.txt"))[0]
    return seed.read_text(encoding="utf-8")


def local_client(app: FastAPI, raise_server_exceptions: bool = True) -> TestClient:
    """A client that reaches the app as a browser on this machine would (the app answers no other host)."""
    return TestClient(app, base_url="http://127.0.0.1:8000", raise_server_exceptions=raise_server_exceptions)


def demo_file(name: str) -> tuple[str, tuple[str, bytes]]:
    return ("files", (name, (DEMO_CORPUS / name).read_bytes()))


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """One app (and one loaded model) for the module, over its own store."""
    app = create_app(tmp_path_factory.mktemp("web") / "web.db")
    with local_client(app) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def demo(client: TestClient) -> dict[str, Any]:
    """Four demo articles (two repost pairs) analysed through the multipart API."""
    names = [VALMONT, VALMONT_REPOST, MONTCERF, MONTCERF_REPOST]
    response = client.post("/api/analyze", files=[demo_file(name) for name in names])
    assert response.status_code == 200, response.text
    report: dict[str, Any] = response.json()
    return report


def by_source(report: dict[str, Any], name: str) -> dict[str, Any]:
    return next(doc for doc in report["documents"] if doc["source"] == name)


def test_analyze_json_returns_the_contract_and_stores_it(client: TestClient) -> None:
    response = client.post("/api/analyze", json={"text": seed_text(), "source": "seed.txt"})
    assert response.status_code == 200, response.text
    report = response.json()
    validate(report)
    (doc,) = report["documents"]
    assert doc["source"] == "seed.txt" and doc["language"] == "fr"
    assert doc["claims"] and any(claim["stances"] for claim in doc["claims"])
    stored = client.get(f"/api/documents/{doc['id']}")
    assert stored.status_code == 200
    assert stored.json() == {"filigrane": "1", "document": doc}
    listed = client.get("/api/documents", params={"limit": 200}).json()
    assert doc["id"] in {item["id"] for item in listed["items"]}


def test_the_same_text_twice_is_read_back_not_analysed_again(client: TestClient) -> None:
    text = "Le préfet a affirmé mardi que la route serait rouverte jeudi.\n\nLes riverains restent prudents."
    first = client.post("/api/analyze", json={"text": text}).json()
    second = client.post("/api/analyze", json={"text": text}).json()
    assert first["summary"]["documents_analysed"] == 1
    assert second["summary"]["documents_skipped"] == 1 and second["summary"]["documents_analysed"] == 0
    assert second["documents"][0]["id"] == first["documents"][0]["id"]


def test_text_with_a_page_url_names_the_publisher_without_fetching(client: TestClient) -> None:
    text = "Le ministre a démenti les rumeurs de fermeture.\n\nLa décision serait prise lundi."
    response = client.post("/api/analyze", json={"text": text, "url": "https://www.lemonde.fr/article.html"})
    assert response.status_code == 200
    (doc,) = response.json()["documents"]
    assert doc["url"] == "https://www.lemonde.fr/article.html"
    assert doc["publisher"] is not None


def test_multipart_files_are_analysed_together_with_their_reposts(demo: dict[str, Any]) -> None:
    validate(demo)
    assert {doc["source"] for doc in demo["documents"]} == {VALMONT, VALMONT_REPOST, MONTCERF, MONTCERF_REPOST}
    groups = {frozenset(group["documents"]) for group in demo["reposts"]}
    pair = frozenset({by_source(demo, VALMONT)["id"], by_source(demo, VALMONT_REPOST)["id"]})
    assert pair in groups


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"text": ""}, "body"),
        ({"text": "   "}, "body"),
        ({}, "body"),
        ({"text": "Bonjour.", "colour": "red"}, "colour"),
        ({"url": "ftp://example.org/a"}, "url"),
        ({"text": 42}, "text"),
    ],
)
def test_malformed_json_gets_a_422_naming_the_field(client: TestClient, body: dict[str, Any], field: str) -> None:
    response = client.post("/api/analyze", json=body)
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["status"] == 422 and error["message"] == "the request is malformed"
    assert any(detail["field"] == field for detail in error["details"]), error


def test_broken_json_and_other_content_types_are_4xx(client: TestClient) -> None:
    broken = client.post("/api/analyze", content=b'{"text": ', headers={"content-type": "application/json"})
    assert broken.status_code == 422 and "JSON" in broken.json()["error"]["details"][0]["message"]
    plain = client.post("/api/analyze", content=b"Bonjour", headers={"content-type": "text/plain"})
    assert plain.status_code == 415 and "multipart/form-data" in plain.json()["error"]["message"]
    no_files = client.post("/api/analyze", files={"other": ("a.txt", b"x")})
    assert no_files.status_code == 422 and "files" in no_files.json()["error"]["message"]
    bad_paging = client.get("/api/documents", params={"limit": 0})
    assert bad_paging.status_code == 422 and bad_paging.json()["error"]["details"][0]["field"] == "query.limit"
    missing = client.get("/api/documents/nope")
    assert missing.status_code == 404 and "nope" in missing.json()["error"]["message"]


def test_urls_on_private_addresses_are_refused(client: TestClient) -> None:
    for url in ("http://127.0.0.1:9/article", "http://localhost/", "http://192.168.1.1/", "http://[::1]/"):
        response = client.post("/api/analyze", json={"url": url})
        assert response.status_code == 422, url
        (detail,) = response.json()["error"]["details"]
        assert detail["reason"] == "refused-address", detail


def test_size_caps_per_document_and_per_request(tmp_path: Path) -> None:
    app = create_app(tmp_path / "caps.db", Limits(document_bytes=2_000, request_bytes=10_000), warm_up=False)
    with local_client(app) as client:
        long_text = client.post("/api/analyze", json={"text": "Le maire a parlé. " * 200})
        assert long_text.status_code == 413
        assert "per-document limit of 2000 bytes" in long_text.json()["error"]["message"]
        big_file = client.post("/api/analyze", files={"files": ("big.txt", b"Le maire a dit oui. " * 200)})
        assert big_file.status_code == 422
        assert big_file.json()["error"]["details"][0]["reason"] == "too-large"
        huge = client.post("/api/analyze", files={"files": ("huge.txt", b"x" * 20_000)})
        assert huge.status_code == 413 and "10000 bytes" in huge.json()["error"]["message"]

        def chunks() -> Iterator[bytes]:  # no Content-Length: the cap applies as the body comes in
            yield b'{"text": "'
            yield from (b"a" * 1_000 for _ in range(20))
            yield b'"}'

        streamed = client.post("/api/analyze", content=chunks(), headers={"content-type": "application/json"})
        assert streamed.status_code == 413
        page = client.post("/analyze/text", data={"text": "Le maire a parlé. " * 200})
        assert page.status_code == 413 and "text/html" in page.headers["content-type"]
        assert "per-document limit" in page.text


def test_an_unexpected_error_is_a_generic_500_without_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = create_app(tmp_path / "boom.db", warm_up=False)

    def explode(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("secret internal detail")

    monkeypatch.setattr(app.state.filigrane.analyser, "run", explode)
    with local_client(app, raise_server_exceptions=False) as client:
        response = client.post("/api/analyze", json={"text": "Bonjour le monde."})
        page = client.post("/analyze/text", data={"text": "Bonjour le monde."})
    assert response.status_code == 500
    assert response.json() == {"error": {"status": 500, "message": "internal error: the server log has the details"}}
    assert page.status_code == 500 and "internal error" in page.text
    for body in (response.text, page.text):
        assert "secret internal detail" not in body and "Traceback" not in body and "RuntimeError" not in body


def wait_for(client: TestClient, job_id: str) -> dict[str, Any]:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        job: dict[str, Any] = client.get(f"/api/jobs/{job_id}").json()
        if job["state"] in ("done", "failed"):
            return job
        time.sleep(0.2)
    raise AssertionError(f"job {job_id} did not finish")


def test_batches_run_in_the_background_with_a_progress_page(client: TestClient) -> None:
    names = ["04_saint-aubin-cantine.txt", "05_elvea-hausse-tarifs.txt", "07_tempete-ombeline.txt"]
    response = client.post("/analyze/files", files=[demo_file(name) for name in names], follow_redirects=False)
    assert response.status_code == 303
    job_page = response.headers["location"]
    assert job_page.startswith("/jobs/")
    job = wait_for(client, job_page.removeprefix("/jobs/"))
    assert job["state"] == "done" and job["analysed"] == 3 and job["rejected"] == 0
    assert {doc["source"] for doc in job["documents"]} == set(names)
    page = client.get(job_page)
    assert page.status_code == 200 and 'http-equiv="refresh"' not in page.text
    assert "3 documents analysed, 0 rejected" in page.text
    assert all(f"/documents/{doc['id']}" in page.text for doc in job["documents"])


def test_api_jobs_answer_202_and_report_rejections(client: TestClient) -> None:
    response = client.post("/api/jobs", files={"files": ("empty.txt", b"   ")})
    assert response.status_code == 202 and response.headers["location"] == f"/api/jobs/{response.json()['id']}"
    job = wait_for(client, response.json()["id"])
    assert job["state"] == "done" and job["analysed"] == 0
    assert job["rejections"] == [{"source": "empty.txt", "reason": "empty", "detail": "the input holds no text"}]
    assert client.get("/api/jobs/unknown").status_code == 404


def test_a_running_job_page_refreshes_itself(client: TestClient) -> None:
    jobs = client.app.state.filigrane.jobs  # type: ignore[attr-defined]
    with jobs.analyser.lock:  # hold the analyser: the job stays queued while the page is read
        job = jobs.submit([])
        page = client.get(f"/jobs/{job.id}")
    assert '<meta http-equiv="refresh" content="1">' in page.text and "Analysis done" not in page.text
    wait_for(client, job.id)


def test_search_by_text_entity_outlet_and_holder(client: TestClient, demo: dict[str, Any]) -> None:
    valmont, montcerf = by_source(demo, VALMONT), by_source(demo, MONTCERF)
    holder = next(s["holder"] for c in valmont["claims"] for s in c["stances"] if s.get("holder"))

    def found(by: str, q: str) -> set[str]:
        response = client.get("/api/search", params={"q": q, "by": by, "limit": 200})
        assert response.status_code == 200, response.text
        return {item["id"] for item in response.json()["items"]}

    assert valmont["id"] in found("text", "Solvarex") and montcerf["id"] not in found("text", "Solvarex")
    assert montcerf["id"] in found("entity", "Montcerf") and valmont["id"] not in found("entity", "Montcerf")
    assert montcerf["id"] in found("outlet", "sputnik") and valmont["id"] not in found("outlet", "sputnik")
    assert valmont["id"] in found("holder", holder)
    assert found("text", "100%_") == set()  # LIKE wildcards are taken literally
    assert client.get("/api/search", params={"q": "x", "by": "colour"}).status_code == 422
    page = client.get("/search", params={"q": "Solvarex", "by": "text"})
    assert page.status_code == 200 and f"/documents/{valmont['id']}" in page.text
    matches = client.get("/api/search", params={"q": "sputnik", "by": "outlet"}).json()["items"]
    assert {item["match"] for item in matches} == {"Sputnik (RU, state-controlled)"}
    # An outlet is named whole (id, name, a word of its name, its country or its ownership), never by a
    # substring: "IR" finds Iranian outlets, not every name or domain holding the letters "ir".
    assert found("outlet", "spu") == set()
    iranian = client.get("/api/search", params={"q": "IR", "by": "outlet"}).json()["items"]
    assert all("(IR, " in item["match"] for item in iranian)
    assert montcerf["id"] in found("outlet", "RU") & found("outlet", "state-controlled")
    excerpt = client.get("/api/search", params={"q": "SOLVAREX"}).json()["items"][0]["match"]
    assert "Solvarex" in excerpt and len(excerpt) <= 180
    entities = client.get("/api/search", params={"q": "montcerf", "by": "entity"}).json()["items"]
    assert all("Montcerf" in item["match"] for item in entities)


def test_document_page_shows_the_annotated_reading(client: TestClient, demo: dict[str, Any]) -> None:
    doc = by_source(demo, VALMONT)
    page = client.get(f"/documents/{doc['id']}")
    assert page.status_code == 200
    assert 'class="hl claim"' in page.text and "hl holder" in page.text
    assert "Solvarex" in page.text and doc["title"].replace("'", "&#39;") in page.text
    assert page.headers["content-security-policy"].startswith("default-src 'none'; script-src 'self'")
    assert client.get("/documents/nope").status_code == 404


class Elements(HTMLParser):
    """Every start tag of a page with its attributes; form fields inside a <label> are marked `in-label`."""

    def __init__(self, page: str) -> None:
        super().__init__()
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.open_labels = 0
        self.feed(page)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if self.open_labels and tag in ("input", "select", "textarea"):
            values["in-label"] = "yes"
        self.open_labels += tag == "label"
        self.elements.append((tag, values))

    def handle_endtag(self, tag: str) -> None:
        self.open_labels -= tag == "label" and self.open_labels > 0


def test_a_hostile_article_renders_inert(client: TestClient) -> None:
    doc = client.post("/api/analyze", json={"text": HOSTILE}).json()["documents"][0]
    page = client.get(f"/documents/{doc['id']}").text
    elements = Elements(page).elements
    assert [attrs for tag, attrs in elements if tag == "script"] == [{"src": "/static/report.js", "defer": ""}]
    assert not [tag for tag, attrs in elements if tag == "img"]
    assert not [(tag, name) for tag, attrs in elements for name in attrs if name.startswith("on")]
    assert not [attrs for tag, attrs in elements if attrs.get("href", "").lower().startswith("javascript:")]
    assert "&lt;script&gt;alert(" in page


def test_every_form_field_has_a_label(client: TestClient, demo: dict[str, Any]) -> None:
    reading = f"/documents/{demo['documents'][0]['id']}"
    for path in ("/", "/search", "/catalogues", "/corpus", reading):
        elements = Elements(client.get(path).text).elements
        labelled = {attrs["for"] for tag, attrs in elements if tag == "label" and "for" in attrs}
        fields = [attrs for tag, attrs in elements if tag in ("input", "textarea", "select")]
        assert fields or path == "/corpus", path
        for attrs in fields:
            assert attrs.get("id") in labelled or attrs.get("in-label"), (path, attrs)


def test_corpus_page_lists_repost_groups_linking_to_documents(client: TestClient, demo: dict[str, Any]) -> None:
    page = client.get("/corpus")
    assert page.status_code == 200
    assert 'id="reposts"' in page.text
    assert f'href="/documents/{by_source(demo, VALMONT_REPOST)["id"]}"' in page.text
    reposts = client.get("/api/reposts").json()
    assert reposts["total"] >= 2 and len(reposts["items"]) == reposts["total"]


def test_outlets_page_and_api_count_stored_documents(client: TestClient, demo: dict[str, Any]) -> None:
    pages = [client.get("/api/outlets", params={"limit": 200, "offset": start}).json() for start in (0, 200)]
    assert pages[0]["total"] >= 200 and len(pages[0]["items"]) == 200
    sputnik = next(o for page in pages for o in page["items"] if o["name"].lower().startswith("sputnik"))
    assert sputnik["documents"] >= 1 and sputnik["basis"]
    page = client.get("/outlets")
    assert page.status_code == 200 and "Sputnik" in page.text


def test_openapi_describes_both_kinds_of_analyze_body(client: TestClient) -> None:
    schema = client.get("/api/openapi.json").json()
    body = schema["paths"]["/api/analyze"]["post"]["requestBody"]["content"]
    assert set(body) == {"application/json", "multipart/form-data"}
    assert {"/api/documents", "/api/documents/{document_id}", "/api/search", "/api/jobs/{job_id}"} <= set(
        schema["paths"]
    )
    page = client.get("/api")
    assert page.status_code == 200 and "curl -s http://127.0.0.1:8000/api/analyze -F files=@" in page.text
    assert client.get("/docs").status_code == 404  # no viewer that loads scripts from elsewhere


def test_every_page_sends_the_security_headers(client: TestClient) -> None:
    for path in ("/", "/documents", "/corpus", "/outlets", "/search", "/api", "/api/documents", "/nope"):
        headers = client.get(path).headers
        assert "'unsafe-inline'" not in headers["content-security-policy"], path
        assert headers["x-content-type-options"] == "nosniff", path


def test_serve_without_the_web_extra_prints_the_install_hint(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(__import__("sys").modules, "uvicorn", None)
    result = CliRunner().invoke(main, ["serve"])
    assert result.exit_code == 2
    assert "pip install 'filigrane[web]'" in result.output and "Traceback" not in result.output


def test_serve_hands_the_app_to_uvicorn(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn

    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kwargs: calls.append({"app": app, **kwargs}))
    result = CliRunner().invoke(main, ["serve", "--port", "8765", "--db", str(tmp_path / "s.db")])
    assert result.exit_code == 0, result.output
    (call,) = calls
    assert call["host"] == "127.0.0.1" and call["port"] == 8765
    assert call["app"].state.filigrane.db == tmp_path / "s.db"
    assert (tmp_path / "s.db").exists()


def relative_luminance(colour: str) -> float:
    """WCAG 2 relative luminance of a #rrggbb colour."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(foreground: str, background: str) -> float:
    lighter, darker = sorted((relative_luminance(foreground), relative_luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_main_text_colours_have_a_contrast_of_at_least_4_5(client: TestClient) -> None:
    css = client.get("/static/app.css").text
    root = re.search(r":root\{([^}]*)\}", css)
    assert root is not None
    colours = dict(re.findall(r"--([\w-]+):(#[0-9a-fA-F]{6})", root.group(1)))
    button = re.search(r"\bbutton\{[^}]*color:(#[0-9a-fA-F]{6});background:var\(--(\w+)\)", css)
    assert button is not None
    pairs = {
        "text": (colours["ink"], colours["bg"]),
        "text on cards": (colours["ink"], colours["card"]),
        "muted text": (colours["muted"], colours["bg"]),
        "muted text on cards": (colours["muted"], colours["card"]),
        "links and navigation": (colours["accent"], colours["bg"]),
        "links on cards": (colours["accent"], colours["card"]),
        "buttons": (button.group(1), colours[button.group(2)]),
    }
    for name, (foreground, background) in pairs.items():
        assert contrast(foreground, background) >= 4.5, (name, foreground, background)
    assert contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)  # the formula, on a known pair


CATALOGUE = (
    "id,claim\n"
    "n1,La fuite de Valmont-sur-Loire a été inventée par les autorités\n"
    ",une ligne sans identifiant\n"
    "n2,L'hôpital de Montcerf cache des cas de légionellose\n"
)


def test_catalogues_import_list_browse_and_name_bad_rows(tmp_path: Path) -> None:
    with local_client(create_app(tmp_path / "catalogues.db", warm_up=False)) as client:
        files = {"file": ("debunked.csv", CATALOGUE.encode())}
        response = client.post("/api/catalogues", files=files, data={"name": "démentis"})
        assert response.status_code == 201, response.text
        imported = response.json()
        assert imported["name"] == "démentis" and imported["entries"] == 2
        (bad_row,) = imported["rejected"]
        assert bad_row["source"].startswith("debunked.csv") and bad_row["reason"] == "empty id"
        (listed,) = client.get("/api/catalogues").json()
        assert listed["name"] == "démentis" and listed["entries"] == 2 and listed["source"] == "debunked.csv"
        entries = client.get("/api/catalogues/démentis").json()
        assert [item["entry_id"] for item in entries["items"]] == ["n1", "n2"]
        page = client.get("/catalogues/démentis")
        assert page.status_code == 200 and "L&#39;hôpital de Montcerf cache des cas de légionellose" in page.text
        form = client.post("/catalogues", files={"file": ("autres.csv", CATALOGUE.encode())})
        assert form.status_code == 200
        assert "2 entries stored as catalogue" in form.text and "empty id" in form.text
        assert 'href="/catalogues/autres"' in client.get("/catalogues").text

        unreadable = client.post("/api/catalogues", files={"file": ("x.csv", b"colour,size\nred,2\n")})
        assert unreadable.status_code == 422
        assert unreadable.json()["error"]["details"][0]["reason"] == "missing columns"
        bad_name = client.post("/api/catalogues", files={"file": ("x.csv", CATALOGUE.encode())}, data={"name": "../x"})
        assert bad_name.status_code == 422 and bad_name.json()["error"]["details"][0]["field"] == "name"
        assert client.get("/api/catalogues/nope").status_code == 404

        # Every later analysis matches claims against the stored catalogues.
        report = client.post("/api/analyze", files=[demo_file(MONTCERF_REPOST)]).json()
        (doc,) = report["documents"]
        assert "n2" in {match["entry_id"] for match in doc["narratives"]}
        assert "cache des cas de légionellose" in client.get(f"/documents/{doc['id']}").text


def test_importing_a_catalogue_rechecks_the_stored_documents_in_the_background(tmp_path: Path) -> None:
    with local_client(create_app(tmp_path / "recheck.db", warm_up=False)) as client:
        (doc,) = client.post("/api/analyze", files=[demo_file(MONTCERF_REPOST)]).json()["documents"]
        assert doc["narratives"] == []
        files = {"file": ("debunked.csv", CATALOGUE.encode())}
        imported = client.post("/api/catalogues", files=files, data={"name": "Démentis 2024"}).json()
        assert imported["job"]["kind"] == "recheck" and imported["job"]["inputs"] == ["Démentis 2024"]
        job = wait_for(client, imported["job"]["id"])
        assert job["state"] == "done" and job["analysed"] == 1 and job["matched"] == 1
        assert [item["id"] for item in job["documents"]] == [doc["id"]]
        stored = client.get(f"/api/documents/{doc['id']}").json()["document"]
        assert {(m["entry_id"], m["catalogue"]) for m in stored["narratives"]} >= {("n2", "Démentis 2024")}
        assert 'catalogue <span class="catalogue">Démentis 2024</span>' in client.get(f"/documents/{doc['id']}").text
        progress = client.get(f"/jobs/{job['id']}").text
        assert "Re-check done" in progress and "1 stored document checked against catalogue" in progress

        form = client.post("/catalogues", files={"file": ("autres.csv", CATALOGUE.encode())}, data={"name": "Autres"})
        link = re.search(r'href="/jobs/(\w+)">follow the re-check', form.text)
        assert form.status_code == 200 and link is not None
        assert wait_for(client, link.group(1))["matched"] == 1
        names = {m["catalogue"] for m in client.get(f"/api/documents/{doc['id']}").json()["document"]["narratives"]}
        assert names == {"Démentis 2024", "Autres"}


def test_batches_store_stories_and_the_corpus_update_takes_in_pasted_texts(
    client: TestClient, demo: dict[str, Any]
) -> None:
    montcerf = {by_source(demo, MONTCERF)["id"], by_source(demo, MONTCERF_REPOST)["id"]}
    assert any(montcerf <= set(story["documents"]) for story in demo["stories"])
    stories = client.get("/api/stories", params={"limit": 200}).json()
    assert any(montcerf <= set(story["documents"]) for story in stories["items"])
    assert client.get("/api/claim-groups").status_code == 200
    page = client.get("/corpus")
    assert 'id="stories"' in page.text

    pasted = client.post("/api/analyze", json={"text": (DEMO_CORPUS / "08_tribune-valmont-mensonge.txt").read_text()})
    pasted_id = pasted.json()["documents"][0]["id"]
    # (a paste also starts a background update of the stories, which may take it in first: whether it
    # is in a story at this instant is a race, so only the state after the explicit update is checked)
    update = client.post("/corpus/update", follow_redirects=False)
    assert update.status_code == 303
    job = wait_for(client, update.headers["location"].removeprefix("/jobs/"))
    assert job["state"] == "done" and job["inputs"] == []
    stories_after = client.get("/api/stories", params={"limit": 200}).json()["items"]
    assert any(pasted_id in story["documents"] for story in stories_after)


def test_a_store_locked_by_another_writer_is_a_503(tmp_path: Path) -> None:
    db = tmp_path / "busy.db"
    with local_client(create_app(db, warm_up=False), raise_server_exceptions=False) as client:
        writer = sqlite3.connect(db)
        writer.execute("BEGIN IMMEDIATE")  # another process holds the write lock past SQLite's 5 s wait
        try:
            response = client.post("/api/catalogues", files={"file": ("c.csv", CATALOGUE.encode())})
        finally:
            writer.rollback()
            writer.close()
        assert response.status_code == 503 and "store is busy" in response.json()["error"]["message"]
        assert client.post("/api/catalogues", files={"file": ("c.csv", CATALOGUE.encode())}).status_code == 201


def test_the_model_is_loaded_once_for_every_request(client: TestClient) -> None:
    from filigrane.nlp.parse import load_french

    before = load_french.cache_info()
    for number in range(3):
        text = f"Le maire a affirmé que la route serait rouverte dans {number + 2} jours.\n\nRien n'est décidé."
        assert client.post("/api/analyze", json={"text": text}).status_code == 200
    after = load_french.cache_info()
    assert after.misses == before.misses and after.hits >= before.hits + 3


def test_a_url_form_fetches_in_the_background_and_refuses_private_addresses(client: TestClient) -> None:
    response = client.post("/analyze/url", data={"url": "http://10.0.0.1/article"}, follow_redirects=False)
    assert response.status_code == 303
    job = wait_for(client, response.headers["location"].removeprefix("/jobs/"))
    assert job["analysed"] == 0 and job["rejections"][0]["reason"] == "refused-address"
    page = client.get(response.headers["location"]).text
    assert "refused-address" in page and "a private address" in page
    not_a_url = client.post("/analyze/url", data={"url": "file:///etc/passwd"})
    assert not_a_url.status_code == 422 and "url" in not_a_url.text


def test_listings_page_with_offset_and_limit(client: TestClient, demo: dict[str, Any]) -> None:
    everything = client.get("/api/documents", params={"limit": 200}).json()
    second = client.get("/api/documents", params={"offset": 1, "limit": 1}).json()
    assert second["total"] == everything["total"] >= 4
    assert second["items"] == everything["items"][1:2] and second["offset"] == 1 and second["limit"] == 1


def test_the_paste_form_says_why_a_text_was_not_analysed(client: TestClient) -> None:
    blank = client.post("/analyze/text", data={"text": "   \n  "})
    assert blank.status_code == 422 and "nothing could be analysed" in blank.text and "empty" in blank.text
    missing = client.post("/analyze/text", data={})
    assert missing.status_code == 422 and "body.text" in missing.text
    bad_url = client.post("/analyze/text", data={"text": "Bonjour.", "url": "javascript:alert(1)"})
    assert bad_url.status_code == 422 and "body.url" in bad_url.text


def test_other_hosts_and_cross_site_form_posts_are_refused(client: TestClient) -> None:
    rebound = client.get("/api/documents", headers={"host": "attacker.example:8000"})
    assert rebound.status_code == 400 and "attacker.example" in rebound.json()["error"]["message"]
    assert client.get("/api/documents", headers={"host": "localhost:8000"}).status_code == 200
    forged = client.post("/analyze/text", data={"text": "Bonjour."}, headers={"origin": "https://attacker.example"})
    assert forged.status_code == 403 and "another site" in forged.json()["error"]["message"]
    sandboxed = client.post("/api/analyze", json={"text": "Bonjour."}, headers={"origin": "null"})
    assert sandboxed.status_code == 403
    same_site = {"origin": "http://127.0.0.1:8000"}
    response = client.post("/api/analyze", json={"text": "Le maire a parlé hier soir."}, headers=same_site)
    assert response.status_code == 200


def test_a_server_for_other_interfaces_answers_any_host_and_an_empty_store_reads(tmp_path: Path) -> None:
    with TestClient(create_app(tmp_path / "any.db", warm_up=False, hosts=None)) as client:
        for path in ("/", "/documents", "/corpus", "/outlets", "/catalogues", "/search?q=x", "/api/stories"):
            assert client.get(path).status_code == 200, path  # the test client says "testserver"
        assert "Nothing analysed yet" in client.get("/").text


def test_a_text_pasted_during_a_batch_waits_as_a_job(client: TestClient) -> None:
    analyser = client.app.state.filigrane.analyser  # type: ignore[attr-defined]
    text = "Le préfet a annoncé que le pont serait fermé samedi.\n\nLes élus dénoncent une décision tardive."
    with analyser.lock:  # as while a batch runs
        response = client.post("/analyze/text", data={"text": text}, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"].startswith("/jobs/")
    job = wait_for(client, response.headers["location"].removeprefix("/jobs/"))
    assert job["state"] == "done" and job["analysed"] == 1 and job["inputs"] == ["<pasted text>"]
