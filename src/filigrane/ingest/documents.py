"""Options and document constructors shared by every reader (files, JSONL, WARC, URLs).

Kept apart from `read.py`, which dispatches to the format readers, so that those readers build
their documents without importing their dispatcher (no import cycle inside `ingest/`).
"""

from __future__ import annotations

from dataclasses import dataclass

from filigrane.document import Document

#: Largest single article accepted (bytes); containers (JSONL, WARC) apply it per record.
DEFAULT_MAX_BYTES = 20 * 1024 * 1024


@dataclass
class ReadOptions:
    max_bytes: int = DEFAULT_MAX_BYTES
    allow_private: bool = False
    timeout: float = 20.0


def looks_like_html(text: str) -> bool:
    head = text[:2048].lstrip().lower()
    return head.startswith(("<!doctype html", "<html", "<?xml")) or ("<body" in head and "</" in head)


def text_document(name: str, text: str, *, format_: str = "text", url: str | None = None, **fields: str) -> Document:
    if not text.strip():
        return rejected_document(name, "empty", "the input holds no text")
    return Document(source=name, format=format_, raw_text=text, url=url, **fields)  # type: ignore[arg-type]


def html_document(name: str, html: str, *, url: str | None = None) -> Document:
    if not html.strip():
        return rejected_document(name, "empty", "the input holds no text")
    return Document(source=name, format="html", raw_html=html, url=url)


def rejected_document(name: str, reason: str, detail: str = "") -> Document:
    doc = Document(source=name, format="unknown")
    doc.reject(reason, detail)
    return doc
