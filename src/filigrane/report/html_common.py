"""Small pieces every part of the HTML report shares: escaping, safe links, anchors, labels.

Everything that comes from data (article text, titles, holders, catalogue entries, URLs) is
untrusted: it only reaches the page through `esc`, `lang_attr`, `anchor` or `external_link`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from html import escape
from typing import Any
from urllib.parse import urlsplit

from filigrane.i18n import N_, _

#: Maps a document id to the URL of its page (a web app); `None` means sections of the same page.
DocumentUrl = Callable[[str], str] | None

#: Contract values and the English words shown for them (translated where shown: `_(label)`).
HOLDER_KINDS: dict[str, str] = {
    "author": N_("author"),
    "named_person": N_("named person"),
    "unnamed_person": N_("unnamed person"),
    "anonymous_source": N_("anonymous source"),
    "media": N_("media"),
    "government": N_("government"),
    "organisation": N_("organisation"),
    "document": N_("document"),
}
MARKER_TYPES: dict[str, str] = {
    "quote": N_("quote"),
    "conditional": N_("conditional"),
    "hedge": N_("hedge"),
    "booster": N_("booster"),
    "denial": N_("denial"),
    "evidence": N_("evidence"),
}
CERTAINTIES = (N_("neutral"), N_("hedged"), N_("boosted"))
POLARITIES = (N_("affirms"), N_("denies"))
#: How a stance is reported: quoted, paraphrased, or "according to" (the author's own is not said).
STANCE_KINDS = (N_("direct"), N_("indirect"), N_("according-to"))
#: The catalogue's ownership types (`data/outlets.yaml`), in words.
OWNERSHIPS = (
    N_("private"),
    N_("state-controlled"),
    N_("state-funded"),
    N_("state-funded-public-service"),
    N_("party-affiliated"),
    N_("nonprofit"),
    N_("cooperative"),
    N_("unknown"),
)
_LANG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*")
_UNSAFE_URL_CHARS = re.compile(r"[\s\x00-\x1f\x7f\"'<>`\\]")


def esc(value: object) -> str:
    """Text for an element or a quoted attribute; `None` becomes the empty string."""
    return "" if value is None else escape(str(value), quote=True)


def as_int(value: Any) -> int | None:
    """An offset from the contract, or `None` when it is missing or not an integer."""
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def span_of(item: dict[str, Any], start: str = "start", end: str = "end") -> tuple[int, int] | None:
    """The non-empty [start, end) range an item of the contract covers, if it has one."""
    first, last = as_int(item.get(start)), as_int(item.get(end))
    return (first, last) if first is not None and last is not None and first < last else None


def anchor(*parts: object) -> str:
    """A fragment identifier made only of safe characters, whatever the ids contain."""
    return re.sub(r"[^A-Za-z0-9_-]", "_", "".join(str(part) for part in parts))


def doc_anchor(doc_id: object) -> str:
    return anchor("doc-", doc_id)


def claim_anchor(doc_id: object, claim_id: object) -> str:
    """The anchor of a claim's span in its document's text ("d<doc id>-<claim id>")."""
    return anchor("d", doc_id, "-", claim_id)


def doc_href(doc_id: str, document_url: DocumentUrl = None) -> str:
    return f"#{doc_anchor(doc_id)}" if document_url is None else document_url(doc_id)


def claim_href(doc_id: str, claim_id: str, document_url: DocumentUrl = None) -> str:
    fragment = f"#{claim_anchor(doc_id, claim_id)}"
    return fragment if document_url is None else document_url(doc_id) + fragment


def lang_attr(language: object) -> str:
    """` lang="fr"` for a well-formed tag; ` lang=""` (unknown, not English like the page) otherwise."""
    return f' lang="{language}"' if isinstance(language, str) and _LANG.fullmatch(language) else ' lang=""'


def safe_url(url: object) -> str | None:
    """The URL when it is a plain http(s) address a reader may follow, else `None`."""
    if not isinstance(url, str) or _UNSAFE_URL_CHARS.search(url):
        return None
    parts = urlsplit(url)
    return url if parts.scheme.lower() in ("http", "https") and parts.hostname else None


def external_link(url: object, text: object = None) -> str:
    """A link out of the report for an http(s) URL; anything else is shown as inert text."""
    label = esc(url if text is None else text)
    href = safe_url(url)
    if href is None:
        return f'<span class="url">{label}</span>'
    return f'<a class="external" href="{esc(href)}" rel="noopener noreferrer">{label}</a>'


def holder_kind(value: object) -> str:
    """The holder kind as a class-safe name: a known kind or "other"."""
    return value if isinstance(value, str) and value in HOLDER_KINDS else "other"


def word(value: object, known: Iterable[str]) -> str:
    """A contract value among `known` in the reader's language; any other value as it is (data)."""
    return _(value) if isinstance(value, str) and value in known else "" if value is None else str(value)


def holder_kind_label(value: object) -> str:
    """The kind of a holder in words ("other" for a kind the contract does not define)."""
    kind = holder_kind(value)
    return _(HOLDER_KINDS[kind]) if kind in HOLDER_KINDS else str(value) if value else _("other")


def holder_kind_badge(value: object) -> str:
    """The kind of a holder in words, coloured like its highlights (the words carry the meaning)."""
    return f'<span class="badge holder-badge k-{holder_kind(value)}">{esc(holder_kind_label(value))}</span>'


def holder_name(stance: dict[str, Any]) -> str:
    """Who holds a claim, in words: the holder's text, else "the author" or "unknown"."""
    if stance.get("holder"):
        return str(stance["holder"])
    return _("the author") if stance.get("holder_kind") == "author" else _("unknown")


def certainty_badge(value: object) -> str:
    """How certain a stance is, in words (hedged, boosted …), coloured by a class of known values."""
    css = value if value in CERTAINTIES else "other"
    return f'<span class="badge cert cert-{css}">{esc(word(value, CERTAINTIES))}</span>'


def ownership_word(value: object) -> str:
    return word(value, OWNERSHIPS)


def marker_type(value: object) -> str:
    return value if isinstance(value, str) and value in MARKER_TYPES else "other"


def marker_label(marker: dict[str, Any]) -> str:
    """The marker's type in words; evidence also says whether it names who, where or when."""
    kind = marker_type(marker.get("type"))
    label = _(MARKER_TYPES[kind]) if kind in MARKER_TYPES else _("other")
    if "specified" not in marker:
        return label
    return f"{label}, {_('specified') if marker['specified'] is True else _('unspecified')}"


def origin_badges(origins: Iterable[dict[str, Any]]) -> str:
    """Outlet, country and ownership; the basis of the fact unfolds on hover, focus or tap (title attribute)."""
    return " ".join(
        f'<span class="badge origin" tabindex="0" title="{esc(o.get("basis"))} ({esc(o.get("basis_reference"))}; '
        f'{esc(_("catalogue entry"))} {esc(o.get("catalogue_entry"))})">'
        f"{esc(o.get('name') or o.get('outlet'))} · {esc(o.get('country'))} · "
        f"{esc(ownership_word(o.get('ownership')))}</span>"
        for o in origins
    )


def section(anchor_id: str, heading: str, body: str) -> str:
    """A section labelled by its third-level heading (`anchor_id` is ours, never from data)."""
    return f'<section aria-labelledby="{anchor_id}"><h3 id="{anchor_id}">{heading}</h3>{body}</section>'


def table(headers: Iterable[str], rows: Iterable[Iterable[str]]) -> str:
    """A table of already escaped cells."""
    head = "".join(f'<th scope="col">{h}</th>' for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
