"""The corpus records write the contract key for key and read it back unchanged."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from filigrane.corpus_records import (
    ClaimGroup,
    CorpusOutputs,
    NarrativeMatch,
    Origin,
    OriginTrace,
    Publisher,
    RepostGroup,
    Story,
    corpus_from_dict,
    corpus_to_dict,
    involving,
)
from filigrane.engine.folder import CORPUS_FILE, FolderError
from filigrane.store.load import read_corpus_outputs

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


STORY = {"id": "story-a", "label": "A title", "documents": ["a", "b"], "first_seen": "2025-03-14", "languages": ["fr"]}
STANCE = {
    "holder": "Le ministre",
    "holder_kind": "named_person",
    "certainty": None,
    "negated": False,
    "outlet": "RT",
    "document_id": "a",
    "claim_id": "c1",
}
GROUP: dict[str, Any] = {
    "id": "claim-group-a-c1",
    "label": "Le site a fermé",
    "claims": [["a", "c1"], ["c", "c2"]],
    "independent_origins": 2,
    "origins": ["RT", "AFP"],
    "independent_owners": 2,
    "affirmed_by": [STANCE],
    "denied_by": [],
    "first_seen": None,
    "languages": ["fr"],
}
REPOSTS = {"documents": ["a", "b"], "origin_document": "a", "similarity": 0.912}


def test_the_corpus_outputs_read_back_the_contract_they_write() -> None:
    contract = {"reposts": [REPOSTS], "stories": [STORY], "claim_groups": [GROUP]}
    corpus = corpus_from_dict({**contract, "summary": {}})
    assert corpus["claim_groups"][0].claims == [("a", "c1"), ("c", "c2")]
    assert json.dumps(corpus_to_dict(corpus)) == json.dumps(contract)  # key order included
    older = {key: value for key, value in GROUP.items() if key not in ("origins", "independent_owners")}
    assert ClaimGroup.from_dict(older).to_dict() == older  # groups stored before 1.x keep their keys
    assert corpus_to_dict(corpus_from_dict({"reposts": []})) == {"reposts": []}  # a step that did not run: no key


def test_involving_keeps_the_groups_that_name_a_document_of_the_run() -> None:
    corpus = CorpusOutputs(
        reposts=[RepostGroup.from_dict(REPOSTS)],
        stories=[Story.from_dict(STORY), Story("story-z", "Z", ["z"], None)],
        claim_groups=[ClaimGroup.from_dict(GROUP)],
    )
    assert corpus_to_dict(involving(corpus, {"c"})) == {"reposts": [], "stories": [], "claim_groups": [GROUP]}
    assert [story.id for story in involving(corpus, {"z", "b"})["stories"]] == ["story-a", "story-z"]


def test_a_malformed_corpus_output_in_a_ray_folder_is_refused_with_a_reason(tmp_path: Path) -> None:
    broken = {"reposts": [], "stories": [{"label": "no id"}], "claim_groups": [], "summary": {}}
    (tmp_path / CORPUS_FILE).write_text(json.dumps(broken), encoding="utf-8")
    with pytest.raises(FolderError, match="malformed corpus output"):
        read_corpus_outputs(tmp_path)
