"""Importing an uploaded catalogue of known narratives into the store, with the reason for each bad row."""

from __future__ import annotations

import re
import tempfile
from dataclasses import asdict, dataclass, replace
from pathlib import Path, PurePosixPath
from typing import Any

from starlette.datastructures import UploadFile

from filigrane.narratives import NarrativeEntry, load_catalogue_file
from filigrane.store import Store
from filigrane.web.errors import RequestRefused

#: Catalogue names: what `filigrane catalogue import --name` would accept on a command line, in short.
NAME = re.compile(r"[\w][\w .-]{0,79}")


@dataclass(frozen=True)
class Imported:
    name: str
    entries: int
    rejected: list[dict[str, Any]]


def catalogue_name(name: str, filename: str) -> str:
    """The name given, else the file name without extension; refused (422) unless short and plain."""
    chosen = name.strip() or PurePosixPath(filename.replace("\\", "/")).stem
    if not NAME.fullmatch(chosen):
        field = {"field": "name", "message": "letters, digits, spaces, dots and dashes, at most 80"}
        raise RequestRefused(422, f"not a usable catalogue name: {chosen[:80]!r}", [field])
    return chosen


def import_catalogue(store: Store, name: str, filename: str, data: bytes) -> Imported:
    """Read the upload as its extension says (CSV, TSV, ClaimReview JSON) and store it under `name`.

    The rows that cannot be read are returned with their reasons; a file with no usable row is a 422.
    """
    label = PurePosixPath(filename.replace("\\", "/")).name or "upload"
    with tempfile.TemporaryDirectory(prefix="filigrane-catalogue-") as folder:
        path = Path(folder) / f"catalogue{PurePosixPath(label).suffix.lower()}"
        path.write_bytes(data)
        found, rejections = load_catalogue_file(path)
    entries = [replace(entry, source_file=entry.source_file.replace(str(path), label)) for entry in found]
    rejected = [
        {"source": r.source.replace(str(path), label), "reason": r.reason, "detail": r.detail} for r in rejections
    ]
    if not entries:
        raise RequestRefused(422, f"no catalogue entry could be read from {label}", rejected)
    return Imported(name, store.import_catalogue(name, entries, source=label), rejected)


def import_upload(store: Store, name: str, upload: UploadFile) -> Imported:
    """An uploaded catalogue file (read in this worker thread), stored under `name` or its file name."""
    filename = upload.filename or ""
    return import_catalogue(store, catalogue_name(name, filename), filename, upload.file.read())


def entry_dict(entry: NarrativeEntry) -> dict[str, Any]:
    return asdict(entry)
