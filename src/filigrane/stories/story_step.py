"""Stories: the articles of a corpus that tell the same event, in any language.

Each article is read as its title and opening (multilingual sentence vector) and its specific
proper names. Only what tells the article apart counts: a title that is a generic heading, the
site's own name or a heading shared by many texts of the site, and opening lines shared by many
texts of the site (navigation, "Press release" banners) are left out
(`filigrane.stories.recurrence`). Two articles tell the same event when their vectors are very
close, or close and they share at least two specific names (a town, a company, a person:
"Valmont-sur-Loire", "Solvarex"); when both name specific things, they must share one of them
(two merger clearances worded alike are about different companies); and their dates, when both
are known, are at most `max_days` apart. Copies of one text (repost groups) are one story. Stories
are the connected components of those links. A story's id is taken from its first article, so it
stays the same when a later batch joins it (the store feeds earlier articles back in first).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from filigrane.corpus_records import CorpusOutputs, Story
from filigrane.document import Document
from filigrane.narratives.encoder import SentenceEncoder
from filigrane.steps import CorpusStep
from filigrane.stories.names import HEAD_CHARS, specific_names
from filigrane.stories.neighbours import EncodedTexts, UnionFind, similar_pairs
from filigrane.stories.recurrence import Recurrence, generic_headings, normal, own_names, repost_origins, site_of
from filigrane.stories.terms import WORD, fold, stem

#: Cosine of title+opening vectors above which two articles tell one event whatever their names.
SAME_EVENT = 0.75
#: Cosine above which two articles sharing `MIN_SHARED_NAMES` specific names tell one event
#: (0.40 joined two press releases naming the same past summits; the demo's such links are >= 0.56).
RELATED = 0.50
MIN_SHARED_NAMES = 2
#: Articles about one event are published within this many days of each other.
MAX_DAYS = 10
#: Entity labels of people (spaCy French and English models).
PERSON_LABELS = frozenset({"PER", "PERSON"})
#: How much of the text, after the title, the story vector reads.
LEDE_CHARS = 400


@dataclass(frozen=True, slots=True)
class StoryItem:
    document_id: str
    title: str
    date: str | None
    language: str | None
    site: str
    #: Whether the title is a generic heading or the site's own name (never evidence).
    generic_title: bool
    #: The opening paragraphs after the title, up to `HEAD_CHARS`.
    opening: tuple[str, ...]
    #: Name stems of the people the head names (from the entities, when the parse ran).
    persons: frozenset[str]


@dataclass(frozen=True, slots=True)
class Evidence:
    """What an article says of its event, once the site's recurring lines are set aside."""

    lede: str
    names: frozenset[str]


def opening_paragraphs(doc: Document) -> tuple[str, ...]:
    """The paragraphs after the title, up to `HEAD_CHARS` characters."""
    paragraphs = [p.strip() for p in doc.text.split("\n\n") if p.strip()]
    if paragraphs and doc.title and normal(paragraphs[0]) == normal(doc.title):
        paragraphs = paragraphs[1:]
    kept: list[str] = []
    size = 0
    for paragraph in paragraphs:
        if size >= HEAD_CHARS:
            break
        kept.append(paragraph[: HEAD_CHARS - size])
        size += len(kept[-1])
    return tuple(kept)


def person_stems(doc: Document) -> frozenset[str]:
    """Stems of the people named in the head: a commissioner or a spokesman appears in many events."""
    end = len(doc.title or "") + HEAD_CHARS
    words = (w for e in doc.entities if e.label in PERSON_LABELS and e.start < end for w in e.text.split())
    return frozenset(stem(word) for word in WORD.findall(fold(" ".join(words))))


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


class FindStories(CorpusStep[StoryItem]):
    """Clusters the corpus's articles into stories (`stories` in the corpus-level output)."""

    name = "stories"

    def __init__(self, encoder: SentenceEncoder, max_days: int = MAX_DAYS) -> None:
        super().__init__()
        self.max_days = max_days
        self.encoder = encoder
        self.items: list[StoryItem] = []
        self.recurrence = Recurrence()

    def sketch(self, doc: Document) -> StoryItem:
        title = doc.title or ""
        generic = normal(title) in generic_headings() or normal(title) in own_names(doc)
        opening = opening_paragraphs(doc)
        return StoryItem(doc.id, title, doc.date, doc.language, site_of(doc), generic, opening, person_stems(doc))

    def add(self, sketch: StoryItem) -> None:
        self.recurrence.add(sketch.site, (sketch.title, *sketch.opening), sketch.document_id)
        self.items.append(sketch)

    def evidence(self, item: StoryItem, recurring: frozenset[bytes]) -> Evidence:
        """The item's title (unless generic or recurring) and its non-recurring opening lines."""
        key = self.recurrence.key
        title = "" if item.generic_title or key(item.site, item.title) in recurring else item.title
        opening = [
            p for p in item.opening if key(item.site, p) not in recurring and normal(p) not in generic_headings()
        ]
        text = "\n".join(opening)
        return Evidence(f"{title}\n{text[:LEDE_CHARS]}".strip(), specific_names(f"{title}\n{text}") - item.persons)

    def linked(
        self, a: StoryItem, b: StoryItem, cosine: float, names_a: frozenset[str], names_b: frozenset[str]
    ) -> bool:
        day_a, day_b = _day(a.date), _day(b.date)
        if day_a and day_b and abs((day_a - day_b).days) > self.max_days:
            return False
        shared = len(names_a & names_b)
        if names_a and names_b and not shared:
            return False
        return cosine >= SAME_EVENT or shared >= MIN_SHARED_NAMES

    def finish(self, corpus: CorpusOutputs) -> CorpusOutputs:
        if not self.items:
            return {"stories": []}
        recurring = self.recurrence.recurring(corpus.get("reposts"))
        evidence = [self.evidence(item, recurring) for item in self.items]
        texts = EncodedTexts(self.encoder)
        for found in evidence:
            texts.add(found.lede)
        vectors = texts.matrix()
        components = UnionFind(len(self.items))
        for i, j, cosine in similar_pairs(vectors, RELATED):
            a, b = evidence[i], evidence[j]
            if a.lede and b.lede and self.linked(self.items[i], self.items[j], cosine, a.names, b.names):
                components.union(i, j)
        index = {item.document_id: n for n, item in enumerate(self.items)}
        for document, origin in repost_origins(corpus.get("reposts")).items():
            if document in index and origin in index:
                components.union(index[document], index[origin])
        stories = [self._story(members, evidence) for members in components.components()]
        stories.sort(key=lambda story: (-len(story.documents), story.first_seen or "9999", story.id))
        return {"stories": stories}

    def _story(self, members: list[int], evidence: list[Evidence]) -> Story:
        items = [self.items[i] for i in members]
        dated = sorted((item.date[:10], n) for n, item in enumerate(items) if item.date)
        first = dated[0][1] if dated else 0
        label = evidence[members[first]].lede.split("\n", 1)[0] or items[first].title or items[first].document_id
        return Story(
            id=f"story-{items[0].document_id}",
            label=label,
            documents=[item.document_id for item in items],
            first_seen=dated[0][0] if dated else None,
            languages=sorted({item.language for item in items if item.language}),
        )
