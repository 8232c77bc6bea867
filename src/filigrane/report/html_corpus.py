"""The corpus page: what the documents say together (stories, claim groups, reposts, narratives, outlets).

`corpus_html` takes a full contract dict; every corpus-level key may be absent (its section is then
left out). Document and claim links point to sections of the same page unless `document_url`
maps a document id to its own page (the web app).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal

from filigrane.i18n import N_, _, _n
from filigrane.report.html_common import (
    DocumentUrl,
    certainty_badge,
    esc,
    holder_kind_badge,
    holder_name,
    lang_attr,
    ownership_word,
    section,
    table,
)
from filigrane.report.html_document import narrative_entry, narrative_threshold, score, whole_document
from filigrane.report.html_index import Corpus, SpreadUrl, claim_pairs, group_anchor, story_anchor
from filigrane.report.html_spread import aggregates_html, spread_html
from filigrane.report.html_techniques import techniques_corpus
from filigrane.report.spread import STATE_LINKED, group_spread, story_spread

#: Corpus sections in reading order: anchor id and heading.
SECTIONS: dict[str, str] = {
    "overview": N_("Documents"),
    "glance": N_("At a glance"),
    "stories": N_("Stories"),
    "claim-groups": N_("Claim groups"),
    "reposts": N_("Reposts and near-duplicates"),
    "narratives": N_("Known narratives"),
    "outlets": N_("Outlets"),
    "techniques": N_("Persuasion techniques"),
    "rejected": N_("Rejected inputs"),
}
#: Stories and claim groups whose spread the report draws in place (the largest first).
MAX_SPREADS = 20


def corpus_html(report: dict[str, Any], document_url: DocumentUrl = None, spread_url: SpreadUrl = None) -> str:
    """The corpus page of a contract-v1 dict, as a `<section>` opened by its table of contents."""
    corpus = Corpus(report, document_url, spread_url=spread_url)
    bodies = {
        "overview": _overview(corpus),
        "glance": aggregates_html(corpus),
        "stories": _listed(report.get("stories"), _("No story."), corpus, _stories),
        "claim-groups": _listed(report.get("claim_groups"), _("No claim group."), corpus, _claim_groups),
        "reposts": _listed(report.get("reposts"), _("No repost found."), corpus, _reposts),
        "narratives": _narratives(corpus),
        "outlets": _outlets(corpus),
        "techniques": techniques_corpus(corpus),
        "rejected": _rejections(report.get("rejected")),
    }
    present = {key: body for key, body in bodies.items() if body is not None}
    toc = "".join(f'<li><a href="#{key}">{_(SECTIONS[key])}</a></li>' for key in present)
    return (
        f'<section class="corpus" aria-labelledby="corpus"><h2 id="corpus">{_("Corpus")}</h2>'
        f'<nav aria-labelledby="toc"><h3 id="toc">{_("Contents")}</h3><ol class="toc">{toc}</ol></nav>'
        + "".join(section(key, _(SECTIONS[key]), body) for key, body in present.items())
        + "</section>"
    )


def _none(said: str) -> str:
    return f'<p class="muted">{said}</p>'


_Render = Callable[[list[dict[str, Any]], Corpus], str]


def _listed(items: list[dict[str, Any]] | None, empty: str, corpus: Corpus, render: _Render) -> str | None:
    """A corpus-level key: its section left out when absent, `empty` ("No …") when empty, else rendered."""
    if items is None:
        return None
    return render(items, corpus) if items else _none(empty)


def _overview(corpus: Corpus) -> str:
    rows = [
        (
            corpus.doc_link(doc.get("id")),
            esc(doc.get("language") or "?"),
            esc(doc.get("date")),
            " ".join(_origin_flagged(o) for o in doc.get("origins") or []) or "—",
            str(len(doc.get("claims") or [])),
            esc(doc.get("source")),
        )
        for doc in corpus.documents
    ]
    if not rows:
        return _none(_("No document was analysed."))
    return table((_("Title"), _("Lang."), _("Date"), _("Origin"), _("Claims"), _("Source")), rows)


def _stories(stories: list[dict[str, Any]], corpus: Corpus) -> str:
    """Documents about the same event, each story with its first date and languages; the documents
    no other one joins follow in one short list (a table of 100 one-document stories, each titled
    like its document, hides the few stories that matter)."""
    shared = [story for story in stories if len(story.get("documents") or []) > 1]
    alone = [story for story in stories if len(story.get("documents") or []) <= 1]
    rows = [
        (
            f'<strong id="{story_anchor(story.get("id"))}">{esc(story.get("label"))}</strong> '
            f'<span class="muted small">({esc(story.get("id"))})</span>',
            esc(story.get("first_seen") or _("unknown")),
            esc(", ".join(str(lang) for lang in story.get("languages") or [])),
            f"{len(story.get('documents') or [])}"
            f"{_spread_link(corpus, 'story', story, len(story.get('documents') or []))}"
            f"{corpus.doc_links(story.get('documents') or [])}",
        )
        for story in shared
    ]
    joins = _n("{n} story joins several documents", "{n} stories join several documents", len(shared))
    left = _n("{n} document is alone in its story", "{n} documents are alone in their story", len(alone))
    out = f"<p>{_('{joins}; {left}.', joins=joins, left=left)}</p>"
    if rows:
        out += table((_("Story"), _("First seen"), _("Languages"), _("Documents")), rows)
    if alone:
        items = "".join(
            f'<li id="{story_anchor(story.get("id"))}">'
            + ", ".join(corpus.doc_link(doc_id) for doc_id in story.get("documents") or [])
            + f' <span class="muted small">({esc(story.get("first_seen") or _("date unknown"))})</span></li>'
            for story in alone
        )
        alone_label = _("Alone in their story ({n})", n=len(alone))
        out += f'<p class="label">{alone_label}</p><ul class="plain alone">{items}</ul>'
    drawn = [
        f'<details class="spread-box"><summary>{_("Timeline and graph:")} {esc(story.get("label"))}</summary>'
        f"{spread_html(story_spread(story, corpus), corpus)}</details>"
        for story in shared[:MAX_SPREADS]
        if corpus.spread_url is None
    ]
    return out + "".join(drawn)


def _spread_link(corpus: Corpus, kind: Literal["story", "claim_group"], item: dict[str, Any], size: int) -> str:
    """In the app, a link to the page drawing the spread of a story or claim group of 2 documents or more."""
    if corpus.spread_url is None or size < 2:
        return ""
    href = esc(corpus.spread_url(kind, str(item.get("id"))))
    return f' <a class="spread-link" href="{href}">{_("timeline and graph")}</a>'


def _claim_groups(groups: list[dict[str, Any]], corpus: Corpus) -> str:
    """The same proposition across documents: who affirms it, who denies it, from how many origins."""
    items = (claim_group_html(group, corpus, draw=number < MAX_SPREADS) for number, group in enumerate(groups))
    return f'<ol class="groups">{"".join(items)}</ol>'


def claim_group_html(group: dict[str, Any], corpus: Corpus, draw: bool = False) -> str:
    """One claim group as a list item: facts, who affirms, who denies, its claims; with `draw` and no
    `spread_url` (the report), its timeline and graph folded below, else a link to its page."""
    documents = len({str(doc_id) for doc_id, _ in claim_pairs(group.get("claims"))})
    drawn = ""
    if draw and corpus.spread_url is None and documents > 1:
        drawn = (
            f'<details class="spread-box"><summary>{_("Timeline and graph")}</summary>'
            f"{spread_html(group_spread(group, corpus), corpus)}</details>"
        )
    origins = ", ".join(corpus.origin_label(o) for o in group.get("origins") or []) or _("unknown")
    claims = "".join(f"<li>{corpus.claim_link(d, c)}</li>" for d, c in claim_pairs(group.get("claims")))
    facts = (
        f"<dt>{_('Independent origins')}</dt><dd>{esc(group.get('independent_origins'))} ({origins})</dd>"
        f"<dt>{_('Independent owners')}</dt><dd>{esc(group.get('independent_owners', '—'))}</dd>"
        f"<dt>{_('First seen')}</dt><dd>{esc(group.get('first_seen') or _('unknown'))}</dd>"
        f"<dt>{_('Languages')}</dt><dd>{esc(', '.join(str(x) for x in group.get('languages') or [])) or '—'}</dd>"
    )
    return (
        f'<li class="group" id="{group_anchor(group.get("id"))}"><p><strong>{esc(group.get("label"))}</strong> '
        f'<span class="muted small">({esc(group.get("id"))})</span>'
        f'{_spread_link(corpus, "claim_group", group, documents)}</p><dl class="facts">{facts}</dl>'
        f'<div class="sides">{_side(_("Affirmed by"), group.get("affirmed_by"), corpus)}'
        f"{_side(_('Denied by'), group.get('denied_by'), corpus)}</div>"
        f"<details open><summary>{_('Claims ({n})', n=len(group.get('claims') or []))}</summary>"
        f'<ul class="plain">{claims}</ul></details>{drawn}</li>'
    )


def _side(label: str, holders: list[dict[str, Any]] | None, corpus: Corpus) -> str:
    """Who affirms (or denies) the group's proposition, each holder linked to their claim."""
    if not holders:
        return f'<div><p class="label">{label}</p><p class="muted">{_("nobody")}</p></div>'
    items = "".join(f"<li>{_holder(holder, corpus)}</li>" for holder in holders)
    return f'<div><p class="label">{label}</p><ul class="plain">{items}</ul></div>'


def _holder(holder: dict[str, Any], corpus: Corpus) -> str:
    """Kind, name, certainty and outlet of one holder, then the claim and document where they say it."""
    doc_id = holder.get("document_id")
    lang = lang_attr(corpus.by_id.get(str(doc_id), {}).get("language"))
    certainty = f" {certainty_badge(holder['certainty'])}" if holder.get("certainty") else ""
    if holder.get("negated"):  # affirms the negation: shown, never counted as a denial
        certainty += f' <span class="badge negated">{_("affirms a negation")}</span>'
    outlet = f' <span class="muted small">{_("via")} {esc(holder["outlet"])}</span>' if holder.get("outlet") else ""
    return (
        f'{holder_kind_badge(holder.get("holder_kind"))} <span class="holder-name"{lang}>{esc(holder_name(holder))}'
        f"</span>{certainty}{outlet} ({corpus.claim_link(doc_id, holder.get('claim_id'), with_text=False)} "
        f"{_('in')} {corpus.doc_link(doc_id)})"
    )


def _reposts(groups: list[dict[str, Any]], corpus: Corpus) -> str:
    """Each group of copies of one text, its origin copy first and marked."""
    items = []
    for group in groups:
        origin = group.get("origin_document")
        members = sorted(group.get("documents") or [], key=lambda doc_id: doc_id != origin)
        links = "".join(
            f"<li>{corpus.doc_link(doc_id)}"
            + (f' <span class="badge">{_("origin copy")}</span>' if doc_id == origin else "")
            + "</li>"
            for doc_id in members
        )
        said = _(
            "{copies}, similarity {score}",
            copies=_n("{n} copy", "{n} copies", len(members)),
            score=score(group.get("similarity")),
        )
        items.append(f"<li>{said}<ul>{links}</ul></li>")
    return f"<ul>{''.join(items)}</ul>"


def _narratives(corpus: Corpus) -> str | None:
    """Catalogue entries matched anywhere in the corpus, each with its disproof and every match,
    best score first."""
    if not any("narratives" in doc for doc in corpus.documents):
        return None
    entries: dict[str, tuple[dict[str, Any], list[tuple[float, str]]]] = {}
    for doc in corpus.documents:
        for match in doc.get("narratives") or []:
            key = f"{match.get('catalogue')}\0{match.get('entry_id') or match.get('title')}"
            if match.get("claim_id"):
                where = corpus.claim_link(doc.get("id"), match["claim_id"])
            else:
                where = f"{corpus.doc_link(doc.get('id'))} {whole_document()}"
            value = match.get("score")
            rank = float(value) if isinstance(value, int | float) else 0.0
            line = f"<li>{_('Score')} {score(value)}{_(':')} {where}</li>"
            entries.setdefault(key, (match, []))[1].append((rank, line))
    if not entries:
        return _none(_("No known narrative matched."))
    items = "".join(
        f'<li class="narrative">{narrative_entry(entry)}<p class="label">{_matched(len(found))}</p>'
        f'<ul class="plain">{"".join(line for _, line in sorted(found, key=lambda pair: -pair[0]))}</ul></li>'
        for entry, found in sorted(entries.values(), key=lambda item: -len(item[1]))
    )
    order = _("the entries matched most often come first, and each entry's matches best score first")
    return f'{narrative_threshold(corpus.documents, order)}<ol class="narrative-list">{items}</ol>'


def _matched(times: int) -> str:
    return _n("Matched {n} time", "Matched {n} times", times)


def _outlets(corpus: Corpus) -> str | None:
    """One row per outlet the documents come from, with the public basis of its ownership."""
    outlets: dict[str, tuple[dict[str, Any], list[object]]] = {}
    for doc in corpus.documents:
        for origin in doc.get("origins") or []:
            key = str(origin.get("outlet") or origin.get("name"))
            found = outlets.setdefault(key, (origin, []))[1]
            if doc.get("id") not in found:
                found.append(doc.get("id"))
    if not outlets:
        return None
    rows = [
        (
            f"<strong>{esc(origin.get('name') or origin.get('outlet'))}</strong>",
            esc(origin.get("country")),
            f'<span class="own own-{_ownership_css(origin.get("ownership"))}">'
            f"{esc(ownership_word(origin.get('ownership')))}</span>",
            f'{esc(origin.get("basis"))}<br><span class="muted small">{esc(origin.get("basis_reference"))}</span>',
            f"{len(doc_ids)}{corpus.doc_links(doc_ids)}",
        )
        for origin, doc_ids in sorted(outlets.values(), key=lambda item: -len(item[1]))
    ]
    return table((_("Outlet"), _("Country"), _("Ownership"), _("Basis"), _("Documents")), rows)


def _origin_flagged(origin: dict[str, Any]) -> str:
    """An origin's name, with its ownership beside it when the state or a party stands behind it."""
    name = esc(origin.get("name") or origin.get("outlet"))
    ownership = origin.get("ownership")
    if ownership not in STATE_LINKED:
        return name
    return f'{name} <span class="own own-state">{esc(ownership_word(ownership))}</span>'


def _ownership_css(ownership: object) -> str:
    """A class for state-linked ownership (coloured and worded: the word is the cue)."""
    return "state" if ownership in STATE_LINKED else "other"


def _rejections(rejected: list[dict[str, Any]] | None) -> str | None:
    if not rejected:
        return None
    rows = [
        (esc(r.get("source")), f'<span class="reason">{esc(r.get("reason"))}</span>', esc(r.get("detail")))
        for r in rejected
    ]
    return table((_("Source"), _("Reason"), _("Detail")), rows)
