"""`FinishTechniques`: the document-level part of the techniques, once every paragraph is parsed.

Spans of one technique that overlap become one (their cues joined, their scores combined as
independent evidence); repeated runs of content words across paragraphs are Repetition; then
spans are put in text order, numbered (`t1`, `t2`...), given their paragraph, and each paragraph
lists the set of techniques found in it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from itertools import pairwise

from filigrane.clean.lexicon import stopwords
from filigrane.document import Cue, Document, Technique
from filigrane.engine.steps import MapStep
from filigrane.techniques.lexicon import repetition
from filigrane.techniques.taxonomy import category

WORD = re.compile(r"\w+", re.UNICODE)
#: What may stand between two words of a repeated run: spaces, an apostrophe or a hyphen.
JOINER = re.compile(r"[ \t'’-]*")


class FinishTechniques(MapStep):
    name = "techniques"

    def __init__(self, lexicon: str = "techniques.yaml") -> None:
        super().__init__()
        self.lexicon = lexicon

    def process(self, doc: Document) -> None:
        if "techniques" not in doc.analyses:  # not parsed (no NLP, another language): nothing to finish
            return
        found = doc.techniques + repeated(doc, self.lexicon)
        doc.techniques = merged(found)
        starts = [p.start for p in doc.paragraphs]
        sets: defaultdict[int, set[str]] = defaultdict(set)
        for number, technique in enumerate(doc.techniques, 1):
            technique.id = f"t{number}"
            index = bisect_right(starts, technique.start) - 1
            technique.paragraph = index if index >= 0 else None
            if index >= 0:
                sets[index].add(technique.technique)
        for index, paragraph in enumerate(doc.paragraphs):
            paragraph.techniques = sorted(sets.get(index, ()))


def merged(found: list[Technique]) -> list[Technique]:
    """One span per technique and stretch of text: overlapping spans of a technique are joined."""
    out: list[Technique] = []
    last: dict[str, Technique] = {}
    for item in sorted(found, key=lambda t: (t.start, -t.end, t.technique)):
        previous = last.get(item.technique)
        if previous is not None and item.start < previous.end:
            if item.end > previous.end:
                previous.text += item.text[previous.end - item.start :]
                previous.end = item.end
            previous.score = 1 - (1 - previous.score) * (1 - item.score)
            previous.cues += [c for c in item.cues if (c.start, c.end) not in {(p.start, p.end) for p in previous.cues}]
            previous.target = previous.target or item.target
            continue
        last[item.technique] = item
        out.append(item)
    for item in out:
        item.cues.sort(key=lambda c: c.start)
    return out


def repeated(doc: Document, lexicon: str) -> list[Technique]:
    """Runs of `min_words` words within a clause, most of them common (not function words, not
    names, not numbers), found in `min_paragraphs` paragraphs: a phrase hammered, not a place name."""
    settings = repetition(lexicon)
    size, needed = int(settings["min_words"]), int(settings["min_paragraphs"])
    function_words = stopwords()
    text = doc.text
    words = [(m.group(), m.start(), m.end()) for m in WORD.finditer(text)]
    joined = [JOINER.fullmatch(text, a[2], b[1]) is not None for a, b in pairwise(words)]
    starts = [p.start for p in doc.paragraphs]
    places: defaultdict[tuple[str, ...], list[int]] = defaultdict(list)
    for i in range(len(words) - size + 1):
        if not all(joined[i : i + size - 1]):
            continue
        gram = tuple(w.lower() for w, _, _ in words[i : i + size])
        common = sum(w.islower() and w not in function_words for w, _, _ in words[i : i + size])
        if common * 2 > size:
            places[gram].append(i)
    found = []
    for positions in places.values():
        paragraphs = {bisect_right(starts, words[i][1]) for i in positions}
        if len(paragraphs) < needed:
            continue
        for i in positions:
            start, end = words[i][1], words[i + size - 1][2]
            cue = Cue(doc.text[start:end], start, end)
            name = str(settings["technique"])
            found.append(
                Technique(name, category(name), start, end, doc.text[start:end], float(settings["score"]), [cue])
            )
    return found
