"""Claim groups: one proposition stated across documents, outlets and languages.

Two claims state the same proposition when their link score reaches `LINK`. The score adds three
signals: the cosine of their multilingual sentence vectors (meaning, across languages), the
cosine of their TF-IDF vectors of word stems (the same participants and numbers: "américains",
"chefs", "Daech", "3 000"; IDF over the corpus's claims), and `PREDICATE_BONUS` when they share a
predicate read off the parse ("ont évacué" and "l’évacuation" meet as the stem "evacu").
The weights and `LINK` were chosen on DACCORD (real French claims and AFP fact-checks): the score
links 0.80 of (claim, fact-check statement) pairs at 40 false links per 10,000 pairs of same-topic unrelated
claims, where vectors alone link 0.57 and TF-IDF alone 0.75 at that rate. Links become groups
strongest first, and two groups merge only if 90 % of the claim pairs across them score at least
`SUPPORT` (`GROUP_DENSITY`; half of them when the link is `STRONG_LINK` or more): plain connected
components chain a topical corpus into one giant group, and looser groups join a topic's statements
about different facts (`python -m eval.claim_links`, EVALUATION.md "Claim groups").
Claims repeated only by reposts of one text are left to the repost groups. A group records who
affirms and who denies it, and how many independent origins back it: the outlets its documents
come from, a document without a known outlet counting as its repost group's origin, or as itself;
and how many independent owners (`independent_owners`): outlets of one owner, or of one state
when the catalogue says they are state-controlled or state-funded, count once.

What never makes a group: a headline that is a generic heading or the site's own name, a text
recurring across many texts of one site (boilerplate, `filigrane.stories.recurrence`), a site's
formula (a proposition it states, in other words each time, in `MIN_TEXTS` stories or more: "the
operation would not create a dominant position") across stories, and a claim
of fewer than `MIN_TERMS` content words or, when the parse ran, without a predicate outside its
named entities ("European Commission", "C'est faux"). Two claims whose participants (the named
entities they state something about) are incompatible — each names someone or somewhere the other
does not mention at all — are never linked. Claims of documents in different stories link only
from `LINK_ACROSS`, with a shared predicate, named participants on both sides and no disagreeing
numbers (dates, figures): one proposition
told about two events is the exception, not the rule. The seeds' evacuation claims (helicopters
from Raqqa in Press TV, from Deir ez-Zor in Sputnik) are two events and stay apart; the narrative
they share is the catalogue's to find (`filigrane.narratives`).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from filigrane.claim_records import Claim, Stance
from filigrane.corpus_records import ClaimGroup, CorpusOutputs, GroupStance, Origin, Publisher
from filigrane.document import Document
from filigrane.narratives.encoder import SentenceEncoder
from filigrane.steps import CorpusStep
from filigrane.stories.names import common_names
from filigrane.stories.neighbours import EncodedTexts, dense_groups, similar_pairs
from filigrane.stories.recurrence import (
    MIN_TEXTS,
    Recurrence,
    generic_headings,
    normal,
    own_names,
    repost_origins,
    site_of,
)
from filigrane.stories.terms import terms

#: Sentence-vector cosine from which two claims are scored (below it, DACCORD links nearly none).
CANDIDATE = 0.30
#: Link score (vector cosine + TF-IDF cosine + predicate bonus) from which two claims are linked.
LINK = 0.75
PREDICATE_BONUS = 0.10
#: Link score from which claims of documents in different stories are linked (with a shared predicate).
LINK_ACROSS = 0.90
#: A participant named in more documents than this (or this share of them) is the corpus's setting.
COMMON_PARTICIPANT_DOCUMENTS = 10
COMMON_PARTICIPANT_SHARE = 0.05
#: Content words (stems) a claim needs to state something.
MIN_TERMS = 3
#: Share of the claim pairs across two groups that must score `SUPPORT` for a link to merge them:
#: a group is nearly a clique of links (at 0.5, one topic's statements about different facts
#: chained into groups of 17 on DACCORD's dev part, pair precision 0.75).
GROUP_DENSITY = 0.9
SUPPORT = 0.75
#: A link this strong merges two groups when half the pairs across them score `SUPPORT`.
STRONG_LINK = 1.1
STRONG_DENSITY = 0.5


@dataclass(frozen=True, slots=True)
class StanceSummary:
    """What a claim group tells of a stance (a sketch crosses processes: no markers, no offsets)."""

    holder: str | None
    holder_kind: str
    polarity: str
    certainty: str
    #: An affirmed negative proposition, flagged among the affirmers.
    negated: bool = False

    @classmethod
    def of(cls, stance: Stance) -> StanceSummary:
        return cls(stance.holder, stance.holder_kind, stance.polarity, stance.certainty, stance.negated)


@dataclass(frozen=True, slots=True)
class ClaimItem:
    document_id: str
    claim_id: str
    text: str
    predicates: frozenset[str]
    #: Stems of every content word, predicates included, sorted (a tuple: a quarter of a set's memory).
    terms: tuple[str, ...]
    stances: tuple[StanceSummary, ...]
    #: Stems of the named entities the claim states something about (who, to whom, where).
    participants: frozenset[str] = frozenset()

    @classmethod
    def of(
        cls,
        document_id: str,
        claim_id: str,
        text: str,
        lemmas: Sequence[str],
        stances: Sequence[StanceSummary] = (),
        entities: Sequence[str] = (),
    ) -> ClaimItem:
        """A claim as the linker compares it: its predicate, word and participant stems."""
        participants = terms(" ".join(entities)) - common_names()
        predicates = terms(" ".join(lemmas)) - terms(" ".join(entities))
        return cls(document_id, claim_id, text, predicates, tuple(sorted(terms(text))), tuple(stances), participants)

    def states_something(self, parsed: bool) -> bool:
        """Enough content words, and (when the parse ran) a predicate outside its names."""
        return len(self.terms) >= MIN_TERMS and (bool(self.predicates) or not parsed)


def compatible(a: ClaimItem, b: ClaimItem) -> bool:
    """Participants agree: each claim's named participants are mentioned by the other, or one has none."""
    if not a.participants or not b.participants:
        return True
    return not a.participants.isdisjoint(b.terms) or not b.participants.isdisjoint(a.terms)


class TermWeights:
    """TF-IDF vectors of claims' stem sets (binary term frequency, smoothed IDF over the claims)."""

    def __init__(self, items: Sequence[ClaimItem]) -> None:
        frequency = Counter(term for item in items for term in item.terms)
        count = len(items)
        self.idf = {term: math.log((count + 1) / (n + 1)) + 1 for term, n in frequency.items()}
        self._norms = [math.sqrt(sum(self.idf[t] ** 2 for t in item.terms)) or 1.0 for item in items]

    def cosine(self, items: Sequence[ClaimItem], i: int, j: int) -> float:
        other = frozenset(items[j].terms)
        return sum(self.idf[t] ** 2 for t in items[i].terms if t in other) / (self._norms[i] * self._norms[j])


def link_score(a: ClaimItem, b: ClaimItem, cosine: float, term_cosine: float) -> float:
    """Vector cosine + TF-IDF cosine + the bonus for a shared predicate."""
    return cosine + term_cosine + (PREDICATE_BONUS if a.predicates & b.predicates else 0.0)


def pair_score(a: ClaimItem, b: ClaimItem, cosine: float, term_cosine: float, same_story: bool = True) -> float:
    """The link score, or 0 when the pair may not link: incompatible participants, or a
    cross-story pair below `LINK_ACROSS`, without a shared predicate, without named participants
    on both sides (an unnamed "l'opération" is whatever its own story is about) or stating other
    numbers (another date, another figure: another event)."""
    if not compatible(a, b):
        return 0.0
    score = link_score(a, b, cosine, term_cosine)
    if not same_story:
        named = bool(a.participants) and bool(b.participants)
        numbers_a, numbers_b = _numbers(a), _numbers(b)
        other_numbers = bool(numbers_a) and bool(numbers_b) and not numbers_a & numbers_b
        if score < LINK_ACROSS or not a.predicates & b.predicates or not named or other_numbers:
            return 0.0
    return score


def _numbers(item: ClaimItem) -> frozenset[str]:
    return frozenset(term for term in item.terms if term.isdigit())


@dataclass(frozen=True, slots=True)
class DocumentFacts:
    """What a group needs to know of a claim's document."""

    date: str | None
    language: str | None
    outlet: str | None
    #: Who is behind the outlet: its owner, or its state when state-controlled or state-funded.
    owner: str | None


#: Catalogue ownership kinds under which an outlet answers to its state.
STATE_OWNERSHIP = ("state-controlled", "state-funded", "state-funded-public-service")


def _source(doc: Document) -> Origin | Publisher | None:
    """The document's most confident origin, else its publisher (None when neither is known)."""
    if doc.origins:
        return max(doc.origins, key=lambda origin: float(origin.confidence or 0))
    return doc.publisher


def _outlet(source: Origin | Publisher | None) -> str | None:
    return (source.name or source.outlet or None) if source else None


def _owner(source: Origin | Publisher | None) -> str | None:
    """State outlets count once per state; other outlets once per owner (else per outlet)."""
    if isinstance(source, Origin):
        if source.ownership in STATE_OWNERSHIP and source.country:
            return f"state:{source.country}"
        owner = source.owner.strip()
        if owner:
            return f"owner:{owner.casefold()}"
    return _outlet(source)


def _item(document_id: str, claim: Claim) -> ClaimItem:
    stances = [StanceSummary.of(stance) for stance in claim.stances]
    entities = [entity.text for entity in claim.entities]
    return ClaimItem.of(document_id, claim.id, claim.text, claim.predicates or (), stances, entities)


@dataclass(frozen=True, slots=True)
class ClaimsSketch:
    """A document as the claim linker takes it: its facts (None without claims) and the claims
    that state something."""

    document_id: str
    facts: DocumentFacts | None
    site: str
    items: tuple[ClaimItem, ...]


class LinkClaims(CorpusStep[ClaimsSketch]):
    """Groups claims stating one proposition across documents (`claim_groups` in the corpus output)."""

    name = "claim-groups"

    def __init__(self, encoder: SentenceEncoder) -> None:
        super().__init__()
        self.items: list[ClaimItem] = []
        self.documents: dict[str, DocumentFacts] = {}
        self.texts = EncodedTexts(encoder)
        self.recurrence = Recurrence()
        self.sites: list[str] = []
        #: One copy of each stem and stem set the corpus's claims share.
        self._shared: dict[str | frozenset[str], Any] = {}

    def sketch(self, doc: Document) -> ClaimsSketch:
        if not doc.claims:
            return ClaimsSketch(doc.id, None, "", ())
        source = _source(doc)
        facts = DocumentFacts(doc.date, doc.language, _outlet(source), _owner(source))
        names = generic_headings() | own_names(doc)
        parsed = str(doc.analyses.get("nlp") or "").startswith("spacy:")
        items: list[ClaimItem] = []
        for claim in doc.claims:
            if claim.headline and normal(claim.text) in names:
                continue
            item = _item(doc.id, claim)
            if item.states_something(parsed):
                items.append(item)
        return ClaimsSketch(doc.id, facts, site_of(doc), tuple(items))

    def add(self, sketch: ClaimsSketch) -> None:
        if sketch.facts is None:
            return
        self.documents[sketch.document_id] = sketch.facts
        for item in sketch.items:
            self.recurrence.add(sketch.site, (item.text,), sketch.document_id)
            self.sites.append(sketch.site)
            self.items.append(self._compact(item))
            self.texts.add(item.text)

    def _compact(self, item: ClaimItem) -> ClaimItem:
        """`item` holding shared copies of its stems and stem sets: the linker keeps every claim of
        the corpus until `finish`, and most of its stems and predicates are other claims' too."""
        shared = self._shared
        return replace(
            item,
            terms=tuple(shared.setdefault(term, term) for term in item.terms),
            predicates=shared.setdefault(item.predicates, item.predicates),
            participants=shared.setdefault(item.participants, item.participants),
        )

    def finish(self, corpus: CorpusOutputs) -> CorpusOutputs:
        if len(self.items) < 2:
            return {"claim_groups": []}
        vectors = self.texts.matrix()
        degree: Counter[int] = Counter()
        self.items = specific_participants(self.items)
        weights = TermWeights(self.items)
        story_of = {doc: story.id for story in corpus.get("stories", ()) for doc in story.documents}
        recurring = self.recurrence.recurring(corpus.get("reposts"))
        boilerplate = {
            n for n, item in enumerate(self.items) if self.recurrence.key(self.sites[n], item.text) in recurring
        }
        scored = []
        reach: dict[int, set[str]] = {}
        for i, j, cosine in similar_pairs(vectors, CANDIDATE):
            a, b = self.items[i], self.items[j]
            if i in boilerplate or j in boilerplate:
                continue
            story_a, story_b = story_of.get(a.document_id, a.document_id), story_of.get(b.document_id, b.document_id)
            term_cosine = weights.cosine(self.items, i, j)
            score = link_score(a, b, cosine, term_cosine)
            if score >= SUPPORT:  # `pair_score` is 0 or this score: a pair below SUPPORT is no edge
                scored.append((i, j, cosine, term_cosine, story_a == story_b))
            if story_a != story_b and self.sites[i] == self.sites[j] and score >= LINK:
                reach.setdefault(i, {story_a}).add(story_b)
                reach.setdefault(j, {story_b}).add(story_a)
        # A proposition a site states in `MIN_TEXTS` stories or more is its formula, not news.
        formula = {n for n, stories in reach.items() if len(stories) >= MIN_TEXTS}
        edges = []
        for i, j, cosine, term_cosine, same_story in scored:
            if not same_story and (i in formula or j in formula):
                continue
            score = pair_score(self.items[i], self.items[j], cosine, term_cosine, same_story)
            if score >= SUPPORT:
                edges.append((i, j, score))
                if score >= LINK:
                    degree.update((i, j))
        repost_origin = repost_origins(corpus.get("reposts", ()))
        groups = [
            self._group(sorted(members), degree, repost_origin)
            for members in group_claims(len(self.items), edges)
            if not _one_text(members, self.items, repost_origin)
        ]
        groups.sort(key=lambda group: (-group.independent_origins, -len(group.claims), group.id))
        return {"claim_groups": groups}

    def _group(self, members: list[int], degree: Counter[int], repost_origin: dict[str, str]) -> ClaimGroup:
        items = [self.items[i] for i in members]
        facts = [self.documents[item.document_id] for item in items]
        # the label: a claim in the group's main language, the most linked, the shortest
        languages = Counter(fact.language for fact in facts)
        central = self.items[
            max(
                members,
                key=lambda i: (
                    languages[self.documents[self.items[i].document_id].language],
                    degree[i],
                    -len(self.items[i].text),
                ),
            )
        ]
        origins: dict[str, None] = {}
        owners: dict[str, None] = {}
        for item, fact in zip(items, facts, strict=True):
            fallback = repost_origin.get(item.document_id, item.document_id)
            origins[fact.outlet or fallback] = None
            owners[fact.owner or fallback] = None
        affirmed, denied = _holders(items, self.documents)
        dates = sorted(fact.date[:10] for fact in facts if fact.date)
        return ClaimGroup(
            id=f"claim-group-{items[0].document_id}-{items[0].claim_id}",
            label=central.text,
            claims=[(item.document_id, item.claim_id) for item in items],
            independent_origins=len(origins),
            origins=list(origins),
            independent_owners=len(owners),
            affirmed_by=affirmed,
            denied_by=denied,
            first_seen=dates[0] if dates else None,
            languages=sorted({fact.language for fact in facts if fact.language}),
        )


def group_claims(count: int, edges: list[tuple[int, int, float]]) -> list[list[int]]:
    """Claim groups from scored pairs (`pair_score` at `SUPPORT` or more): `dense_groups` with the
    claim linker's bars."""
    return dense_groups(count, edges, LINK, GROUP_DENSITY, STRONG_LINK, STRONG_DENSITY)


def specific_participants(items: list[ClaimItem]) -> list[ClaimItem]:
    """Participants named in the claims of many documents ("EEE" in every merger decision) are the
    corpus's setting, not who did what: they are dropped (more than `COMMON_PARTICIPANT_DOCUMENTS`
    documents, or `COMMON_PARTICIPANT_SHARE` of them)."""
    documents: dict[str, set[str]] = {}
    for item in items:
        for stem in item.participants:
            documents.setdefault(stem, set()).add(item.document_id)
    total = len({item.document_id for item in items})
    limit = max(COMMON_PARTICIPANT_DOCUMENTS, COMMON_PARTICIPANT_SHARE * total)
    common = {stem for stem, where in documents.items() if len(where) > limit}
    return [
        replace(item, participants=item.participants - common) if item.participants & common else item for item in items
    ]


def _one_text(members: list[int], items: list[ClaimItem], repost_origin: dict[str, str]) -> bool:
    """One document, or copies of one text (a repost group already says that): not a group."""
    documents = {items[i].document_id for i in members}
    return len(documents) < 2 or len({repost_origin.get(doc, doc) for doc in documents}) < 2


def _holders(
    items: list[ClaimItem], documents: dict[str, DocumentFacts]
) -> tuple[list[GroupStance], list[GroupStance]]:
    """Who affirms and who denies, one entry per (holder, kind, outlet), in corpus order."""
    sides: dict[str, dict[tuple[str, str, str], GroupStance]] = {"affirms": {}, "denies": {}}
    for item in items:
        outlet = documents[item.document_id].outlet
        for stance in item.stances:
            holder = stance.holder
            key = ((holder or "").casefold(), stance.holder_kind, outlet or "")
            side = sides["denies" if stance.polarity == "denies" else "affirms"]
            side.setdefault(
                key,
                GroupStance(
                    holder=holder,
                    holder_kind=stance.holder_kind,
                    certainty=stance.certainty,
                    # an affirmed negative proposition stays among the affirmers, flagged
                    negated=stance.negated,
                    outlet=outlet,
                    document_id=item.document_id,
                    claim_id=item.claim_id,
                ),
            )
    return list(sides["affirms"].values()), list(sides["denies"].values())
