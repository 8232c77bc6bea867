"""The guide's own examples as data: three short French sentences per technique, written for the guide.

`GUIDE.md` §4 gives, under each `#### <Technique>` heading, three numbered examples `« … »` whose
annotated span is in square brackets. They are synthetic (no article text), so they may serve as
seed training or test sentences for each technique, including those absent from the real texts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from eval.techniques.taxonomy import CATEGORY_OF

GUIDE = Path(__file__).resolve().parent / "GUIDE.md"
_HEADING = re.compile(r"^#### (\S+)\s*$")
_EXAMPLE = re.compile(r"^[123]\. « (.*) »")
_BRACKET = re.compile(r"\[([^\]]+)\]")


@dataclass(frozen=True, slots=True)
class Example:
    technique: str
    text: str
    spans: tuple[tuple[int, int], ...]


def _unbracket(marked: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    text, spans, at = "", [], 0
    for match in _BRACKET.finditer(marked):
        text += marked[at : match.start()]
        spans.append((len(text), len(text) + len(match.group(1))))
        text += match.group(1)
        at = match.end()
    return text + marked[at:], tuple(spans)


def guide_examples(guide: Path = GUIDE) -> list[Example]:
    """Every example of the guide's technique sections, its span(s) offset into its unbracketed text."""
    examples, technique = [], None
    for line in guide.read_text(encoding="utf-8").splitlines():
        heading = _HEADING.match(line)
        if heading:
            technique = heading.group(1) if heading.group(1) in CATEGORY_OF else None
            continue
        example = _EXAMPLE.match(line)
        if technique and example:
            text, spans = _unbracket(example.group(1))
            examples.append(Example(technique, text, spans))
    return examples
