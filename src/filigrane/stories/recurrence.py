"""Texts that recur across distinct documents of one site: headings, chrome, boilerplate claims.

A title such as "European Commission" on every page of a site, a "Press releases database" line
above each release, a "Communiqué de presse" heading: each is shared by many documents that tell
different things, so it says nothing about which event a document tells. A text (folded, spaces
collapsed) seen in `MIN_TEXTS` or more distinct texts of one site (its publisher; else its origin
outlet; else the unknown site) is *recurring*. Copies of one article (a repost group) count once:
a quotation reposted across blogs is one text, not chrome. Generic headings named in
`data/lexicons/generic_headings.yaml` and a title that is the site's or an outlet's own name
are never evidence either.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from functools import cache

from filigrane.clean.lexicon import load_yaml
from filigrane.corpus_records import RepostGroup
from filigrane.document import Document
from filigrane.stories.terms import fold

#: Distinct texts of one site that must share a line for it to be the site's, not the article's.
MIN_TEXTS = 3
#: Document ids kept per recurring candidate (enough to see `MIN_TEXTS` distinct texts among copies).
_KEEP = 8


def normal(text: str) -> str:
    """The comparable form of a heading or line: folded, words only, single spaces."""
    return " ".join("".join(c if c.isalnum() else " " for c in fold(text)).split())


@cache
def generic_headings() -> frozenset[str]:
    """Headings that name a genre or a page, never an event (data file, any language)."""
    table: dict[str, list[str]] = load_yaml("generic_headings.yaml")
    return frozenset(normal(heading) for headings in table.values() for heading in headings)


def site_of(doc: Document) -> str:
    """The site a document was published on (its publisher), else the outlet it comes from, else ""."""
    source = doc.publisher or (doc.origins[0] if doc.origins else None)
    return str(source.outlet or source.name or "") if source else ""


def own_names(doc: Document) -> set[str]:
    """The names of the document's publisher and origins: a title equal to one is a site name."""
    publisher = doc.publisher
    values = (publisher.domain, publisher.name, publisher.outlet) if publisher else ()
    names = {normal(value) for value in values if value}
    for origin in doc.origins:
        names.update(normal(value) for value in (origin.name, origin.outlet))
    return names - {""}


class Recurrence:
    """Counts, per site, the documents each text occurs in; answers which texts recur."""

    def __init__(self, min_texts: int = MIN_TEXTS) -> None:
        self.min_texts = min_texts
        self._documents: dict[bytes, list[str]] = {}

    @staticmethod
    def key(site: str, text: str) -> bytes:
        return hashlib.blake2b(f"{site}\x00{normal(text)}".encode(), digest_size=8).digest()

    def add(self, site: str, texts: Iterable[str], document_id: str) -> None:
        for key in {self.key(site, text) for text in texts if normal(text)}:
            ids = self._documents.setdefault(key, [])
            if len(ids) < _KEEP:
                ids.append(document_id)

    def recurring(self, reposts: Iterable[RepostGroup] | None) -> frozenset[bytes]:
        """Keys seen in `min_texts` distinct texts (copies of one repost group counted once)."""
        origin = repost_origins(reposts)
        return frozenset(
            key
            for key, ids in self._documents.items()
            if len(ids) >= self.min_texts and len({origin.get(i, i) for i in ids}) >= self.min_texts
        )


def repost_origins(groups: Iterable[RepostGroup] | None) -> dict[str, str]:
    """Document id -> the id of its repost group's origin copy (or of the group's first copy)."""
    origin_of: dict[str, str] = {}
    for group in groups or ():
        members = list(group.documents)
        origin = group.origin_document or (members[0] if members else None)
        for member in members:
            if origin:
                origin_of[member] = origin
    return origin_of
