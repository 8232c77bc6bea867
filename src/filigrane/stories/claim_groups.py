"""Claim groups: one proposition stated across documents, outlets and languages.

Two claims state the same proposition when their sentence vectors are close enough
(`CANDIDATE` cosine) and they say the same thing happened to the same participants: they share a
predicate (`predicates`, from the parse: "ont évacué" and "l’évacuation" meet as the stem "evacu")
and at least two other content terms ("américains", "chefs", "Daech"), or one when a claim is short.
Claims without predicates (English, read by the light pipeline) need a closer vector instead.
Claims repeated only by reposts of one text are left to the repost groups. A group records who
affirms and who denies it, and how many independent origins back it: the outlets its documents
come from, a document without a known outlet counting as its repost group's origin, or as itself.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from filigrane.document import Document
from filigrane.engine.corpus import CorpusStep
from filigrane.narratives.encoder import SentenceEncoder
from filigrane.stories.neighbours import EncodedTexts, UnionFind, similar_pairs
from filigrane.stories.terms import terms

#: Cosine from which two claims are compared further.
CANDIDATE = 0.35
#: Cosine at which two claims without predicates count as one proposition (if they share terms).
WITHOUT_PREDICATES = 0.65
MIN_SHARED_TERMS = 2
#: A claim with this many terms or fewer needs only one shared term besides the predicate.
SHORT_CLAIM = 5


@dataclass(frozen=True, slots=True)
class ClaimItem:
    document_id: str
    claim_id: str
    text: str
    predicates: frozenset[str]
    terms: frozenset[str]
    stances: tuple[dict[str, Any], ...]


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
            predicates = terms(" ".join(claim.get("predicates") or ()))
            self.items.append(
                ClaimItem(
                    doc.id,
                    str(claim["id"]),
                    claim["text"],
                    predicates,
                    terms(claim["text"]) - predicates,
                    tuple(_stance_summary(stance) for stance in claim.get("stances", ())),
                )
            )
            self.texts.add(claim["text"])

    def same_proposition(self, a: ClaimItem, b: ClaimItem, cosine: float) -> bool:
        shared = len(a.terms & b.terms)
        if not a.predicates or not b.predicates:
            return cosine >= WITHOUT_PREDICATES and shared >= MIN_SHARED_TERMS
        if not a.predicates & b.predicates:
            return False
        short = min(len(a.terms), len(b.terms)) <= SHORT_CLAIM
        return shared >= (1 if short else MIN_SHARED_TERMS)

    def finish(self, corpus: dict[str, Any]) -> dict[str, Any]:
        if len(self.items) < 2:
            return {"claim_groups": []}
        vectors = self.texts.matrix()
        components = UnionFind(len(self.items))
        degree: Counter[int] = Counter()
        for i, j, cosine in similar_pairs(vectors, CANDIDATE):
            a, b = self.items[i], self.items[j]
            if a.document_id != b.document_id and self.same_proposition(a, b, cosine):
                components.union(i, j)
                degree.update((i, j))
        repost_origin = _repost_origins(corpus.get("reposts", ()))
        groups = [
            self._group(members, degree, repost_origin)
            for members in components.components()
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
                    "outlet": outlet,
                    "document_id": item.document_id,
                    "claim_id": item.claim_id,
                },
            )
    return list(sides["affirms"].values()), list(sides["denies"].values())
