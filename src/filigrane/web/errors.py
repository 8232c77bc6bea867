"""Every error becomes a short answer with its reason: JSON under /api/, a page elsewhere; never a traceback."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Sequence
from typing import Any

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from filigrane.store import is_locked
from filigrane.web.templating import page

logger = logging.getLogger(__name__)


class RequestRefused(HTTPException):
    """A 4xx with the reason for each part of the request (field, source, rejection), shown to the client."""

    def __init__(self, status: int, message: str, details: list[dict[str, Any]]) -> None:
        super().__init__(status, message)
        self.details = details


def error_response(
    request: Request, status: int, message: str, details: list[dict[str, Any]] | None = None
) -> Response:
    if request.url.path.startswith("/api/"):
        body: dict[str, Any] = {"status": status, "message": message}
        if details:
            body["details"] = details
        return JSONResponse({"error": body}, status_code=status)
    return page(request, "error.html", status_code=status, status=status, message=message, details=details or [])


async def http_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, HTTPException)
    details = error.details if isinstance(error, RequestRefused) else None
    return error_response(request, error.status_code, str(error.detail), details)


def malformed(errors: Sequence[Any]) -> RequestRefused:
    """A 422 saying which field is wrong and why; the input is not echoed back (it may be a whole article)."""
    details = [
        {"field": ".".join(str(part) for part in item.get("loc", ())) or "body", "message": str(item.get("msg", ""))}
        for item in errors
    ]
    return RequestRefused(422, "the request is malformed", details)


async def validation_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, RequestValidationError)
    refused = malformed(error.errors())
    return error_response(request, refused.status_code, str(refused.detail), refused.details)


async def store_busy(request: Request, error: Exception) -> Response:
    """SQLite gave up waiting for the write lock: an analysis holds the store; worth trying again."""
    if is_locked(error):
        return error_response(request, 503, "the store is busy with an analysis: try again when it has finished")
    return await server_error(request, error)


async def server_error(request: Request, error: Exception) -> Response:
    logger.error("unexpected error on %s %s", request.method, request.url.path, exc_info=error)
    return error_response(request, 500, "internal error: the server log has the details")


def install(app: FastAPI) -> None:
    app.add_exception_handler(HTTPException, http_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(sqlite3.OperationalError, store_busy)
    app.add_exception_handler(Exception, server_error)
