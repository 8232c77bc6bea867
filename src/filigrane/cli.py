"""The command line: a thin layer over the executor (`filigrane.engine`) and `filigrane.store`.

Exit codes: 0 every input analysed (or already in the store), 1 some inputs rejected (listed,
with reasons), 2 usage error, 3 the store stayed locked by another writer past the wait.
"""

from __future__ import annotations

import os
import sqlite3
import sys
from contextlib import ExitStack
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import click
from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table

from filigrane.engine.options import PipelineOptions
from filigrane.i18n import Language
from filigrane.ingest.documents import DEFAULT_MAX_BYTES, ReadOptions
from filigrane.ingest.estimate import expected_from_source
from filigrane.ingest.sanitize import printable_name
from filigrane.ingest.sources import Source, expand_inputs
from filigrane.narratives.catalogue import NarrativeEntry
from filigrane.stats import Summary
from filigrane.store.catalogue_command import catalogue, read_catalogues
from filigrane.store.command import store as store_command
from filigrane.web.command import serve

if TYPE_CHECKING:
    from filigrane.store import Store

EXIT_OK, EXIT_REJECTED, EXIT_USAGE, EXIT_STORE_LOCKED = 0, 1, 2, 3


class _Commands(click.Group):
    """Every command: a store another writer keeps locked past the wait is a clear error, not a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        from filigrane.store import is_locked, lock_timeout

        try:
            return super().invoke(ctx)
        except sqlite3.OperationalError as error:
            if not is_locked(error):
                raise
            click.echo(
                f"Error: the store is locked by another writer; gave up after waiting {lock_timeout():g} s "
                "(FILIGRANE_DB_TIMEOUT sets the wait, in seconds). Nothing more was stored.",
                err=True,
            )
            ctx.exit(EXIT_STORE_LOCKED)


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="filigrane")
def main() -> None:
    """Filigrane: read the news the way a fact-checker does."""


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="Write the JSON here (default: stdout; with --engine ray: a folder).",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["json", "jsonl"]),
    help="json: one object (contract v1); jsonl: one line per document, streamed. Default: jsonl when "
    "the output file ends in .jsonl, else json.",
)
@click.option(
    "--html",
    "html_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write a self-contained HTML report.",
)
@click.option(
    "--lang",
    "report_lang",
    type=click.Choice(["fr", "en"]),
    default="fr",
    show_default=True,
    help="Language of the HTML report's words (the articles' text is never translated).",
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
@click.option(
    "--learned-techniques",
    is_flag=True,
    help="Add the techniques' learned layer to the rules, in the sentences they marked (a few more techniques "
    "found; held out it does not beat the rules alone on every split: EVALUATION.md, leave one split out).",
)
@click.option(
    "--catalogue",
    "catalogue_files",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Known narratives to match claims against: EUvsDisinfo-style CSV, ClaimReview JSON or plain CSV "
    "(repeatable; catalogues imported with `filigrane catalogue import` are used too).",
)
@click.option(
    "--db",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Store results in this SQLite file (default: $FILIGRANE_DB, else filigrane.db in the user data folder).",
)
@click.option("--no-db", is_flag=True, help="Do not store anything (and re-analyse every input).")
@click.option(
    "--engine",
    type=click.Choice(["local", "ray"]),
    default="local",
    show_default=True,
    help="ray: run on Ray (`pip install 'filigrane[ray]'`); -o is then a folder of sharded JSONL, nothing is stored.",
)
@click.option("--ray-address", help="A running Ray cluster (auto, HOST:PORT); default: a local Ray on this machine.")
@click.option(
    "--parquet",
    is_flag=True,
    help="With --engine ray: each shard's documents as Parquet too (`pip install 'filigrane[parquet]'`).",
)
@click.option("-q", "--quiet", is_flag=True, help="No progress bar, no summary.")
def analyze(
    inputs: tuple[str, ...],
    output: Path | None,
    output_format: str | None,
    html_path: Path | None,
    workers: int,
    max_bytes: int,
    timeout: float,
    allow_private: bool,
    outlet_files: tuple[Path, ...],
    no_nlp: bool,
    learned_techniques: bool,
    catalogue_files: tuple[Path, ...],
    db: Path | None,
    no_db: bool,
    engine: str,
    ray_address: str | None,
    parquet: bool,
    quiet: bool,
    report_lang: Language,
) -> None:
    """Analyse articles: files, folders (recursively), - for stdin, or http(s) URLs."""
    from filigrane.engine.executor import LocalExecutor, Sink
    from filigrane.engine.outputs import ContractSink
    from filigrane.engine.pipeline import Pipeline
    from filigrane.store import StoreSink

    console = Console(stderr=True, quiet=quiet)
    if engine == "ray":
        options = PipelineOptions(
            read=ReadOptions(max_bytes=max_bytes, allow_private=allow_private, timeout=timeout),
            nlp=not no_nlp,
            learned_techniques=learned_techniques,
            outlet_files=outlet_files,
            catalogue=tuple(read_catalogues(catalogue_files) if catalogue_files else ()),
        )
        _analyze_on_ray(console, inputs, options, output, ray_address, html_path, report_lang, parquet)
    if parquet:
        raise click.UsageError("--parquet goes with --engine ray (the store exports Parquet: filigrane export)")
    _check_writable(output, "-o/--output")
    _check_writable(html_path, "--html")
    output_format = output_format or ("jsonl" if output is not None and output.suffix == ".jsonl" else "json")
    if outlet_files:
        _check_outlets(outlet_files)
    store = None if no_db else _open_store(console, db)
    entries = read_catalogues(catalogue_files) if catalogue_files else []
    if store is not None:
        entries = _unique(entries + store.catalogue_entries())
    options = PipelineOptions(
        read=ReadOptions(max_bytes=max_bytes, allow_private=allow_private, timeout=timeout),
        n_process=workers,
        nlp=not no_nlp,
        learned_techniques=learned_techniques,
        outlet_files=outlet_files,
        catalogue=tuple(entries),
    )
    with ExitStack() as stack:
        sinks: list[Sink] = []
        if store is not None:
            stack.callback(store.close)
            sinks.append(StoreSink(store, options))
        contract = ContractSink(_open_output(stack, output), output_format, keep=html_path is not None)
        stack.callback(contract.close)
        progress = stack.enter_context(_progress(console))
        sources = list(expand_inputs(inputs))
        task = progress.add_task("analysing", total=_expected(sources) if console.is_terminal else None)
        executor = LocalExecutor(Pipeline.default(options), [*sinks, contract], options.n_process)
        for doc in executor.run(sources):
            _advance(progress, task)
            if doc.rejection is not None:
                reason = doc.rejection
                detail = f" ({reason.detail})" if reason.detail else ""
                console.print(
                    f"[yellow]rejected[/] {_shown(f'{reason.source}: {reason.reason}{detail}')}",
                    markup=True,
                    highlight=False,
                )
        summary = executor.summary
    if html_path is not None:
        from filigrane.corpus_records import corpus_to_dict
        from filigrane.report.contract import document_to_dict, rejection_to_dict

        documents = [document_to_dict(d) for d in contract.documents]
        rejected = [rejection_to_dict(r) for r in contract.rejected]
        extra = {**corpus_to_dict(executor.corpus), "summary": summary.to_dict()}
        _write_report(html_path, report_lang, documents, rejected, extra)
    _print_summary(console, summary, output, html_path, store)
    sys.exit(EXIT_REJECTED if summary.documents_rejected else EXIT_OK)


@main.command()
@click.option(
    "--db",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The SQLite store (default: $FILIGRANE_DB, else filigrane.db in the user data folder).",
)
@click.option("--format", "output_format", type=click.Choice(["jsonl", "csv", "parquet"]), required=True)
@click.option(
    "--table",
    type=click.Choice(
        [
            "documents",
            "stances",
            "claims",
            "origins",
            "removed",
            "rejected",
            "runs",
            "stories",
            "claim_groups",
            "techniques",
        ]
    ),
    help="One row per ... (default: stances; jsonl without --table writes whole contract documents).",
)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True)
def export(db: Path | None, output_format: str, table: str | None, output: Path) -> None:
    """Write the store out for analysts: contract documents (jsonl) or one table (csv, parquet)."""
    from filigrane.store import ExportError, Store, StoreError, default_db_path
    from filigrane.store import export as export_store

    path = db or default_db_path()
    if not path.exists():
        raise click.UsageError(f"no store at {path}: run `filigrane analyze` first, or pass --db PATH")
    try:
        with Store(path) as store:
            count = export_store(store, output_format, output, table)
    except (StoreError, ExportError) as error:
        raise click.UsageError(str(error)) from error
    click.echo(f"{count} rows written to {output}", err=True)


def _analyze_on_ray(
    console: Console,
    inputs: tuple[str, ...],
    options: PipelineOptions,
    output: Path | None,
    address: str | None,
    html_path: Path | None,
    report_lang: Language,
    parquet: bool,
) -> None:
    """`--engine ray`: sharded JSONL (and Parquet) and the corpus outputs under the folder `-o`, and
    the HTML report read back from that folder; exits."""
    from filigrane.engine.distributed import RayExecutor
    from filigrane.engine.folder import FolderError

    if output is None:
        raise click.UsageError("--engine ray writes a folder: give -o FOLDER")
    if output.exists() and not output.is_dir():
        raise click.UsageError(f"-o/--output: {_shown(output)} is not a folder")
    _check_writable(html_path, "--html")
    if outlet := options.outlet_files:
        _check_outlets(outlet)
    try:
        summary = RayExecutor(options, address=address, parquet=parquet).run(expand_inputs(inputs), output)
        if html_path is not None:
            _write_folder_report(output, html_path, report_lang)
    except (ImportError, FolderError) as error:
        raise click.UsageError(str(error)) from error
    _print_summary(console, summary, output / "corpus.json", html_path, None)
    sys.exit(EXIT_REJECTED if summary.documents_rejected else EXIT_OK)


def _write_folder_report(folder: Path, html_path: Path, lang: Language) -> None:
    """The report of a Ray run, from its folder once the combine is done: the documents as amended,
    in corpus order, so it is the report a local run over the same inputs writes."""
    from filigrane.engine.folder import contract_lines, read_corpus

    corpus = read_corpus(folder)
    documents, rejected = [], []
    for record in contract_lines(folder):
        if "document" in record:
            documents.append(record["document"])
        else:
            rejected.append(record["rejected"])
    _write_report(html_path, lang, documents, rejected, {k: v for k, v in corpus.items() if k != "filigrane"})


def _write_report(
    html_path: Path,
    lang: Language,
    documents: list[dict[str, Any]],
    rejected: list[dict[str, Any]],
    extra: dict[str, Any],
) -> None:
    """The self-contained HTML report of contract documents, rejections and corpus outputs (`extra`)."""
    from filigrane.report.contract import envelope
    from filigrane.report.html import render_report

    html_path.parent.mkdir(parents=True, exist_ok=True)
    html_path.write_text(render_report(envelope(documents, rejected, **extra), lang=lang), encoding="utf-8")


def _open_store(console: Console, db: Path | None) -> Store | None:
    """The store to write to: --db, else the default one (a warning, not an error, if it cannot be made)."""
    from filigrane.store import Store, StoreError, default_db_path

    try:
        return Store(db or default_db_path())
    except StoreError as error:
        raise click.UsageError(str(error)) from error
    except (OSError, sqlite3.Error) as error:
        if db is not None:
            raise click.UsageError(f"cannot open the store {db}: {error}") from error
        console.print(f"[yellow]not storing results[/]: {_shown(error)} (use --db PATH or --no-db)", markup=True)
        return None


def _unique(entries: list[NarrativeEntry]) -> list[NarrativeEntry]:
    """One entry per id: a catalogue given with --catalogue wins over a stored one with the same id."""
    return list({entry.entry_id: entry for entry in reversed(entries)}.values())[::-1]


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


def _expected(sources: list[Source]) -> int | None:
    """Documents the inputs should give (JSONL and WARC records counted), None when stdin is one."""
    counts = [expected_from_source(source) for source in sources]
    return None if any(count is None for count in counts) else sum(count or 0 for count in counts)


def _advance(progress: Progress, task: TaskID) -> None:
    """One document through; an estimate found too low becomes the count so far (the bar stays full)."""
    progress.advance(task)
    current = next(item for item in progress.tasks if item.id == task)
    if current.total is not None and current.completed > current.total:
        progress.update(task, total=current.completed)


def _progress(console: Console) -> Progress:
    """A bar with the documents done of those expected, the time spent and the time left at this pace."""
    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("left"),
        TimeRemainingColumn(),
        console=console,
        transient=True,
        disable=not console.is_terminal,
    )


def _print_summary(
    console: Console, summary: Summary, output: Path | None, html_path: Path | None, store: Store | None
) -> None:
    table = Table(title="Filigrane", show_header=False, box=None)
    table.add_row("documents read", str(summary.documents_read))
    table.add_row("analysed", str(summary.documents_analysed))
    if summary.documents_skipped:
        table.add_row("skipped (already analysed)", str(summary.documents_skipped))
    table.add_row("rejected", str(summary.documents_rejected))
    for reason, count in sorted(summary.rejected_by_reason.items()):
        table.add_row(f"  {_shown(reason)}", str(count))
    table.add_row("time", f"{summary.seconds:.1f} s")
    words_per_second = summary.words / summary.seconds if summary.seconds else 0
    table.add_row(
        "speed",
        f"{summary.documents_per_second:.1f} docs/s, {words_per_second:.0f} words/s",
    )
    if output is not None:
        table.add_row("JSON", _shown(output))
    if html_path is not None:
        table.add_row("HTML report", _shown(html_path))
    if store is not None:
        table.add_row("store", _shown(store.path))
    console.print(table)


def _shown(value: object) -> str:
    """A user-controlled string made safe for rich: markup escaped, undecodable bytes as `\\xNN`."""
    return escape(printable_name(str(value)))


def _check_writable(path: Path | None, option: str) -> None:
    """An output that cannot be written is a usage error before the run, not a traceback after it."""
    if path is None:
        return
    name = printable_name(str(path))
    if path.is_dir():
        raise click.UsageError(f"{option}: {name} is a folder")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise click.UsageError(f"{option}: cannot create the folder of {name} ({error.strerror or error})") from error
    if not os.access(path.parent, os.W_OK | os.X_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise click.UsageError(f"{option}: {name} is not writable")


main.add_command(serve)
main.add_command(catalogue)
main.add_command(store_command)

if __name__ == "__main__":  # pragma: no cover
    main()
