"""The technique lexicons (`data/lexicons/techniques*.yaml`), loaded once and checked against the taxonomy."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from filigrane.clean.lexicon import load_yaml
from filigrane.techniques.taxonomy import category

SCOPES = frozenset({"cue", "phrase", "sentence"})


@dataclass(frozen=True, slots=True)
class Cues:
    """One technique's cues: how wide a span a cue marks, how sure it is, and what to match."""

    technique: str
    scope: str
    score: float
    phrases: tuple[str, ...]
    lemmas: tuple[str, ...]
    patterns: tuple[list[dict[str, Any]], ...]
    #: A noun cue followed by "de" and a name is that event's name ("le massacre de Boutcha"): skipped.
    unless_named: bool = False
    #: Word cues that label someone are nouns or adjectives: "un vendu", never "il a vendu".
    nominal: bool = False


@dataclass(frozen=True, slots=True)
class Rule:
    """A parse-based rule's settings: the techniques it gives, its score and its limits."""

    techniques: tuple[str, ...]
    score: float
    words: frozenset[str] = frozenset()
    limit: int = 0
    #: A second set of words the rule needs: scare quotes, one right before the quotation (a
    #: determiner); questions, one in the sentence besides `words` (a negation: "n'a-t-il pas");
    #: frames, one in the sentence besides `words` (the reader, a value's weight).
    also: frozenset[str] = frozenset()
    #: Scare quotes: the words that make a quotation of several words the writer's own loaded label
    #: ("cette « grande évasion »") rather than a term of art quoted ("une « action commune »").
    marks: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Lexicon:
    cues: tuple[Cues, ...]
    scare_words: Rule
    scare_quotes: Rule
    #: One quoted word after a determiner: the target's word held up ("la « grande » loi").
    quoted_word: Rule
    questions: Rule
    exclamations: Rule
    calls: Rule
    #: Two kinds of word in one sentence make a technique (a threat and the reader: Appeal_to_Fear).
    frames: tuple[Rule, ...] = ()


@cache
def load(name: str) -> Lexicon:
    """A techniques lexicon; a technique name outside the taxonomy or an unknown scope is an error."""
    table: dict[str, Any] = load_yaml(name)
    cues = []
    for technique, entry in table["techniques"].items():
        category(technique)
        if entry["scope"] not in SCOPES:
            raise ValueError(f"{name}: {technique}: unknown scope {entry['scope']!r}")
        cues.append(
            Cues(
                technique,
                entry["scope"],
                float(entry["score"]),
                tuple(str(p).lower() for p in entry.get("phrases", [])),
                tuple(str(lemma).lower() for lemma in entry.get("lemmas", [])),
                tuple(entry.get("patterns", [])),
                bool(entry.get("unless_named", False)),
                bool(entry.get("nominal", False)),
            )
        )
    return Lexicon(
        tuple(cues),
        _rule(table, "scare_words", None),
        _rule(table, "scare_quotes", "max_words"),
        _rule(table, "quoted_word", None),
        _rule(table, "questions", "min_words"),
        _rule(table, "exclamations", "max_words"),
        _rule(table, "calls", "max_words"),
        tuple(_rule({"frame": entry}, "frame", None) for entry in table.get("frames", [])),
    )


def _rule(table: dict[str, Any], key: str, limit_key: str | None) -> Rule:
    entry = table[key]
    for technique in entry["techniques"]:
        category(technique)
    return Rule(
        tuple(entry["techniques"]),
        float(entry["score"]),
        frozenset(str(w).lower() for w in entry.get("words", [])),
        int(entry[limit_key]) if limit_key else int(entry.get("limit", 0)),
        frozenset(str(w).lower() for w in entry.get("also", [])),
        frozenset(str(w).lower() for w in entry.get("marks", [])),
    )


@cache
def claims_evidence(name: str) -> dict[str, Any]:
    """The `claims` section: which claim markers point to which technique, and how surely."""
    section: dict[str, Any] = load_yaml(name)["claims"]
    return section


@cache
def repetition(name: str) -> dict[str, Any]:
    section: dict[str, Any] = load_yaml(name)["repetition"]
    return section
