"""Streaming writers of the JSON contract: documents are written as they come, never all held."""

from __future__ import annotations

import json
from typing import IO, Any

from filigrane.document import Document
from filigrane.engine.result import Summary


class JsonWriter:
    """Streams contract v1 as one JSON object: documents as they come, rejections and summary last."""

    def __init__(self, target: IO[str]) -> None:
        from filigrane import __version__
        from filigrane.report.contract import CONTRACT_VERSION

        self.target = target
        self.rejected: list[Any] = []
        self.first = True
        header = {"filigrane": CONTRACT_VERSION, "generator": {"name": "filigrane", "version": __version__}}
        target.write(json.dumps(header, ensure_ascii=False)[:-1] + ', "documents": [\n')

    def write(self, doc: Document) -> None:
        from filigrane.report.contract import document_to_dict

        if doc.rejection is not None:
            self.rejected.append(doc.rejection)
            return
        if not self.first:
            self.target.write(",\n")
        self.first = False
        self.target.write(json.dumps(document_to_dict(doc), ensure_ascii=False))

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

    def write(self, doc: Document) -> None:
        from filigrane.report.contract import document_to_dict, rejection_to_dict

        if doc.rejection is not None:
            self.rejected.append(doc.rejection)
            line = {"filigrane": self.version, "rejected": rejection_to_dict(doc.rejection)}
        else:
            line = {"filigrane": self.version, "document": document_to_dict(doc)}
        self.target.write(json.dumps(line, ensure_ascii=False) + "\n")

    def close(self, summary: Summary, corpus: dict[str, Any]) -> None:
        for key, value in corpus.items():
            self.target.write(json.dumps({"filigrane": self.version, key: value}, ensure_ascii=False) + "\n")
        self.target.write(json.dumps({"filigrane": self.version, "summary": summary.to_dict()}) + "\n")
