"""The contract records about where an article comes from and what else in the corpus tells it.

A document's `publisher`, `origins` and `narratives`, and the corpus-level outputs (repost
groups, stories, claim groups) are built by steps of different stages and read by the later
steps, the executors, the store and the web app: typed here once, each with the one `to_dict`
that writes it into the JSON contract (version 1, key for key) and the one `from_dict` that reads
it back (the store's rows, a Ray run's folder). The HTML report renders the contract itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, TypedDict


@dataclass(slots=True)
class Publisher:
    """Who put the page online: its domain, and the catalogued outlet it belongs to, if any."""

    domain: str
    name: str | None
    outlet: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"domain": self.domain, "name": self.name, "outlet": self.outlet}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Publisher:
        return cls(str(data["domain"]), data.get("name"), data.get("outlet"))


@dataclass(slots=True)
class OriginTrace:
    """A trace naming an origin. One of the document's `Evidence` keeps its raw offsets
    (`in_input`); a trace the run inferred (the page's URL, a repost link) points into no input
    and has none, so its contract dict has no `raw_start`/`raw_end`."""

    kind: str
    text: str | None
    start: int | None = None
    end: int | None = None
    raw_start: int | None = None
    raw_end: int | None = None
    in_input: bool = True

    @classmethod
    def inferred(cls, kind: str, text: str | None) -> OriginTrace:
        return cls(kind, text, in_input=False)

    def to_dict(self) -> dict[str, Any]:
        if not self.in_input:
            return {"kind": self.kind, "text": self.text, "start": self.start, "end": self.end}
        return {
            "kind": self.kind,
            "text": self.text,
            "raw_start": self.raw_start,
            "raw_end": self.raw_end,
            "start": self.start,
            "end": self.end,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> OriginTrace:
        return cls(
            kind=str(data["kind"]),
            text=data.get("text"),
            start=data.get("start"),
            end=data.get("end"),
            raw_start=data.get("raw_start"),
            raw_end=data.get("raw_end"),
            in_input="raw_start" in data or "raw_end" in data,
        )


@dataclass(slots=True)
class Origin:
    """An outlet the article comes from (who wrote it), with the public basis of its ownership
    facts from the outlet catalogue and the traces that name it."""

    outlet: str
    name: str
    country: str
    ownership: str
    owner: str
    basis: str
    #: Catalogue facts written since 1.0: None only in documents stored by earlier versions.
    basis_reference: str | None = None
    basis_checked: str | None = None
    catalogue_entry: str | None = None
    evidence: list[OriginTrace] = field(default_factory=list)
    confidence: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "outlet": self.outlet,
            "name": self.name,
            "country": self.country,
            "ownership": self.ownership,
            "owner": self.owner,
            "basis": self.basis,
        }
        optional = (
            ("basis_reference", self.basis_reference),
            ("basis_checked", self.basis_checked),
            ("catalogue_entry", self.catalogue_entry),
        )
        data.update((key, value) for key, value in optional if value is not None)
        data["evidence"] = [trace.to_dict() for trace in self.evidence]
        data["confidence"] = self.confidence
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Origin:
        return cls(
            outlet=str(data["outlet"]),
            name=str(data["name"]),
            country=str(data["country"]),
            ownership=str(data["ownership"]),
            owner=str(data["owner"]),
            basis=str(data["basis"]),
            basis_reference=data.get("basis_reference"),
            basis_checked=data.get("basis_checked"),
            catalogue_entry=data.get("catalogue_entry"),
            evidence=[OriginTrace.from_dict(trace) for trace in data.get("evidence", [])],
            confidence=data["confidence"],
        )


@dataclass(slots=True)
class NarrativeMatch:
    """A known debunked narrative (a catalogue entry) that the document, or one of its claims
    (`claim_id`), restates."""

    entry_id: str
    title: str
    score: float
    matched_text: str
    claim_id: str | None = None
    disproof: str | None = None
    url: str | None = None
    rating: str | None = None
    catalogue: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "entry_id": self.entry_id,
            "title": self.title,
            "score": self.score,
            "matched_text": self.matched_text,
            "claim_id": self.claim_id,
            "disproof": self.disproof,
            "url": self.url,
            "rating": self.rating,
            "catalogue": self.catalogue,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> NarrativeMatch:
        return cls(
            entry_id=str(data["entry_id"]),
            title=str(data["title"]),
            score=data["score"],
            matched_text=str(data["matched_text"]),
            claim_id=data.get("claim_id"),
            disproof=data.get("disproof"),
            url=data.get("url"),
            rating=data.get("rating"),
            catalogue=data.get("catalogue"),
        )


@dataclass(frozen=True, slots=True)
class RepostGroup:
    """Copies of one text: document ids, the origin copy, and the weakest containment link."""

    documents: list[str]
    origin_document: str | None
    #: The smallest estimated containment among the links that formed the group (0 to 1).
    similarity: float

    @property
    def reported_similarity(self) -> float:
        """The similarity as the contract gives it (what a copy's inherited confidence is scaled by)."""
        return round(self.similarity, 3)

    @property
    def document_ids(self) -> list[str]:
        return self.documents

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents": list(self.documents),
            "origin_document": self.origin_document,
            "similarity": self.reported_similarity,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RepostGroup:
        return cls([str(doc) for doc in data["documents"]], data.get("origin_document"), data["similarity"])


@dataclass(slots=True)
class Story:
    """Articles telling the same event; its id comes from its first document."""

    id: str
    #: The earliest document's title (or opening line).
    label: str
    documents: list[str]
    first_seen: str | None
    languages: list[str] = field(default_factory=list)

    @property
    def document_ids(self) -> list[str]:
        return self.documents

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "label": self.label,
            "documents": list(self.documents),
            "first_seen": self.first_seen,
            "languages": list(self.languages),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Story:
        return cls(
            id=str(data["id"]),
            label=str(data["label"]),
            documents=[str(doc) for doc in data["documents"]],
            first_seen=data.get("first_seen"),
            languages=list(data.get("languages", [])),
        )


@dataclass(slots=True)
class GroupStance:
    """Who affirms (or denies) a claim group's proposition, from which outlet, in which claim."""

    holder: str | None
    holder_kind: str
    certainty: str | None
    #: The holder affirms the proposition's negation (a negative statement, not a denial).
    negated: bool
    outlet: str | None
    document_id: str
    claim_id: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "holder": self.holder,
            "holder_kind": self.holder_kind,
            "certainty": self.certainty,
            "negated": self.negated,
            "outlet": self.outlet,
            "document_id": self.document_id,
            "claim_id": self.claim_id,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> GroupStance:
        return cls(
            holder=data.get("holder"),
            holder_kind=data["holder_kind"],
            certainty=data.get("certainty"),
            negated=bool(data.get("negated")),
            outlet=data.get("outlet"),
            document_id=str(data["document_id"]),
            claim_id=str(data["claim_id"]),
        )


@dataclass(slots=True)
class ClaimGroup:
    """One proposition stated in several documents, with the origins and owners behind it and who
    affirms and who denies it."""

    id: str
    #: The text of the group's most linked claim.
    label: str
    #: (document id, claim id) pairs.
    claims: list[tuple[str, str]]
    independent_origins: int
    affirmed_by: list[GroupStance] = field(default_factory=list)
    denied_by: list[GroupStance] = field(default_factory=list)
    first_seen: str | None = None
    #: Written since 1.x: None only in groups stored by earlier versions.
    origins: list[str] | None = None
    independent_owners: int | None = None
    languages: list[str] | None = None

    @property
    def document_ids(self) -> list[str]:
        return [doc_id for doc_id, _ in self.claims]

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id,
            "label": self.label,
            "claims": [[doc_id, claim_id] for doc_id, claim_id in self.claims],
            "independent_origins": self.independent_origins,
        }
        if self.origins is not None:
            data["origins"] = list(self.origins)
        if self.independent_owners is not None:
            data["independent_owners"] = self.independent_owners
        data["affirmed_by"] = [stance.to_dict() for stance in self.affirmed_by]
        data["denied_by"] = [stance.to_dict() for stance in self.denied_by]
        data["first_seen"] = self.first_seen
        if self.languages is not None:
            data["languages"] = list(self.languages)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ClaimGroup:
        return cls(
            id=str(data["id"]),
            label=str(data["label"]),
            claims=[(str(doc_id), str(claim_id)) for doc_id, claim_id in data["claims"]],
            independent_origins=int(data["independent_origins"]),
            affirmed_by=[GroupStance.from_dict(stance) for stance in data.get("affirmed_by", [])],
            denied_by=[GroupStance.from_dict(stance) for stance in data.get("denied_by", [])],
            first_seen=data.get("first_seen"),
            origins=data.get("origins"),
            independent_owners=data.get("independent_owners"),
            languages=data.get("languages"),
        )


#: The contract names of the corpus outputs, in contract order.
CORPUS_GROUPS = ("reposts", "stories", "claim_groups")


class CorpusOutputs(TypedDict, total=False):
    """What the corpus steps answer, by contract name; a key is absent when its step did not run."""

    reposts: list[RepostGroup]
    stories: list[Story]
    claim_groups: list[ClaimGroup]


def corpus_to_dict(corpus: CorpusOutputs) -> dict[str, Any]:
    """The corpus outputs as the contract writes them (the keys present, in contract order)."""
    data: dict[str, Any] = {}
    if "reposts" in corpus:
        data["reposts"] = [group.to_dict() for group in corpus["reposts"]]
    if "stories" in corpus:
        data["stories"] = [story.to_dict() for story in corpus["stories"]]
    if "claim_groups" in corpus:
        data["claim_groups"] = [group.to_dict() for group in corpus["claim_groups"]]
    return data


def corpus_from_dict(data: dict[str, Any]) -> CorpusOutputs:
    """The corpus outputs of a contract dict (other keys are left out)."""
    corpus = CorpusOutputs()
    if data.get("reposts") is not None:
        corpus["reposts"] = [RepostGroup.from_dict(group) for group in data["reposts"]]
    if data.get("stories") is not None:
        corpus["stories"] = [Story.from_dict(story) for story in data["stories"]]
    if data.get("claim_groups") is not None:
        corpus["claim_groups"] = [ClaimGroup.from_dict(group) for group in data["claim_groups"]]
    return corpus


def involving(corpus: CorpusOutputs, ids: set[str]) -> CorpusOutputs:
    """The corpus outputs that name one of `ids` (a story may reach back to earlier runs)."""
    found = CorpusOutputs()
    if "reposts" in corpus:
        found["reposts"] = [group for group in corpus["reposts"] if not ids.isdisjoint(group.documents)]
    if "stories" in corpus:
        found["stories"] = [story for story in corpus["stories"] if not ids.isdisjoint(story.documents)]
    if "claim_groups" in corpus:
        found["claim_groups"] = [group for group in corpus["claim_groups"] if not ids.isdisjoint(group.document_ids)]
    return found
