"""The techniques extractor: the component's per-paragraph spans, and what the claims know, into
`Document.techniques`.

Runs after `ClaimExtractor` on each paragraph, so the paragraph's claims are already there. A
holder's denial is reported speech, not Doubt by the writer: Doubt found inside a denial's content
is dropped; but a denial the writer sweeps aside in the same sentence ("Bien que Washington nie …,
la probabilité … est presque 100 %") is Doubt on that holder. The writer's boosted stance resting on
evidence it does not specify ("des documents probants plaident …") is
Obfuscation-Vagueness-Confusion. Hedges and boosters alone are neither Doubt nor Exaggeration (the
guide, eval/techniques/GUIDE.md §6): "certainement" is not a distortion, "il semble que" not an attack.
"""

from __future__ import annotations

from typing import Any

from filigrane.claim_records import Claim, Marker
from filigrane.claims.lexicons import evidence_nouns
from filigrane.document import Cue, Document, Technique
from filigrane.techniques.lexicon import claims_evidence
from filigrane.techniques.rules import techniques_of
from filigrane.techniques.taxonomy import category

ANALYSIS = "filigrane techniques v1 (fr): lexicon cues on the parse, claims evidence, repetition"
ENGLISH_ANALYSIS = "light-en: lexicon cues, questions and exclamations, claims evidence (no English model)"
LEXICONS = {"fr": "techniques.yaml", "en": "techniques_en.yaml"}
#: The techniques component, after the claim components (it reads their quotations and frames).
COMPONENTS = ("filigrane_techniques",)


class TechniqueExtractor:
    """A `SpacyExtractor` adding each paragraph's technique spans to `Document.techniques`."""

    def extract(self, parsed: Any, doc: Document, offset: int) -> None:
        english = parsed.lang_ == "en"
        doc.analyses["techniques"] = ENGLISH_ANALYSIS if english else ANALYSIS
        end = offset + len(parsed.text)
        claims = [c for c in doc.claims if offset <= c.start < end]
        denied = [
            (s.content_start, s.content_end)
            for c in claims
            for s in c.stances
            if s.polarity == "denies" and s.holder_kind != "author"
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


def _from_claims(doc: Document, claims: list[Claim], lexicon: str) -> list[Technique]:
    """Techniques the claims already show: a holder's denial swept aside by the writer in the same
    sentence (Doubt on the holder), the writer's boosted stance on unspecified evidence (Obfuscation)."""
    evidence = claims_evidence(lexicon)
    dismissed, unspecified = evidence["dismissed_denial"], evidence["unspecified_evidence"]
    found = []
    for claim in claims:
        for stance in claim.stances:
            cue_start = stance.cue_start
            if stance.polarity == "denies" and stance.holder_kind != "author" and cue_start is not None:
                sentence = next((s for s in doc.sentences if s.start <= cue_start < s.end), None)
                if sentence is None:
                    continue
                lowered = doc.text[sentence.start : sentence.end].lower()
                word = next((w for w in dismissed["words"] if _has_words(lowered, w)), None)
                if word is not None:
                    at = sentence.start + _find_words(lowered, word)
                    cue = Cue(doc.text[at : at + len(word)], at, at + len(word))
                    end = sentence.end - (1 if doc.text[sentence.end - 1] in ".!?" else 0)
                    technique = _technique(
                        doc, dismissed["technique"], sentence.start, end, [cue], dismissed["score"], None
                    )
                    technique.target = stance.holder
                    found.append(technique)
            elif stance.holder_kind == "author":
                markers = stance.markers
                vague = [m for m in markers if m.type == "evidence" and not m.specified]
                if vague and any(m.type == "booster" and not _evidence_word(m) for m in markers):
                    cue = Cue(vague[0].text, vague[0].start, vague[0].end)
                    span = (stance.content_start, stance.content_end)
                    found.append(_technique(doc, unspecified["technique"], *span, [cue], unspecified["score"], None))
    return found


def _evidence_word(booster: Marker) -> bool:
    """A booster that is only an evidence noun ("la preuve"): it boosts nothing of its own."""
    words = booster.text.lower().split()
    return len(words) == 1 and (words[0] in evidence_nouns() or words[0].rstrip("s") in evidence_nouns())


def _find_words(text: str, words: str) -> int:
    """Where `words` starts in `text` as whole words, else -1."""
    at = text.find(words)
    while at >= 0:
        before = text[at - 1] if at > 0 else " "
        after = text[at + len(words)] if at + len(words) < len(text) else " "
        if not before.isalnum() and not after.isalnum():
            return at
        at = text.find(words, at + 1)
    return -1


def _has_words(text: str, words: str) -> bool:
    return _find_words(text, words) >= 0
