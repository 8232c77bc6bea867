"""What links one stored document to the rest of the store, for its page: the same links as in the report.

Its stories, its copies and, per claim, its claim groups (those of the latest corpus update),
with the titles of the other documents they name, as the report's `Corpus` look-up wants them.
"""

from __future__ import annotations

from typing import Any

from filigrane.corpus_records import CorpusOutputs, corpus_to_dict
from filigrane.report.html_index import Corpus
from filigrane.store import Store
from filigrane.web.reading import document_url


def document_corpus(store: Store, doc: dict[str, Any]) -> Corpus:
    """The report's look-up for `doc`: the groups naming it, and the other documents they name."""
    doc_id = str(doc.get("id"))
    stories = [story for story in store.stories() if doc_id in story.documents]
    groups = [group for group in store.claim_groups() if doc_id in group.document_ids]
    stored = {str(i) for (i,) in store.connection.execute("SELECT DISTINCT id FROM documents")}
    reposts = [group for group in store.reposts_within(stored) if doc_id in group.documents]
    others = {d for story in stories for d in story.documents}
    others |= {d for group in groups for d in group.document_ids}
    others |= {d for group in reposts for d in group.documents}
    others.discard(doc_id)
    marks = ",".join("?" * len(others))
    rows = store.connection.execute(
        "SELECT id, title, language FROM documents WHERE pk IN "
        f"(SELECT max(pk) FROM documents WHERE id IN ({marks}) GROUP BY id)",
        sorted(others),
    )
    documents = [doc] + [{"id": i, "title": t, "language": lang} for i, t, lang in rows]
    report = {
        "documents": documents,
        **corpus_to_dict(CorpusOutputs(reposts=reposts, stories=stories, claim_groups=groups)),
    }
    return Corpus(report, document_url=document_url, corpus_url="/corpus")
