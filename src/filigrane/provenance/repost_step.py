"""The corpus step that finds reposts: every analysed document is signed as it streams by."""

from __future__ import annotations

from typing import Any

from filigrane.document import Document
from filigrane.engine.corpus import CorpusStep
from filigrane.provenance.reposts import RepostDetector


class FindReposts(CorpusStep):
    """Groups copies of the same text across the corpus (`reposts` in the corpus-level output)."""

    name = "reposts"

    def __init__(self) -> None:
        super().__init__()
        self.detector = RepostDetector()

    def observe(self, doc: Document) -> None:
        self.detector.add(doc.id, doc.text, date=doc.date, origin_signed=is_origin_copy(doc))

    def finish(self, corpus: dict[str, Any]) -> dict[str, Any]:
        return {"reposts": [group.to_dict() for group in self.detector.groups()]}


def is_origin_copy(doc: Document) -> bool:
    """The copy the origin outlet put online itself: its publisher is one of its origins."""
    publisher = (doc.publisher or {}).get("outlet")
    return bool(publisher) and any(origin["outlet"] == publisher for origin in doc.origins)
