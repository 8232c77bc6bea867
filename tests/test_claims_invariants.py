"""Invariants of claims and actors on every real French and English text in ../shared (issue 10).

Seeds, the 103 europa-fr pages, the 26 extraction-fr pages and the first DACCORD claims, and the
English articles of extraction-en (light pipeline): every holder is an actor (it has a word, it is
not a clause, its `holder_id` names an actor of the document whose name it is), and every offset
lies inside `text`. Zero violations.
"""

from __future__ import annotations

import csv
import json
from typing import Any

import pytest

import filigrane
from filigrane.document import Document
from filigrane.engine.pipeline import PipelineOptions
from tests.conftest import require_shared

#: A holder longer than this many words is a clause, not an actor's name.
MAX_HOLDER_WORDS = 20
#: DACCORD claims (short social-media texts) read from the dataset, in file order.
DACCORD_CLAIMS = 300


def violations(doc: Document) -> list[str]:
    """Every broken invariant of one document, as readable lines."""
    found: list[str] = []
    size = len(doc.text)
    actors = {actor.id: actor for actor in doc.actors}

    def inside(what: str, start: Any, end: Any, text: str | None = None) -> None:
        if start is None and end is None:
            return
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start <= end <= size):
            found.append(f"{doc.source}: {what} offsets {start}..{end} outside text of {size}")
        elif text is not None and doc.text[start:end] != text:
            found.append(f"{doc.source}: {what} text {text!r} is not text[{start}:{end}]")

    for actor in doc.actors:
        if not any(char.isalpha() for char in actor.name):
            found.append(f"{doc.source}: actor {actor.id} named {actor.name!r}")
        for mention in actor.mentions:
            inside(f"mention of {actor.id}", mention.start, mention.end, mention.text)
    for claim in doc.claims:
        inside(f"claim {claim.id}", claim.start, claim.end, claim.text)
        for stance in claim.stances:
            where = f"claim {claim.id} stance of {stance.holder!r}"
            inside(f"{where} content", stance.content_start, stance.content_end)
            inside(f"{where} cue", stance.cue_start, stance.cue_end)
            inside(f"{where} holder", stance.holder_start, stance.holder_end)
            for marker in stance.markers:
                inside(f"{where} marker {marker.type}", marker.start, marker.end, marker.text)
            if stance.holder_kind == "author":
                continue
            holder = stance.holder or ""
            if not any(char.isalpha() for char in holder):
                found.append(f"{doc.source}: {where}: a holder without a word")
            if len(holder.split()) > MAX_HOLDER_WORDS:
                found.append(f"{doc.source}: {where}: a clause-length holder")
            actor = actors.get(stance.holder_id or "")
            if actor is None:
                found.append(f"{doc.source}: {where}: holder_id {stance.get('holder_id')!r} names no actor")
            elif actor.name != holder:
                found.append(f"{doc.source}: {where}: actor {actor.id} is named {actor.name!r}")
    return found


@pytest.fixture(scope="module")
def real_french() -> list[Document]:
    """Every real French text in ../shared, analysed once (no corpus steps)."""
    seeds = require_shared("corpus", "seeds")
    europa = require_shared("eval", "europa-fr", "html")
    pages = require_shared("eval", "extraction-fr", "html")
    daccord = require_shared("eval", "daccord", "daccord_dataset.tsv")
    with daccord.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))[:DACCORD_CLAIMS]
    claims = [row["hypothesis"] for row in rows if row.get("hypothesis", "").strip()]
    inputs: list[Any] = [seeds, europa, pages, *claims]
    result = filigrane.analyze(inputs, PipelineOptions(corpus=False))
    return [doc for doc in result.documents if doc.language == "fr"]


@pytest.mark.shared
def test_every_real_french_text_keeps_the_claim_invariants(real_french: list[Document]) -> None:
    assert len(real_french) >= 2 + 100 + 20 + 250  # seeds, europa-fr, extraction-fr, DACCORD (French only)
    found = [line for doc in real_french for line in violations(doc)]
    assert not found, "\n".join(found[:40])


@pytest.mark.shared
def test_real_french_texts_have_actors_and_denials(real_french: list[Document]) -> None:
    """The invariants are not vacuous: the texts have actors, resolved pronouns and both polarities."""
    actors = [actor for doc in real_french for actor in doc.actors]
    assert len(actors) >= 200
    assert any(any(m.text.lower() in ("il", "elle") for m in actor.mentions) for actor in actors)
    stances = [s for doc in real_french for claim in doc.claims for s in claim.stances]
    assert {s.polarity for s in stances} == {"affirms", "denies"}
    assert any(s.negated and s.polarity == "affirms" for s in stances)


@pytest.fixture(scope="module")
def real_english() -> list[Document]:
    """The English articles of extraction-en (their hand-made bodies), analysed once."""
    truth = require_shared("eval", "extraction-en", "ground-truth.json")
    bodies = [entry["articleBody"] for entry in json.loads(truth.read_text(encoding="utf-8")).values()]
    result = filigrane.analyze(bodies, PipelineOptions(corpus=False))
    return [doc for doc in result.documents if doc.language == "en"]


@pytest.mark.shared
def test_every_real_english_text_keeps_the_claim_invariants(real_english: list[Document]) -> None:
    assert len(real_english) >= 140
    found = [line for doc in real_english for line in violations(doc)]
    assert not found, "\n".join(found[:40])
    stances = [s for doc in real_english for claim in doc.claims for s in claim.stances]
    assert {s.polarity for s in stances} == {"affirms", "denies"} and len(stances) >= 1000
