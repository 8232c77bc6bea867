"""Site chrome learnt from the collection: lines that many pages of one site repeat.

Navigation, breadcrumbs and footers ("Press releases database", "Press Release details") are
the same on every page of a site, whatever its article. As web-corpus pipelines do with repeated
lines, the step counts normalised line hashes per site over the run; a line found on at least
`min_pages` pages and `min_share` of the pages of its site seen so far is that site's chrome, and
the cleaner removes it with reason `site-boilerplate`. Counts are per site, so a quotation that
several sites repost does not add up; a prose sentence that several sites print is a reposted
quotation, never chrome. The same counts find the site's name in titles: a title, or a part of
one, that many pages of a site share names the site, and the next candidate is taken.

The pipeline streams: the step reads a window of documents (`window`, 500 by default), counts
their lines, then decides for each. Counts carry over from window to window (hashes only, pruned
of rare entries beyond `max_entries`), so a large run keeps learning with bounded memory.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from filigrane.clean.blocks import line_hash, split_blocks
from filigrane.clean.titles import SiteNameTest, choose_title, name_key, page_site_names, segments, title_key
from filigrane.document import Document
from filigrane.steps import BatchStep

#: Documents read before deciding (the window) and the counts kept across windows.
WINDOW = 500
MAX_ENTRIES = 400_000
#: A line (or title) on this many pages, and this share of its site's pages, is the site's own.
MIN_PAGES = 3
MIN_SHARE = 0.1
#: A line of this many words that ends a sentence is prose: printed by several sites, it is a quotation.
PROSE_WORDS = 8
#: `_sites` value of a prose line that more than one site prints.
_SEVERAL = -1


@dataclass(slots=True)
class _Page:
    """What the step reads of one document: its site keys, line hashes and title keys."""

    doc: Document
    sites: list[str]
    lines: dict[int, bool] = field(default_factory=dict)  # line hash -> prose
    titles: set[int] = field(default_factory=set)


class SiteChrome(BatchStep):
    """Fills `clues.chrome` (lines the page's site repeats) and re-chooses titles that name the site.

    A page's site is its host (from its URL), else the name it declares (`og:site_name`); the
    part of its titles that many pages share at one end ("European Commission - ... - Title") is
    a name of its site too, which joins the pages of a site saved without their address.
    """

    name = "site-chrome"

    def __init__(
        self,
        window: int = WINDOW,
        min_pages: int = MIN_PAGES,
        min_share: float = MIN_SHARE,
        max_entries: int = MAX_ENTRIES,
    ) -> None:
        super().__init__()
        self.batch_size = window
        self.min_pages = min_pages
        self.min_share = min_share
        self.max_entries = max_entries
        self.pages: Counter[str] = Counter()  # site -> pages seen
        self.lines: Counter[int] = Counter()  # site hash ^ line hash -> pages
        self.titles: Counter[int] = Counter()  # site hash ^ title key hash -> pages
        self.ends: Counter[str] = Counter()  # name key of a title's end segment -> pages
        self._sites: dict[int, int] = {}  # prose line hash -> first site hash, or _SEVERAL

    def process_batch(self, docs: list[Document]) -> None:
        ends = [_end_segments(doc) for doc in docs]
        for found in ends:
            self.ends.update(found)
        pages = [self._read_safely(doc, found) for doc, found in zip(docs, ends, strict=True)]
        for page in pages:
            self._count(page)
        self._prune()
        for page in pages:
            if page.sites:
                self._decide(page)

    def _read_safely(self, doc: Document, ends: set[str]) -> _Page:
        """A page the step cannot read keeps its text as it is, with a warning; the window goes on.

        (Raising would make the batch family retry the window one document at a time, counting
        every line of it twice.)
        """
        try:
            return self._read(doc, ends)
        except Exception as error:  # noqa: BLE001 - the document itself is fine: note it, go on
            doc.metadata.setdefault("warnings", []).append(f"{self.name}: {type(error).__name__}: {error}")
            return _Page(doc, [])

    def _read(self, doc: Document, ends: set[str]) -> _Page:
        sites = [site] if (site := _declared_site(doc)) else []
        if ends:
            best = max(sorted(ends), key=lambda end: self.ends[end])
            if self.ends[best] >= self.min_pages and f"name:{best}" not in sites:
                sites.append(f"name:{best}")
        page = _Page(doc, sites)
        if not sites:
            return page
        if doc.title and not doc.clues.titles:  # a title given with a plain text (JSONL `title`)
            doc.clues.titles = [doc.title]
        for block in split_blocks(doc.raw_text):
            page.lines[line_hash(block.text)] = block.words >= PROSE_WORDS and block.ends_sentence
        for candidate in doc.clues.titles:
            for part in {candidate, *segments(candidate)}:
                page.titles.add(line_hash(title_key(part)))
        return page

    def _count(self, page: _Page) -> None:
        for site in page.sites:
            salt = line_hash(site)
            self.pages[site] += 1
            self.lines.update(salt ^ hashed for hashed in page.lines)
            self.titles.update(salt ^ hashed for hashed in page.titles)
        if page.sites:  # who prints a prose line: by the page's first (most specific) site
            first = line_hash(page.sites[0])
            for hashed, prose in page.lines.items():
                if prose and self._sites.setdefault(hashed, first) != first:
                    self._sites[hashed] = _SEVERAL

    def _decide(self, page: _Page) -> None:
        salted = [(line_hash(site), max(self.min_pages, self.min_share * self.pages[site])) for site in page.sites]

        def repeated(counter: Counter[int], hashed: int) -> bool:
            return any(counter[salt ^ hashed] >= bar for salt, bar in salted)

        page.doc.clues.chrome = frozenset(
            hashed
            for hashed, prose in page.lines.items()
            if repeated(self.lines, hashed) and not (prose and self._sites.get(hashed) == _SEVERAL)
        )
        if page.doc.clues.titles:
            own = _own_names(page.doc)

            def is_site_name(text: str) -> bool:
                return own(text) or repeated(self.titles, line_hash(title_key(text)))

            # None when every candidate names the site: the cleaner then takes the title from the text
            page.doc.title = choose_title(page.doc.clues.titles, page.doc.raw_text.split("\n"), is_site_name)

    def _prune(self) -> None:
        """Lossy counting: beyond `max_entries`, the rarest entries go first (chrome is never rare)."""
        for counter in (self.lines, self.titles, self.ends):
            floor = 1
            while len(counter) > self.max_entries:
                for key in [key for key, count in counter.items() if count <= floor]:
                    del counter[key]
                floor += 1
        if len(self._sites) > self.max_entries:
            self._sites = {key: value for key, value in self._sites.items() if value == _SEVERAL}


def _declared_site(doc: Document) -> str | None:
    """The page's site from its URL, else from the name it declares (`og:site_name`)."""
    host = urlsplit(doc.url).hostname if doc.url else None
    if host:
        return f"host:{host.lower().removeprefix('www.')}"
    names = [name_key(name) for name in doc.clues.site_names if name_key(name)]
    return f"name:{names[0]}" if names else None


def _end_segments(doc: Document) -> set[str]:
    """The parts at either end of the page's titles ("Site - Section - Title"): where a site's name sits."""
    ends: set[str] = set()
    for candidate in doc.clues.titles:
        parts = segments(candidate)
        if len(parts) >= 2:
            ends |= {name_key(parts[0]), name_key(parts[-1])}
    ends.discard("")
    return ends


def _own_names(doc: Document) -> SiteNameTest:
    host = urlsplit(doc.url).hostname if doc.url else None
    return page_site_names(doc.clues.site_names, host)
