"""What the user pointed at: files, folders, stdin, URLs or in-memory texts."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

SourceKind = Literal["path", "url", "stdin", "text", "missing", "unreadable", "empty"]

#: Files in folders that are never articles (hidden files, editor backups, our own outputs).
SKIPPED_SUFFIXES = (".json", ".md", ".pyc", ".db", ".sqlite", ".png", ".jpg", ".jpeg", ".gif", ".pdf")


@dataclass(frozen=True, slots=True)
class LineRange:
    """Bytes `start` to `end` of a JSON Lines file, cut on line starts; `first_line` numbers its first line."""

    start: int
    end: int
    first_line: int


@dataclass(frozen=True, slots=True)
class RecordRange:
    """Bytes `start` to `end` of a WARC file (`.warc`, or `.warc.gz` of one gzip member per record),
    cut on record starts; `offset` is where its first record starts in the archive as decompressed
    (a record without a URI is named by that offset, `file.warc@N`, as in a whole-file read)."""

    start: int
    end: int
    offset: int


@dataclass(frozen=True, slots=True)
class Source:
    """One thing to read. `name` is how errors and documents refer to it.

    `text` is the article of a "text" source, and why an "unreadable" or "empty" folder gives nothing.
    `part`: only these lines of a JSON Lines file, or these records of a WARC file (a large file
    split so that it uses every worker).
    """

    kind: SourceKind
    name: str
    text: str | None = None
    part: LineRange | RecordRange | None = None

    @property
    def path(self) -> Path:
        return Path(self.name)


def is_url(value: str) -> bool:
    return value.startswith(("http://", "https://"))


def _has_scheme(value: str) -> bool:
    """`ftp://...`, `file://...`: meant as a URL, so the fetcher refuses it with a clear reason."""
    return re.match(r"[A-Za-z][A-Za-z0-9+.-]*://", value) is not None


def expand_inputs(inputs: Iterable[str | os.PathLike[str]]) -> Iterator[Source]:
    """Turn command-line style inputs into sources; folders are walked recursively, sorted."""
    for item in inputs:
        value = os.fspath(item)
        if value == "-":
            yield Source("stdin", "<stdin>")
        elif is_url(value):
            yield Source("url", value)
        elif os.path.isdir(value):
            yield from _walk_named(Path(value))
        elif os.path.exists(value):
            yield Source("path", value)
        elif _has_scheme(value):
            yield Source("url", value)
        else:
            yield Source("missing", value)


def _walk_named(folder: Path) -> Iterator[Source]:
    """A folder the user named: its files, or one "empty" source when it gives none at all."""
    found = False
    for source in _walk(folder):
        found = True
        yield source
    if not found:
        skipped = "hidden files, editor backups and " + ", ".join(SKIPPED_SUFFIXES) + " files are not read"
        yield Source("empty", str(folder), text=f"the folder holds no file to read ({skipped})")


def _walk(folder: Path) -> Iterator[Source]:
    """Every file under `folder`; a sub-folder that cannot be listed is a source too (rejected later)."""
    failures: list[OSError] = []
    for root, dirs, files in os.walk(folder, onerror=failures.append):
        yield from _unreadable(failures)
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith(".") or name.lower().endswith(SKIPPED_SUFFIXES) or name.endswith("~"):
                continue
            yield Source("path", str(Path(root) / name))
    yield from _unreadable(failures)


def _unreadable(failures: list[OSError]) -> Iterator[Source]:
    while failures:
        error = failures.pop(0)
        yield Source("unreadable", str(error.filename), text=f"cannot list the folder ({error.strerror or error})")
