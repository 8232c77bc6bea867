"""`filigrane store`: list the runs of the store, load a Ray run's folder, delete documents or runs and everything
derived from them."""

from __future__ import annotations

import sqlite3
from functools import partial
from pathlib import Path

import click

DB_OPTION = click.option(
    "--db",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The SQLite store (default: $FILIGRANE_DB, else filigrane.db in the user data folder).",
)


def _open(db: Path | None) -> sqlite3.Connection:
    from filigrane.store import Store, StoreError, default_db_path

    path = db or default_db_path()
    if not path.exists():
        raise click.UsageError(f"no store at {path}: pass --db PATH")
    try:
        return Store(path).connection
    except (StoreError, OSError, sqlite3.Error) as error:
        raise click.UsageError(f"cannot open the store: {error}") from error


@click.group(name="store")
def store() -> None:
    """The store: its runs, loading a Ray run's folder, deleting documents or runs with everything derived from them."""


@store.command()
@DB_OPTION
def runs(db: Path | None) -> None:
    """Every run: id, start, documents still stored from it, pipeline version (tab-separated)."""
    connection = _open(db)
    sql = (
        "SELECT r.id, r.started, (SELECT count(*) FROM documents d WHERE d.run_id = r.id), r.pipeline_version "
        "FROM runs r ORDER BY r.id"
    )
    for row in connection.execute(sql):
        click.echo("\t".join(str(value) for value in row))
    connection.close()


@store.command()
@click.option("--document", "documents", multiple=True, help="A document id (repeatable).")
@click.option("--run", "run_ids", multiple=True, type=int, help="A run id (repeatable; see `filigrane store runs`).")
@DB_OPTION
def delete(documents: tuple[str, ...], run_ids: tuple[int, ...], db: Path | None) -> None:
    """Delete documents or runs: their analyses, claims, stances, origins, narrative matches and vectors;
    they leave the stories, claim groups and repost groups that named them. An unknown id is an error
    (exit code 2), after the known ones are deleted."""
    from filigrane.store.delete import delete_document, delete_run

    if not documents and not run_ids:
        raise click.UsageError("name what to delete: --document ID or --run ID")
    connection = _open(db)
    unknown: list[str] = []
    targets = [(f"document {d}", partial(delete_document, connection, d)) for d in documents]
    targets += [(f"run {r}", partial(delete_run, connection, r)) for r in run_ids]
    for name, deletion in targets:
        deleted = deletion()
        if deleted is None:
            unknown.append(name)
        else:
            click.echo(f"{name}: {len(deleted.documents)} document(s), {_rows(deleted.rows)}")
    connection.close()
    if unknown:
        raise click.UsageError(f"not in the store: {', '.join(unknown)}")


def _rows(rows: dict[str, int]) -> str:
    return ", ".join(f"{count} {table}" for table, count in rows.items()) or "nothing else"


@store.command()
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
@DB_OPTION
def load(folder: Path, db: Path | None) -> None:
    """Load the folder of an `analyze --engine ray` run into the store (for the web app): its documents,
    rejections, reposts, stories and claim groups, as one run. Loading the same folder again does nothing.
    Lines that are not contract lines are kept as `bad-line` rejections (exit code 1)."""
    from filigrane.engine.folder import FolderError
    from filigrane.store import Store, StoreError, default_db_path
    from filigrane.store.load import load_folder

    try:
        with Store(db or default_db_path()) as opened:
            loaded = load_folder(opened, folder)
    except (FolderError, StoreError, OSError, sqlite3.Error) as error:
        raise click.UsageError(str(error)) from error
    if loaded.earlier:
        click.echo(f"already loaded as run {loaded.run_id}: nothing to do")
        return
    click.echo(
        f"run {loaded.run_id}: {loaded.stored} document(s) stored, {loaded.already} already in the store, "
        f"{loaded.rejected} rejection(s), {loaded.bad_lines} bad line(s)"
    )
    if loaded.bad_lines:
        raise SystemExit(1)
