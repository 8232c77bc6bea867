"""`create_app()`: the FastAPI application of `filigrane serve`, over one SQLite store."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from starlette.concurrency import run_in_threadpool

from filigrane.store import Store, default_db_path
from filigrane.version import __version__
from filigrane.web import actions, api, claims, errors, pages, spread
from filigrane.web.analysis import Analyser, Limits
from filigrane.web.context import AppContext
from filigrane.web.jobs import Jobs
from filigrane.web.security import LOCAL_HOSTS, BodyLimit, LocalOnly, SecurityHeaders


def create_app(
    db: Path | None = None,
    limits: Limits | None = None,
    warm_up: bool = True,
    hosts: Sequence[str] | None = LOCAL_HOSTS,
) -> FastAPI:
    """The app over the store at `db` (default: as `filigrane analyze`). The store is opened (and
    migrated) now, so a bad `db` fails at start; `warm_up` loads the model before the first request.
    `hosts`: the host names requests may use (None: any, for a server bound to another interface).
    """
    db = db or default_db_path()
    Store(db).close()
    analyser = Analyser(db, limits)
    jobs = Jobs(analyser)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if warm_up:
            await run_in_threadpool(analyser.warm_up)
        yield
        jobs.shutdown()

    app = FastAPI(
        title="Filigrane",
        version=__version__,
        description="Analyse news articles for fact-checkers: clean text, provenance, claims and stances.",
        lifespan=lifespan,
        openapi_url="/api/openapi.json",
        docs_url=None,
        redoc_url=None,
    )
    app.state.filigrane = AppContext(db, analyser, jobs)
    app.add_middleware(BodyLimit, limit=analyser.limits.request_bytes)
    app.add_middleware(SecurityHeaders)
    app.add_middleware(LocalOnly, hosts=hosts)
    errors.install(app)
    app.include_router(api.router)
    app.include_router(claims.router)
    app.include_router(actions.router)
    app.include_router(pages.router)
    app.include_router(spread.router)
    app.include_router(spread.api_router)
    return app
