"""The claim records' one JSON form: contract v1 as written before they were typed, key order included."""

from __future__ import annotations

import json
from typing import Any

from filigrane.claim_records import Actor, Claim, Marker, Stance
from filigrane.document import Document
from filigrane.report.contract import document_from_dict, document_to_dict

TEXT = "Le ministre Paul Martin a démenti toute hausse. Selon lui, « rien n'est décidé »."

#: A writer's stance names its (empty) holder first; an attributed one after its offsets.
AUTHOR_STANCE: dict[str, Any] = {
    "holder": None,
    "holder_id": None,
    "holder_role": None,
    "holder_kind": "author",
    "cue": None,
    "polarity": "affirms",
    "negated": False,
    "certainty": "boosted",
    "markers": [
        {"type": "booster", "text": "toute", "start": 35, "end": 40},
        {"type": "evidence", "text": "hausse", "start": 41, "end": 47, "specified": False},
    ],
    "kind": "author",
    "holder_start": None,
    "holder_end": None,
    "cue_start": None,
    "cue_end": None,
    "content_start": 0,
    "content_end": 47,
}
HELD_STANCE: dict[str, Any] = {
    "holder_kind": "named_person",
    "cue": "a démenti",
    "polarity": "denies",
    "negated": False,
    "certainty": "neutral",
    "markers": [{"type": "denial", "text": "a démenti", "start": 24, "end": 33}],
    "kind": "indirect",
    "holder_start": 0,
    "holder_end": 23,
    "cue_start": 24,
    "cue_end": 33,
    "content_start": 34,
    "content_end": 47,
    "holder": "Paul Martin",
    "holder_role": "ministre",
    "holder_id": "a1",
}
CLAIM: dict[str, Any] = {
    "id": "c1",
    "text": "toute hausse",
    "start": 34,
    "end": 47,
    "negated": False,
    "entities": [{"text": "Paul Martin", "label": "PER", "start": 12, "end": 23}],
    "stances": [HELD_STANCE, AUTHOR_STANCE],
    "headline": True,
    "predicates": ["hausse"],
}
ACTOR: dict[str, Any] = {
    "id": "a1",
    "name": "Paul Martin",
    "kind": "named_person",
    "roles": ["ministre"],
    "mentions": [{"text": "Le ministre Paul Martin", "start": 0, "end": 23}, {"text": "lui", "start": 55, "end": 58}],
}


def test_records_write_back_the_very_json_they_read() -> None:
    assert json.dumps(Claim.from_dict(CLAIM).to_dict()) == json.dumps(CLAIM)
    assert json.dumps(Actor.from_dict(ACTOR).to_dict()) == json.dumps(ACTOR)


def test_optional_keys_are_written_only_when_set() -> None:
    """No `headline` unless it is one, no `predicates` before they are read, no `specified` but on evidence."""
    claim = Claim("c2", "rien n'est décidé", 61, 78, [Stance("author", "affirms", "neutral", "author", 61, 78)])
    assert list(claim.to_dict()) == ["id", "text", "start", "end", "negated", "entities", "stances"]
    assert "specified" not in Marker("hedge", "peut-être", 0, 9).to_dict()
    assert Marker("evidence", "une étude", 0, 9, False).to_dict()["specified"] is False


def test_an_older_stored_claim_loads_with_the_later_fields_defaulted() -> None:
    """What the schema requires is enough: `negated`, `holder_id`, the offsets came later."""
    stance = {"holder": "Paul Martin", "holder_kind": "named_person", "cue": "a dit", "polarity": "affirms"}
    claim = Claim.from_dict(
        {"id": "c1", "text": "x", "start": 0, "end": 1, "stances": [stance | {"certainty": "neutral", "markers": []}]}
    )
    assert claim.negated is False and claim.stances[0].holder_id is None and claim.predicates is None


def test_a_document_keeps_its_claims_and_actors_through_the_contract() -> None:
    doc = Document(source="t.txt", format="text", text=TEXT)
    doc.claims, doc.actors = [Claim.from_dict(CLAIM)], [Actor.from_dict(ACTOR)]
    again = document_from_dict(document_to_dict(doc))
    assert again.claims == doc.claims and again.actors == doc.actors
    assert document_to_dict(again)["claims"] == [CLAIM]
