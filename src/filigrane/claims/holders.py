"""Holder kinds and document-level holder resolution.

Kinds come from the holder's head noun (lexicon cue nouns), its entities (PER/ORG/LOC), the outlet
catalogue (media) and a small list of states and capitals (government). Anaphoric mentions
("selon lui", "cette source", "le sénateur") take the nearest compatible earlier holder, and every
mention of one holder reports its longest informative mention.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any

from filigrane.claims.lexicons import holder_cues
from filigrane.provenance import OutletCatalogue, default_catalogue

PERSONS = frozenset({"named_person", "unnamed_person"})
DEFINITE = frozenset({"le", "la", "les", "l'", "l’", "the"})
ARTICLES = ("le ", "la ", "les ", "l'", "l’", "un ", "une ", "des ")


@cache
def _catalogue() -> OutletCatalogue:
    return default_catalogue()


def classify(info: dict[str, Any]) -> str:
    """The kind of a non-anaphoric holder mention (see eval/claims/GUIDE.md §4)."""
    cues = holder_cues()
    head, text = info["head"], info["text"]
    if head in cues["anonymous_source"]:
        return "anonymous_source"
    if head in cues["media"] or _is_outlet(info):
        return "media"
    if head in cues["document"]:
        return "document"
    bare = _strip_article(text).lower().replace(" ", "-")
    if head in cues["government"] or bare in cues["states"] or (info["head_ent"] == "LOC" and head in cues["states"]):
        return "government"
    if info["per"] and head not in cues["organisation"]:  # "la professeure de nutrition Francisca Joly-Gomez"
        return "named_person"
    if info["head_pos"] == "PROPN" and info["head_ent"] == "LOC":
        return "government"
    if head in cues["organisation"] or info["head_ent"] == "ORG" or _acronym(info["head_text"]):
        return "organisation"
    if info["per"] or info["head_pos"] == "PROPN" or info["first"] in cues["titles"]:
        return "named_person"
    return "unnamed_person"


def standing(info: dict[str, Any]) -> str:
    """How a mention that names no earlier holder stands: `actor`, `anaphor` or `none`.

    An actor of some kind, or a noun naming people, holds the stance. A common noun naming no
    person ("la réunion a montré", "selon la répartition", "un processus garantira"), a neuter
    demonstrative ("cela prouve") and the impersonal "on" hold none: the frame is dropped. Other
    odd heads (a mis-parsed "c'est ainsi qu'il a qualifié") are read as a pronoun.
    """
    if classify(info) != "unnamed_person":
        return "actor"
    cues = holder_cues()
    head = info["head"]
    if info["head_pos"] == "NOUN":
        return "actor" if person_noun(head) else "none"
    if head in cues["impersonal"] or info["head_text"].lower() in cues["impersonal"]:
        return "none"
    if info["head_pos"] == "PRON" and len(info["text"].split()) >= 3:  # "un des hauts commandants"
        return "actor"
    return "anaphor" if info["head_pos"] in ("PRON", "DET", "AUX", "VERB") else "actor"


def person_noun(lemma: str) -> bool:
    """Whether a common noun names people: the `persons` lexicon or an agent suffix (-eur, -iste…)."""
    cues = holder_cues()
    return lemma in cues["persons"] or lemma.endswith(tuple(cues["person_suffixes"]))


def _is_outlet(info: dict[str, Any]) -> bool:
    catalogue = _catalogue()
    names = [info["text"], _strip_article(info["text"])] + [
        text for label, text in info["ents"] if label in ("ORG", "MISC")
    ]
    return any(catalogue.by_name(name) is not None for name in names if name)


def _strip_article(text: str) -> str:
    lower = text.lower()
    for article in ARTICLES:
        if lower.startswith(article):
            return text[len(article) :]
    return text


def _acronym(text: str) -> bool:
    return len(text) >= 2 and text.isupper() and text.isalpha()


@dataclass
class Holder:
    """One actor of a document, with every stance that cites it."""

    kind: str
    text: str
    key: str
    head: str
    gender: str = ""
    stances: list[dict[str, Any]] = field(default_factory=list)
    mentions: list[str] = field(default_factory=list)

    def mention(self, text: str) -> None:
        """Keep the longest informative mention, on every stance already given."""
        self.mentions.append(text.lower())
        if len(text) > len(self.text):
            self.text = text
            for stance in self.stances:
                stance["holder"] = text


@dataclass
class Resolver:
    """Holders met so far in one document, most recent last."""

    holders: list[Holder] = field(default_factory=list)
    #: (offset, text) of every person entity met so far: the antecedent of a pronoun that no
    #: holder fits ("Emmanuel Macron est pris de court. Lui et ses sbires accusent…").
    people: list[tuple[int, str]] = field(default_factory=list)

    def resolve(self, info: dict[str, Any] | None) -> Holder | None:
        """The holder of a mention (None: a bare quotation), made the most recent one."""
        holder = self._resolve(info)
        if holder is not None and self.holders and self.holders[-1] is not holder:
            self.holders.remove(holder)
            self.holders.append(holder)
        return holder

    def _resolve(self, info: dict[str, Any] | None) -> Holder | None:
        if info is None:
            return self._last(PERSONS)
        if info.get("read"):  # "peut-on lire": the outlet or document cited last
            return self._last(frozenset({"media", "document"}))
        cues = holder_cues()
        head, first = info["head"], info["first"]
        if first in cues["pronouns"] or head in cues["pronouns"] or info["head_text"].lower() in cues["pronouns"]:
            wanted = info.get("gender", "")
            return self._last(PERSONS, wanted) or self._person_before(info["start"]) or self._last(None)
        if first in cues["demonstratives"]:
            return self._last(None) or self._new(info)
        if info["key"]:
            same = next((h for h in reversed(self.holders) if h.key == info["key"]), None)
            if same is not None:
                same.mention(info["text"])
                return same
        if first in DEFINITE and not info["key"]:
            same = next((h for h in reversed(self.holders) if any(head in m for m in h.mentions)), None)
            if same is not None:
                same.mention(info["text"])
                return same
        found = standing(info)
        if found == "anaphor":
            return self._last(PERSONS) or self._person_before(info["start"])
        return self._new(info) if found == "actor" else None

    def _person_before(self, offset: int) -> Holder | None:
        """A holder made of the last person named before `offset`, if any."""
        names = [text for start, text in self.people if start < offset]
        if not names:
            return None
        words = names[-1].split()
        holder = Holder("named_person", names[-1], words[-1].lower(), words[-1].lower(), "", [], [names[-1].lower()])
        self.holders.append(holder)
        return holder

    def _last(self, kinds: frozenset[str] | None, gender: str = "") -> Holder | None:
        """The most recent holder of `kinds`; with a gender ("elle"), of a compatible gender."""
        return next(
            (
                h
                for h in reversed(self.holders)
                if (kinds is None or h.kind in kinds) and (not gender or not h.gender or h.gender == gender)
            ),
            None,
        )

    def _new(self, info: dict[str, Any]) -> Holder:
        kind = classify(info)
        holder = Holder(
            kind, info["text"], info["key"], info["head"], info.get("gender", ""), [], [info["text"].lower()]
        )
        self.holders.append(holder)
        return holder
