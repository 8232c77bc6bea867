"""The title of a page, from what the page says about itself, never the site's name alone.

A page offers several title candidates (the input's own title, `og:title`, `twitter:title`, its
`<h1>` headings, `<title>`), most of them carrying the site name ("Title | Site",
"Site - Section - Title"). Each candidate is split on the usual separators; segments at either
end that name the site are dropped; a candidate that is nothing but the site's name is skipped.
What names the site comes from the page (`og:site_name`, its domain) and, across a collection,
from the site step: a title or segment that many pages of one site share is its name.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from difflib import SequenceMatcher

#: Separators between a page title and the site or section names around it ("Title | Site").
SEPARATORS = re.compile(r"\s+(?:[|\-–—·•»]|::)\s+")
_PUNCTUATION = re.compile(r"[^\w]+")
_LETTER = re.compile(r"[^\W\d_]")
#: Similarity of two title keys above which they are one title (a "œ" lost to encoding, a typo fixed).
_NEARLY = 0.9
_TAG = re.compile(r"</?[a-zA-Z][^<>]*>")
#: Longer than this, a heading is a paragraph (the cleaner's title blocks have the same bound).
MAX_TITLE = 300
#: How many lines from the top of the text a title printed as its own line is looked for.
TITLE_WINDOW = 12

SiteNameTest = Callable[[str], bool]


def title_key(text: str) -> str:
    """Case, punctuation and whitespace left out: how two titles are compared."""
    return " ".join(_PUNCTUATION.sub(" ", text.casefold()).split())


def same_title(a: str, b: str) -> bool:
    """Two keys (`title_key`) of one title: equal, or nearly (a character lost to the page's encoding)."""
    if a == b:
        return True
    return bool(a and b) and abs(len(a) - len(b)) <= 0.1 * len(a) and SequenceMatcher(None, a, b).ratio() >= _NEARLY


def name_key(text: str) -> str:
    """Letters and digits only, without accents: "Sauvons l'Université !" and sauvonsluniversite.fr meet."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if char.isalnum())


def page_site_names(names: Iterable[str | None], host: str | None) -> SiteNameTest:
    """Whether a title part names the page's own site: a declared name, its domain or the domain's name."""
    keys = {name_key(name) for name in names if name}
    if host:
        labels = host.lower().removeprefix("www.").split(".")
        keys |= {name_key(".".join(labels)), name_key(".".join(labels[:-1]))}
        registered = [label for label in labels[:-1] if len(label) > 2 or label == labels[0]]
        if registered:  # the registered name: "lefigaro" in madame.lefigaro.fr, "bbc" in bbc.co.uk
            keys.add(name_key(registered[-1]))
    keys.discard("")
    return lambda text: name_key(text) in keys


def segments(title: str) -> list[str]:
    """The parts of a title between separators, in order."""
    return [part for part in SEPARATORS.split(title) if part.strip()]


def choose_title(candidates: Sequence[str], lines: Sequence[str], is_site_name: SiteNameTest) -> str | None:
    """The first candidate that is more than the site's name, with the site's name taken off.

    Markup left in a title ("Title</b><br>") is dropped; a "title" longer than `MAX_TITLE`
    characters is a paragraph marked up as a heading, not a title.
    """
    for candidate in candidates:
        title = strip_site(" ".join(_TAG.sub(" ", candidate).split()), lines, is_site_name)
        if title and len(title) <= MAX_TITLE and not is_site_name(title):
            return title
    return None


def strip_site(title: str, lines: Sequence[str], is_site_name: SiteNameTest) -> str | None:
    """`title` without the site-name segments at its ends; None when nothing else is left.

    When no segment is known to name the site, the run of segments that the text prints as a line
    of its own near the top is the title ("Site - Section - Title" over a text holding "Title"),
    provided it holds the longest segment (a site's name is printed as a line too, in its menu);
    failing that the whole string stays.
    """
    if not _LETTER.search(title):
        return None
    parts = segments(title)
    if len(parts) < 2:
        return title
    first, last = 0, len(parts)
    while first < last and _is_furniture(parts[first], is_site_name):
        first += 1
    while last > first and _is_furniture(parts[last - 1], is_site_name):
        last -= 1
    if first == last:
        return None
    if (first, last) != (0, len(parts)):
        return _span(title, parts[first], parts[last - 1])
    printed = [title_key(line) for line in lines[:TITLE_WINDOW]]
    longest = max(range(len(parts)), key=lambda index: len(parts[index]))
    runs = [_span(title, parts[i], parts[j - 1]) for i, j in _runs(len(parts), longest)]
    exact = [run for run in runs if title_key(run) in printed]
    if exact:
        return max(exact, key=len)
    near = [(_likeness(title_key(run), printed), run) for run in runs]
    score, best = max(near, default=(0.0, title))
    return best if score >= _NEARLY else title


def _likeness(key: str, lines: list[str]) -> float:
    """How close `key` comes to one of `lines` (0 when none is nearly the same title)."""
    return max((SequenceMatcher(None, key, line).ratio() for line in lines if same_title(key, line)), default=0.0)


def _runs(count: int, holding: int) -> list[tuple[int, int]]:
    """The runs of segments [i, j) that hold segment `holding`, the whole title left out."""
    return [(i, j) for i in range(holding + 1) for j in range(holding + 1, count + 1) if (i, j) != (0, count)]


def _is_furniture(part: str, is_site_name: SiteNameTest) -> bool:
    """A site name, or a segment without a letter (a date, a number) at the end of a title."""
    return is_site_name(part) or not _LETTER.search(part)


def _span(title: str, first: str, last: str) -> str:
    """The stretch of `title` from segment `first` to segment `last`, separators included."""
    start = title.find(first)
    end = title.rfind(last) + len(last)
    return title[start:end].strip() if 0 <= start < end else first
