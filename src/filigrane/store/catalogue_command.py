"""`filigrane catalogue`: import, list and remove catalogues of known narratives in the store."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from filigrane.document import Rejection
from filigrane.narratives.catalogue import NarrativeEntry, load_catalogue

if TYPE_CHECKING:
    from filigrane.store import Store

DB_OPTION = click.option(
    "--db",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The SQLite store (default: $FILIGRANE_DB, else filigrane.db in the user data folder).",
)


def read_catalogues(paths: tuple[Path, ...]) -> list[NarrativeEntry]:
    """Entries of catalogue files; each bad row is named on stderr; a file giving none is a usage error."""
    entries, rejections = load_catalogue(paths)
    report_rejections(rejections)
    for path in paths:
        if not any(entry.source_file.startswith(str(path)) for entry in entries):
            raise click.UsageError(f"{path}: no catalogue entry could be read (see the lines above)")
    return entries


def _store(db: Path | None) -> Store:
    from filigrane.store import Store, StoreError, default_db_path

    try:
        return Store(db or default_db_path())
    except (StoreError, OSError, sqlite3.Error) as error:
        raise click.UsageError(f"cannot open the store: {error}") from error


def report_rejections(rejections: list[Rejection]) -> None:
    for rejection in rejections:
        detail = f" ({rejection.detail})" if rejection.detail else ""
        click.echo(f"catalogue entry rejected: {rejection.source}: {rejection.reason}{detail}", err=True)


@click.group()
def catalogue() -> None:
    """Catalogues of known debunked narratives (EUvsDisinfo-style CSV, ClaimReview JSON, plain CSV)."""


@catalogue.command(name="import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--name", help="Name in the store (default: the file name without extension).")
@DB_OPTION
def import_(path: Path, name: str | None, db: Path | None) -> None:
    """Store a catalogue and re-check the stored documents against it; `filigrane analyze` uses it too."""
    from filigrane.store.recheck import recheck_documents

    entries = read_catalogues((path,))
    name = name or path.stem
    with _store(db) as store:
        count = store.import_catalogue(name, entries, source=str(path))
        click.echo(f"{count} entries stored as catalogue {name!r}", err=True)
        done = recheck_documents(store, name)
    click.echo(f"{len(done.matched)} of {done.checked} stored documents match catalogue {name!r}", err=True)
    for doc in done.matched:
        click.echo(f"{doc['id']}\t{doc['title'] or ''}\t{doc['source']}")


@catalogue.command(name="list")
@DB_OPTION
def list_(db: Path | None) -> None:
    """The stored catalogues: name, entries, source file, import time."""
    with _store(db) as store:
        for item in store.catalogues():
            click.echo(f"{item['name']}\t{item['entries']}\t{item['source'] or ''}\t{item['imported'] or ''}")


@catalogue.command()
@click.argument("name")
@DB_OPTION
def remove(name: str, db: Path | None) -> None:
    """Remove a stored catalogue."""
    with _store(db) as store:
        if not store.delete_catalogue(name):
            click.echo(f"Error: no catalogue named {name!r} in {store.path}", err=True)
            sys.exit(2)
    click.echo(f"catalogue {name!r} removed", err=True)
