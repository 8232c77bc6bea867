"""The cleaning step: raw text to clean body, title, tags, date, removed parts and provenance traces."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from filigrane.clean.blocks import Block, collapse, split_blocks
from filigrane.clean.classify import CleanerConfig, classify
from filigrane.clean.dates import find_date
from filigrane.clean.lexicon import load_yaml
from filigrane.clean.names import NameTest, looks_like_name
from filigrane.clean.titles import same_title, title_key
from filigrane.document import Document, Evidence, Paragraph, Removed
from filigrane.steps import MapStep, RejectDocument

#: "… a-t-il conclu. (Avec AFP)": a credit in brackets closing the last paragraph.
_CLOSING_CREDIT = re.compile(r"\((?:avec|with|source\s*:)\s+[^()]{2,60}\)\.?$", re.IGNORECASE)

#: Removal reasons that are provenance evidence too, and the evidence kind they give.
EVIDENCE_REASONS = {"signature-line": "signature-line", "source-line": "source-line", "byline": "byline"}


@cache
def _dateline() -> re.Pattern[str]:
    """ "PLACE (AGENCY) -" with the agencies of `agencies.yaml`; the place may add ", Country"."""
    agencies = "|".join(re.escape(name) for name in load_yaml("agencies.yaml"))
    place = r"[A-ZÀ-Ý][A-ZÀ-Ý'’ .-]{1,40}(?:, [A-ZÀ-Ý][\w-]+)?,?\s+"
    return re.compile(rf"(?:{place})?\((?:{agencies})\)(?:\s*[-–—]\s*)?")


class CleanText(MapStep):
    """Separates the article from the page around it; the same for plain text and extracted HTML."""

    name = "clean"

    def __init__(self, config: CleanerConfig | None = None, names: NameTest | None = None) -> None:
        """`names`: whether a line names a known outlet (the pipeline gives the outlet catalogue's test)."""
        super().__init__()
        self.config = config or CleanerConfig()
        self.names = names
        self.html_config = replace(self.config, trusted_selection=True)

    def process(self, doc: Document) -> None:
        blocks = split_blocks(doc.raw_text)
        if not blocks:
            raise RejectDocument("empty", "the input holds no text")
        given_title = collapse(doc.title) if doc.title else None
        config = self.html_config if doc.format == "html" else self.config
        classify(blocks, config, self.names, title=given_title, chrome=doc.clues.chrome)
        paragraphs: list[str] = []
        for block in blocks:
            if block.label in ("title", "keep"):
                paragraphs.append(block.text)
            else:
                self._set_aside(doc, block)
        if not paragraphs:
            raise RejectDocument("no-content", "nothing is left once boilerplate is removed")
        titled = next((block.text for block in blocks if block.label == "title"), None)
        printed = titled and given_title and same_title(title_key(titled), title_key(given_title))
        title = titled if printed else given_title or titled
        if title and title != paragraphs[0]:
            paragraphs.insert(0, title)
        doc.title = title or paragraphs[0]
        _assemble(doc, paragraphs)
        _find_datelines(doc)
        _find_closing_credit(doc)
        doc.analyses["clean"] = "ok"

    def _set_aside(self, doc: Document, block: Block) -> None:
        doc.removed.append(Removed(block.text, block.reason, block.raw_start, block.raw_end))
        doc.tags.extend(tag for tag in block.tags if tag not in doc.tags)
        kind = EVIDENCE_REASONS.get(block.reason)
        if kind:
            doc.evidence.append(Evidence(kind, block.text, block.raw_start, block.raw_end))
        if block.reason == "date-line" and doc.date is None:
            doc.date = find_date(block.text)


def _assemble(doc: Document, paragraphs: list[str]) -> None:
    position = 0
    doc.paragraphs = []
    for paragraph in paragraphs:
        doc.paragraphs.append(Paragraph(position, position + len(paragraph)))
        position += len(paragraph) + 2
    doc.text = "\n\n".join(paragraphs)


def _find_datelines(doc: Document) -> None:
    """ "PARIS (AFP) -" opens the first paragraphs of wire copy: it stays in the text, noted as evidence."""
    for paragraph in doc.paragraphs[:4]:
        found = _dateline().match(doc.text, paragraph.start, paragraph.end)
        if found:
            dateline = found.group(0).strip(" -–—")
            end = found.start() + len(dateline)
            doc.evidence.append(Evidence("agency-dateline", dateline, start=found.start(), end=end))


def _find_closing_credit(doc: Document) -> None:
    """ "(Avec AFP)" closing the last paragraph credits the outlet: it stays in the text, noted as evidence.

    Only when what the brackets hold has a name's shape ("(avec son frère)" credits nobody).
    """
    if len(doc.paragraphs) < 2:
        return
    last = doc.paragraphs[-1]
    found = _CLOSING_CREDIT.search(doc.text, last.start, last.end)
    if found and looks_like_name(found.group(0).rstrip(".")):
        credit = found.group(0).rstrip(".")
        doc.evidence.append(Evidence("source-line", credit, start=found.start(), end=found.start() + len(credit)))
