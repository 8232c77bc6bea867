"""The pipeline step that matches each document's claims against known debunked narratives."""

from __future__ import annotations

from typing import Any

from filigrane.document import Document
from filigrane.engine.steps import BatchStep
from filigrane.narratives.catalogue import NarrativeEntry
from filigrane.narratives.match import NarrativeMatcher

#: Matches kept per document, best first.
MAX_MATCHES = 5


def match_texts(doc: Document) -> list[tuple[str | None, str]]:
    """What a document is matched by: its claims, or its title and sentences when it has none."""
    if doc.claims:
        return [(str(claim["id"]), claim["text"]) for claim in doc.claims if claim.get("text")]
    texts = [doc.title or ""] + [doc.text[s.start : s.end] for s in doc.sentences]
    return [(None, text) for text in texts if len(text.split()) >= 4]


class MatchNarratives(BatchStep):
    """Fills `doc.narratives`: catalogue entries one of its claims restates, above the threshold."""

    name = "narratives"
    batch_size = 32

    def __init__(self, matcher: NarrativeMatcher) -> None:
        super().__init__()
        self.matcher = matcher
        self.entries = {entry.entry_id: entry for entry in matcher.entries}

    def process_batch(self, docs: list[Document]) -> None:
        per_doc = [match_texts(doc) for doc in docs]
        flat = [text for texts in per_doc for _, text in texts]
        matches = iter(self.matcher.match(flat))
        for doc, texts in zip(docs, per_doc, strict=True):
            best: dict[str, dict[str, Any]] = {}
            for claim_id, text in texts:
                for entry_id, score in next(matches):
                    if entry_id not in best or score > best[entry_id]["score"]:
                        best[entry_id] = self._match(self.entries[entry_id], score, text, claim_id)
            doc.narratives = sorted(best.values(), key=lambda match: -match["score"])[:MAX_MATCHES]
            doc.analyses["narratives"] = f"{self.matcher.encoder.name}@{self.matcher.threshold}"

    @staticmethod
    def _match(entry: NarrativeEntry, score: float, text: str, claim_id: str | None) -> dict[str, Any]:
        return {
            "entry_id": entry.entry_id,
            "title": entry.title,
            "score": score,
            "matched_text": text,
            "claim_id": claim_id,
            "disproof": entry.disproof or None,
            "url": entry.url,
            "rating": entry.rating,
            "catalogue": entry.catalogue or entry.source_file or None,
        }
