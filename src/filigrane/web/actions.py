"""Acting on the corpus: delete a document or a run (pages post forms, the API takes DELETE), list runs.

A deletion waits for the analysis in progress (it holds the analyser's lock), so a run never
stores groups that name a document deleted under it; past the store's wait it answers 503.
The app's guards apply: a form posted from another site's page is refused (`LocalOnly`).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from filigrane.store import Store
from filigrane.store.delete import Deleted, delete_document, delete_run
from filigrane.web.context import context
from filigrane.web.templating import page

router = APIRouter()


@contextmanager
def _exclusive(request: Request) -> Iterator[Store]:
    """The store, once no analysis runs (503 if one still runs past the store's wait)."""
    app = context(request)
    if not app.analyser.lock.acquire(timeout=app.analyser.limits.store_wait):
        raise HTTPException(503, "an analysis is running; try again when it is done")
    try:
        with app.store() as store:
            yield store
    finally:
        app.analyser.lock.release()


def _delete(request: Request, what: str, delete: Callable[[sqlite3.Connection], Deleted | None]) -> Deleted:
    """Run `delete` on the store once no analysis runs; 404 naming `what` when it finds nothing."""
    with _exclusive(request) as store:
        deleted = delete(store.connection)
    if deleted is None:
        raise HTTPException(404, f"no {what} in the store")
    return deleted


def _delete_document(request: Request, document_id: str) -> Deleted:
    return _delete(request, f"document {document_id!r}", lambda connection: delete_document(connection, document_id))


def _delete_run(request: Request, run_id: int) -> Deleted:
    return _delete(request, f"run {run_id}", lambda connection: delete_run(connection, run_id))


def runs(store: Store) -> list[dict[str, Any]]:
    """Every run, newest first, with the number of documents it stored that are still there."""
    stored = dict(store.connection.execute("SELECT run_id, count(*) FROM documents GROUP BY run_id").fetchall())
    rows = list(reversed(store.runs()))
    return [row | {"documents": int(stored.get(row["id"], 0))} for row in rows]


@router.delete("/api/documents/{document_id}", tags=["api"], summary="Delete a document and what derives from it")
def api_delete_document(request: Request, document_id: str) -> dict[str, Any]:
    """Its analyses, claims, stances, origins, narrative matches and vectors; it leaves its stories,
    claim groups and repost groups (a group left too small is dropped). Answers what was removed."""
    return _delete_document(request, document_id).to_dict()


@router.get("/api/runs", tags=["api"], summary="Every run, newest first, with its documents still stored")
def api_runs(request: Request) -> list[dict[str, Any]]:
    with context(request).store() as store:
        return runs(store)


@router.delete("/api/runs/{run_id}", tags=["api"], summary="Delete a run, its documents and its corpus outputs")
def api_delete_run(request: Request, run_id: int) -> dict[str, Any]:
    return _delete_run(request, run_id).to_dict()


@router.post("/documents/{document_id}/delete", include_in_schema=False)
def delete_document_page(request: Request, document_id: str) -> Response:
    deleted = _delete_document(request, document_id)
    query = urlencode({"deleted": document_id, "rows": sum(deleted.rows.values())})
    return RedirectResponse(f"/documents?{query}", status_code=303)


@router.get("/runs", include_in_schema=False)
def runs_page(request: Request, deleted: int | None = None) -> Response:
    with context(request).store() as store:
        rows = runs(store)
    return page(request, "runs.html", runs=rows, deleted=deleted)


@router.post("/runs/{run_id}/delete", include_in_schema=False)
def delete_run_page(request: Request, run_id: int) -> Response:
    _delete_run(request, run_id)
    return RedirectResponse(f"/runs?deleted={run_id}", status_code=303)
