"""Origin and publisher of each document, from its provenance traces and the outlet catalogue.

The publisher is who put the page online (its URL); the origin is who wrote the story (signature
and source lines, agency datelines, the page's own outlet when nothing else is said). A trace
that names no catalogued outlet is kept as unknown, never guessed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import asdict
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from filigrane.clean.lexicon import load_yaml, match_full, signature_patterns
from filigrane.corpus_records import Origin, OriginTrace, Publisher
from filigrane.document import Document, Evidence
from filigrane.provenance.catalogue import Outlet, OutletCatalogue, default_catalogue, load_catalogue
from filigrane.provenance.lines import outlet_in_line
from filigrane.steps import MapStep

#: How much each kind of trace says about who wrote the article.
CONFIDENCE = {
    "signature-line": 0.9,
    "source-line": 0.85,
    "byline": 0.85,
    "link": 0.85,
    "agency-dateline": 0.8,
    "mention": 0.5,
    "url": 0.5,
}
#: Traces that are lines of their own, read part by part; a byline naming no outlet names a person.
LINE_KINDS = frozenset({"signature-line", "source-line", "byline", "agency-dateline"})
#: Outlet names of a letter or two ("AP", "RT") are too ambiguous to find in running text.
MIN_MENTION_NAME = 3


#: A name as it stands in running text: up to four words, the first capitalised ("Sputnik",
#: "Asharq al-Awsat", "RT France"); the catalogue says whether it names an outlet.
_NAME = r"(?-i:(?P<outlet>[A-ZÀ-Ý0-9][\w'’.&-]*(?: [\w'’.&-]+){0,3}))"
_OUTLET_ARTICLE = r"(?:l['’]agence |le journal |la chaîne |le site |la radio |la télévision |l['’]|le |la |les )?"


@cache
def _mention_patterns() -> list[re.Pattern[str]]:
    return [
        re.compile(rf"\b{phrase.replace('{outlet}', _OUTLET_ARTICLE + _NAME, 1)}", re.IGNORECASE)
        for phrase in load_yaml("source_mentions.yaml")
    ]


@cache
def catalogue_for(outlet_files: tuple[Path | str, ...] = ()) -> OutletCatalogue:
    """The packaged catalogue plus the user's files, loaded once per process."""
    return load_catalogue(outlet_files) if outlet_files else default_catalogue()


class NamesAnOutlet:
    """Whether a whole line names a catalogued outlet ("Courrier picard", "Par franceinfo").

    The clean stage's test for signature lines a shape cannot tell from a heading; picklable (it
    holds file names only) so the pipeline can go to worker processes.
    """

    def __init__(self, outlet_files: Sequence[Path | str] = ()) -> None:
        self.outlet_files = tuple(outlet_files)

    def __call__(self, line: str) -> bool:
        return outlet_in_line(catalogue_for(self.outlet_files), line, parts=False) is not None


class FindOrigins(MapStep):
    """Fills `origins` (outlets named by the traces) and `publisher` (the page's site)."""

    name = "origins"

    def __init__(self, outlet_files: Sequence[Path | str] = ()) -> None:
        super().__init__()
        self.outlet_files = tuple(outlet_files)
        self._catalogue: OutletCatalogue | None = None

    @property
    def catalogue(self) -> OutletCatalogue:
        if self._catalogue is None:
            self._catalogue = catalogue_for(self.outlet_files)
        return self._catalogue

    def process(self, doc: Document) -> None:
        self._source_links(doc)
        self._lede_mentions(doc)
        publisher = doc.publisher = self._publisher(doc)
        found: dict[str, Origin] = {}
        unknown: list[dict[str, Any]] = []
        for evidence in doc.evidence:
            if evidence.kind not in CONFIDENCE:
                continue
            outlet = self._resolve(evidence) or self._resolve_by_link(evidence, doc)
            if outlet is None:
                if evidence.kind != "byline":
                    unknown.append(asdict(evidence))
                continue
            entry = found.setdefault(outlet.id, _origin(outlet))
            entry.evidence.append(_trace(evidence))
            entry.confidence = round(max(entry.confidence, CONFIDENCE[evidence.kind]), 2)
        if not found and publisher and publisher.outlet:
            outlet = self.catalogue.get(publisher.outlet)
            if outlet is not None:  # nothing says the story came from elsewhere: the site wrote it
                entry = found.setdefault(outlet.id, _origin(outlet))
                entry.evidence.append(OriginTrace.inferred("url", doc.url))
                entry.confidence = CONFIDENCE["url"]
        doc.origins = sorted(found.values(), key=lambda origin: -float(origin.confidence))
        if unknown:
            doc.metadata["unknown_sources"] = unknown
        doc.analyses["origins"] = f"outlet catalogue ({len(self.catalogue)} outlets)"

    def _source_links(self, doc: Document) -> None:
        """A link whose anchor sits in a signature or source line ("Source : <a>Sputnik</a>") names the outlet."""
        lines = [e.text for e in doc.evidence if e.kind in ("signature-line", "source-line")]
        for link in doc.links:
            if link.text and any(link.text in line for line in lines):
                doc.evidence.append(Evidence("link", link.url))

    def _lede_mentions(self, doc: Document) -> None:
        """ "a rapporté Sputnik", "selon l'agence Reuters" in the lede name the article's source.

        The phrases find a capitalised name of up to four words; the catalogue then decides,
        longest name first, whether it is an outlet (one dictionary lookup, not a regex of every name).
        """
        spans: set[tuple[int, int]] = set()
        for paragraph in doc.paragraphs[1:3]:
            for pattern in _mention_patterns():
                for found in pattern.finditer(doc.text, paragraph.start, paragraph.end):
                    span = self._outlet_prefix(doc.text, *found.span("outlet"))
                    if span is not None:
                        spans.add(span)
        for start, end in sorted(spans):
            doc.evidence.append(Evidence("mention", doc.text[start:end], start=start, end=end))

    def _outlet_prefix(self, text: str, start: int, end: int) -> tuple[int, int] | None:
        words = list(re.finditer(r"\S+", text[start:end]))
        for count in range(len(words), 0, -1):
            stop = start + words[count - 1].end()
            name = text[start:stop].rstrip(".,;:")
            if len(name) >= MIN_MENTION_NAME and self.catalogue.by_name(name) is not None:
                return start, start + len(name)
        return None

    def _resolve_by_link(self, evidence: Evidence, doc: Document) -> Outlet | None:
        """ "Source : <a href=…sputniknews…>Agence Sputnik</a>": the line's link names the outlet."""
        if evidence.kind not in ("signature-line", "source-line"):
            return None
        for link in doc.links:
            if link.text and link.text in evidence.text:
                outlet = self.catalogue.by_domain(link.url)
                if outlet is not None:
                    return outlet
        return None

    def _resolve(self, evidence: Evidence) -> Outlet | None:
        """The outlet a trace names: the whole trace, else (for a line) its frames off, part by part."""
        outlet = self.catalogue.lookup(evidence.text)
        if outlet is not None or evidence.kind not in LINE_KINDS:
            return outlet
        outlet = outlet_in_line(self.catalogue, evidence.text)
        hit = match_full(signature_patterns(), evidence.text) if outlet is None else None
        if hit is not None and hit[1].groupdict().get("name"):  # "lu sur X", "first published by X"
            return outlet_in_line(self.catalogue, hit[1]["name"])
        return outlet

    def _publisher(self, doc: Document) -> Publisher | None:
        if not doc.url:
            return None
        domain = urlsplit(doc.url).hostname or ""
        outlet = self.catalogue.by_domain(domain)
        return Publisher(
            domain=domain.removeprefix("www."),
            name=outlet.name if outlet else doc.metadata.get("site_name"),
            outlet=outlet.id if outlet else None,
        )


def _origin(outlet: Outlet) -> Origin:
    return Origin(
        outlet=outlet.id,
        name=outlet.name,
        country=outlet.country,
        ownership=outlet.ownership,
        owner=outlet.owner,
        basis=outlet.basis.fact,
        basis_reference=outlet.basis.reference,
        basis_checked=outlet.basis.checked.isoformat(),
        catalogue_entry=outlet.origin,
    )


def _trace(evidence: Evidence) -> OriginTrace:
    """A trace of the document as an origin's evidence (with its raw offsets)."""
    return OriginTrace(evidence.kind, evidence.text, evidence.start, evidence.end, evidence.raw_start, evidence.raw_end)
