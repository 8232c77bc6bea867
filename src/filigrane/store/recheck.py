"""Re-checking the stored documents against a catalogue just imported (CLI and web app alike).

A catalogue imported after the documents were analysed would otherwise only reach documents
analysed later. Each stored document's claims (its title and sentences when it has none) are
matched against the catalogue as the pipeline step does; its matches from that catalogue are
replaced, those from other catalogues kept, best first.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from filigrane.corpus_records import NarrativeMatch
from filigrane.document import Document
from filigrane.narratives.encoder import default_encoder
from filigrane.narratives.match import NarrativeMatcher
from filigrane.narratives.step import MAX_MATCHES, MatchNarratives
from filigrane.report.contract import document_from_dict
from filigrane.store.store import Store

#: Called after each batch with (documents checked so far, documents matched so far).
Progress = Callable[[int, int], None]


@dataclass
class Recheck:
    """How many stored documents were checked, and those that match the catalogue (id, title, source)."""

    checked: int = 0
    matched: list[dict[str, Any]] = field(default_factory=list)


def recheck_documents(store: Store, name: str, progress: Progress | None = None) -> Recheck:
    """Match every stored document against the stored catalogue `name` and store the updated matches."""
    result = Recheck()
    entries = store.catalogue_entries(name)
    if not entries:
        return result
    step = MatchNarratives(NarrativeMatcher(entries, default_encoder()))
    for batch in store.latest_document_batches(step.batch_size):
        documents = [document_from_dict(data) for _, data in batch]
        step.process_batch(documents)
        for (pk, data), doc in zip(batch, documents, strict=True):
            if doc.narratives:
                result.matched.append({"id": doc.id, "title": doc.title, "source": doc.source})
            previous = [NarrativeMatch.from_dict(match) for match in data.get("narratives") or []]
            merged = _merge(previous, doc, name)
            if merged != previous:
                store.replace_narratives(pk, data, merged, doc.analyses["narratives"])
        store.connection.commit()
        result.checked += len(batch)
        if progress is not None:
            progress(result.checked, len(result.matched))
    return result


def _merge(previous: list[NarrativeMatch], doc: Document, name: str) -> list[NarrativeMatch]:
    """The new matches with the earlier ones of other catalogues, best first."""
    kept = (match for match in previous if match.catalogue != name)
    return sorted([*kept, *doc.narratives], key=lambda match: -float(match.score))[:MAX_MATCHES]
