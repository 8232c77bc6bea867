"""The command line: a thin layer over `filigrane.stream`.

Exit codes: 0 every input analysed, 1 some inputs rejected (listed, with reasons), 2 usage error.
"""

from __future__ import annotations

import sys
from contextlib import ExitStack
from pathlib import Path
from typing import IO, Any

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from filigrane.document import Document
from filigrane.engine.pipeline import PipelineOptions
from filigrane.engine.result import Summary
from filigrane.ingest.read import DEFAULT_MAX_BYTES, ReadOptions
from filigrane.ingest.sources import expand_inputs
from filigrane.report.writers import JsonlWriter, JsonWriter

EXIT_OK, EXIT_REJECTED, EXIT_USAGE = 0, 1, 2


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="filigrane")
def main() -> None:
    """Filigrane: read the news the way a fact-checker does."""


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write the JSON here (default: stdout)."
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["json", "jsonl"]),
    default="json",
    show_default=True,
    help="json: one object (contract v1); jsonl: one line per document, streamed.",
)
@click.option(
    "--html",
    "html_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write a self-contained HTML report.",
)
@click.option(
    "--workers",
    type=click.IntRange(min=0),
    default=0,
    show_default=True,
    help="spaCy processes; 0 picks one per core for large corpora.",
)
@click.option(
    "--max-bytes",
    type=click.IntRange(min=1),
    default=DEFAULT_MAX_BYTES,
    show_default=True,
    help="Largest single article accepted.",
)
@click.option(
    "--timeout", type=click.FloatRange(min=0.1), default=20.0, show_default=True, help="URL fetch timeout (s)."
)
@click.option("--allow-private", is_flag=True, help="Allow fetching URLs on loopback and private networks.")
@click.option(
    "--outlets",
    "outlet_files",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="YAML file of outlets that adds to or overrides the packaged catalogue (repeatable).",
)
@click.option("--no-nlp", is_flag=True, help="Skip spaCy (clean, language and metadata only).")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar, no summary.")
def analyze(
    inputs: tuple[str, ...],
    output: Path | None,
    output_format: str,
    html_path: Path | None,
    workers: int,
    max_bytes: int,
    timeout: float,
    allow_private: bool,
    outlet_files: tuple[Path, ...],
    no_nlp: bool,
    quiet: bool,
) -> None:
    """Analyse articles: files, folders (recursively), - for stdin, or http(s) URLs."""
    from filigrane.api import stream

    console = Console(stderr=True, quiet=quiet)
    options = PipelineOptions(
        read=ReadOptions(max_bytes=max_bytes, allow_private=allow_private, timeout=timeout),
        n_process=workers,
        nlp=not no_nlp,
        outlet_files=outlet_files,
    )
    if outlet_files:
        _check_outlets(outlet_files)
    summary = Summary()
    kept: list[Document] = []
    with ExitStack() as stack:
        target = _open_output(stack, output)
        writer = JsonWriter(target) if output_format == "json" else JsonlWriter(target)
        corpus: dict[str, Any] = {}
        progress = stack.enter_context(_progress(console))
        task = progress.add_task("analysing", total=None)
        for doc in stream(expand_inputs(inputs), options, summary, corpus):
            progress.advance(task)
            if doc.rejection is not None:
                reason = doc.rejection
                detail = f" ({reason.detail})" if reason.detail else ""
                console.print(
                    f"[yellow]rejected[/] {reason.source}: {reason.reason}{detail}", markup=True, highlight=False
                )
            elif html_path is not None:
                kept.append(doc)
            writer.write(doc)
        writer.close(summary, corpus)
    if html_path is not None:
        from filigrane.report.contract import document_to_dict, envelope, rejection_to_dict
        from filigrane.report.html import render_report

        report = envelope(
            [document_to_dict(d) for d in kept],
            [rejection_to_dict(r) for r in writer.rejected],
            summary=summary.to_dict(),
            **corpus,
        )
        html_path.parent.mkdir(parents=True, exist_ok=True)
        html_path.write_text(render_report(report), encoding="utf-8")
    _print_summary(console, summary, output, html_path)
    sys.exit(EXIT_REJECTED if summary.documents_rejected else EXIT_OK)


def _check_outlets(outlet_files: tuple[Path, ...]) -> None:
    """A bad outlet file is a usage error, reported before any document is read."""
    from filigrane.provenance.catalogue import CatalogueError
    from filigrane.provenance.origins import catalogue_for

    try:
        catalogue_for(outlet_files)
    except CatalogueError as error:
        raise click.UsageError(str(error)) from error


def _open_output(stack: ExitStack, output: Path | None) -> IO[str]:
    if output is None:
        return sys.stdout
    output.parent.mkdir(parents=True, exist_ok=True)
    return stack.enter_context(output.open("w", encoding="utf-8"))


def _progress(console: Console) -> Progress:
    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
        disable=not console.is_terminal,
    )


def _print_summary(console: Console, summary: Summary, output: Path | None, html_path: Path | None) -> None:
    table = Table(title="Filigrane", show_header=False, box=None)
    table.add_row("documents read", str(summary.documents_read))
    table.add_row("analysed", str(summary.documents_analysed))
    table.add_row("rejected", str(summary.documents_rejected))
    for reason, count in sorted(summary.rejected_by_reason.items()):
        table.add_row(f"  {reason}", str(count))
    table.add_row("time", f"{summary.seconds:.1f} s")
    words_per_second = summary.words / summary.seconds if summary.seconds else 0
    table.add_row(
        "speed",
        f"{summary.documents_per_second:.1f} docs/s, {words_per_second:.0f} words/s",
    )
    if output is not None:
        table.add_row("JSON", str(output))
    if html_path is not None:
        table.add_row("HTML report", str(html_path))
    console.print(table)


if __name__ == "__main__":  # pragma: no cover
    main()
