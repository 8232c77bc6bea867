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

from filigrane.corpus_records import ClaimGroup, CorpusOutputs, corpus_to_dict
from filigrane.report.contract import envelope
from filigrane.report.html_corpus import claim_group_html
from filigrane.report.html_index import Corpus
from filigrane.report.html_spread import spread_html
from filigrane.report.spread import Spread, group_spread, story_spread
from filigrane.store import Store
from filigrane.web import queries
from filigrane.web.context import context
from filigrane.web.i18n import reader_language
from filigrane.web.reading import document_url
from filigrane.web.templating import page

router = APIRouter(include_in_schema=False)
api_router = APIRouter(prefix="/api", tags=["api"])

_PATHS = {"story": "/stories/", "claim_group": "/claim-groups/"}


def spread_url(kind: Literal["story", "claim_group"], item_id: str) -> str:
    """Where a story or claim group reads in the app."""
    return _PATHS[kind] + quote(item_id, safe="")


def _corpus(store: Store, doc_ids: list[str], claim_groups: list[ClaimGroup]) -> Corpus:
    """The stored documents named (latest analyses), their repost groups and the claim groups given."""
    documents = [doc for doc_id in dict.fromkeys(doc_ids) if (doc := queries.document(store, doc_id)) is not None]
    reposts = store.reposts_within({str(doc["id"]) for doc in documents})
    report = envelope(documents, [], **corpus_to_dict(CorpusOutputs(reposts=reposts, claim_groups=claim_groups)))
    return Corpus(report, document_url=document_url, corpus_url="/corpus", spread_url=spread_url)


def _story(store: Store, story_id: str) -> tuple[dict[str, Any], list[dict[str, Any]], Corpus]:
    """A stored story (404 if none), the claim groups its documents share, and its corpus."""
    story = next((item for item in store.stories() if item.id == story_id), None)
    if story is None:
        raise HTTPException(404, "no such story in the store (stories are those of the latest corpus update)")
    members = set(story.documents)
    groups = [group for group in store.claim_groups() if not members.isdisjoint(group.document_ids)]
    return story.to_dict(), [group.to_dict() for group in groups], _corpus(store, story.documents, groups)


def _group(store: Store, group_id: str) -> tuple[dict[str, Any], Corpus]:
    """A stored claim group (404 if none) and its corpus."""
    group = next((item for item in store.claim_groups() if item.id == group_id), None)
    if group is None:
        raise HTTPException(404, "no such claim group in the store (groups are those of the latest corpus update)")
    return group.to_dict(), _corpus(store, group.document_ids, [group])


@router.get("/stories/{story_id}")
def story_page(request: Request, story_id: str) -> Response:
    with context(request).store() as store:
        story, groups, corpus = _story(store, story_id)
    listed = [(group, spread_url("claim_group", str(group.get("id")))) for group in groups]
    return _page(request, "story", story, corpus, story_spread(story, corpus), groups=listed)


@router.get("/claim-groups/{group_id}")
def claim_group_page(request: Request, group_id: str) -> Response:
    with context(request).store() as store:
        group, corpus = _group(store, group_id)
    with reader_language(request):
        details = claim_group_html(group, corpus)
    return _page(request, "claim_group", group, corpus, group_spread(group, corpus), details=details)


@api_router.get("/stories/{story_id}/spread", summary="How a story spread: its documents by outlet and day, and links")
def story_spread_json(request: Request, story_id: str) -> dict[str, Any]:
    """The timeline and graph of the story page as data: outlet lanes, days (null: undated), documents
    numbered in first-seen order, and `repost` (to the origin copy) and `same-claim` edges."""
    with context(request).store() as store:
        story, _, corpus = _story(store, story_id)
    return {"story": story, **story_spread(story, corpus).to_dict()}


@api_router.get("/claim-groups/{group_id}/spread", summary="How a claim group spread, as for a story")
def group_spread_json(request: Request, group_id: str) -> dict[str, Any]:
    with context(request).store() as store:
        group, corpus = _group(store, group_id)
    return {"claim_group": group, **group_spread(group, corpus).to_dict()}


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
    with reader_language(request):
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
