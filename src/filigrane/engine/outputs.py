"""The run written as the JSON contract (one object, or JSON Lines): a sink of the executor.

A copy's `repost-of` evidence is only known once the whole corpus is in, so documents are
spooled to a temporary file as they come (memory stays flat whatever the corpus size) and
written out at the end of the run, with the corpus steps' amendments, the corpus outputs and
the summary: the file holds the same documents as `filigrane.analyze()` returns.
"""

from __future__ import annotations

import json
import tempfile
from typing import IO

from filigrane.corpus_records import corpus_to_dict
from filigrane.document import Document, Rejection
from filigrane.engine.executor import RunEnd, Sink
from filigrane.report.contract import document_from_dict, document_to_dict
from filigrane.report.writers import JsonlWriter, JsonWriter


class ContractSink(Sink):
    """Writes the run to `target` in `output_format` (`json` or `jsonl`) when it finishes.

    With `keep`, the run's documents are also held in `documents` (for the HTML report).
    """

    def __init__(self, target: IO[str], output_format: str, keep: bool = False) -> None:
        self.target = target
        self.output_format = output_format
        self.keep = keep
        self.documents: list[Document] = []
        self.rejected: list[Rejection] = []
        self._spool = tempfile.TemporaryFile("w+", encoding="utf-8")  # noqa: SIM115 - lives as long as the run

    def close(self) -> None:
        """Remove the spool (also when the run stops early)."""
        self._spool.close()

    def write(self, doc: Document) -> None:
        if doc.rejection is not None:
            self._spool.write(f"R\t{len(self.rejected)}\n")
            self.rejected.append(doc.rejection)
            return
        # the id first, JSON-escaped (no tab, no line break), so the end of the run finds amended ones unparsed
        data = json.dumps(document_to_dict(doc), ensure_ascii=False)
        self._spool.write(f"D\t{json.dumps(doc.id)}\t{data}\n")
        if self.keep:
            self.documents.append(doc)

    def finish(self, end: RunEnd) -> None:
        writer = JsonWriter(self.target) if self.output_format == "json" else JsonlWriter(self.target)
        amended = end.amends()
        self._spool.seek(0)
        for line in self._spool:
            fields = line.rstrip("\n").split("\t", 2)
            if fields[0] == "R":
                writer.reject(self.rejected[int(fields[1])])
                continue
            if json.loads(fields[1]) in amended:
                doc = document_from_dict(json.loads(fields[2]))
                if end.amend(doc):
                    fields[2] = json.dumps(document_to_dict(doc), ensure_ascii=False)
            writer.write_document(fields[2])
        self.close()
        for doc in self.documents:
            end.amend(doc)
        writer.close(end.summary, corpus_to_dict(end.corpus))
