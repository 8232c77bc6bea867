"""The JSON contract (version 1): the public interface other tools parse.

Names never change within a major version; new fields may be added. `schema/filigrane-v1.schema.json`
documents it and every output is validated against it in the tests.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from functools import cache
from importlib import resources
from typing import Any

from filigrane.claim_records import Actor, Claim, Entity
from filigrane.corpus_records import NarrativeMatch, Origin, Publisher
from filigrane.document import Document, Evidence, Link, Paragraph, Rejection, Removed, Span, Technique

CONTRACT_VERSION = "1"


def document_to_dict(doc: Document) -> dict[str, Any]:
    return {
        "id": doc.id,
        "source": doc.source,
        "url": doc.url,
        "format": doc.format,
        "language": doc.language,
        "title": doc.title,
        "date": doc.date,
        "tags": list(doc.tags),
        "text": doc.text,
        "content_hash": doc.content_hash,
        "paragraphs": [asdict(p) for p in doc.paragraphs],
        "removed": [asdict(r) for r in doc.removed],
        "evidence": [asdict(e) for e in doc.evidence],
        "sentences": [asdict(s) for s in doc.sentences],
        "entities": [e.to_dict() for e in doc.entities],
        "claims": [c.to_dict() for c in doc.claims],
        "actors": [a.to_dict() for a in doc.actors],
        "origins": [origin.to_dict() for origin in doc.origins],
        "narratives": [match.to_dict() for match in doc.narratives],
        "techniques": [t.to_dict() for t in doc.techniques],
        "publisher": doc.publisher.to_dict() if doc.publisher else None,
        "links": [asdict(link) for link in doc.links],
        "metadata": dict(doc.metadata),
        "analyses": dict(doc.analyses),
    }


def rejection_to_dict(rejection: Rejection) -> dict[str, Any]:
    return asdict(rejection)


def envelope(documents: list[dict[str, Any]], rejected: list[dict[str, Any]], **extra: Any) -> dict[str, Any]:
    from filigrane.version import __version__

    return {
        "filigrane": CONTRACT_VERSION,
        "generator": {"name": "filigrane", "version": __version__},
        "documents": documents,
        "rejected": rejected,
        **extra,
    }


@cache
def schema() -> dict[str, Any]:
    """The JSON Schema of contract version 1."""
    text = resources.files("filigrane.report").joinpath("schema/filigrane-v1.schema.json").read_text("utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


def validate(output: dict[str, Any]) -> None:
    """Raise `jsonschema.ValidationError` when `output` breaks the contract."""
    import jsonschema

    jsonschema.validate(output, schema())


def document_from_dict(data: dict[str, Any]) -> Document:
    """Rebuild a `Document` from its contract dict (as stored), for the writers and the HTML report."""
    fields = dict(data)
    fields.pop("content_hash", None)
    return Document(
        source=fields["source"],
        format=fields.get("format", "text"),
        id=fields["id"],
        url=fields.get("url"),
        title=fields.get("title"),
        date=fields.get("date"),
        language=fields.get("language"),
        tags=list(fields.get("tags", [])),
        text=fields.get("text", ""),
        paragraphs=[Paragraph(**p) for p in fields.get("paragraphs", [])],
        removed=[Removed(**r) for r in fields.get("removed", [])],
        evidence=[Evidence(**e) for e in fields.get("evidence", [])],
        sentences=[Span(**s) for s in fields.get("sentences", [])],
        entities=[Entity.from_dict(e) for e in fields.get("entities", [])],
        claims=[Claim.from_dict(c) for c in fields.get("claims", [])],
        actors=[Actor.from_dict(a) for a in fields.get("actors", [])],
        origins=[Origin.from_dict(origin) for origin in fields.get("origins", [])],
        narratives=[NarrativeMatch.from_dict(match) for match in fields.get("narratives", [])],
        techniques=[Technique.from_dict(t) for t in fields.get("techniques", [])],
        publisher=Publisher.from_dict(fields["publisher"]) if fields.get("publisher") else None,
        links=[Link(**link) for link in fields.get("links", [])],
        metadata=dict(fields.get("metadata", {})),
        analyses=dict(fields.get("analyses", {})),
    )
