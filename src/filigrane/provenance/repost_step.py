"""The corpus step that finds reposts: every analysed document is signed as it streams by."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, replace

from filigrane.corpus_records import CorpusOutputs, Origin, OriginTrace
from filigrane.document import Document, Evidence
from filigrane.provenance.reposts import U32, RepostDetector
from filigrane.steps import CorpusStep


@dataclass(frozen=True, slots=True)
class RepostSketch:
    """A document as the repost index takes it: its MinHash signature, never its text."""

    document_id: str
    signature: U32
    size: int
    date: str | None
    origin_signed: bool


class FindReposts(CorpusStep[RepostSketch]):
    """Groups copies of the same text across the corpus (`reposts` in the corpus-level output)."""

    name = "reposts"

    def __init__(self) -> None:
        super().__init__()
        self.detector = RepostDetector()

    def sketch(self, doc: Document) -> RepostSketch:
        signature, size = self.detector.sketch(doc.text)
        return RepostSketch(doc.id, signature, size, doc.date, is_origin_copy(doc))

    def add(self, sketch: RepostSketch) -> None:
        self.detector.add_sketch(
            sketch.document_id, sketch.signature, sketch.size, date=sketch.date, origin_signed=sketch.origin_signed
        )

    def finish(self, corpus: CorpusOutputs) -> CorpusOutputs:
        return {"reposts": self.detector.groups()}


def is_origin_copy(doc: Document) -> bool:
    """The copy the origin outlet put online itself: its publisher is one of its origins."""
    publisher = doc.publisher.outlet if doc.publisher else None
    return bool(publisher) and any(origin.outlet == publisher for origin in doc.origins)


class LinkReposts(CorpusStep[tuple[str, list[Origin]]]):
    """Each copy names its group's origin copy ("repost-of") and inherits its origins if it has none.

    Only the whole corpus tells which copy is the origin, so this step runs last: `finish` reads
    the repost groups, then `amend` adds the evidence to each document of the run that is a copy
    (the executor hands it every document its sinks hold). It keeps the origins of the documents
    that have some, since a copy may inherit them, and nothing else.
    """

    name = "link-reposts"

    def __init__(self) -> None:
        super().__init__()
        self._origins: dict[str, list[Origin]] = {}
        #: Copy id -> (its group's origin document id, the group's similarity).
        self._links: dict[str, tuple[str, float]] = {}

    def sketch(self, doc: Document) -> tuple[str, list[Origin]]:
        return doc.id, doc.origins

    def add(self, sketch: tuple[str, list[Origin]]) -> None:
        doc_id, origins = sketch
        if origins:
            self._origins[doc_id] = origins

    def finish(self, corpus: CorpusOutputs) -> CorpusOutputs:
        for group in corpus.get("reposts", []):
            origin = group.origin_document
            if not origin:
                continue
            for member in group.documents:
                if member != origin:
                    self._links[member] = (origin, group.reported_similarity)
        return {}

    def amends(self) -> Collection[str]:
        return self._links.keys()

    def amend(self, doc: Document) -> bool:
        link = self._links.get(doc.id)
        if link is None or any(e.kind == "repost-of" and e.text == link[0] for e in doc.evidence):
            return False
        origin, similarity = link
        doc.evidence.append(Evidence("repost-of", origin))
        if not doc.origins:
            for inherited in self._origins.get(origin, []):
                evidence = OriginTrace.inferred("repost-of", origin)
                confidence = round(float(inherited.confidence) * similarity, 2)
                doc.origins.append(replace(inherited, evidence=[evidence], confidence=confidence))
        return True
