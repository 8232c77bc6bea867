"""Words shown to a reader in English or French: one message catalogue for the HTML report and the app.

Code and templates write English and wrap it: `_("Documents")`, `_("{n} documents", n=count)`,
`_n("{n} document", "{n} documents", count)`; a message held in a table and translated where it is
shown is marked `N_("hedged")` so the catalogue test finds it. The catalogue
(`filigrane/data/messages/fr.yaml`) maps each English message to its French text (a plural to its
two forms); a message it lacks stays English. The language is set per rendering with `speaking`
(the report's `lang`, the app's reader); text from documents is never translated.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from importlib import resources
from typing import Any, Literal, get_args

import yaml

Language = Literal["en", "fr"]
LANGUAGES: dict[Language, str] = {"en": "English", "fr": "Français"}

_current: ContextVar[Language] = ContextVar("filigrane_language", default="en")


def language_of(code: object) -> Language | None:
    """`code` when it names one of our languages ("fr", "en"), else None."""
    return code if isinstance(code, str) and code in get_args(Language) else None  # type: ignore[return-value]


@cache
def catalogue(language: Language) -> dict[str, str | list[str]]:
    """English message -> its text in `language` (two forms for a plural); empty for English."""
    if language == "en":
        return {}
    text = resources.files("filigrane.data").joinpath(f"messages/{language}.yaml").read_text(encoding="utf-8")
    found = yaml.safe_load(text) or {}
    assert isinstance(found, dict), f"messages/{language}.yaml is not a mapping"
    return {str(key): value for key, value in found.items()}


@contextmanager
def speaking(language: Language) -> Iterator[None]:
    """Render in `language` for the duration of the block (one request, one report)."""
    token = _current.set(language)
    try:
        yield
    finally:
        _current.reset(token)


def current() -> Language:
    return _current.get()


def gettext(message: str, **values: Any) -> str:
    """`message` in the current language, with `{name}` fields filled from `values`."""
    found = catalogue(_current.get()).get(message, message)
    text = found[0] if isinstance(found, list) else found
    return text.format(**values) if values else text


def ngettext(singular: str, plural: str, count: int, **values: Any) -> str:
    """The singular or plural form for `count` (French: 0 and 1 are singular), `{n}` set to it."""
    language = _current.get()
    one = count in (0, 1) if language == "fr" else count == 1
    found = catalogue(language).get(singular)
    if isinstance(found, list) and len(found) == 2:
        text = found[0] if one else found[1]
    else:
        text = singular if one else plural
    return text.format(n=count, **values)


def decimal(value: float, digits: int) -> str:
    """A number with `digits` decimals, its decimal mark the language's ("0,83" in French)."""
    text = f"{value:.{digits}f}"
    return text.replace(".", ",") if _current.get() == "fr" else text


def semicolons(parts: Iterable[str]) -> str:
    """Items joined by semicolons, spaced as the language writes them ("a ; b" in French)."""
    return (" ; " if _current.get() == "fr" else "; ").join(parts)


def N_(message: str) -> str:
    """Marks a message translated later, where it is shown (`_(label)`): returns it unchanged."""
    return message


_ = gettext
_n = ngettext
