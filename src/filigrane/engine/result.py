"""What a run returns: analysed documents, rejected inputs with reasons, and counters."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from filigrane.corpus_records import CorpusOutputs, corpus_to_dict
from filigrane.document import Document, Rejection
from filigrane.report.contract import document_to_dict, envelope, rejection_to_dict
from filigrane.stats import Summary


@dataclass
class Result:
    """Analysed documents and rejected inputs; `to_dict()` is the JSON contract."""

    documents: list[Document]
    rejected: list[Rejection]
    summary: Summary
    #: Corpus-level outputs: `reposts`, `stories`, `claim_groups`.
    corpus: CorpusOutputs = field(default_factory=CorpusOutputs)

    def __getitem__(self, index: int) -> Document:
        return self.documents[index]

    def __len__(self) -> int:
        return len(self.documents)

    def to_dict(self) -> dict[str, Any]:
        return envelope(
            [document_to_dict(doc) for doc in self.documents],
            [rejection_to_dict(r) for r in self.rejected],
            summary=self.summary.to_dict(),
            **corpus_to_dict(self.corpus),
        )

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    def write_html(self, path: str | Path) -> None:
        from filigrane.report.html import render_report

        Path(path).write_text(render_report(self.to_dict()), encoding="utf-8")
