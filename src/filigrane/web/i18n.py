"""The pages in English or French: a message catalogue (data file) and the helpers templates call.

Templates write English and wrap it: `{{ _("Documents") }}`, `{{ _("{n} documents", n=count) }}`,
`{{ _n("{n} document", "{n} documents", count) }}`. The catalogue
(`filigrane/data/messages/fr.yaml`) maps each English message to its French text (a plural to
its two forms); a message it lacks stays English. The language of a request: the one the reader
chose with the switch on every page (a cookie), else the first of English and French that the
browser's Accept-Language asks for, else English.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from importlib import resources
from typing import Any, Literal

import yaml
from starlette.requests import Request

Language = Literal["en", "fr"]
LANGUAGES: dict[Language, str] = {"en": "English", "fr": "Français"}
#: The cookie that keeps the reader's choice (a year).
COOKIE = "filigrane_lang"
_CODES: dict[str, Language] = {"en": "en", "fr": "fr"}

_current: ContextVar[Language] = ContextVar("filigrane_language", default="en")


@cache
def catalogue(language: Language) -> dict[str, str | list[str]]:
    """English message -> its text in `language` (two forms for a plural); empty for English."""
    if language == "en":
        return {}
    text = resources.files("filigrane.data").joinpath(f"messages/{language}.yaml").read_text(encoding="utf-8")
    found = yaml.safe_load(text) or {}
    assert isinstance(found, dict), f"messages/{language}.yaml is not a mapping"
    return {str(key): value for key, value in found.items()}


def negotiate(request: Request) -> Language:
    """The reader's choice (cookie), else what the browser asks for first among ours, else English."""
    chosen = _CODES.get(request.cookies.get(COOKIE) or "")
    if chosen is not None:
        return chosen
    ranked: list[tuple[float, int, Language]] = []
    for position, item in enumerate(request.headers.get("accept-language", "").split(",")):
        tag, _, params = item.strip().partition(";")
        primary = tag.strip().lower().split("-")[0]
        weight = 1.0
        if params.strip().startswith("q="):
            try:
                weight = float(params.strip()[2:])
            except ValueError:
                continue
        language = _CODES.get(primary)
        if language is not None and weight > 0:
            ranked.append((-weight, position, language))
    return min(ranked)[2] if ranked else "en"


@contextmanager
def speaking(language: Language) -> Iterator[None]:
    """Render in `language` for the duration of the block (one request)."""
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


def time_left(seconds: float | None) -> str:
    """The time left in words: "about 2 min 10 s left"; empty when unknown."""
    if seconds is None:
        return ""
    minutes, rest = divmod(max(1, round(seconds)), 60)
    if minutes:
        return gettext("about {minutes} min {seconds} s left", minutes=minutes, seconds=rest)
    return gettext("about {seconds} s left", seconds=rest)
