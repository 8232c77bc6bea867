"""Plain text to blocks (lines or re-joined wrapped paragraphs) with the features the classifier reads."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from filigrane.clean.lexicon import stopwords

_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", re.UNICODE)
_ELISION = re.compile(r"^(?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu)['’]", re.IGNORECASE)
_SPACES = re.compile(r"\s+")
_URL = re.compile(r"https?://\S+|www\.\S+")
_SENTENCE_END = (".", "!", "?", "…", "»", '"', "”", ")", ":", ";")


@dataclass(slots=True)
class Block:
    """A unit of the input that is either kept as a paragraph or removed as a whole."""

    text: str
    raw_start: int
    raw_end: int
    index: int = 0
    words: int = 0
    stop_density: float = 0.0
    url_share: float = 0.0
    ends_sentence: bool = False
    intrinsic: str = ""
    label: str = ""
    reason: str = ""
    tags: list[str] = field(default_factory=list)

    @property
    def chars(self) -> int:
        return len(self.text)


def collapse(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def line_hash(text: str) -> int:
    """A 64-bit hash of a line, case and spacing left out: how repeated lines are counted across a site."""
    digest = hashlib.blake2b(" ".join(text.casefold().split()).encode("utf-8", "surrogatepass"), digest_size=8)
    return int.from_bytes(digest.digest(), "big")


def split_blocks(raw: str) -> list[Block]:
    """Split on line breaks, re-joining hard-wrapped lines of one paragraph (e-mail style text)."""
    blocks: list[Block] = []
    position = 0
    previous_blank = True
    for line in raw.split("\n"):
        start, end = position, position + len(line)
        position = end + 1
        stripped = line.strip()
        if not stripped:
            previous_blank = True
            continue
        lead = len(line) - len(line.lstrip())
        start, end = start + lead, start + lead + len(stripped)
        if blocks and not previous_blank and _continues(blocks[-1].text, stripped):
            last = blocks[-1]
            last.text = f"{last.text} {stripped}"
            last.raw_end = end
        else:
            blocks.append(Block(text=stripped, raw_start=start, raw_end=end))
        previous_blank = False
    for index, block in enumerate(blocks):
        block.index = index
        block.text = collapse(block.text)
        measure(block)
    return blocks


def _continues(previous: str, line: str) -> bool:
    """A hard-wrapped line: the previous one stops mid-sentence and this one starts in lower case."""
    return len(previous) >= 40 and not previous.endswith(_SENTENCE_END) and line[:1].islower()


def measure(block: Block) -> None:
    vocabulary = stopwords()
    words = hits = 0
    for token in _WORD.findall(block.text):
        lowered = token.lower()
        elision = _ELISION.match(lowered)
        if elision:  # "l'armée" is two words, the first a stopword
            words += 1
            hits += 1
            lowered = lowered[elision.end() :]
        words += 1
        hits += lowered in vocabulary
    block.words = words
    block.stop_density = hits / words if words else 0.0
    urls = sum(len(found) for found in _URL.findall(block.text))
    block.url_share = urls / max(1, len(block.text))
    block.ends_sentence = block.text.endswith(_SENTENCE_END)
