"""Filigrane: read the news the way a fact-checker does.

>>> import filigrane
>>> result = filigrane.analyze(["article.txt", "https://example.org/page"])
>>> result.to_dict()["documents"][0]["title"]

The names below load on first use: `import filigrane` (and so every command, such as
`filigrane export`) loads no model and no analysis stage until one is asked for.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from filigrane.version import __version__

if TYPE_CHECKING:
    from filigrane.api import analyze, stream
    from filigrane.claim_records import Entity
    from filigrane.document import Document, Evidence, Paragraph, Rejection, Removed, Span
    from filigrane.engine.options import PipelineOptions
    from filigrane.engine.result import Result
    from filigrane.ingest.documents import ReadOptions
    from filigrane.report.contract import CONTRACT_VERSION, validate
    from filigrane.stats import Summary

#: Public name -> the module that defines it.
_HOMES = {
    "analyze": "filigrane.api",
    "stream": "filigrane.api",
    "Document": "filigrane.document",
    "Entity": "filigrane.claim_records",
    "Evidence": "filigrane.document",
    "Paragraph": "filigrane.document",
    "Rejection": "filigrane.document",
    "Removed": "filigrane.document",
    "Span": "filigrane.document",
    "PipelineOptions": "filigrane.engine.options",
    "Result": "filigrane.engine.result",
    "ReadOptions": "filigrane.ingest.documents",
    "CONTRACT_VERSION": "filigrane.report.contract",
    "validate": "filigrane.report.contract",
    "Summary": "filigrane.stats",
}


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module 'filigrane' has no attribute {name!r}")
    value = getattr(import_module(_HOMES[name]), name)
    globals()[name] = value
    return value


__all__ = [
    "CONTRACT_VERSION",
    "Document",
    "Entity",
    "Evidence",
    "Paragraph",
    "PipelineOptions",
    "ReadOptions",
    "Rejection",
    "Removed",
    "Result",
    "Span",
    "Summary",
    "__version__",
    "analyze",
    "stream",
    "validate",
]
