"""`filigrane serve`: the local web app. FastAPI and uvicorn are imported only when it runs."""

from __future__ import annotations

import sys
from pathlib import Path

import click

WEB_HINT = "the web app needs the `web` extra: pip install 'filigrane[web]'"


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="Port to listen on.")
@click.option(
    "--db", type=click.Path(dir_okay=False, path_type=Path), help="The SQLite store (default: the one analyze uses)."
)
def serve(host: str, port: int, db: Path | None) -> None:
    """Serve the local web app: paste, upload or fetch articles, then read them annotated."""
    try:
        import uvicorn

        from filigrane.web.app import create_app
    except ModuleNotFoundError as error:
        click.echo(f"Error: {WEB_HINT} ({error.name} is missing)", err=True)
        sys.exit(2)
    from filigrane.store import StoreError
    from filigrane.web.security import LOCAL_HOSTS

    local = host in LOCAL_HOSTS
    if not local:
        click.echo(f"Warning: no login; anyone who can reach {host}:{port} can read and add to the store.", err=True)
    try:
        app = create_app(db, hosts=LOCAL_HOSTS if local else None)
    except (StoreError, OSError) as error:
        raise click.UsageError(f"cannot open the store: {error}") from error
    click.echo(f"Filigrane on http://{host}:{port}/ (loading the French model first)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="info")
