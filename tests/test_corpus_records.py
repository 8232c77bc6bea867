"""The corpus records write the contract key for key and read it back unchanged."""

from __future__ import annotations

from typing import Any

from filigrane.corpus_records import NarrativeMatch, Origin, OriginTrace, Publisher

TRACE = {"kind": "signature-line", "text": "Sputnik", "raw_start": 10, "raw_end": 17, "start": None, "end": None}
INFERRED = {"kind": "repost-of", "text": "doc-a", "start": None, "end": None}
ORIGIN: dict[str, Any] = {
    "outlet": "sputniknews.com",
    "name": "Sputnik",
    "country": "RU",
    "ownership": "state-controlled",
    "owner": "Rossiya Segodnya",
    "basis": "a public fact",
    "basis_reference": "https://example.org/fact",
    "basis_checked": "2025-01-01",
    "catalogue_entry": "outlets.yaml:12",
    "evidence": [TRACE, INFERRED],
    "confidence": 0.9,
}
MATCH = {
    "entry_id": "E1",
    "title": "A debunked claim",
    "score": 0.81,
    "matched_text": "what the claim says",
    "claim_id": None,
    "disproof": None,
    "url": "https://example.org/e1",
    "rating": None,
    "catalogue": "narratives",
}


def test_each_record_reads_back_the_dict_it_writes() -> None:
    assert Origin.from_dict(ORIGIN).to_dict() == ORIGIN
    assert list(Origin.from_dict(ORIGIN).to_dict()) == list(ORIGIN)
    assert NarrativeMatch.from_dict(MATCH).to_dict() == MATCH
    publisher = {"domain": "lemonde.fr", "name": "Le Monde", "outlet": None}
    assert Publisher.from_dict(publisher).to_dict() == publisher


def test_an_inferred_trace_has_no_raw_offsets_and_a_document_trace_keeps_them() -> None:
    assert OriginTrace.inferred("url", "https://example.org/a").to_dict() == {
        "kind": "url",
        "text": "https://example.org/a",
        "start": None,
        "end": None,
    }
    assert list(OriginTrace.from_dict(TRACE).to_dict()) == list(TRACE)


def test_an_origin_stored_before_the_basis_fields_reads_back_without_them() -> None:
    older = {key: value for key, value in ORIGIN.items() if key not in ("basis_reference", "basis_checked")}
    assert Origin.from_dict(older).to_dict() == older
