"""Fuzzing the web app in-process (FastAPI's test client), as a hostile client would.

Random JSON bodies, multipart uploads of hostile files (truncated gzip, broken JSONL and WARC,
lone surrogates, NUL bytes, markup), query strings with huge, negative and non-numeric values,
odd Host and Origin headers. Properties: never a 500; bad input is a 4xx answered in JSON under
/api/ (`{"error": {"status", "message"}}`); a 200 analysis accounts for every uploaded file as
documents or rejections; the process stays under a stated memory bound.
"""

from __future__ import annotations

import gzip
import json
import resource
import string
import warnings
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

with warnings.catch_warnings():  # starlette's notice that its test client will move to httpx2
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from filigrane.web.analysis import Limits
from filigrane.web.app import create_app

#: Peak RSS of the test process (model loaded, every request answered) must stay under this.
MEMORY_BOUND_MB = 3_000
#: Small caps, so that the size limits are reached by generated input.
LIMITS = Limits(document_bytes=64 * 1024, request_bytes=512 * 1024)
ARTICLE = "Le maire de Valmont a affirmé mardi que l'usine chimique serait fermée avant la fin du mois."
LISTINGS = ("/api/documents", "/api/search?q=maire&", "/api/stories", "/api/claim-groups", "/api/reposts")
PAGES = ("/documents", "/search?q=maire&", "/api/outlets", "/")
#: A fraction of the profile's examples for the tests that run an analysis per example.
FEW = max(5, settings().max_examples // 4)

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=50),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=12,
)
ANY_TEXT = st.text(alphabet=st.characters(codec=None), max_size=200)  # lone surrogates included
HEADER_TEXT = st.text(alphabet=string.ascii_letters + string.digits + ".:-[]_@/ ", max_size=60)


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    app = create_app(tmp_path_factory.mktemp("fuzz-web") / "web.db", limits=LIMITS, warm_up=False)
    with TestClient(app, base_url="http://127.0.0.1:8000", raise_server_exceptions=False) as test_client:
        yield test_client


def check(response: Any, path: str) -> None:
    """Never a 500; a 4xx under /api/ is JSON naming its status."""
    assert response.status_code < 500, (path, response.status_code, response.text[:500])
    if path.startswith("/api/") and response.status_code >= 400:
        error = response.json()["error"]
        assert error["status"] == response.status_code and error["message"]


@given(JSON_VALUES)
def test_random_json_bodies_get_an_answer_never_a_500(client: TestClient, body: Any) -> None:
    response = client.post("/api/analyze", content=json.dumps(body), headers={"content-type": "application/json"})
    check(response, "/api/analyze")
    if not (isinstance(body, dict) and isinstance(body.get("text"), str) and body["text"].strip()):
        assert response.status_code >= 400


@settings(max_examples=FEW)
@given(ANY_TEXT, st.one_of(st.none(), ANY_TEXT))
def test_random_texts_are_analysed_or_refused(client: TestClient, text: str, source: str | None) -> None:
    body = json.dumps({"text": text, "source": source})  # ASCII-escaped: lone surrogates travel as \\udXXX
    response = client.post("/api/analyze", content=body, headers={"content-type": "application/json"})
    check(response, "/api/analyze")


def _gzip(data: bytes, cut: float) -> bytes:
    packed = gzip.compress(data)
    return packed[: max(2, int(len(packed) * cut))]


HOSTILE_FILES = st.one_of(
    st.binary(max_size=2_000).map(lambda data: ("blob.bin", data)),
    st.binary(max_size=2_000).map(lambda data: ("random.txt", data)),
    st.lists(st.one_of(JSON_VALUES.map(json.dumps), st.text(max_size=80)), max_size=6).map(
        lambda lines: ("records.jsonl", "\n".join(lines).encode("utf-8", "surrogatepass"))
    ),
    st.floats(0.0, 1.0).map(
        lambda cut: ("cut.jsonl.gz", _gzip(("\n".join([json.dumps({"text": ARTICLE})] * 20)).encode(), cut))
    ),
    st.binary(max_size=500).map(lambda tail: ("broken.warc", b"WARC/1.0\r\nWARC-Type: response\r\n" + tail)),
    st.text(max_size=300).map(lambda text: ("page.html", f"<html><body><h1>{text}</h1><script>x</script>".encode())),
    st.just(("bad.jsonl", json.dumps({"text": "x \ud800 " + ARTICLE, "title": "\udfff"}).encode())),
    st.just(("nul.txt", b"\x00" * 500 + ARTICLE.encode())),
    st.just(("big.txt", (ARTICLE + "\n\n").encode() * 1_000)),  # over the 64 KB per-document cap
)


@settings(max_examples=FEW)
@given(st.lists(st.tuples(HEADER_TEXT, HOSTILE_FILES), min_size=1, max_size=4))
def test_hostile_uploads_never_crash_and_every_file_is_accounted_for(
    client: TestClient, uploads: list[tuple[str, tuple[str, bytes]]]
) -> None:
    files = [("files", (prefix + name, data)) for prefix, (name, data) in uploads]
    response = client.post("/api/analyze", files=files)
    check(response, "/api/analyze")
    if response.status_code == 200:
        report = response.json()
        assert len(report["documents"]) + len(report["rejected"]) >= len(files)
        json.dumps(report, ensure_ascii=False).encode("utf-8")  # what was stored and sent is valid UTF-8


NUMBERS = st.one_of(
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.sampled_from(["", "abc", "1e9", "1.5", "0x10", "NaN", "-0", "99999999999999999999", "%00"]),
)


@given(st.sampled_from(LISTINGS + PAGES), NUMBERS, NUMBERS)
def test_paging_values_of_any_size_are_a_page_or_a_422(client: TestClient, path: str, offset: str, limit: str) -> None:
    joiner = "" if path.endswith("&") else "?"
    response = client.get(f"{path}{joiner}offset={offset}&limit={limit}")
    check(response, path)
    assert response.status_code in (200, 422)


@given(st.sampled_from(["/", "/api/documents", "/documents", "/api/analyze"]), HEADER_TEXT, HEADER_TEXT)
def test_odd_host_and_origin_headers_are_refused_or_served_never_a_500(
    client: TestClient, path: str, host: str, origin: str
) -> None:
    headers = {"host": host, "origin": origin}
    if path == "/api/analyze":
        response = client.post(path, json={"text": ARTICLE}, headers=headers)
    else:
        response = client.get(path, headers=headers)
    check(response, path)
    if host.strip().lower() not in ("127.0.0.1", "localhost", "[::1]", "127.0.0.1:8000", "localhost:8000"):
        assert response.status_code in (400, 403, 404, 422), (host, response.status_code)


def test_memory_stays_under_the_stated_bound(client: TestClient) -> None:
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    assert peak_mb < MEMORY_BOUND_MB, f"peak RSS {peak_mb:.0f} MB"
