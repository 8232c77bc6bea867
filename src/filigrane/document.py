"""The one typed record that flows through every pipeline step.

A `Document` starts as raw input (decoded text or HTML plus where it came from) and each step
fills in more of it. Offsets in `sentences`, `entities` and later `claims` are character offsets
into `text`; removed pieces keep offsets into `raw_text` so nothing the user gave is lost.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from filigrane.claim_records import Actor, Claim, Entity, Mention
from filigrane.corpus_records import NarrativeMatch, Origin, Publisher


@dataclass(slots=True)
class Span:
    """A character range in `Document.text`."""

    start: int
    end: int


@dataclass(slots=True)
class Paragraph:
    """A kept block of the clean text, with its own detected language and the persuasion
    techniques found in it (their names, sorted: what paragraph-level evaluations score)."""

    start: int
    end: int
    language: str | None = None
    techniques: list[str] = field(default_factory=list)


#: The words that gave a technique away ("dite", "tout le monde sait"), offsets into `text`.
Cue = Mention


@dataclass(slots=True)
class Technique:
    """A persuasion technique (SemEval-2023 Task 3 name) on a stretch of `text`, with its cues and,
    when the parse finds one, its target (the actor or entity it works on)."""

    technique: str
    category: str
    start: int
    end: int
    text: str
    score: float
    cues: list[Cue] = field(default_factory=list)
    target: str | None = None
    paragraph: int | None = None
    id: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "technique": self.technique,
            "category": self.category,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "paragraph": self.paragraph,
            "score": round(self.score, 3),
            "cues": [cue.to_dict() for cue in self.cues],
            "target": self.target,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Technique:
        return cls(
            technique=str(data["technique"]),
            category=str(data["category"]),
            start=int(data["start"]),
            end=int(data["end"]),
            text=str(data["text"]),
            score=float(data.get("score", 0.0)),
            cues=[Cue.from_dict(cue) for cue in data.get("cues", [])],
            target=data.get("target"),
            paragraph=data.get("paragraph"),
            id=str(data.get("id", "")),
        )


@dataclass(slots=True)
class Removed:
    """A piece of input that is not article body, kept with the reason it left the body."""

    text: str
    reason: str
    raw_start: int | None = None
    raw_end: int | None = None


@dataclass(slots=True)
class Evidence:
    """A trace of where the article comes from (signature line, source line, dateline...).

    Traces removed from the body have offsets into `raw_text`; traces left in it, into `text`.
    """

    kind: str
    text: str
    raw_start: int | None = None
    raw_end: int | None = None
    start: int | None = None
    end: int | None = None


@dataclass(slots=True)
class Link:
    url: str
    text: str = ""


@dataclass(slots=True)
class Rejection:
    """Why a document (or a line, or a record) was not analysed."""

    source: str
    reason: str
    detail: str = ""


@dataclass(slots=True)
class PageClues:
    """What a page says about itself, for the site step that reads the whole run (not in the contract).

    The extractor fills `titles` (title candidates, best first) and `site_names` (names the page
    gives its site); the site step fills `chrome` (hashes of the lines its site repeats on many
    pages, see `filigrane.clean.sites`), which the cleaner removes as `site-boilerplate`.
    """

    titles: list[str] = field(default_factory=list)
    site_names: list[str] = field(default_factory=list)
    chrome: frozenset[int] = frozenset()


@dataclass
class Document:
    """An article on its way through the pipeline."""

    source: str
    format: str
    raw_text: str = ""
    raw_html: str | None = None
    id: str = ""
    url: str | None = None
    title: str | None = None
    date: str | None = None
    language: str | None = None
    tags: list[str] = field(default_factory=list)
    text: str = ""
    paragraphs: list[Paragraph] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    sentences: list[Span] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    #: The people and bodies its claims are attributed to (`holder_id` of a stance names one).
    actors: list[Actor] = field(default_factory=list)
    origins: list[Origin] = field(default_factory=list)
    #: Known debunked narratives its claims restate (catalogue matches), best first.
    narratives: list[NarrativeMatch] = field(default_factory=list)
    #: Persuasion techniques, in text order (`filigrane.techniques`).
    techniques: list[Technique] = field(default_factory=list)
    publisher: Publisher | None = None
    links: list[Link] = field(default_factory=list)
    metadata: dict[str, Any] = field(default_factory=dict)
    analyses: dict[str, str] = field(default_factory=dict)
    rejection: Rejection | None = None
    clues: PageClues = field(default_factory=PageClues)

    def __post_init__(self) -> None:
        if not self.id:
            self.id = make_id(self.source, self.raw_html if self.raw_html is not None else self.raw_text)

    @property
    def rejected(self) -> bool:
        return self.rejection is not None

    def reject(self, reason: str, detail: str = "") -> None:
        self.rejection = Rejection(source=self.source, reason=reason, detail=detail)

    @property
    def raw_hash(self) -> str:
        """SHA-256 of the input as read (the HTML for HTML inputs): what tells two inputs apart. The
        same bytes read as HTML and as plain text are two inputs (a page saved as `.txt`, then as
        `.html`, is analysed anew, not handed back as the text it was read as)."""
        if self.raw_html is not None:
            return hashlib.sha256(HTML_INPUT + self.raw_html.encode("utf-8", "surrogatepass")).hexdigest()
        return text_input_hash(self.raw_text)

    @property
    def content_hash(self) -> str:
        """Hash of the clean text: the same article analysed twice has the same hash."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


#: What an HTML input's raw hash starts from, before its bytes (a text input's is its bytes alone).
HTML_INPUT = b"html\0"


def text_input_hash(text: str) -> str:
    """The raw hash of a plain-text input (`Document.raw_hash`), for a text not yet read as one."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def make_id(source: str, content: str) -> str:
    """A short stable id: the same input from the same place always gets the same id."""
    digest = hashlib.sha256()
    digest.update(source.encode("utf-8", "surrogatepass"))
    digest.update(b"\0")
    digest.update(content.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()[:16]


def distinct_id(doc_id: str, raw_hash: str, taken: Callable[[str], bool]) -> str:
    """`doc_id`, or a stable variant of it when `taken` says another input already holds it.

    Two inputs given the same id (two JSONL records with `"id": "g"`) stay two documents: the
    later one becomes `g~<first hex digits of its raw hash>`, the same on every run.
    """
    candidate, digits = doc_id, 8
    while taken(candidate):
        candidate, digits = f"{doc_id}~{raw_hash[:digits]}", digits + 4
    return candidate
