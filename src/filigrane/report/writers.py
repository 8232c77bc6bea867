"""Streaming writers of the JSON contract: documents are written as they come, never all held."""

from __future__ import annotations

import json
from typing import IO, Any

from filigrane.document import Document, Rejection
from filigrane.stats import Summary


class JsonWriter:
    """Streams contract v1 as one JSON object: documents as they come, rejections and summary last."""

    def __init__(self, target: IO[str]) -> None:
        from filigrane.report.contract import CONTRACT_VERSION
        from filigrane.version import __version__

        self.target = target
        self.rejected: list[Rejection] = []
        self.first = True
        header = {"filigrane": CONTRACT_VERSION, "generator": {"name": "filigrane", "version": __version__}}
        target.write(json.dumps(header, ensure_ascii=False)[:-1] + ', "documents": [\n')

    def write(self, doc: Document) -> None:
        from filigrane.report.contract import document_to_dict

        if doc.rejection is not None:
            self.reject(doc.rejection)
        else:
            self.write_document(json.dumps(document_to_dict(doc), ensure_ascii=False))

    def reject(self, rejection: Rejection) -> None:
        self.rejected.append(rejection)

    def write_document(self, document: str) -> None:
        """One contract document, already serialised."""
        if not self.first:
            self.target.write(",\n")
        self.first = False
        self.target.write(document)

    def close(self, summary: Summary, corpus: dict[str, Any]) -> None:
        from filigrane.report.contract import rejection_to_dict

        tail = {"rejected": [rejection_to_dict(r) for r in self.rejected], **corpus, "summary": summary.to_dict()}
        self.target.write("\n], " + json.dumps(tail, ensure_ascii=False)[1:] + "\n")


class JsonlWriter(JsonWriter):
    """One line per document or rejection, then a summary line: for corpora of any size."""

    def __init__(self, target: IO[str]) -> None:
        from filigrane.report.contract import CONTRACT_VERSION

        self.target = target
        self.rejected = []
        self.version = CONTRACT_VERSION

    def reject(self, rejection: Rejection) -> None:
        from filigrane.report.contract import rejection_to_dict

        self.rejected.append(rejection)
        line = {"filigrane": self.version, "rejected": rejection_to_dict(rejection)}
        self.target.write(json.dumps(line, ensure_ascii=False) + "\n")

    def write_document(self, document: str) -> None:
        # the line json.dumps({"filigrane": ..., "document": ...}) would write, without parsing `document` again
        self.target.write(f'{{"filigrane": {json.dumps(self.version)}, "document": {document}}}\n')

    def close(self, summary: Summary, corpus: dict[str, Any]) -> None:
        for key, value in corpus.items():
            self.target.write(json.dumps({"filigrane": self.version, key: value}, ensure_ascii=False) + "\n")
        self.target.write(json.dumps({"filigrane": self.version, "summary": summary.to_dict()}) + "\n")
