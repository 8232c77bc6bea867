"""The techniques extractor: the component's per-paragraph spans, and what the claims know, into
`Document.techniques`.

Runs after `ClaimExtractor` on each paragraph, so the paragraph's claims are already there: the
writer's own boosters are evidence for Exaggeration-Minimisation and their hedges for Doubt, and a
named or official holder's boosted stance reported by the writer for Appeal_to_Authority. A
technique found inside the content of a holder's denial is dropped when it is Doubt: an actor
denying a claim is reported speech, not the writer casting doubt.
"""

from __future__ import annotations

from typing import Any

from filigrane.document import Cue, Document, Technique
from filigrane.techniques.lexicon import claims_evidence
from filigrane.techniques.rules import techniques_of
from filigrane.techniques.taxonomy import category

ANALYSIS = "filigrane techniques v1 (fr): lexicon cues on the parse, claims evidence, repetition"
ENGLISH_ANALYSIS = "light-en: lexicon cues, questions and exclamations, claims evidence (no English model)"
LEXICONS = {"fr": "techniques.yaml", "en": "techniques_en.yaml"}


class TechniqueExtractor:
    """A `SpacyExtractor` adding each paragraph's technique spans to `Document.techniques`."""

    def extract(self, parsed: Any, doc: Document, offset: int) -> None:
        english = parsed.lang_ == "en"
        doc.analyses["techniques"] = ENGLISH_ANALYSIS if english else ANALYSIS
        end = offset + len(parsed.text)
        claims = [c for c in doc.claims if offset <= c["start"] < end]
        denied = [
            (s["content_start"], s["content_end"])
            for c in claims
            for s in c["stances"]
            if s["polarity"] == "denies" and s["holder_kind"] != "author"
        ]
        for found in techniques_of(parsed):
            start, stop = offset + found["start"], offset + found["end"]
            if found["technique"] == "Doubt" and any(a <= start < b for a, b in denied):
                continue
            cues = [Cue(doc.text[offset + a : offset + b], offset + a, offset + b) for a, b in found["cues"]]
            technique = _technique(doc, found["technique"], start, stop, cues, found["score"], found["target"])
            doc.techniques.append(technique)
        doc.techniques += _from_claims(doc, claims, LEXICONS["en" if english else "fr"])


def _technique(
    doc: Document, name: str, start: int, end: int, cues: list[Cue], score: float, target: str | None
) -> Technique:
    return Technique(name, category(name), start, end, doc.text[start:end], score, cues, target)


def _from_claims(doc: Document, claims: list[dict[str, Any]], lexicon: str) -> list[Technique]:
    """Techniques the claims already show: the writer's boosters and hedges, boosted authorities."""
    evidence = claims_evidence(lexicon)
    author_rules = {"booster": evidence["author_booster"], "hedge": evidence["author_hedge"]}
    found = []
    for claim in claims:
        for stance in claim["stances"]:
            markers = stance["markers"]
            if stance["holder_kind"] == "author":
                for marker in markers:
                    rule = author_rules.get(marker["type"])
                    if rule is not None:
                        cue = Cue(marker["text"], marker["start"], marker["end"])
                        span = (stance["content_start"], stance["content_end"])
                        found.append(_technique(doc, rule["technique"], *span, [cue], rule["score"], None))
            elif stance["holder_kind"] in evidence["authority_holders"] and any(
                m["type"] in ("booster", "evidence") for m in markers
            ):
                rule = evidence["authority"]
                if stance["cue_start"] is None or stance["holder_start"] is None:
                    continue
                cue = Cue(doc.text[stance["cue_start"] : stance["cue_end"]], stance["cue_start"], stance["cue_end"])
                start = min(stance["holder_start"], stance["content_start"], stance["cue_start"])
                end = max(stance["holder_end"], stance["content_end"], stance["cue_end"])
                found.append(_technique(doc, rule["technique"], start, end, [cue], rule["score"], stance.get("holder")))
    return found
