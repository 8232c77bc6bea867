"""The reader's language in the app: the one chosen with the switch on every page (a cookie), else the
first of English and French that the browser's Accept-Language asks for, else English.

The messages themselves and their catalogue are `filigrane.i18n`, shared with the HTML report.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from starlette.requests import Request

from filigrane.i18n import Language, gettext, language_of, speaking

#: The cookie that keeps the reader's choice (a year).
COOKIE = "filigrane_lang"


def negotiate(request: Request) -> Language:
    """The reader's choice (cookie), else what the browser asks for first among ours, else English."""
    chosen = language_of(request.cookies.get(COOKIE))
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
        language = language_of(primary)
        if language is not None and weight > 0:
            ranked.append((-weight, position, language))
    return min(ranked)[2] if ranked else "en"


@contextmanager
def reader_language(request: Request) -> Iterator[Language]:
    """Render in the reader's language for the block (the pages and the report fragments they embed)."""
    language = negotiate(request)
    with speaking(language):
        yield language


def time_left(seconds: float | None) -> str:
    """The time left in words: "about 2 min 10 s left"; empty when unknown."""
    if seconds is None:
        return ""
    minutes, rest = divmod(max(1, round(seconds)), 60)
    if minutes:
        return gettext("about {minutes} min {seconds} s left", minutes=minutes, seconds=rest)
    return gettext("about {seconds} s left", seconds=rest)
