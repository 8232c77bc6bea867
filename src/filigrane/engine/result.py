"""What a run returns: analysed documents, rejected inputs with reasons, and counters."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from filigrane.document import Document, Rejection
from filigrane.engine.steps import StepStats
from filigrane.report.contract import document_to_dict, envelope, rejection_to_dict


@dataclass
class Summary:
    """The end-of-run figures the CLI prints and the JSON output carries."""

    documents_read: int = 0
    documents_analysed: int = 0
    #: Inputs already analysed by the same pipeline version (in the store): read, not re-analysed.
    documents_skipped: int = 0
    rejected_by_reason: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0
    words: int = 0
    steps: list[StepStats] = field(default_factory=list)

    @property
    def documents_rejected(self) -> int:
        return sum(self.rejected_by_reason.values())

    @property
    def documents_per_second(self) -> float:
        return self.documents_read / self.seconds if self.seconds else 0.0

    def count(self, doc: Document) -> None:
        self.documents_read += 1
        if doc.rejection is not None:
            self.rejected_by_reason[doc.rejection.reason] += 1
        else:
            self.documents_analysed += 1
            self.words += len(doc.text.split())

    def skip(self, count: int) -> None:
        """`count` inputs were read but not re-analysed (already in the store)."""
        self.documents_read += count
        self.documents_skipped += count

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents_read": self.documents_read,
            "documents_analysed": self.documents_analysed,
            "documents_skipped": self.documents_skipped,
            "documents_rejected": self.documents_rejected,
            "rejected_by_reason": dict(self.rejected_by_reason),
            "seconds": round(self.seconds, 3),
            "documents_per_second": round(self.documents_per_second, 2),
            "words": self.words,
            "steps": [
                {
                    "name": s.name,
                    "documents_in": s.documents_in,
                    "documents_out": s.documents_out,
                    "rejected": dict(s.rejected),
                    "seconds": round(s.seconds, 3),
                }
                for s in self.steps
            ],
        }


@dataclass
class Result:
    """Analysed documents and rejected inputs; `to_dict()` is the JSON contract."""

    documents: list[Document]
    rejected: list[Rejection]
    summary: Summary
    #: Corpus-level outputs: `reposts` (and later `stories`, `claim_groups`).
    corpus: dict[str, Any] = field(default_factory=dict)

    def __getitem__(self, index: int) -> Document:
        return self.documents[index]

    def __len__(self) -> int:
        return len(self.documents)

    def to_dict(self) -> dict[str, Any]:
        return envelope(
            [document_to_dict(doc) for doc in self.documents],
            [rejection_to_dict(r) for r in self.rejected],
            summary=self.summary.to_dict(),
            **self.corpus,
        )

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    def write_html(self, path: str | Path) -> None:
        from filigrane.report.html import render_report

        Path(path).write_text(render_report(self.to_dict()), encoding="utf-8")
