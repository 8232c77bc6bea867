"""Filigrane: read the news the way a fact-checker does.

>>> import filigrane
>>> result = filigrane.analyze(["article.txt", "https://example.org/page"])
>>> result.to_dict()["documents"][0]["title"]
"""

from importlib.metadata import PackageNotFoundError, version

from filigrane.api import analyze, stream
from filigrane.document import Document, Entity, Evidence, Paragraph, Rejection, Removed, Span
from filigrane.engine.pipeline import PipelineOptions
from filigrane.engine.result import Result, Summary
from filigrane.ingest.read import ReadOptions
from filigrane.report.contract import CONTRACT_VERSION, validate

try:
    __version__ = version("filigrane")
except PackageNotFoundError:  # running from a source tree without an install
    __version__ = "0+unknown"

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
