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
from typing import Any

from filigrane.clean.lexicon import stopwords
from filigrane.document import Cue, Document, Technique
from filigrane.steps import MapStep
from filigrane.techniques.lexicon import repetition
from filigrane.techniques.taxonomy import category

WORD = re.compile(r"\w+", re.UNICODE)
#: What may stand between two words of a repeated run: spaces, an apostrophe or a hyphen.
JOINER = re.compile(r"[ \t'’-]*")
#: What ends the clause before an anaphora's run: nothing (the sentence start), a comma, a semicolon...
CLAUSE_BREAKS = frozenset({",", ";", ":", "—", "–"})


class FinishTechniques(MapStep):
    name = "techniques"

    def __init__(self, lexicon: str = "techniques.yaml") -> None:
        super().__init__()
        self.lexicon = lexicon

    def process(self, doc: Document) -> None:
        if "techniques" not in doc.analyses:  # not parsed (no NLP, another language): nothing to finish
            return
        doc.techniques += repeated(doc, self.lexicon)
        settle(doc)


def settle(doc: Document) -> None:
    """Overlapping spans of a technique joined, spans numbered in text order, paragraphs' sets filled."""
    doc.techniques = merged(doc.techniques)
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
    """Repetition: each later use of a loaded word or label already used in the document, and
    anaphora (a run of words opening two clauses of one sentence: "de plus en plus triste, de plus en
    plus difficile"). A title taken up again in the body is neither: only cues count, not sentences."""
    settings = repetition(lexicon)
    name, score = str(settings["technique"]), float(settings["score"])
    seen: set[str] = set()
    found = []
    title_end = doc.paragraphs[0].end if doc.title and doc.paragraphs else 0
    for technique in sorted(doc.techniques, key=lambda t: t.start):
        if technique.technique not in settings["repeated"] or technique.start < title_end:
            continue  # a title's words taken up in the body are not hammered
        keys = {_stem(cue.text) for cue in technique.cues}
        if keys & seen:
            found.append(
                Technique(
                    name, category(name), technique.start, technique.end, technique.text, score, technique.cues[:1]
                )
            )
        seen |= keys
    for sentence in doc.sentences:
        found += _anaphora(doc, sentence.start, sentence.end, settings)
    return found


def _stem(text: str) -> str:
    """A cue's words in lower case, without a plural ending ("régressions" and "régression" meet)."""
    return " ".join(word.rstrip("sx") if len(word) > 3 else word for word in text.lower().split())


def _anaphora(doc: Document, start: int, end: int, settings: dict[str, Any]) -> list[Technique]:
    """The longest run of words (`anaphora_words`: shortest, longest) said again at the opening of a
    later clause of the sentence, and holding a pronoun or an intensifier (`anaphora_markers`): "de plus en plus
    triste, de plus en plus difficile", not an enumeration ("des trains …, des trains …")."""
    name, score = str(settings["technique"]), float(settings["score"])
    shortest, longest = (int(n) for n in settings["anaphora_words"])
    text = doc.text
    words = [(m.group().lower(), m.start(), m.end()) for m in WORD.finditer(text, start, end)]
    openers = {i for i, (_, at, _) in enumerate(words) if i > 0 and text[words[i - 1][2] : at].strip() in CLAUSE_BREAKS}
    markers = frozenset(settings["anaphora_markers"])
    function_words = stopwords()
    if not openers or not markers & {w for w, _, _ in words}:
        return []  # most sentences: no later clause, or no word an anaphora needs
    joined = [JOINER.fullmatch(text, a[2], b[1]) is not None for a, b in pairwise(words)]
    for size in range(longest, shortest - 1, -1):
        runs: defaultdict[tuple[str, ...], list[int]] = defaultdict(list)
        for i in range(len(words) - size + 1):
            if all(joined[i : i + size - 1]):
                runs[tuple(w for w, _, _ in words[i : i + size])].append(i)
        for run, positions in runs.items():
            if len(run) < 4 and not set(run) - function_words:
                continue  # "il s'est …, il s'est …": function words alone, too short to hammer
            if len(positions) >= 2 and markers & set(run) and any(i in openers for i in positions[1:]):
                first, last = positions[0], positions[-1]
                stop = next(
                    (
                        words[k][2]
                        for k in range(last + size, len(words))
                        if text[words[k][2] : words[k][2] + 1] in ",;.!?"
                    ),
                    words[-1][2],
                )
                cues = [
                    Cue(text[words[i][1] : words[i + size - 1][2]], words[i][1], words[i + size - 1][2])
                    for i in positions
                ]
                span = (words[first][1], stop)
                return [Technique(name, category(name), *span, text[span[0] : span[1]], score, cues)]
    return []
