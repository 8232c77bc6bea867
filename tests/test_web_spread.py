"""The story and claim-group pages of the app (in-process): timeline and graph drawn on the server as
SVG, a table beside each, linked from the corpus page, which shows the corpus at a glance."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from filigrane.web.app import create_app
from filigrane.web.context import AppContext
from filigrane.web.jobs import Job
from tests.test_web_api import TestClient, demo_file, local_client

FILES = (
    "01_valmont-fuite-chimique.txt",
    "02_valmont-version-contestee.txt",
    "03_valmont-repost-blog.txt",
    "09_valmont-english.txt",
)


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    app = create_app(tmp_path_factory.mktemp("spread") / "web.db")
    with local_client(app) as test_client:
        yield test_client


def context_of(client: TestClient) -> AppContext:
    found = client.app.state.filigrane  # type: ignore[attr-defined]
    assert isinstance(found, AppContext)
    return found


@pytest.fixture(scope="module")
def demo(client: TestClient) -> dict[str, Any]:
    """Four demo articles about one event (a repost pair among them), analysed as one batch."""
    response = client.post("/api/analyze", files=[demo_file(name) for name in FILES])
    assert response.status_code == 200, response.text
    report: dict[str, Any] = response.json()
    return report


def test_the_corpus_page_links_each_story_and_claim_group_to_its_spread(
    client: TestClient, demo: dict[str, Any]
) -> None:
    page = client.get("/corpus").text
    story = max(demo["stories"], key=lambda item: len(item["documents"]))
    assert f'href="/stories/{story["id"]}"' in page
    assert any(f'href="/claim-groups/{group["id"]}"' in page for group in demo["claim_groups"])
    glance = page[page.index('id="glance"') :]
    assert glance.count('<svg class="bars"') == 4 and "Documents and claims by holder kind" in glance
    assert '<svg class="graph"' not in page  # drawn on their own pages, not all at once


def test_a_story_page_draws_its_timeline_and_graph_with_a_table_beside_each(
    client: TestClient, demo: dict[str, Any]
) -> None:
    story = max(demo["stories"], key=lambda item: len(item["documents"]))
    response = client.get(f"/stories/{story['id']}")
    assert response.status_code == 200
    assert "Content-Security-Policy" in response.headers
    page = response.text
    assert page.count('<svg class="timeline"') == 1 and page.count('<svg class="graph"') == 1
    graph = page[page.index('<svg class="graph"') : page.index("</svg>", page.index('<svg class="graph"'))]
    assert graph.count('<a class="node') == len(story["documents"]) == 4
    for doc_id in story["documents"]:
        assert f'href="/documents/{doc_id}"' in graph
    assert 'class="ring"' in graph  # the origin copy of the repost pair
    assert re.search(r'<path class="edge repost" [^>]*marker-end=', graph)
    assert page.count("<table>") >= 2 and '<th scope="col">First seen</th>' in page
    assert " style=" not in page  # nothing the CSP would block


def test_a_claim_group_page_draws_its_documents_and_says_who_affirms_and_denies(
    client: TestClient, demo: dict[str, Any]
) -> None:
    group = max(demo["claim_groups"], key=lambda item: len({d for d, _ in item["claims"]}))
    page = client.get(f"/claim-groups/{group['id']}").text
    graph = page[page.index('<svg class="graph"') : page.index("</svg>", page.index('<svg class="graph"'))]
    assert graph.count('<a class="node') == len({d for d, _ in group["claims"]})
    assert "Affirmed by" in page and "Denied by" in page


def test_unknown_stories_and_claim_groups_are_404(client: TestClient) -> None:
    assert client.get("/stories/nope").status_code == 404
    assert client.get("/claim-groups/nope").status_code == 404


def test_a_running_job_shows_a_progress_bar_with_the_time_left(client: TestClient) -> None:
    jobs = context_of(client).jobs
    job = jobs._add(Job("f" * 12, ["batch.jsonl"], state="running", analysed=30, rejected=2, total=80, eta_seconds=75))
    page = client.get(f"/jobs/{job.id}").text
    assert '<meta http-equiv="refresh" content="1">' in page
    assert '<progress id="job-progress" max="80" value="32">32 of 80</progress>' in page
    assert '<label for="job-progress">' in page and "about 1 min 15 s left" in page
    api = client.get(f"/api/jobs/{job.id}").json()
    assert api["total"] == 80 and api["eta_seconds"] == 75
    job.state = "done"
    assert "<progress" not in client.get(f"/jobs/{job.id}").text


def test_an_upload_is_counted_before_it_runs(client: TestClient) -> None:
    lines = "".join(f'{{"text": "Le maire de Ville{n} a affirmé que l\'usine serait fermée."}}\n' for n in range(3))
    job = client.post("/api/jobs", files=[("files", ("three.jsonl", lines.encode()))]).json()
    assert job["total"] == 3


def test_the_api_gives_a_spread_as_data(client: TestClient, demo: dict[str, Any]) -> None:
    story = max(demo["stories"], key=lambda item: len(item["documents"]))
    spread = client.get(f"/api/stories/{story['id']}/spread").json()
    assert spread["story"]["id"] == story["id"]
    assert sorted(node["document_id"] for node in spread["nodes"]) == sorted(story["documents"])
    assert [node["number"] for node in spread["nodes"]] == list(range(1, len(story["documents"]) + 1))
    assert all(0 <= node["lane"] < len(spread["lanes"]) for node in spread["nodes"])
    assert {"repost", "same-claim"} >= {edge["kind"] for edge in spread["edges"]} and spread["edges"]
    assert any(node["origin_copy"] for node in spread["nodes"])
    group = demo["claim_groups"][0]
    data = client.get(f"/api/claim-groups/{group['id']}/spread").json()
    assert data["claim_group"]["id"] == group["id"] and len(data["nodes"]) == len({d for d, _ in group["claims"]})
    missing = client.get("/api/stories/nope/spread")
    assert missing.status_code == 404 and missing.json()["error"]["status"] == 404
    assert "/api/stories/{story_id}/spread" in client.get("/api/openapi.json").json()["paths"]
