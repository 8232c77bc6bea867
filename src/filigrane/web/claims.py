"""Claim search: `/claims` (a GET form, facets as links, highlighted matches, export links) and its API.

Every view is a stable URL: the filters are the query string, so a search can be bookmarked,
shared, and exported as it is shown (`/api/claims/export?format=csv&...`).
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Annotated, Any, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query
from markupsafe import Markup, escape
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response, StreamingResponse

from filigrane.provenance.catalogue import OWNERSHIP_TYPES
from filigrane.store import PARQUET_HINT
from filigrane.store.claims import (
    CERTAINTIES,
    HOLDER_KINDS,
    MARKER_TYPES,
    POLARITIES,
    ClaimFilters,
    ClaimPage,
    search_claims,
    stance_rows,
)
from filigrane.web.context import Offset, context
from filigrane.web.templating import page

router = APIRouter()

PAGE_SIZE = 20
_DAY = r"^(\d{4}-\d{2}-\d{2})?$"
#: The values the contract allows, for the form's drop-down lists.
CHOICES: dict[str, tuple[str, ...]] = {
    "holder_kind": HOLDER_KINDS,
    "polarity": POLARITIES,
    "certainty": CERTAINTIES,
    "marker": MARKER_TYPES,
    "ownership": tuple(OWNERSHIP_TYPES),
}


def claim_filters(
    q: Annotated[str, Query(max_length=200, description="words the claim contains (any case)")] = "",
    holder: Annotated[str, Query(max_length=200, description="part of a holder's name")] = "",
    holder_kind: Annotated[str, Query(max_length=40, description="author, named_person, anonymous_source, ...")] = "",
    polarity: Annotated[str, Query(max_length=20, description="affirms or denies")] = "",
    certainty: Annotated[str, Query(max_length=20, description="neutral, hedged or boosted")] = "",
    marker: Annotated[
        str, Query(max_length=20, description="quote, denial, conditional, hedge, booster, evidence")
    ] = "",
    technique: Annotated[str, Query(max_length=80, description="a technique (when the store records them)")] = "",
    outlet: Annotated[str, Query(max_length=200, description="an origin outlet's id or name (exactly, any case)")] = "",
    country: Annotated[str, Query(max_length=10, description="an origin's country code (RU, FR, ...)")] = "",
    ownership: Annotated[str, Query(max_length=40, description="an origin's ownership (state-controlled, ...)")] = "",
    language: Annotated[str, Query(max_length=10, description="the document's language")] = "",
    since: Annotated[str, Query(pattern=_DAY, description="documents dated this day or later (YYYY-MM-DD)")] = "",
    until: Annotated[str, Query(pattern=_DAY, description="documents dated this day or earlier (YYYY-MM-DD)")] = "",
    story: Annotated[str, Query(max_length=200, description="a story id")] = "",
    claim_group: Annotated[str, Query(max_length=200, description="a claim group id")] = "",
    narrative: Annotated[str, Query(max_length=200, description="a catalogue entry id, or * for any match")] = "",
) -> ClaimFilters:
    given = dict(locals())
    return ClaimFilters(**{key: str(value).strip() for key, value in given.items()})


Filters = Annotated[ClaimFilters, Depends(claim_filters)]


def _search(request: Request, filters: ClaimFilters, offset: int, limit: int) -> ClaimPage:
    with context(request).store() as store:
        return search_claims(store.connection, filters, offset, limit)


@router.get("/api/claims", tags=["api"], summary="Claims with their document, outlet and stances, and facet counts")
def api_claims(
    request: Request,
    filters: Filters,
    offset: Offset = 0,
    limit: Annotated[int, Query(ge=1, le=200, description="claims per page")] = 20,
) -> dict[str, Any]:
    """`{"total", "facets", "claims"}`: each facet lists values with the number of matching claims."""
    return _search(request, filters, offset, limit).to_dict() | {"filters": filters.to_dict()}


@router.get("/api/claims/export", tags=["api"], summary="The stances of the matching claims, as CSV, JSONL or Parquet")
def export_claims(request: Request, filters: Filters, format: Literal["csv", "jsonl", "parquet"] = "csv") -> Response:
    """One row per stance: the document, its origins (outlet, country, ownership), date, story and
    claim-group ids, the claim, the stance, and one column per marker type (the marked texts).
    Parquet needs pyarrow (`pip install 'filigrane[parquet]'`; a 422 says so without it)."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    headers = {"Content-Disposition": f'attachment; filename="filigrane-claims-{stamp}.{format}"'}
    if format == "parquet":
        return Response(_parquet(request, filters), media_type="application/vnd.apache.parquet", headers=headers)
    store = context(request).store()
    columns, rows = stance_rows(store.connection, filters)
    lines = _csv_lines(columns, rows) if format == "csv" else _jsonl_lines(columns, rows)
    media_type = "text/csv; charset=utf-8" if format == "csv" else "application/x-ndjson"
    return StreamingResponse(_closing(lines, store.close), media_type=media_type, headers=headers)


def _parquet(request: Request, filters: ClaimFilters) -> bytes:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as error:
        raise HTTPException(422, PARQUET_HINT) from error
    with context(request).store() as store:
        columns, rows = stance_rows(store.connection, filters)
        table = list(rows)
    buffer = io.BytesIO()
    pq.write_table(pa.table({name: [row[i] for row in table] for i, name in enumerate(columns)}), buffer)
    return buffer.getvalue()


def _closing(lines: Iterator[str], close: Any) -> Iterator[bytes]:
    try:
        for line in lines:
            yield line.encode("utf-8")
    finally:
        close()


def _csv_lines(columns: list[str], rows: Iterator[tuple[Any, ...]]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in _with_header(columns, rows):
        writer.writerow(row)
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()


def _with_header(columns: list[str], rows: Iterator[tuple[Any, ...]]) -> Iterator[tuple[Any, ...]]:
    yield tuple(columns)
    yield from rows


def _jsonl_lines(columns: list[str], rows: Iterator[tuple[Any, ...]]) -> Iterator[str]:
    for row in rows:
        yield json.dumps(dict(zip(columns, row, strict=True)), ensure_ascii=False) + "\n"


def view_url(filters: dict[str, str], path: str = "/claims", **changes: str | None) -> str:
    """The URL of a view: `filters` with `changes` (None removes a filter); the offset starts over."""
    query = {key: value for key, value in {**filters, **changes}.items() if value}
    return f"{path}?{urlencode(query)}" if query else path


def highlight(text: str, query: str) -> Markup:
    """`text` escaped, each occurrence of `query` (any case) in `<mark>`."""
    if not query:
        return escape(text)
    parts = re.split(f"({re.escape(query)})", text, flags=re.IGNORECASE)
    return Markup("").join(
        Markup("<mark>{}</mark>").format(part) if i % 2 else escape(part) for i, part in enumerate(parts)
    )


@router.get("/claims", include_in_schema=False)
def claims_page(request: Request, filters: Filters, offset: Offset = 0) -> Response:
    results = _search(request, filters, offset, PAGE_SIZE)
    current = filters.to_dict()
    return page(
        request,
        "claims.html",
        filters=filters,
        current=current,
        results=results,
        choices=CHOICES,
        view_url=view_url,
        highlight=highlight,
        export_query=urlencode(current),
    )
