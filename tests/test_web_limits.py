"""The web app against hostile input (issue 15): a lone surrogate in an upload, huge paging values."""

from __future__ import annotations

import time
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

with warnings.catch_warnings():  # starlette's notice that its test client will move to httpx2
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from filigrane.store import Store
from filigrane.web.app import create_app
from filigrane.web.context import MAX_OFFSET

GOOD = "Le maire de Valmont a affirmé mardi que l'usine chimique serait fermée avant la fin du mois."
#: One good record, one whose text holds a lone surrogate (valid JSON, not encodable as UTF-8).
MIXED_JSONL = (
    '{"id": "good", "text": "' + GOOD + '"}\n{"id": "bad", "text": "Le maire a dit \\ud800 que le pont fermera."}\n'
).encode()


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("web-limits") / "web.db"


@pytest.fixture(scope="module")
def client(db: Path) -> Iterator[TestClient]:
    app = create_app(db, warm_up=False)
    with TestClient(app, base_url="http://127.0.0.1:8000", raise_server_exceptions=False) as test_client:
        yield test_client


def test_an_upload_with_a_lone_surrogate_keeps_the_good_record(client: TestClient, db: Path) -> None:
    """Once a bare 500, with the good record beside it not stored."""
    response = client.post("/api/analyze", files=[("files", ("mixed.jsonl", MIXED_JSONL))])
    assert response.status_code == 200, response.text
    report = response.json()
    # the reader repairs the lone surrogate (U+FFFD) and says so: nothing is lost or crashes
    assert [doc["id"] for doc in report["documents"]] == ["good", "bad"]
    assert report["rejected"] == []
    repaired = report["documents"][1]
    assert "\ufffd" in repaired["text"] and "lone surrogates" in repaired["metadata"]["repaired"]
    with Store(db) as store:
        stored = {row[0] for row in store.connection.execute("SELECT id FROM documents")}
    assert "good" in stored


def test_a_background_job_with_a_lone_surrogate_finishes(client: TestClient) -> None:
    response = client.post("/api/jobs", files=[("files", ("mixed-job.jsonl", MIXED_JSONL.replace(b"good", b"g2")))])
    assert response.status_code == 202, response.text
    job = response.json()
    for _ in range(600):
        job = client.get(f"/api/jobs/{job['id']}").json()
        if job["state"] != "running":
            break
        time.sleep(0.1)
    assert job["state"] == "done", job


@pytest.mark.parametrize("path", ["/api/documents", "/api/search?q=maire", "/documents", "/search?q=maire"])
@pytest.mark.parametrize("offset", ["99999999999999999999", str(MAX_OFFSET + 1), "-1", "abc"])
def test_offsets_out_of_bounds_are_a_422_naming_the_field(client: TestClient, path: str, offset: str) -> None:
    """`offset=99999999999999999999` once reached SQLite as an OverflowError: a bare 500."""
    joiner = "&" if "?" in path else "?"
    response = client.get(f"{path}{joiner}offset={offset}")
    assert response.status_code == 422, response.text
    if path.startswith("/api/"):
        (detail,) = response.json()["error"]["details"]
        assert detail["field"] == "query.offset"
    else:
        assert "offset" in response.text


@pytest.mark.parametrize("path", ["/api/documents", "/api/search?q=maire", "/documents", "/search?q=maire"])
def test_the_largest_offset_reads_an_empty_page(client: TestClient, path: str) -> None:
    joiner = "&" if "?" in path else "?"
    assert client.get(f"{path}{joiner}offset={MAX_OFFSET}").status_code == 200


@pytest.mark.parametrize(("host", "origin"), [("[", None), ("127.0.0.1:8000", "http://[")])
def test_unparsable_host_or_origin_headers_are_refused_not_a_500(
    client: TestClient, host: str, origin: str | None
) -> None:
    """Found by the fuzz suite: `Host: [` raised "Invalid IPv6 URL" in the host guard."""
    headers = {"host": host} if origin is None else {"host": host, "origin": origin}
    response = client.post("/api/analyze", json={"text": GOOD}, headers=headers)
    assert response.status_code in (400, 403) and response.json()["error"]["message"]
