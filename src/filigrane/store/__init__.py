"""The embedded store: analysed documents, their parts and each run, in a SQLite file.

`Store(path)` opens (and migrates) a database; `StoreSink` keeps a run in it (its `SkipKnown`
filter applies the no-op rule); `export()` writes the store out for analysts. See `filigrane
analyze --db` and `filigrane export`.
"""

from filigrane.engine.options import pipeline_version
from filigrane.report.contract import document_from_dict
from filigrane.store.export import FORMATS, PARQUET_HINT, ExportError, export
from filigrane.store.schema import MIGRATIONS, SCHEMA_VERSION, StoreError, migrate, schema_version
from filigrane.store.sink import StoreSink
from filigrane.store.skip import SkipKnown
from filigrane.store.store import (
    EXPORT_TABLES,
    Store,
    default_db_path,
    is_locked,
    lock_timeout,
    raw_hash,
)

__all__ = [
    "EXPORT_TABLES",
    "FORMATS",
    "MIGRATIONS",
    "PARQUET_HINT",
    "SCHEMA_VERSION",
    "ExportError",
    "SkipKnown",
    "Store",
    "StoreError",
    "StoreSink",
    "default_db_path",
    "document_from_dict",
    "export",
    "is_locked",
    "lock_timeout",
    "migrate",
    "pipeline_version",
    "raw_hash",
    "schema_version",
]
