"""Claim groups: one proposition stated across documents, outlets and languages.

Two claims state the same proposition when their link score reaches `LINK`. The score adds three
signals: the cosine of their multilingual sentence vectors (meaning, across languages), the
cosine of their TF-IDF vectors of word stems (the same participants and numbers: "américains",
"chefs", "Daech", "3 000"; IDF over the corpus's claims), and `PREDICATE_BONUS` when they share a
predicate read off the parse ("ont évacué" and "l’évacuation" meet as the stem "evacu").
The weights and `LINK` were chosen on DACCORD (real French claims and AFP fact-checks): the score
links 0.80 of (claim, fact-check statement) pairs at 40 false links per 10,000 pairs of same-topic unrelated
claims, where vectors alone link 0.57 and TF-IDF alone 0.75 at that rate. Links become groups
strongest first, and two groups merge only if half the claim pairs across them score at least
`SUPPORT` (`GROUP_DENSITY`): plain connected components chain a topical corpus into one giant group
(`python -m eval.claim_links`, EVALUATION.md "Claim groups").
Claims repeated only by reposts of one text are left to the repost groups. A group records who
affirms and who denies it, and how many independent origins back it: the outlets its documents
come from, a document without a known outlet counting as its repost group's origin, or as itself.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from filigrane.document import Document
from filigrane.engine.corpus import CorpusStep
from filigrane.narratives.encoder import SentenceEncoder
from filigrane.stories.neighbours import EncodedTexts, dense_groups, similar_pairs
from filigrane.stories.terms import terms

#: Sentence-vector cosine from which two claims are scored (below it, DACCORD links nearly none).
CANDIDATE = 0.30
#: Link score (vector cosine + TF-IDF cosine + predicate bonus) from which two claims are linked.
LINK = 0.75
PREDICATE_BONUS = 0.10
#: Share of the claim pairs across two groups that must score `SUPPORT` for a link to merge them.
GROUP_DENSITY = 0.5
SUPPORT = 0.65


@dataclass(frozen=True, slots=True)
class ClaimItem:
    document_id: str
    claim_id: str
    text: str
    predicates: frozenset[str]
    #: Stems of every content word, predicates included.
    terms: frozenset[str]
    stances: tuple[dict[str, Any], ...]

    @classmethod
    def of(
        cls, document_id: str, claim_id: str, text: str, lemmas: Sequence[str], stances: Sequence[dict[str, Any]] = ()
    ) -> ClaimItem:
        """A claim as the linker compares it: its predicate stems and its word stems."""
        return cls(document_id, claim_id, text, terms(" ".join(lemmas)), terms(text), tuple(stances))


class TermWeights:
    """TF-IDF vectors of claims' stem sets (binary term frequency, smoothed IDF over the claims)."""

    def __init__(self, items: Sequence[ClaimItem]) -> None:
        frequency = Counter(term for item in items for term in item.terms)
        count = len(items)
        self.idf = {term: math.log((count + 1) / (n + 1)) + 1 for term, n in frequency.items()}
        self._norms = [math.sqrt(sum(self.idf[t] ** 2 for t in item.terms)) or 1.0 for item in items]

    def cosine(self, items: Sequence[ClaimItem], i: int, j: int) -> float:
        shared = items[i].terms & items[j].terms
        return sum(self.idf[t] ** 2 for t in shared) / (self._norms[i] * self._norms[j])


def link_score(a: ClaimItem, b: ClaimItem, cosine: float, term_cosine: float) -> float:
    """Vector cosine + TF-IDF cosine + the bonus for a shared predicate."""
    return cosine + term_cosine + (PREDICATE_BONUS if a.predicates & b.predicates else 0.0)


@dataclass(frozen=True, slots=True)
class DocumentFacts:
    """What a group needs to know of a claim's document."""

    date: str | None
    language: str | None
    outlet: str | None


def _outlet(doc: Document) -> str | None:
    """The outlet the document originates from (its most confident origin), else its publisher."""
    if doc.origins:
        best = max(doc.origins, key=lambda origin: float(origin.get("confidence") or 0))
        return str(best.get("name") or best.get("outlet") or "") or None
    publisher = doc.publisher or {}
    return publisher.get("name") or publisher.get("outlet")


def _stance_summary(stance: dict[str, Any]) -> dict[str, Any]:
    return {key: stance.get(key) for key in ("holder", "holder_kind", "polarity", "certainty", "cue")}


class LinkClaims(CorpusStep):
    """Groups claims stating one proposition across documents (`claim_groups` in the corpus output)."""

    name = "claim-groups"

    def __init__(self, encoder: SentenceEncoder) -> None:
        super().__init__()
        self.items: list[ClaimItem] = []
        self.documents: dict[str, DocumentFacts] = {}
        self.texts = EncodedTexts(encoder)

    def observe(self, doc: Document) -> None:
        if not doc.claims:
            return
        self.documents[doc.id] = DocumentFacts(doc.date, doc.language, _outlet(doc))
        for claim in doc.claims:
            stances = [_stance_summary(stance) for stance in claim.get("stances", ())]
            self.items.append(
                ClaimItem.of(doc.id, str(claim["id"]), claim["text"], claim.get("predicates") or (), stances)
            )
            self.texts.add(claim["text"])

    def finish(self, corpus: dict[str, Any]) -> dict[str, Any]:
        if len(self.items) < 2:
            return {"claim_groups": []}
        vectors = self.texts.matrix()
        degree: Counter[int] = Counter()
        weights = TermWeights(self.items)
        edges = []
        for i, j, cosine in similar_pairs(vectors, CANDIDATE):
            score = link_score(self.items[i], self.items[j], cosine, weights.cosine(self.items, i, j))
            if score >= SUPPORT:
                edges.append((i, j, score))
                if score >= LINK:
                    degree.update((i, j))
        repost_origin = _repost_origins(corpus.get("reposts", ()))
        groups = [
            self._group(sorted(members), degree, repost_origin)
            for members in dense_groups(len(self.items), edges, LINK, GROUP_DENSITY)
            if not _one_text(members, self.items, repost_origin)
        ]
        groups.sort(key=lambda group: (-group["independent_origins"], -len(group["claims"]), group["id"]))
        return {"claim_groups": groups}

    def _group(self, members: list[int], degree: Counter[int], repost_origin: dict[str, str]) -> dict[str, Any]:
        items = [self.items[i] for i in members]
        central = self.items[max(members, key=lambda i: (degree[i], -len(self.items[i].text)))]
        facts = [self.documents[item.document_id] for item in items]
        origins: dict[str, None] = {}
        for item, fact in zip(items, facts, strict=True):
            origins[fact.outlet or repost_origin.get(item.document_id, item.document_id)] = None
        affirmed, denied = _holders(items, self.documents)
        dates = sorted(fact.date[:10] for fact in facts if fact.date)
        return {
            "id": f"claim-group-{items[0].document_id}-{items[0].claim_id}",
            "label": central.text,
            "claims": [[item.document_id, item.claim_id] for item in items],
            "independent_origins": len(origins),
            "origins": list(origins),
            "affirmed_by": affirmed,
            "denied_by": denied,
            "first_seen": dates[0] if dates else None,
            "languages": sorted({fact.language for fact in facts if fact.language}),
        }


def _one_text(members: list[int], items: list[ClaimItem], repost_origin: dict[str, str]) -> bool:
    """One document, or copies of one text (a repost group already says that): not a group."""
    documents = {items[i].document_id for i in members}
    return len(documents) < 2 or len({repost_origin.get(doc, doc) for doc in documents}) < 2


def _repost_origins(groups: Any) -> dict[str, str]:
    """Document id -> the id of its repost group's origin copy (or of the group's first copy)."""
    origin_of: dict[str, str] = {}
    for group in groups:
        members = list(group.get("documents", ()))
        origin = group.get("origin_document") or (members[0] if members else None)
        for member in members:
            if origin:
                origin_of[member] = origin
    return origin_of


def _holders(
    items: list[ClaimItem], documents: dict[str, DocumentFacts]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Who affirms and who denies, one entry per (holder, kind, outlet), in corpus order."""
    sides: dict[str, dict[tuple[str, str, str], dict[str, Any]]] = {"affirms": {}, "denies": {}}
    for item in items:
        outlet = documents[item.document_id].outlet
        for stance in item.stances:
            holder = stance.get("holder")
            key = ((holder or "").casefold(), str(stance.get("holder_kind")), outlet or "")
            side = sides["denies" if stance.get("polarity") == "denies" else "affirms"]
            side.setdefault(
                key,
                {
                    "holder": holder,
                    "holder_kind": stance.get("holder_kind"),
                    "certainty": stance.get("certainty"),
                    # an affirmed negative proposition stays among the affirmers, flagged
                    "negated": bool(stance.get("negated")),
                    "outlet": outlet,
                    "document_id": item.document_id,
                    "claim_id": item.claim_id,
                },
            )
    return list(sides["affirms"].values()), list(sides["denies"].values())
