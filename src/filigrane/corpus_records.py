"""The contract records about where an article comes from and what else in the corpus tells it.

A document's `publisher`, `origins` and `narratives`, and the corpus-level outputs (repost
groups, stories, claim groups) are built by steps of different stages and read by the report,
the store and the web app: typed here once, each with the one `to_dict` that writes it into the
JSON contract (version 1, key for key) and the one `from_dict` that reads it back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


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
