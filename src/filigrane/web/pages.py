"""The server-rendered pages: forms post, the server redirects, everything reads with JavaScript off."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Form, Query, UploadFile
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from filigrane.i18n import Language
from filigrane.report.html_common import anchor, claim_anchor
from filigrane.web import catalogues, i18n, queries, reading
from filigrane.web.analysis import Submission
from filigrane.web.context import (
    Offset,
    after_paste,
    analysed,
    context,
    corpus_report,
    file_submissions,
    filter_outlets,
    outlets,
    text_submission,
)
from filigrane.web.neighbours import document_corpus
from filigrane.web.spread import spread_url
from filigrane.web.templating import app_css_text, page

router = APIRouter(include_in_schema=False)

PAGE_SIZE = 20


@router.get("/")
def home(request: Request) -> Response:
    with context(request).store() as store:
        recent = queries.documents(store, 0, 10)
    return page(request, "index.html", recent=recent)


@router.post("/analyze/text")
async def analyze_text(
    request: Request,
    text: Annotated[str, Form(min_length=1)],
    source: Annotated[str, Form()] = "",
    url: Annotated[str, Form(pattern=r"^(https?://\S+)?$")] = "",
) -> Response:
    """Pasted text is analysed at once (well under a second), then its reading is shown.

    While a batch holds the analyser, the text waits its turn as a job instead of holding the page.
    """
    app = context(request)
    submission = text_submission(app.analyser.limits.document_bytes, text, source, url)
    if app.analyser.lock.locked():
        return RedirectResponse(f"/jobs/{app.jobs.submit([submission]).id}", status_code=303)
    report = analysed(await run_in_threadpool(app.analyser.run, [submission]))
    after_paste(app, [submission])
    return RedirectResponse(f"/documents/{report['documents'][0]['id']}", status_code=303)


@router.post("/analyze/files")
async def analyze_files(request: Request, files: Annotated[list[UploadFile], File()]) -> Response:
    """Files (possibly many articles each) run in the background; the job page shows the progress."""
    job = context(request).jobs.submit(await file_submissions(files))
    return RedirectResponse(f"/jobs/{job.id}", status_code=303)


@router.post("/analyze/url")
def analyze_url(request: Request, url: Annotated[str, Form(pattern=r"^https?://\S+$", max_length=2000)]) -> Response:
    """A URL is fetched in the background (public addresses only)."""
    job = context(request).jobs.submit([Submission(url, url=url)])
    return RedirectResponse(f"/jobs/{job.id}", status_code=303)


@router.get("/jobs/{job_id}")
def job_page(request: Request, job_id: str) -> Response:
    job = context(request).jobs.get(job_id)
    if job is None:
        raise HTTPException(404, "no such job (jobs are forgotten when the server restarts)")
    return page(request, "job.html", job=job)


@router.get("/documents")
def documents_page(request: Request, offset: Offset = 0, deleted: str = "", rows: int = 0) -> Response:
    with context(request).store() as store:
        listing = queries.documents(store, offset, PAGE_SIZE)
    return page(request, "documents.html", listing=listing, deleted=deleted[:200], rows=rows)


@router.get("/documents/{document_id}")
def document_page(request: Request, document_id: str) -> Response:
    with context(request).store() as store:
        doc = queries.document(store, document_id)
        corpus = None if doc is None else document_corpus(store, doc)
    if doc is None:
        raise HTTPException(404, "no such document in the store")
    with i18n.reader_language(request):
        fragment = reading.document_fragment(doc, corpus)
    return page(request, "document.html", doc=doc, reading=fragment, anchor=anchor, claim_anchor=claim_anchor)


@router.get("/corpus")
def corpus_page(request: Request) -> Response:
    with context(request).store() as store:
        report = corpus_report(store)
    with i18n.reader_language(request):
        fragment = reading.corpus_fragment(report, spread_url)
    return page(request, "corpus.html", report=report, reading=fragment)


@router.post("/corpus/update")
def update_corpus(request: Request) -> Response:
    """Stories and claim groups over the whole store, in the background (each paste queues one too)."""
    job = context(request).jobs.update_corpus()
    return RedirectResponse(f"/jobs/{job.id}", status_code=303)


@router.get("/outlets")
def outlets_page(
    request: Request,
    q: Annotated[str, Query(max_length=200)] = "",
    country: Annotated[str, Query(max_length=10)] = "",
    ownership: Annotated[str, Query(max_length=40)] = "",
) -> Response:
    with context(request).store() as store:
        rows = outlets(store)
    shown = filter_outlets(rows, q.strip(), country.strip(), ownership.strip())
    choices = {
        "country": sorted({row["country"] for row in rows}),
        "ownership": sorted({row["ownership"] for row in rows}),
    }
    form = {"q": q, "country": country, "ownership": ownership}
    return page(request, "outlets.html", outlets=shown, total=len(rows), form=form, choices=choices)


@router.get("/search")
def search_page(
    request: Request,
    q: Annotated[str, Query(max_length=200)] = "",
    by: queries.SearchField = "text",
    offset: Offset = 0,
) -> Response:
    results = None
    if q.strip():
        with context(request).store() as store:
            results = queries.search(store, by, q.strip(), offset, PAGE_SIZE)
    return page(request, "search.html", q=q, by=by, fields=queries.SEARCH_FIELDS, results=results)


@router.get("/language/{code}")
def choose_language(code: Language, next: Annotated[str, Query(max_length=2000)] = "/") -> Response:
    """The language switch on every page: keep the choice in a cookie, then go back to the page."""
    local = next.startswith("/") and not next.startswith("//") and "\\" not in next
    response = RedirectResponse(next if local else "/", status_code=303)
    response.set_cookie(i18n.COOKIE, code, max_age=365 * 24 * 3600, httponly=True, samesite="lax")
    return response


@router.get("/api")
def api_page(request: Request) -> Response:
    """The API described from its OpenAPI schema (no external viewer: nothing loads from elsewhere)."""
    schema = request.app.openapi()
    return page(request, "api.html", schema=schema, base=str(request.base_url))


_STATIC = {
    "report.css": (reading.report_css, "text/css"),
    "report.js": (reading.report_js, "text/javascript"),
    "app.css": (app_css_text, "text/css"),
}


@router.get("/static/{name}")
def static(name: str) -> Response:
    """The report's style sheet and optional script (the same as in the HTML report), and the pages' own style."""
    if name not in _STATIC:
        raise HTTPException(404, "no such file")
    content, media_type = _STATIC[name]
    return Response(content(), media_type=media_type, headers={"Cache-Control": "max-age=3600"})


@router.get("/catalogues")
def catalogues_page(request: Request) -> Response:
    with context(request).store() as store:
        stored = store.catalogues()
    return page(request, "catalogues.html", catalogues=stored, imported=None, job=None)


@router.post("/catalogues")
def import_catalogue_page(
    request: Request, file: Annotated[UploadFile, File()], name: Annotated[str, Form(max_length=80)] = ""
) -> Response:
    """Import, then show the list again with what was kept, each row that was not, and the re-check job."""
    app = context(request)
    with app.store() as store:
        imported = catalogues.import_upload(store, name, file)
        stored = store.catalogues()
    job = app.jobs.recheck(imported.name)
    return page(request, "catalogues.html", catalogues=stored, imported=imported, job=job)


@router.get("/catalogues/{name}")
def catalogue_page(request: Request, name: str, offset: Offset = 0) -> Response:
    with context(request).store() as store:
        entries = [catalogues.entry_dict(entry) for entry in store.catalogue_entries(name)]
    if not entries:
        raise HTTPException(404, "no such catalogue in the store")
    listing = queries.paged(entries, offset, PAGE_SIZE)
    return page(request, "catalogue.html", name=name, listing=listing)
