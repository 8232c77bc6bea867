"""`filigrane export`: the store as JSONL (contract documents), CSV or Parquet tables."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from filigrane.store.store import EXPORT_TABLES, Store

FORMATS = ("jsonl", "csv", "parquet")
PARQUET_HINT = "Parquet export needs pyarrow: pip install 'filigrane[parquet]'"


class ExportError(Exception):
    """The export cannot be made as asked (a missing optional dependency)."""


def export(store: Store, output_format: str, target: Path, table: str | None = None) -> int:
    """Write `table` (default: contract documents for jsonl, stances otherwise); return the row count.

    jsonl without a table writes one `{"filigrane": "1", "document": {...}}` line per stored
    document, the same lines as `filigrane analyze --format jsonl`; with a table, one object per row.
    """
    if output_format == "parquet":
        try:
            import pyarrow  # noqa: F401
        except ImportError as error:
            raise ExportError(PARQUET_HINT) from error
    target.parent.mkdir(parents=True, exist_ok=True)
    if output_format == "jsonl" and table is None:
        return _export_documents(store, target)
    table = table or "stances"
    if table not in EXPORT_TABLES:
        raise ValueError(f"unknown table {table!r}: one of {', '.join(EXPORT_TABLES)}")
    columns, rows = store.table(table)
    if output_format == "jsonl":
        count = 0
        with target.open("w", encoding="utf-8") as out:
            for row in rows:
                out.write(json.dumps(dict(zip(columns, row, strict=True)), ensure_ascii=False) + "\n")
                count += 1
        return count
    if output_format == "csv":
        count = 0
        with target.open("w", encoding="utf-8", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(columns)
            for row in rows:
                writer.writerow(row)
                count += 1
        return count
    return _export_parquet(columns, list(rows), target)


def _export_documents(store: Store, target: Path) -> int:
    from filigrane.report.contract import CONTRACT_VERSION

    count = 0
    with target.open("w", encoding="utf-8") as out:
        for document in store.documents():
            out.write(json.dumps({"filigrane": CONTRACT_VERSION, "document": document}, ensure_ascii=False) + "\n")
            count += 1
    return count


def _export_parquet(columns: list[str], rows: list[tuple[object, ...]], target: Path) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    data = {name: [row[i] for row in rows] for i, name in enumerate(columns)}
    pq.write_table(pa.table(data), str(target))
    return len(rows)
