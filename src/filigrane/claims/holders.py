"""Holder kinds and document-level holder resolution.

Kinds come from the holder's head noun (lexicon cue nouns), its entities (PER/ORG/LOC), the outlet
catalogue (media) and a small list of states and capitals (government). Anaphoric mentions
("selon lui", "cette source", "le sénateur") take the nearest compatible earlier holder, and every
mention of one holder reports its longest informative mention.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from filigrane.claim_records import Actor, Mention, Stance
from filigrane.claims.lexicons import holder_cues
from filigrane.claims.tokens import NO_ONE, acronym
from filigrane.provenance import OutletCatalogue

PERSONS = frozenset({"named_person", "unnamed_person"})
DEFINITE = frozenset({"le", "la", "les", "l'", "l’", "the"})
ARTICLES = ("le ", "la ", "les ", "l'", "l’", "un ", "une ", "des ")
#: "personne" without a determiner is the pronoun of no one, whatever the tagger says.
NOBODY = "personne"
#: The holder kinds a noun no lexicon lists may be akin to as a body (`kin.akin`), named alike.
AKIN_BODIES = frozenset({"organisation", "government", "media"})
#: The words right after a mention, each with the spaces before it (no punctuation crossed).
_NEXT_WORD = re.compile(r"[ \u00a0]+[\w'’-]+")
_WORD = re.compile(r"[\w-]+")
#: Articles and prepositions of a role noun phrase, which any mention of the role may word otherwise.
ROLE_GLUE = frozenset({"le", "la", "les", "l", "de", "du", "des", "d", "à", "au", "aux", "en", "et"})
_PREVIOUS_WORD = re.compile(r"[\w’-]+'?[ \u00a0]*$")


def classify(info: dict[str, Any]) -> str:
    """The kind of a non-anaphoric holder mention (see eval/claims/GUIDE.md §4)."""
    cues = holder_cues()
    head, text = info["head"], info["text"]
    if head in cues["anonymous_source"]:
        return "anonymous_source"
    if info.get("anonymous") and not info["per"] and info["head_pos"] in ("NOUN", "PRON"):
        return "anonymous_source"  # "Un médecin, qui a requis l'anonymat"
    if head in cues["document"] or (head in cues["quantities"] and info.get("of", "") in cues["document"]):
        return "document"  # "l'ensemble du dossier déposé", "une partie des rapports", "un article de l'AFP"
    if head in cues["media"] or info.get("outlet") or info.get("described_as") in cues["media"]:
        return "media"  # "le tabloïd Blesk": the noun says the name is a medium
    bare = _strip_article(text).lower().replace(" ", "-")
    if head in cues["government"] or bare in cues["states"] or (info["head_ent"] == "LOC" and head in cues["states"]):
        return "government"
    if info["per"] and head not in cues["organisation"]:  # "la professeure de nutrition Francisca Joly-Gomez"
        return "named_person"
    if info["head_pos"] == "PROPN" and info["head_ent"] == "LOC":
        return "government"
    if (
        info["head_pos"] == "NOUN"
        and person_word(head, info.get("gender", ""), info["head_text"])
        and head not in cues["organisation"]
    ):
        return "unnamed_person"  # "Le ministre de la Santé": a person, whatever entity the phrase is tagged
    if head in cues["organisation"] or info["head_ent"] == "ORG" or acronym(info["head_text"]):
        return "organisation"
    if info["head_pos"] == "NOUN" and info.get("akin") in AKIN_BODIES:  # "le consortium", in no lexicon
        return str(info["akin"])
    if info["head_pos"] == "NOUN" and not person_noun(head) and info.get("named_by") == "ORG":
        return "organisation"  # a common noun naming a body the entity names: "la firme Triumph"
    if info["head_pos"] == "NOUN" and not person_noun(head) and info.get("part_of_body"):
        return "organisation"  # a part of a named body: "le Grand quartier général de l'Otan"
    if info["head_pos"] == "NOUN" and not person_noun(head) and info.get("declares") and _names_something(info):
        return "organisation"  # a named body no lexicon lists saying so: "la Confédération paysanne estime"
    if info["per"] or info["head_pos"] == "PROPN" or info["first"] in cues["titles"]:
        return "named_person"
    return "unnamed_person"


def _names_something(info: dict[str, Any]) -> bool:
    """Whether a common-noun head is named: capitalised ("la Confédération paysanne"), of a name ("la
    métropole de Grenoble") or followed by one ("le programme HAARP")."""
    head_text = info["head_text"]
    capitalised = head_text[:1].isupper() and info["first"] != head_text.lower()
    return bool(capitalised or info.get("of_name") or info.get("named_by"))


def _describes_outlet(info: dict[str, Any]) -> bool:
    """A definite singular description of one outlet ("le quotidien", "le journal satirique"), not the
    press as a whole ("la presse locale", "les médias")."""
    return (
        info["head"] in holder_cues()["media"]
        and info["head"] not in ("presse", "média")
        and not info.get("plural")
        and not info["key"]
    )


def standing(info: dict[str, Any]) -> str:
    """How a mention that names no earlier holder stands: `actor`, `anaphor` or `none`.

    An actor of some kind, or a noun naming people, holds the stance. A common noun naming no
    person ("la réunion a montré", "selon la répartition", "un processus garantira"), a neuter
    demonstrative ("cela prouve") and the impersonal "on" hold none: the frame is dropped. Other
    odd heads (a mis-parsed "c'est ainsi qu'il a qualifié") are read as a pronoun.
    """
    if info["first"] in NO_ONE:  # "aucune preuve ne permet d'affirmer": nothing and no one hold a stance
        return "none"
    if info["first"] == info["head_text"].lower() == NOBODY:  # "Personne n'a démontré que": no one
        return "none"
    if classify(info) != "unnamed_person":
        return "actor"
    cues = holder_cues()
    head = info["head"]
    if info["head_pos"] == "NOUN":
        people = (
            person_word(head, info.get("gender", ""), info["head_text"])
            or (head in cues["quantities"] and person_noun(info.get("of", "")))
            or info.get("akin") == "persons"  # "le syndic", "l'éleveur": akin to the people the lexicon lists
        )
        return "actor" if people or info.get("speaks") else "none"
    if head in cues["impersonal"] or info["head_text"].lower() in cues["impersonal"]:
        return "none"
    if info["head_pos"] == "PRON" and len(info["text"].split()) >= 3:  # "un des hauts commandants"
        return "actor"
    return "anaphor" if info["head_pos"] in ("PRON", "DET", "AUX", "VERB") else "actor"


@cache
def person_noun(lemma: str) -> bool:
    """Whether a common noun names people: the `persons` lexicon or an agent suffix (-eur, -iste…)."""
    cues = holder_cues()
    if lemma in cues["persons"] or lemma.endswith(tuple(cues["person_suffixes"])):
        return True
    masculine = lemma[:-3] + "er" if lemma.endswith("ère") else lemma[:-1] if lemma.endswith("e") else ""
    if masculine in cues["persons"]:  # a feminine form the lemmatizer left as it is: "experte", "conseillère"
        return True
    # a compound of a person noun: "ex-ministre", "photoreporter", "eurodéputé"
    prefix = next((lemma[: -len(p)] for p in cues["persons"] if len(p) > 3 and lemma.endswith(p)), None)
    return prefix is not None and (prefix.endswith("-") or prefix in cues["person_prefixes"])


def person_word(lemma: str, gender: str, form: str) -> bool:
    """`person_noun` with the word's gender and form: a feminine word in -eur is a thing ("la rumeur",
    "l'erreur", "la valeur"), never a person (a woman is "la chanteuse", lemma "chanteur"), unless
    the lexicon lists it."""
    if gender == "Fem" and form.lower().endswith("eur") and lemma not in holder_cues()["persons"]:
        return False
    return person_noun(lemma)


def text_noun(lemma: str) -> bool:
    """Whether a common noun names a text or an outlet, which states what it shows or prints."""
    cues = holder_cues()
    return lemma in cues["document"] or lemma in cues["media"]


def actor_noun(lemma: str) -> bool:
    """Whether a common noun names a body that speaks: an organisation, a government or a media."""
    cues = holder_cues()
    return any(lemma in cues[kind] for kind in ("organisation", "government", "media"))


def is_outlet(info: dict[str, Any], catalogue: OutletCatalogue) -> bool:
    """Whether a mention names an outlet of `catalogue` (the packaged one plus `--outlets` files); a
    noun naming people heads a mention of people ("plusieurs témoins cités par la BBC")."""
    if info["head_pos"] == "NOUN" and person_word(info["head"], info.get("gender", ""), info["head_text"]):
        return False
    names = [info["text"], _strip_article(info["text"])] + [
        text for label, text in info["ents"] if label in ("ORG", "MISC")
    ]
    return any(catalogue.by_name(name) is not None for name in names if name)


def outlet_extent(info: dict[str, Any], text: str, catalogue: OutletCatalogue) -> None:
    """Extends a mention that stops inside an outlet's catalogued name, after it ("Le Canard" of "Le
    Canard enchaîné", whose second word the parser reads as an adjective) or before it ("York Times"
    of "Le New York Times", whose first word it hangs apart): names stay whole, the longest wins."""
    ends = [info["end"]]
    while len(ends) < 4 and (word := _NEXT_WORD.match(text, ends[-1])) is not None:
        ends.append(word.end())
    starts = [info["start"]]
    while len(starts) < 4 and (word := _PREVIOUS_WORD.search(text, max(0, starts[-1] - 40), starts[-1])) is not None:
        if not word.group()[:1].isupper():
            break  # a name's words are capitalised ("New", "Radio", "Le"): nothing before to take
        starts.append(word.start())
    spans = sorted(((s, e) for s in starts for e in ends), key=lambda span: span[0] - span[1])
    for start, end in spans:
        if (start, end) == (info["start"], info["end"]):
            return  # the mention is already the longest catalogued name, or none is
        if catalogue.by_name(text[start:end]) is not None:
            info["text"], info["start"], info["end"] = text[start:end], start, end
            if info.get("name"):
                info["name"] = _strip_article(info["text"])
            return


def _fits(role: str, head: str, mention: str) -> bool:
    """Whether an earlier mention fits a role noun phrase: it holds the head and every other word of
    the role ("le Premier ministre" fits "le Premier ministre Andrej Babiš", not "le ministre de la
    Santé"; "le ministre" fits both)."""
    if head not in mention:
        return False
    words = set(_WORD.findall(mention))
    return all(word in words for word in _WORD.findall(role.lower()) if word not in ROLE_GLUE and word != head)


def _strip_article(text: str) -> str:
    lower = text.lower()
    for article in ARTICLES:
        if lower.startswith(article):
            return text[len(article) :]
    return text


@dataclass
class Holder:
    """One actor of a document, with its mentions and every stance that cites it.

    `holder` on those stances is the actor's canonical name (a person's fullest name, without title
    or role; another actor's longest mention), `holder_role` the role or description given beside
    a person's name, `holder_id` the actor's id.
    """

    id: str
    kind: str
    key: str
    head: str
    gender: str = ""
    plural: bool = False
    stances: list[Stance] = field(default_factory=list)
    #: Lower-case texts of the mentions that describe it (not pronouns), for role-noun resolution.
    mentions: list[str] = field(default_factory=list)
    #: (text, start, end) of every mention, pronouns included.
    spans: list[tuple[str, int, int]] = field(default_factory=list)
    #: (mention text, name in it or "") of the mentions that describe it.
    named: list[tuple[str, str]] = field(default_factory=list)

    def mention(self, info: dict[str, Any], describes: bool = True) -> None:
        """Record a mention; a describing one may give a fuller name or a role, shown on every stance."""
        if info.get("start") is not None and not any(s[1] == info["start"] for s in self.spans):
            self.spans.append((info["text"], info["start"], info["end"]))
        if describes:
            self.mentions.append(info["text"].lower())
            self.named.append((info["text"], info.get("name", "")))
            if self.gender == "" and info.get("gender"):
                self.gender = info["gender"]
            if self.kind == "unnamed_person" and info.get("per"):  # "le ministre …" then "Roman Prymula"
                self.kind, self.key = "named_person", self.key or info.get("key", "")
                for stance in self.stances:
                    stance.holder_kind = self.kind
        self.rename()

    def cite(self, stance: Stance) -> None:
        stance.holder, stance.holder_role, stance.holder_id = self.name(), self.role(), self.id
        self.stances.append(stance)

    def rename(self) -> None:
        """Give every stance it holds its name and role as they stand now."""
        name, role = self.name(), self.role()
        for stance in self.stances:
            stance.holder, stance.holder_role = name, role

    def name(self) -> str:
        """A person's fullest name, else a media's name, else the longest mention."""
        names = [name for _, name in self.named if name]
        if names and self.kind == "named_person":
            return max(names, key=len)
        if self.kind == "media" and self.named:  # "le journal Asharq alAwsat" -> "Asharq alAwsat"
            titles = [text for text, name in self.named if name] or [text for text, _ in self.named]
            return max((_media_name(text) for text in titles), key=len)  # a title before "le journal satirique"
        texts = [text for text, _ in self.named] or [s[0] for s in self.spans]
        return max(texts, key=len) if texts else ""

    def roles(self) -> list[str]:
        """The descriptions given beside a named person's name ("porte-parole du Kremlin")."""
        if self.kind != "named_person":
            return []
        found: list[str] = []
        for text, name in self.named:
            role = _role(text, name) if name else None
            if role and role not in found:
                found.append(role)
        return found

    def role(self) -> str | None:
        roles = self.roles()
        return max(roles, key=len) if roles else None

    def record(self) -> Actor:
        """The actor as the document gives it (`Document.actors`)."""
        mentions = [Mention(t, a, b) for t, a, b in sorted(self.spans, key=lambda s: s[1])]
        return Actor(self.id, self.name(), self.kind, self.roles(), mentions)


def _bare_name(text: str) -> str:
    """A person entity without the titles and role nouns before the name ("M. Franz FISCHLER")."""
    cues = holder_cues()
    words = text.split()
    while len(words) > 1 and (words[0].lower() in cues["titles"] or words[0].lower() in cues["persons"]):
        words = words[1:]
    return " ".join(words)


def _media_name(text: str) -> str:
    """A media mention without its article and its generic noun ("le journal", "la chaîne")."""
    words = _strip_article(text).split()
    if _titled(text, words):  # "Le Monde", "La Croix": the capitalised article is part of the title
        return text
    if len(words) > 1 and words[0].lower() in holder_cues()["media"]:
        if text == " ".join(words) and words[0][:1].isupper():  # "Radio France": the noun opens the name
            return text
        if not words[1][:1].isupper():  # "la presse locale": a description, no name to keep
            return text
        return " ".join(words[1:])
    return " ".join(words)


def _titled(text: str, bare: list[str]) -> bool:
    """Whether a capitalised article opens a title ("Le Monde", "Les Échos"), not a description
    ("Le journal Asharq alAwsat") or an acronym ("L'AFP")."""
    if not bare or len(bare) > 3 or text[:1].islower() or text.split()[0] == bare[0]:
        return False
    first = bare[0]
    return first[:1].isupper() and not first.isupper() and first.lower() not in holder_cues()["media"]


def _role(text: str, name: str) -> str | None:
    """A mention without its name, article and title: "le porte-parole du Kremlin, Dmitri Peskov" ->
    "porte-parole du Kremlin"; None when nothing but a title is left ("M. Peskov")."""
    at = text.find(name)
    if at < 0:
        return None
    parts = [_trim(text[:at]), _trim(text[at + len(name) :])]
    role = max(parts, key=len)
    titles = holder_cues()["titles"]
    if not any(char.isalpha() for char in role) or role.lower() in titles or role.lower() in DEFINITE:
        return None
    return role


def _trim(part: str) -> str:
    """A role text without edge punctuation, article or title; parentheses kept when they pair."""
    part = _strip_article(part.strip(" ,;:\n\t")).strip()
    first = part.split(" ", 1)
    if first and first[0].lower() in holder_cues()["titles"]:
        part = first[1] if len(first) > 1 else ""
    part = part.strip(" ,;:")
    if part.startswith("(") and ")" not in part:
        part = part[1:]
    if part.endswith(")") and "(" not in part:
        part = part[:-1]
    return part.strip(" ,;:")


@dataclass
class Resolver:
    """Actors met so far in one document (a precise-first sieve: names, titles with surnames,
    role nouns, then pronouns; a mention it cannot tie to an actor is left unresolved)."""

    holders: list[Holder] = field(default_factory=list)
    #: Every actor, in order of first mention (`holders` is kept most recent last).
    created: list[Holder] = field(default_factory=list)
    #: (offset, text) of every person entity met so far: the antecedent of a pronoun that no
    #: holder fits ("Emmanuel Macron est pris de court. Lui et ses sbires accusent…").
    people: list[tuple[int, str]] = field(default_factory=list)
    #: (offset, name, nouns around it) of every person entity: the role a text gives a person beside
    #: their name ("le philosophe Paul Valadier", "Francisca Joly-Gomez, gastro-entérologue").
    described: list[tuple[int, str, frozenset[str]]] = field(default_factory=list)
    #: Organisation and other named-entity texts met so far: the full name of a body cited short
    #: ("la Commission" after "la Commission européenne").
    bodies: list[str] = field(default_factory=list)

    def resolve(self, info: dict[str, Any] | None) -> Holder | None:
        """The holder of a mention (None: a bare quotation), made the most recent one."""
        if info is not None and not info.get("words", True):
            return None  # punctuation only ("," after a mis-parsed incise): never an actor
        holder = self._resolve(info)
        if holder is not None and self.holders and self.holders[-1] is not holder:
            self.holders.remove(holder)
            self.holders.append(holder)
        return holder

    def actors(self) -> list[Actor]:
        return [holder.record() for holder in self.created]

    def _resolve(self, info: dict[str, Any] | None) -> Holder | None:
        if info is None:
            return self._last(PERSONS)
        same_span = next((h for h in self.holders if any(span[1] == info["start"] for span in h.spans)), None)
        if same_span is not None:  # the same mention read again (a frame and its quoted fragment)
            return same_span
        if info.get("read"):  # "peut-on lire": the outlet or document cited last
            return self._tied(self._last(frozenset({"media", "document"})), info, False)
        cues = holder_cues()
        head, first = info["head"], info["first"]
        if first in cues["pronouns"] or head in cues["pronouns"] or info["head_text"].lower() in cues["pronouns"]:
            wanted, plural = info.get("gender", ""), bool(info.get("plural"))
            found = self._last(PERSONS, wanted, plural)
            antecedent = info.get("antecedent")
            if antecedent and (
                found is None
                or (plural and not found.plural)  # "Les agriculteurs, eux, … Selon eux": that group
                # a body named as subject since the person last spoke ("La Commission … Elle a constaté")
                or (classify(antecedent) not in PERSONS and max(span[2] for span in found.spans) < antecedent["start"])
            ):
                found = self._resolve(antecedent)  # "La Commission a ouvert … Elle a constaté que"
            found = found or self._person_before(info["start"]) or self._last(None)
            return self._tied(found, info, False)
        if first in cues["demonstratives"]:
            if standing(info) == "none":  # "Ces expressions prouvent": a demonstrative thing, no actor
                return None
            return self._tied(self._last(None), info, True) or self._new(info)
        if info["key"]:
            same = next((h for h in reversed(self.holders) if h.key == info["key"]), None)
            if same is not None:
                return self._tied(same, info, True)
        if first in DEFINITE and not info["key"]:  # a role noun: "le sénateur", "le porte-parole"
            gender = info.get("gender", "")
            same = next(
                (
                    h
                    for h in reversed(self.holders)
                    if any(_fits(info["text"], head, m) for m in h.mentions)
                    and (not gender or not h.gender or h.gender == gender)
                ),
                None,
            )
            # "le philosophe dénonce", after "le philosophe Paul Valadier" in the text; a named person
            # described since an unnamed one last spoke wins ("le Premier ministre", then "le Premier
            # ministre Andrej Babiš", then "le Premier ministre" again)
            if same is not None and same.kind == "named_person":
                return self._tied(same, info, True)
            since = max((span[2] for span in same.spans), default=0) if same is not None else 0
            person = self._described_person(head, info["start"], since) if person_noun(head) else None
            if person is not None or same is not None:  # (a described person is made an actor when found)
                return self._tied(person or same, info, True)
            if head in cues["generic_persons"]:  # "la jeune femme s'inquiète", after "glisse Zineb"
                # the parser's gender of a first name is a guess: a named person of either gender will do
                person = self._last(PERSONS, gender) or self._last(frozenset({"named_person"}))
                if person is not None:
                    return self._tied(person, info, False)
            if _describes_outlet(info):  # "Le journal satirique révèle", after "écrit Le Canard enchaîné"
                outlet = self._last(frozenset({"media"}), plural=False)
                if outlet is not None and outlet.key:
                    return self._tied(outlet, info, True)
        stands = standing(info)
        if stands == "anaphor":
            return self._tied(self._last(PERSONS) or self._person_before(info["start"]), info, False)
        return self._new(info) if stands == "actor" else None

    def _tied(self, holder: Holder | None, info: dict[str, Any], describes: bool) -> Holder | None:
        if holder is not None:
            holder.mention(info, describes)
            if describes:
                self._full_name(holder, info)
        return holder

    def _full_name(self, holder: Holder, info: dict[str, Any]) -> None:
        """The fullest form of the actor's name given anywhere before in the text: a person's full
        name ("Franz FISCHLER" for "M. FISCHLER"), a body's ("la Commission européenne")."""
        if holder.kind == "named_person" and holder.key:
            names = [_bare_name(text) for _, text in self.people if text.split()[-1].lower() == holder.key]
            longer = [name for name in names if len(name) > len(info.get("name") or "")]
            if longer:
                holder.named.append((max(longer, key=len), max(longer, key=len)))
        elif holder.kind in ("organisation", "government") and not info.get("per"):
            bare = _strip_article(info["text"])
            article = info["text"][: len(info["text"]) - len(bare)]
            fuller = [b for b in self.bodies if b.lower().startswith(bare.lower() + " ") and len(b) > len(bare)]
            if fuller and bare[:1].isupper():
                holder.named.append((article + min(fuller, key=len), ""))
        holder.rename()

    def _described_person(self, role: str, offset: int, since: int = 0) -> Holder | None:
        """The last person the text named with `role` beside the name between `since` and `offset`:
        an actor already met under that name, else a new one."""
        named = [(start, name) for start, name, nouns in self.described if since <= start < offset and role in nouns]
        if not named:
            return None
        start, name = named[-1]
        key = name.split()[-1].lower()
        known = next((h for h in reversed(self.holders) if h.key == key and h.kind == "named_person"), None)
        if known is not None:
            return known
        info = {"text": name, "start": start, "end": start + len(name), "name": name}
        return self._add(Holder(self._next_id(), "named_person", key, key), info)

    def _person_before(self, offset: int) -> Holder | None:
        """A holder made of the last person named before `offset`, if any."""
        names = [(start, text) for start, text in self.people if start < offset]
        if not names:
            return None
        start, text = names[-1]
        words = text.split()
        info = {"text": text, "start": start, "end": start + len(text), "name": text}
        return self._add(Holder(self._next_id(), "named_person", words[-1].lower(), words[-1].lower()), info)

    def _last(self, kinds: frozenset[str] | None, gender: str = "", plural: bool | None = None) -> Holder | None:
        """The most recent holder of `kinds`; with a gender ("elle") or a number ("ils"), a compatible one."""
        fitting = [
            h
            for h in reversed(self.holders)
            if (kinds is None or h.kind in kinds) and (not gender or not h.gender or h.gender == gender)
        ]
        if plural is not None:
            agreeing = [h for h in fitting if h.plural == plural]
            return agreeing[0] if agreeing else (None if not plural else next(iter(fitting), None))
        return next(iter(fitting), None)

    def _new(self, info: dict[str, Any]) -> Holder:
        holder = Holder(
            self._next_id(), classify(info), info["key"], info["head"], info.get("gender", ""), bool(info.get("plural"))
        )
        return self._add(holder, info)

    def _add(self, holder: Holder, info: dict[str, Any]) -> Holder:
        holder.mention(info)
        self._full_name(holder, info)
        self.holders.append(holder)
        self.created.append(holder)
        return holder

    def _next_id(self) -> str:
        return f"a{len(self.created) + 1}"
