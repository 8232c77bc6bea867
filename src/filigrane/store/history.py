"""The store as the corpus: what a run (CLI or web app) takes from earlier runs and shows of them.

Every run shows the documents stored before to the corpus steps first, with their sentence
vectors, so a new batch joins the existing stories, claim groups and repost groups; it keeps the
new vectors; and its outputs list the groups that involve its own documents.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict
from typing import Any

from filigrane.document import Document
from filigrane.engine.pipeline import PipelineOptions
from filigrane.narratives.encoder import default_encoder
from filigrane.store.store import Store, document_from_dict

#: Corpus-level outputs made of groups of documents (or of claims, as [document id, claim id] pairs).
CORPUS_GROUPS = ("reposts", "stories", "claim_groups")


def earlier_documents(store: Store) -> Iterator[Document]:
    """Every document stored before (its last analysis), its stored sentence vectors loaded first."""
    encoder = default_encoder()
    store.load_vectors(encoder.name, encoder.cache)
    for data in store.latest_documents():
        yield document_from_dict(data)


def keep_vectors(store: Store) -> None:
    """Store the sentence vectors computed so far, so later runs need not encode them again."""
    encoder = default_encoder()
    store.save_vectors(encoder.name, encoder.cache.items())


def involving(corpus: dict[str, Any], ids: set[str]) -> dict[str, Any]:
    """The corpus outputs that name one of `ids` (a story may reach back to earlier runs)."""

    def named(item: dict[str, Any]) -> set[str]:
        return set(item.get("documents") or (pair[0] for pair in item.get("claims", [])))

    return {
        key: [item for item in items if named(item) & ids] if key in CORPUS_GROUPS else items
        for key, items in corpus.items()
    }


def run_settings(options: PipelineOptions) -> dict[str, Any]:
    """The options a run records: every field, the catalogue as its entry count."""
    return asdict(options) | {"catalogue": len(options.catalogue)}
