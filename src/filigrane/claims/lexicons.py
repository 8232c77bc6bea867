"""The claim lexicons (`data/lexicons/*.yaml`), loaded once and normalised for matching."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from filigrane.clean.lexicon import load_yaml


def words(value: str | list[str]) -> frozenset[str]:
    """A lexicon entry as a set of lower-case words; `-` joins multi-word names (`pays-bas`)."""
    items = value.split() if isinstance(value, str) else value
    return frozenset(item.lower() for item in items)


@dataclass(frozen=True)
class ReportingVerbs:
    affirms: frozenset[str]
    denies: frozenset[str]
    reception: frozenset[str]
    clause_only: frozenset[str]
    object_content: frozenset[str]
    person_object: frozenset[str]
    #: Verbs whose object is content when their subject is a text ("L'étude montre une hausse").
    text_object: frozenset[str]
    #: Verbs whose `de` complement is content when their subject is a text ("L'article parlait de").
    text_of: frozenset[str]
    #: Verbs only an actor does: their subject is an actor whatever its noun ("la romancière dément").
    speech_only: frozenset[str]
    pronominal: frozenset[str]
    #: Verbs whose infinitive is their subject's act ("vient de déclarer", "a tenu à rappeler").
    implicative: frozenset[str]
    #: Modals whose infinitive is an act in a compound past only ("a dû reconnaître").
    past_modals: frozenset[str]
    #: Verbs with a `que` clause that report nothing ("a décidé que"); any other such verb reports.
    not_reports: frozenset[str]
    cue_nouns: frozenset[str]
    #: Nouns a `que` clause completes ("le fait que P"); after another object noun `que` is relative.
    clause_nouns: frozenset[str]
    #: Multi-word cues before `que` or a colon, and before an object, spaces left out ("d'avis").
    phrases: tuple[str, ...]
    object_phrases: tuple[str, ...]
    #: The longest word of each object phrase ("évidence", "état"), to try them only near one.
    object_keys: frozenset[str]

    def polarity(self, lemma: str) -> str | None:
        if lemma in self.denies:
            return "denies"
        if lemma in self.affirms or lemma in self.reception:
            return "affirms"
        return None


#: The entries of `reporting_verbs.yaml` that are plain word sets (the phrases are squeezed).
WORD_SETS = (
    "affirms",
    "reception",
    "clause_only",
    "object_content",
    "person_object",
    "text_object",
    "text_of",
    "speech_only",
    "pronominal",
    "implicative",
    "past_modals",
    "not_reports",
    "cue_nouns",
    "clause_nouns",
)


@cache
def reporting_verbs() -> ReportingVerbs:
    table: dict[str, Any] = load_yaml("reporting_verbs.yaml")
    sets = {key: words(table[key]) for key in WORD_SETS}
    return ReportingVerbs(
        **sets,
        denies=denials().verbs,
        phrases=squeezed(table["phrases"]),
        object_phrases=squeezed(table["object_phrases"]),
        object_keys=frozenset(max(p.lower().split(), key=len) for p in table["object_phrases"]),
    )


def squeezed(phrases: list[str]) -> tuple[str, ...]:
    """Phrases in lower case with spaces left out, so "d'avis" matches the tokens "d'" "avis"."""
    return tuple("".join(p.lower().replace("’", "'").split()) for p in phrases)


@dataclass(frozen=True)
class Denials:
    """What makes a holder reject a proposition (`denials.yaml`)."""

    verbs: frozenset[str]
    #: Form -> lemma of denial verbs the tagger misreads ("dément" -> "démentir").
    misread_forms: dict[str, str]
    verification: frozenset[str]
    #: Phrases before a denied `que` clause, in lower case with spaces left out ("ilestfauxque").
    phrases: tuple[str, ...]
    false_words: frozenset[str]
    #: Object phrases that deny their object ("s'inscrire en faux contre"), spaces left out.
    object_phrases: tuple[str, ...]
    #: Nouns of a nominal denial heading its sentence ("Démenti du ministère : …").
    nouns: frozenset[str]
    #: Nouns of a proposition a dismissal denies ("écarte l'hypothèse d'un remaniement").
    allegations: frozenset[str]


@cache
def denials() -> Denials:
    table: dict[str, Any] = load_yaml("denials.yaml")
    return Denials(
        words(table["verbs"]),
        {str(form).lower(): str(lemma) for form, lemma in table["misread_forms"].items()},
        words(table["verification"]),
        squeezed(table["phrases"]),
        words(table["false_words"]),
        squeezed(table["object_phrases"]),
        words(table["nouns"]),
        words(table["allegations"]),
    )


@cache
def certainty_table(name: str) -> dict[str, Any]:
    """`hedges.yaml` or `boosters.yaml`: phrases, lemmas and Matcher patterns."""
    table: dict[str, Any] = load_yaml(name)
    return table


@cache
def evidence_nouns() -> frozenset[str]:
    return words(load_yaml("evidence.yaml")["nouns"])


@cache
def holder_cues() -> dict[str, frozenset[str]]:
    """Holder-kind cue nouns, pronouns, titles and state names, each as a set of lower-case words."""
    table: dict[str, Any] = load_yaml("holders.yaml")
    return {key: words(value) for key, value in table.items()}
