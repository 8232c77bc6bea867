"""The claim records of a document: claims, their stances and markers, the actors who hold them.

The claim components build them (`filigrane.claims`), the claim linker, the techniques, the
store and the report read them; `to_dict` / `from_dict` are their one JSON form (contract v1,
`report/schema/filigrane-v1.schema.json`). Offsets are character offsets into `Document.text`.
`from_dict` takes what the schema requires and defaults the rest, so older stored analyses load.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

#: The cue of a quotation no reporting verb frames: it is given to whoever spoke last.
BARE_QUOTE_CUE = "«»"


def _offset(value: Any) -> int | None:
    return None if value is None else int(value)


@dataclass(slots=True)
class Entity:
    """A named entity: of the document (`Document.entities`) or of one claim's text."""

    text: str
    label: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "label": self.label, "start": self.start, "end": self.end}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Entity:
        return cls(str(data["text"]), str(data["label"]), int(data["start"]), int(data["end"]))


@dataclass(slots=True)
class Marker:
    """What a stance's words show: a quotation, a hedge, a booster, a conditional, a denial, evidence."""

    type: str
    text: str
    start: int
    end: int
    #: Evidence markers only: whether the evidence says who or where it comes from.
    specified: bool | None = None

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"type": self.type, "text": self.text, "start": self.start, "end": self.end}
        if self.specified is not None:
            data["specified"] = self.specified
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Marker:
        specified = data.get("specified")
        return cls(
            str(data["type"]),
            str(data["text"]),
            int(data["start"]),
            int(data["end"]),
            None if specified is None else bool(specified),
        )


@dataclass(slots=True)
class Stance:
    """One holder's stance on a claim: who (`holder_id` names an actor; None for the writer), through
    which cue, affirming or denying, how sure, and the offsets of the holder, cue and content."""

    holder_kind: str
    polarity: str
    certainty: str
    kind: str
    content_start: int
    content_end: int
    holder: str | None = None
    holder_id: str | None = None
    holder_role: str | None = None
    cue: str | None = None
    negated: bool = False
    markers: list[Marker] = field(default_factory=list)
    holder_start: int | None = None
    holder_end: int | None = None
    cue_start: int | None = None
    cue_end: int | None = None

    def to_dict(self) -> dict[str, Any]:
        """The contract's stance. Its key order is the one v1 always wrote: the writer's stances name
        their (empty) holder first, the attributed ones after their offsets."""
        body = {
            "holder_kind": self.holder_kind,
            "cue": self.cue,
            "polarity": self.polarity,
            "negated": self.negated,
            "certainty": self.certainty,
            "markers": [marker.to_dict() for marker in self.markers],
            "kind": self.kind,
            "holder_start": self.holder_start,
            "holder_end": self.holder_end,
            "cue_start": self.cue_start,
            "cue_end": self.cue_end,
            "content_start": self.content_start,
            "content_end": self.content_end,
        }
        if self.kind == "author":
            return {"holder": self.holder, "holder_id": self.holder_id, "holder_role": self.holder_role} | body
        return body | {"holder": self.holder, "holder_role": self.holder_role, "holder_id": self.holder_id}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Stance:
        return cls(
            holder_kind=str(data["holder_kind"]),
            polarity=str(data["polarity"]),
            certainty=str(data["certainty"]),
            kind=str(data.get("kind") or ""),
            content_start=int(data.get("content_start") or 0),
            content_end=int(data.get("content_end") or 0),
            holder=data.get("holder"),
            holder_id=data.get("holder_id"),
            holder_role=data.get("holder_role"),
            cue=data.get("cue"),
            negated=bool(data.get("negated")),
            markers=[Marker.from_dict(marker) for marker in data.get("markers") or []],
            holder_start=_offset(data.get("holder_start")),
            holder_end=_offset(data.get("holder_end")),
            cue_start=_offset(data.get("cue_start")),
            cue_end=_offset(data.get("cue_end")),
        )


@dataclass(slots=True)
class Claim:
    """A proposition of the text and the stances taken on it (the first stance's content is its text)."""

    id: str
    text: str
    start: int
    end: int
    stances: list[Stance] = field(default_factory=list)
    #: The proposition is itself negative: its holders affirm a negation (a denial is a polarity).
    negated: bool = False
    entities: list[Entity] = field(default_factory=list)
    #: The headline's own assertion.
    headline: bool = False
    #: Lemmas of its full verbs and action nouns (`filigrane.stories.propositions`); None until read.
    predicates: list[str] | None = None

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "negated": self.negated,
            "entities": [entity.to_dict() for entity in self.entities],
            "stances": [stance.to_dict() for stance in self.stances],
        }
        if self.headline:
            data["headline"] = True
        if self.predicates is not None:
            data["predicates"] = list(self.predicates)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Claim:
        predicates = data.get("predicates")
        return cls(
            id=str(data["id"]),
            text=str(data["text"]),
            start=int(data["start"]),
            end=int(data["end"]),
            stances=[Stance.from_dict(stance) for stance in data.get("stances") or []],
            negated=bool(data.get("negated")),
            entities=[Entity.from_dict(entity) for entity in data.get("entities") or []],
            headline=bool(data.get("headline")),
            predicates=None if predicates is None else [str(p) for p in predicates],
        )


@dataclass(slots=True)
class Mention:
    """Words of the text where they stand: an actor's mention, pronouns included (and, as
    `filigrane.document.Cue`, the words that gave a technique away)."""

    text: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Mention:
        return cls(str(data["text"]), int(data["start"]), int(data["end"]))


@dataclass(slots=True)
class Actor:
    """A person or body the document's stances are attributed to (`Stance.holder_id` names one)."""

    id: str
    name: str
    kind: str
    roles: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "roles": list(self.roles),
            "mentions": [mention.to_dict() for mention in self.mentions],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Actor:
        return cls(
            id=str(data["id"]),
            name=str(data["name"]),
            kind=str(data["kind"]),
            roles=[str(role) for role in data.get("roles") or []],
            mentions=[Mention.from_dict(mention) for mention in data.get("mentions") or []],
        )
