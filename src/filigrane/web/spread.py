"""The pages of one story and one claim group: what it says, and how it spread (timeline and graph).

The pictures and their tables come from the report module (`report.html_spread`), drawn on the
server as inline SVG: they read with JavaScript off and under the app's CSP.
"""

from __future__ import annotations

from typing import Any, Literal
from urllib.parse import quote

from fastapi import APIRouter
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from filigrane.report.contract import envelope
from filigrane.report.html_corpus import claim_group_html
from filigrane.report.html_index import Corpus, claim_pairs
from filigrane.report.html_spread import spread_html
from filigrane.report.spread import Spread, group_spread, story_spread
from filigrane.store import Store
from filigrane.web import queries
from filigrane.web.context import context
from filigrane.web.reading import document_url
from filigrane.web.templating import page

router = APIRouter(include_in_schema=False)

_PATHS = {"story": "/stories/", "claim_group": "/claim-groups/"}


def spread_url(kind: Literal["story", "claim_group"], item_id: str) -> str:
    """Where a story or claim group reads in the app."""
    return _PATHS[kind] + quote(item_id, safe="")


def _corpus(store: Store, doc_ids: list[str], claim_groups: list[dict[str, Any]]) -> Corpus:
    """The stored documents named (latest analyses), their repost groups and the claim groups given."""
    documents = [doc for doc_id in dict.fromkeys(doc_ids) if (doc := queries.document(store, doc_id)) is not None]
    reposts = store.reposts_within({str(doc["id"]) for doc in documents})
    report = envelope(documents, [], reposts=reposts, claim_groups=claim_groups)
    return Corpus(report, document_url=document_url, corpus_url="/corpus", spread_url=spread_url)


@router.get("/stories/{story_id}")
def story_page(request: Request, story_id: str) -> Response:
    with context(request).store() as store:
        story = next((item for item in store.stories() if item.get("id") == story_id), None)
        if story is None:
            raise HTTPException(404, "no such story in the store (stories are those of the latest corpus update)")
        doc_ids = [str(doc_id) for doc_id in story.get("documents") or []]
        members = set(doc_ids)
        groups = [
            group
            for group in store.claim_groups()
            if any(str(doc_id) in members for doc_id, _ in claim_pairs(group.get("claims")))
        ]
        corpus = _corpus(store, doc_ids, groups)
    listed = [(group, spread_url("claim_group", str(group.get("id")))) for group in groups]
    return _page(request, "story", story, corpus, story_spread(story, corpus), groups=listed)


@router.get("/claim-groups/{group_id}")
def claim_group_page(request: Request, group_id: str) -> Response:
    with context(request).store() as store:
        group = next((item for item in store.claim_groups() if item.get("id") == group_id), None)
        if group is None:
            raise HTTPException(404, "no such claim group in the store (groups are those of the latest corpus update)")
        corpus = _corpus(store, [str(doc_id) for doc_id, _ in claim_pairs(group.get("claims"))], [group])
    details = claim_group_html(group, corpus)
    return _page(request, "claim_group", group, corpus, group_spread(group, corpus), details=details)


def _page(
    request: Request,
    kind: Literal["story", "claim_group"],
    item: dict[str, Any],
    corpus: Corpus,
    spread: Spread,
    groups: list[tuple[dict[str, Any], str]] | None = None,
    details: str = "",
) -> Response:
    """The page of a story or claim group: its facts, its spread, then its claim groups or its sides."""
    html = spread_html(spread, corpus)
    documents = len(corpus.documents)
    return page(
        request,
        "spread.html",
        kind=kind,
        item=item,
        documents=documents,
        spread=html,
        groups=groups or [],
        details=details,
    )
