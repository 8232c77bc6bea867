"""Stories: the articles of a corpus that tell the same event, in any language.

Each article is read as its title and opening (multilingual sentence vector) and its specific
proper names. Two articles tell the same event when their vectors are very close, or close and
they share at least two specific names (a town, a company, a person: "Valmont-sur-Loire",
"Solvarex"), and their dates, when both are known, are at most `max_days` apart. Stories are the
connected components of those links. A story's id is taken from its first article, so it stays
the same when a later batch joins it (the store feeds earlier articles back in first).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from filigrane.document import Document
from filigrane.engine.corpus import CorpusStep
from filigrane.narratives.encoder import SentenceEncoder
from filigrane.stories.names import HEAD_CHARS, specific_names
from filigrane.stories.neighbours import EncodedTexts, UnionFind, similar_pairs

#: Cosine of title+opening vectors above which two articles tell one event whatever their names.
SAME_EVENT = 0.75
#: Cosine above which two articles sharing `MIN_SHARED_NAMES` specific names tell one event.
RELATED = 0.40
MIN_SHARED_NAMES = 2
#: Articles about one event are published within this many days of each other.
MAX_DAYS = 10
#: How much of the text, after the title, the story vector reads.
LEDE_CHARS = 400


@dataclass(frozen=True, slots=True)
class StoryItem:
    document_id: str
    title: str
    date: str | None
    language: str | None
    names: frozenset[str]


def lede(doc: Document) -> str:
    """Title and opening: what an article says happened."""
    return f"{doc.title or ''}\n{doc.text[:LEDE_CHARS]}".strip()


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


class FindStories(CorpusStep):
    """Clusters the corpus's articles into stories (`stories` in the corpus-level output)."""

    name = "stories"

    def __init__(self, encoder: SentenceEncoder, max_days: int = MAX_DAYS) -> None:
        super().__init__()
        self.max_days = max_days
        self.items: list[StoryItem] = []
        self.texts = EncodedTexts(encoder)

    def observe(self, doc: Document) -> None:
        head = f"{doc.title or ''}\n{doc.text[:HEAD_CHARS]}"
        self.items.append(StoryItem(doc.id, doc.title or "", doc.date, doc.language, specific_names(head)))
        self.texts.add(lede(doc))

    def linked(self, i: int, j: int, cosine: float) -> bool:
        a, b = self.items[i], self.items[j]
        day_a, day_b = _day(a.date), _day(b.date)
        if day_a and day_b and abs((day_a - day_b).days) > self.max_days:
            return False
        return cosine >= SAME_EVENT or len(a.names & b.names) >= MIN_SHARED_NAMES

    def finish(self, corpus: dict[str, Any]) -> dict[str, Any]:
        if not self.items:
            return {"stories": []}
        vectors = self.texts.matrix()
        components = UnionFind(len(self.items))
        for i, j, cosine in similar_pairs(vectors, RELATED):
            if self.linked(i, j, cosine):
                components.union(i, j)
        stories = [self._story(members) for members in components.components()]
        stories.sort(key=lambda story: (-len(story["documents"]), story["first_seen"] or "9999", story["id"]))
        return {"stories": stories}

    def _story(self, members: list[int]) -> dict[str, Any]:
        items = [self.items[i] for i in members]
        dated = sorted((item.date[:10], n) for n, item in enumerate(items) if item.date)
        first = items[dated[0][1]] if dated else items[0]
        return {
            "id": f"story-{items[0].document_id}",
            "label": first.title or first.document_id,
            "documents": [item.document_id for item in items],
            "first_seen": dated[0][0] if dated else None,
            "languages": sorted({item.language for item in items if item.language}),
        }
