"""The pipeline step that matches each document's claims against known debunked narratives."""

from __future__ import annotations

from filigrane.corpus_records import NarrativeMatch
from filigrane.document import Document
from filigrane.narratives.catalogue import NarrativeEntry
from filigrane.narratives.match import NarrativeMatcher
from filigrane.steps import BatchStep

#: Matches kept per document, best first.
MAX_MATCHES = 5


#: How much of the text after the title the document-level query reads (its lede).
LEDE_CHARS = 600
#: How much of the claims, joined, the document-level query adds.
CLAIMS_CHARS = 1200


def document_text(doc: Document) -> str:
    """The document as one query: title, lede and claims together (what the article says overall)."""
    body = doc.text[len(doc.title) :] if doc.title and doc.text.startswith(doc.title) else doc.text
    claims = " ".join(claim.text for claim in doc.claims)
    return " ".join(part for part in (doc.title or "", body.strip()[:LEDE_CHARS], claims[:CLAIMS_CHARS]) if part)


def match_texts(doc: Document) -> list[tuple[str | None, str]]:
    """What a document is matched by: the whole document (title, lede, claims) and each claim, or
    its title and sentences when it has no claim."""
    whole = document_text(doc)
    texts: list[tuple[str | None, str]]
    if doc.claims:
        texts = [(claim.id, claim.text) for claim in doc.claims if claim.text]
    else:
        texts = [(None, text) for text in [doc.title or ""] + [doc.text[s.start : s.end] for s in doc.sentences]]
    return [(None, whole)] + [(claim_id, text) for claim_id, text in texts if len(text.split()) >= 4]


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
        matches = iter(self.matcher.ranked(flat))
        for doc, texts in zip(docs, per_doc, strict=True):
            # entry -> (ranking score, match): each entry once, by the text that ranks it highest
            best: dict[str, tuple[float, NarrativeMatch]] = {}
            for claim_id, text in texts:
                for entry_id, score, rank in next(matches):
                    if entry_id not in best or rank > best[entry_id][0]:
                        best[entry_id] = (rank, self._match(self.entries[entry_id], score, text, claim_id))
            ordered = sorted(best.values(), key=lambda pair: -pair[0])
            doc.narratives = [match for _, match in ordered[:MAX_MATCHES]]
            doc.analyses["narratives"] = f"{self.matcher.encoder.name}@{self.matcher.threshold}"

    @staticmethod
    def _match(entry: NarrativeEntry, score: float, text: str, claim_id: str | None) -> NarrativeMatch:
        return NarrativeMatch(
            entry_id=entry.entry_id,
            title=entry.title,
            score=score,
            matched_text=text,
            claim_id=claim_id,
            disproof=entry.disproof or None,
            url=entry.url,
            rating=entry.rating,
            catalogue=entry.catalogue or entry.source_file or None,
        )
