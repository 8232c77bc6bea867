"""What the learned layer reads of a sentence besides its sentence vector: what the claims know (the
writer's boosters, hedges and unspecified evidence, a holder's reported speech or denial, a
negation) and a few marks of form (a question, an exclamation, quotation marks, the reader or the
writer's group addressed, numbers, capitals, length, the opening sentence).

Not the rules' detections: the rules were written on the training texts, so there they look far
surer than on unseen text (dev precision 0.78, unseen 0.51), and a model given them learns to repeat
them (EVALUATION.md: on the second blind split, held out, rules and layer together scored micro-F1
0.253 with them, 0.291 without). The rules' spans are kept beside the layer's instead.

Computed from the analysed `Document` alone, the same way when training (`eval.techniques.train`)
and when predicting (`filigrane.techniques.learned`).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from filigrane.document import Document

#: Shortest sentence the layer scores, in words (a heading's "Exemple", a dateline, a lone name).
MIN_WORDS = 3
WORD = re.compile(r"\w+", re.UNICODE)
QUOTES = frozenset('«»“”"')
#: The reader and the writer's group, addressed (a threat or a call aimed at someone).
WE = frozenset({"nous", "notre", "nos", "on"})
YOU = frozenset({"vous", "votre", "vos", "tu", "ton", "ta", "tes"})
#: The features' names, in column order.
FEATURES = (
    "booster",
    "hedge",
    "evidence_unspecified",
    "reported",
    "denied",
    "negated",
    "question",
    "exclamation",
    "quotes",
    "we",
    "you",
    "number",
    "capitals",
    "log_words",
    "first",
)


#: Share of a sentence a claim must cover for its text to stand for the sentence's.
CLAIM_COVER = 0.8


@dataclass(frozen=True, slots=True)
class Unit:
    """A sentence the layer scores: its character range in `Document.text`, its words, and the text
    whose vector stands for it (`encoded`)."""

    start: int
    end: int
    text: str
    #: The one claim covering most of the sentence (the sentence without its final stop, or the
    #: reported content of "…, a-t-il dit"): the claim groups encode that text anyway, so its vector
    #: comes from the encoder's cache; otherwise the sentence itself.
    encoded: str


def units(doc: Document) -> list[Unit]:
    """The document's sentences, trimmed, of at least `MIN_WORDS` words."""
    found = []
    for sentence in doc.sentences:
        raw = doc.text[sentence.start : sentence.end]
        stripped = raw.strip()
        if len(WORD.findall(stripped)) < MIN_WORDS:
            continue
        start = sentence.start + raw.index(stripped)
        end = start + len(stripped)
        claims = [c for c in doc.claims if c.start < end and start < c.end]
        covering = (
            len(claims) == 1
            and start <= claims[0].start
            and claims[0].end <= end
            and claims[0].end - claims[0].start >= CLAIM_COVER * len(stripped)
        )
        found.append(Unit(start, end, stripped, claims[0].text if covering else stripped))
    return found


def form_features(doc: Document, found: list[Unit]) -> npt.NDArray[np.float32]:
    """One row per unit, the columns of `FEATURES`."""
    out = np.zeros((len(found), len(FEATURES)), dtype=np.float32)
    form = {name: i for i, name in enumerate(FEATURES)}
    first = found[0].start if found else 0
    for row, unit in enumerate(found):
        for claim in doc.claims:
            if not (claim.start < unit.end and unit.start < claim.end):
                continue
            out[row, form["negated"]] = max(out[row, form["negated"]], float(claim.negated))
            for stance in claim.stances:
                author = stance.holder_kind == "author"
                if not author:
                    out[row, form["reported"]] = 1.0
                    out[row, form["denied"]] = max(out[row, form["denied"]], float(stance.polarity == "denies"))
                for marker in stance.markers:
                    if not author:
                        continue
                    if marker.type in ("booster", "hedge"):
                        out[row, form[marker.type]] = 1.0
                    elif marker.type == "evidence" and not marker.specified:
                        out[row, form["evidence_unspecified"]] = 1.0
        words = [w.lower() for w in WORD.findall(unit.text)]
        out[row, form["question"]] = float(unit.text.endswith("?"))
        out[row, form["exclamation"]] = float(unit.text.endswith("!"))
        out[row, form["quotes"]] = float(any(ch in QUOTES for ch in unit.text))
        out[row, form["we"]] = float(any(w in WE for w in words))
        out[row, form["you"]] = float(any(w in YOU for w in words))
        out[row, form["number"]] = float(any(w.isdigit() for w in words))
        capitals = sum(1 for w in WORD.findall(unit.text) if len(w) > 1 and w.isupper())
        out[row, form["capitals"]] = capitals / max(1, len(words))
        out[row, form["log_words"]] = math.log(1 + len(words))
        out[row, form["first"]] = float(unit.start == first)
    return out
