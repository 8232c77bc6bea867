"""Short lines that name who signs an article: "Sputnik", "RT France", "Par Press TV", "© Le Monde".

The frames around a name ("Par", "©", "Source :", "(avec …)", a year, "tous droits réservés") come
from the lexicon `outlet_lines.yaml`. The clean stage asks whether what is left has the shape of a
name (a few capitalised words and connectors, no sentence punctuation) or names a known outlet; the
provenance stage looks it up in the outlet catalogue, whole, without an edition word
("Sputnik Afrique"), then part by part ("Jean Dupont / RIA Novosti").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import Any

from filigrane.clean.lexicon import load_yaml

#: Longest name, in words ("Agence de presse de la République islamique" has seven).
MAX_NAME_WORDS = 8
#: Does a line name a known outlet? Given by the pipeline from the outlet catalogue.
NameTest = Callable[[str], bool]
_BRACKETS = re.compile(r"^[(\[«\"“](.*)[)\]»\"”]$")
_DOMAIN = re.compile(r"(?:https?://)?(?:www\.)?[\w-]+(?:\.[\w-]+)*\.[a-z]{2,12}(?:/\S*)?", re.IGNORECASE)
_ARTICLE = re.compile(r"^(?:l['’]|(?:le|la|les|the)\s)", re.IGNORECASE)
_SENTENCE_MARKS = re.compile(r"[!?…:;]|\.\s")
#: Letters, digits and the marks names hold ("Al-Mayadeen", "L'Humanité", "AT&T", "Yahoo!").
_NAME_WORD = re.compile(r"[\w'’.&+!-]+")


@cache
def _lexicon() -> dict[str, Any]:
    data: dict[str, Any] = load_yaml("outlet_lines.yaml")
    return data


@cache
def _frames() -> tuple[re.Pattern[str], re.Pattern[str]]:
    table = _lexicon()
    prefixes = "|".join(f"(?:{item})" for item in table["prefixes"])
    suffixes = "|".join(f"(?:{item})" for item in table["suffixes"])
    return re.compile(rf"^(?:{prefixes})", re.IGNORECASE), re.compile(rf"(?:{suffixes})$", re.IGNORECASE)


@cache
def _separators() -> re.Pattern[str]:
    return re.compile(str(_lexicon()["separators"]), re.IGNORECASE)


@cache
def _connectors() -> frozenset[str]:
    return frozenset(str(word).casefold() for word in _lexicon()["connectors"])


@cache
def _editions() -> frozenset[str]:
    """Edition words and phrases, case-folded: "france", "en français"."""
    return frozenset(" ".join(str(item).casefold().split()) for item in _lexicon()["editions"])


def strip_frames(text: str) -> str:
    """The name a line holds once its frames are gone: "© Par Press TV 2024." -> "Press TV"."""
    prefix, suffix = _frames()
    previous = None
    text = " ".join(text.split())
    while text != previous:
        previous = text
        bracketed = _BRACKETS.match(text)
        if bracketed:
            text = bracketed.group(1).strip()
        text = prefix.sub("", text, count=1).strip()
        text = suffix.sub("", text, count=1).strip()
    return text


def name_parts(text: str) -> list[str]:
    """The parts of a line between separators, each stripped of its frames ("PARIS (AFP)" -> PARIS, AFP)."""
    return [part for part in (strip_frames(piece) for piece in _separators().split(text)) if part]


def without_edition(name: str) -> str | None:
    """The name without a final edition word ("Sputnik Afrique" -> "Sputnik"), or None if it has none."""
    words = name.split()
    for size in (2, 1):
        if len(words) > size and " ".join(words[-size:]).casefold() in _editions():
            return " ".join(words[:-size])
    return None


def looks_like_name(text: str) -> bool:
    """A line that has the shape of a name once its frames are gone: each of its parts ("Jean Dupont /
    RIA Novosti") a domain or a few name words.

    Every word is capitalised, in a script without case, has a capital inside ("teleSUR"), is a
    number with letters ("20minutes") or, after the first, a connector ("Agence de presse de la
    République"); no sentence punctuation. Names with lower-case words ("Courrier picard") are
    told by the outlet catalogue instead (`CleanText(names=...)`): a shape cannot tell them from
    a heading ("Dispositions financières").
    """
    parts = name_parts(text)
    return bool(parts) and all(_is_name(part) for part in parts)


def _is_name(name: str) -> bool:
    if _SENTENCE_MARKS.search(name):
        return False
    if _DOMAIN.fullmatch(name):
        return True
    words = _ARTICLE.sub("", name).split()
    if not words or len(words) > MAX_NAME_WORDS or not _is_name_word(words[0]):
        return False
    return all(_is_name_word(word) or word.casefold() in _connectors() for word in words[1:])


def _is_name_word(word: str) -> bool:
    """Capitalised, uncased script ("الجزيرة"), a capital inside ("iTélé"), or digits with letters ("20minutes")."""
    word = word.strip('«»"“”')
    if not _NAME_WORD.fullmatch(word):
        return False
    first = word[:1]
    if first.isdigit():
        return any(c.isalpha() for c in word)
    return first.isupper() or (first.isalpha() and not first.islower()) or any(c.isupper() for c in word[1:])
