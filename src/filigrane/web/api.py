"""The JSON API: analyse (JSON or multipart), read documents back, list and search, follow jobs.

`/api/openapi.json` describes every route; `/api` renders it as a page.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Query, UploadFile
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from filigrane.report.contract import CONTRACT_VERSION
from filigrane.web import catalogues, queries
from filigrane.web.analysis import Submission
from filigrane.web.context import (
    MAX_FILES,
    Offset,
    after_paste,
    analysed,
    context,
    corpus_report,
    file_submissions,
    outlets,
    text_submission,
)
from filigrane.web.errors import malformed

router = APIRouter(prefix="/api", tags=["api"])

Limit = Annotated[int, Query(ge=1, le=200, description="items per page")]


class TextInput(BaseModel):
    """One article: its `text` (optional `source` name and page `url`, not fetched), or a `url` alone to fetch."""

    model_config = ConfigDict(extra="forbid")

    text: str | None = Field(None, description="the article, plain text or HTML")
    source: str | None = Field(None, max_length=300, description="a name for it (default: <pasted text>)")
    url: str | None = Field(None, max_length=2000, pattern=r"^https?://\S+$", description="its address")

    @model_validator(mode="after")
    def text_or_url(self) -> TextInput:
        if not (self.text and self.text.strip()) and not self.url:
            raise ValueError("give a non-empty `text`, or a `url` alone to fetch it")
        return self


_ANALYZE_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {"schema": TextInput.model_json_schema()},
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "properties": {"files": {"type": "array", "items": {"type": "string", "format": "binary"}}},
                    "required": ["files"],
                }
            },
        },
    }
}


async def submissions_from(request: Request) -> list[Submission]:
    """JSON (one text or URL) or multipart (`files`): anything else is a 415."""
    kind = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if kind == "application/json":
        try:
            data = TextInput.model_validate_json(await request.body())
        except ValidationError as error:
            raise malformed(error.errors()) from error
        if data.text and data.text.strip():
            limit = context(request).analyser.limits.document_bytes
            return [text_submission(limit, data.text, data.source, data.url)]
        return [Submission(data.source or data.url or "", url=data.url)]
    if kind == "multipart/form-data":
        async with request.form(max_files=MAX_FILES) as form:
            return await file_submissions(form.getlist("files"))
    raise HTTPException(415, "send application/json ({'text': ...}) or multipart/form-data (files)")


@router.post("/analyze", openapi_extra=_ANALYZE_BODY, summary="Analyse and store; returns the JSON contract")
async def analyze(request: Request) -> Response:
    """Runs in this request. A request whose every input is rejected gets a 422 naming each reason."""
    submissions = await submissions_from(request)
    report = analysed(await run_in_threadpool(context(request).analyser.run, submissions))
    after_paste(context(request), submissions)
    return JSONResponse(report)


@router.post("/jobs", openapi_extra=_ANALYZE_BODY, status_code=202, summary="Analyse in the background")
async def start_job(request: Request) -> Response:
    """Same inputs as /api/analyze; answers 202 at once with the job to poll."""
    job = context(request).jobs.submit(await submissions_from(request))
    return JSONResponse(asdict(job), status_code=202, headers={"Location": f"/api/jobs/{job.id}"})


@router.get("/jobs/{job_id}", summary="A background job: state, progress and, once done, its documents")
def get_job(request: Request, job_id: str) -> dict[str, Any]:
    job = context(request).jobs.get(job_id)
    if job is None:
        raise HTTPException(404, f"no job {job_id!r} (jobs are forgotten when the server restarts)")
    return asdict(job)


@router.get("/documents", summary="Stored documents, newest first")
def list_documents(request: Request, offset: Offset = 0, limit: Limit = 20) -> dict[str, Any]:
    with context(request).store() as store:
        return queries.documents(store, offset, limit).to_dict()


@router.get("/documents/{document_id}", summary="One stored document, as a contract line")
def get_document(request: Request, document_id: str) -> dict[str, Any]:
    with context(request).store() as store:
        doc = queries.document(store, document_id)
    if doc is None:
        raise HTTPException(404, f"no document {document_id!r} in the store")
    return {"filigrane": CONTRACT_VERSION, "document": doc}


@router.get("/search", summary="Documents whose text, an entity, an origin outlet or a holder contains q")
def search(
    request: Request,
    q: Annotated[str, Query(min_length=1, max_length=200)],
    by: queries.SearchField = "text",
    offset: Offset = 0,
    limit: Limit = 20,
) -> dict[str, Any]:
    with context(request).store() as store:
        return queries.search(store, by, q, offset, limit).to_dict()


def corpus_list(request: Request, key: str, offset: int, limit: int) -> dict[str, Any]:
    with context(request).store() as store:
        items: list[dict[str, Any]] = corpus_report(store)[key]
    return queries.paged(items, offset, limit).to_dict()


@router.get("/reposts", summary="Groups of copies of one text")
def list_reposts(request: Request, offset: Offset = 0, limit: Limit = 20) -> dict[str, Any]:
    return corpus_list(request, "reposts", offset, limit)


@router.get("/stories", summary="Stories: the articles that tell the same event (latest corpus update)")
def list_stories(request: Request, offset: Offset = 0, limit: Limit = 20) -> dict[str, Any]:
    return corpus_list(request, "stories", offset, limit)


@router.get("/claim-groups", summary="Claims shared across documents: who affirms, who denies (latest update)")
def list_claim_groups(request: Request, offset: Offset = 0, limit: Limit = 20) -> dict[str, Any]:
    return corpus_list(request, "claim_groups", offset, limit)


@router.get("/outlets", summary="The outlet catalogue, with the number of stored documents from each")
def list_outlets(request: Request, offset: Offset = 0, limit: Limit = 50) -> dict[str, Any]:
    with context(request).store() as store:
        rows = outlets(store)
    return queries.paged(rows, offset, limit).to_dict()


@router.get("/catalogues", summary="The stored catalogues of known narratives")
def list_catalogues(request: Request) -> list[dict[str, Any]]:
    with context(request).store() as store:
        return store.catalogues()


@router.post("/catalogues", status_code=201, summary="Import a catalogue file (CSV, TSV or ClaimReview JSON)")
def import_catalogue(
    request: Request, file: Annotated[UploadFile, File()], name: Annotated[str, Form(max_length=80)] = ""
) -> dict[str, Any]:
    """Replaces a stored catalogue of the same name; answers with the entry count, each rejected row and
    the background job (`/api/jobs/{id}`) that re-checks the stored documents against it."""
    app = context(request)
    with app.store() as store:
        imported = catalogues.import_upload(store, name, file)
    return asdict(imported) | {"job": asdict(app.jobs.recheck(imported.name))}


@router.get("/catalogues/{name}", summary="The entries of one stored catalogue")
def catalogue_entries(request: Request, name: str, offset: Offset = 0, limit: Limit = 50) -> dict[str, Any]:
    with context(request).store() as store:
        entries = [catalogues.entry_dict(entry) for entry in store.catalogue_entries(name)]
    if not entries:
        raise HTTPException(404, f"no catalogue {name!r} in the store")
    return queries.paged(entries, offset, limit).to_dict()
