"""What the API and the pages share: the app's analyser, jobs and store, and how inputs become submissions."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Annotated, Any

from fastapi import Query
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request

from filigrane.corpus_records import CorpusOutputs, corpus_to_dict
from filigrane.provenance.catalogue import default_catalogue
from filigrane.report.contract import envelope
from filigrane.store import Store
from filigrane.web import queries
from filigrane.web.analysis import Analyser, Submission
from filigrane.web.errors import RequestRefused
from filigrane.web.jobs import Jobs

#: Most files one upload may carry.
MAX_FILES = 100
#: Largest `offset` of a listing: SQLite takes 64-bit integers, a larger one would be a 500.
MAX_OFFSET = 2**31 - 1
#: Where a page of a listing starts (a 422 naming the field outside 0..MAX_OFFSET).
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="first item of the page")]


@dataclass(frozen=True)
class AppContext:
    """The per-process objects every route needs (kept on `app.state.filigrane`)."""

    db: Path
    analyser: Analyser
    jobs: Jobs

    def store(self) -> Store:
        """A connection for this request (SQLite connections stay in the thread that opened them)."""
        return Store(self.db, self.analyser.limits.store_wait)


def context(request: Request) -> AppContext:
    found = request.app.state.filigrane
    assert isinstance(found, AppContext)
    return found


def text_submission(limit: int, text: str, source: str | None, url: str | None) -> Submission:
    """Pasted text, refused with 413 over the per-document cap (the reader only caps files)."""
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > limit:
        raise HTTPException(413, f"the text is {size} bytes, over the per-document limit of {limit} bytes")
    # A form sends CRLF line ends, a script LF, an editor a last newline: one text, one document.
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    return Submission((source or "").strip()[:300] or "<pasted text>", text=text, url=url or None)


def after_paste(app: AppContext, submissions: list[Submission]) -> None:
    """A text pasted alone is analysed without the corpus steps (to answer at once): the stories and
    claim groups are then updated in the background (one update queued at a time)."""
    if len(submissions) == 1 and submissions[0].text is not None:
        app.jobs.update_corpus()


async def file_submissions(files: Iterable[Any]) -> list[Submission]:
    """Uploaded files, each under its own base name (made unique within the upload)."""
    uploads = [item for item in files if isinstance(item, UploadFile) and (item.filename or item.size)]
    if not uploads:
        raise HTTPException(422, "no file was uploaded (form field `files`)")
    if len(uploads) > MAX_FILES:
        raise HTTPException(413, f"{len(uploads)} files, at most {MAX_FILES} per upload")
    submissions: list[Submission] = []
    seen: set[str] = set()
    for number, upload in enumerate(uploads, start=1):
        name = PurePosixPath((upload.filename or "").replace("\\", "/")).name[:200] or f"upload-{number}"
        while name in seen:
            name = f"{number}-{name}"
        seen.add(name)
        submissions.append(Submission(name, data=await upload.read()))
    return submissions


def analysed(report: dict[str, Any]) -> dict[str, Any]:
    """The report of a run, or a 422 naming each rejection when nothing at all could be analysed."""
    if report["rejected"] and not report["documents"]:
        raise RequestRefused(422, "nothing could be analysed", report["rejected"])
    return report


def corpus_report(store: Store) -> dict[str, Any]:
    """A contract dict of the whole store (latest analysis of each document) with its corpus-level outputs.

    Stories and claim groups are those of the latest run that found any (a batch, or a corpus update,
    covers every document stored before it); repost groups are gathered from every run.
    """
    documents = list(store.latest_documents())
    reposts = store.reposts_within({doc["id"] for doc in documents})
    corpus = CorpusOutputs(reposts=reposts, stories=store.stories(), claim_groups=store.claim_groups())
    return envelope(documents, [], **corpus_to_dict(corpus))


def outlets(store: Store) -> list[dict[str, Any]]:
    """The outlet catalogue, with how many stored documents each outlet is an origin of."""
    counts = queries.outlet_counts(store)
    return [
        {
            "id": outlet.id,
            "name": outlet.name,
            "country": outlet.country,
            "ownership": outlet.ownership,
            "owner": outlet.owner,
            "kind": outlet.kind,
            "domains": list(outlet.domains),
            "basis": outlet.basis.fact,
            "basis_reference": outlet.basis.reference,
            "documents": counts.get(outlet.id, 0),
        }
        for outlet in default_catalogue()
    ]


def filter_outlets(rows: list[dict[str, Any]], q: str, country: str, ownership: str) -> list[dict[str, Any]]:
    """Outlets whose name, id or a domain contains `q` (any case), of that country and ownership."""
    needle = q.casefold()

    def kept(row: dict[str, Any]) -> bool:
        names = [row["name"], row["id"], row["owner"] or "", *row["domains"]]
        return (
            (not needle or any(needle in str(name).casefold() for name in names))
            and (not country or str(row["country"]).upper() == country.upper())
            and (not ownership or row["ownership"] == ownership)
        )

    return [row for row in rows if kept(row)]
