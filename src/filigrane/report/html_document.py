"""One document's annotated reading: metadata, highlighted text, its claims and narratives, the removed parts.

`document_html` returns an HTML fragment (an `<article>`) that the report and the web app both use.
"""

from __future__ import annotations

from typing import Any

from filigrane.claim_records import BARE_QUOTE_CUE
from filigrane.i18n import N_, _, _n, decimal, semicolons
from filigrane.report.html_common import (
    HOLDER_KINDS,
    MARKER_TYPES,
    POLARITIES,
    STANCE_KINDS,
    anchor,
    certainty_badge,
    claim_href,
    doc_anchor,
    esc,
    external_link,
    holder_kind,
    holder_kind_badge,
    holder_name,
    lang_attr,
    marker_label,
    marker_type,
    origin_badges,
    section,
    span_of,
    word,
)
from filigrane.report.html_index import Corpus
from filigrane.report.html_spans import highlighted_paragraphs
from filigrane.report.html_techniques import techniques_aside, techniques_filter

#: Highlight layers a reader may hide (with JavaScript on): CSS class on <body> is "hide-<layer>".
LAYERS: dict[str, str] = {
    "claim": N_("claims"),
    "holder": N_("holders"),
    "cue": N_("cues"),
    "mk": N_("markers"),
    "ent": N_("entities"),
    "tq": N_("persuasion techniques"),
}


def document_html(doc: dict[str, Any], corpus: Corpus | None = None) -> str:
    """One document of a contract-v1 dict as an `<article>`: everything a reader needs about it.

    With the `corpus` it belongs to, it also links to its stories, its copies and, for each claim,
    the claim groups that say the same elsewhere.
    """
    doc_id = str(doc.get("id", ""))
    title_id = anchor("title-", doc_id)
    lang = lang_attr(doc.get("language"))
    removed: list[dict[str, Any]] = doc.get("removed") or []
    analyses = ", ".join(f"{esc(k)}: {esc(v)}" for k, v in (doc.get("analyses") or {}).items())
    return (
        f'<article class="document" id="{doc_anchor(doc_id)}" aria-labelledby="{title_id}">'
        f'<h2 id="{title_id}"{lang}>{esc(doc.get("title") or doc_id)}</h2>'
        f"{_meta(doc)}{_in_corpus(doc_id, corpus) if corpus else ''}"
        f'{_skip_text(doc_id)}<div class="doc-body"><div class="text"{lang}>{highlighted_paragraphs(doc)}</div>'
        f"{_claims(doc, corpus)}</div>"
        f"{_narratives(doc)}{_removed(removed)}"
        f'<p class="muted small">{_("Analyses:")} {analyses}</p></article>'
    )


def _skip_text(doc_id: str) -> str:
    """A link the Tab key meets first: past the text's focusable highlights, straight to its claims list."""
    return (
        f'<a class="skip-text" href="#{anchor("claims-", doc_id)}">{_("Skip the highlighted text to its claims")}</a>'
    )


def _meta(doc: dict[str, Any]) -> str:
    """Labelled facts about the document: words, not colours, say what each one is."""
    publisher = doc.get("publisher") or {}
    publisher_text = esc(publisher.get("name") or publisher.get("domain"))
    if publisher.get("name") and publisher.get("domain"):
        publisher_text += f" ({esc(publisher['domain'])})"
    evidence = " ".join(
        f'<span class="badge evidence" title="{esc(e.get("kind"))}">{esc(e.get("text"))}</span>'
        for e in doc.get("evidence") or []
    )
    rows = [
        (_("Origin"), origin_badges(doc.get("origins") or []) or f'<span class="badge">{_("unknown outlet")}</span>'),
        (_("Publisher"), publisher_text or "—"),
        (_("Date"), esc(doc.get("date")) or _("unknown")),
        (_("Language"), esc(doc.get("language")) or _("unknown")),
        (_("Source"), esc(doc.get("source"))),
    ]
    if doc.get("url"):
        rows.append((_("URL"), external_link(doc.get("url"))))
    if doc.get("tags"):
        rows.append((_("Tags"), " ".join(f'<span class="badge">#{esc(tag)}</span>' for tag in doc["tags"])))
    if evidence:
        rows.append((_("Provenance traces"), evidence))
    return _facts(rows)


def _in_corpus(doc_id: str, corpus: Corpus) -> str:
    """The stories this document belongs to and its copies elsewhere in the corpus."""
    rows = []
    stories = corpus.stories_of.get(doc_id, [])
    if stories:
        links = ", ".join(
            f'<a href="{esc(corpus.story_href(s))}">{esc(s.get("label"))}</a>'
            if len(s.get("documents") or []) > 1
            else f'<a href="{esc(corpus.story_href(s))}">{_("alone")}</a> '
            f"({_('no other document here reports this event')})"
            for s in stories
        )
        rows.append((_("Story"), links))
    copies = corpus.copies_of.get(doc_id)
    if copies:
        origin = copies.get("origin_document")
        role = _("the origin copy") if origin == doc_id else _("a copy") if origin else _("one of the copies")
        others = [other for other in copies.get("documents") or [] if other != doc_id]
        marked = f" ({_('origin copy')})"
        links = ", ".join(corpus.doc_link(other) + (marked if other == origin else "") for other in others)
        rows.append((_("Reposts"), _("{role}, with {links}", role=role, links=links)))
    return _facts(rows, f' aria-label="{esc(_("in this corpus"))}"') if rows else ""


def _facts(rows: list[tuple[str, str]], attrs: str = "") -> str:
    """Labelled facts (label, already escaped HTML) as a description list."""
    items = "".join(f'<div class="fact"><dt>{label}</dt><dd>{value}</dd></div>' for label, value in rows)
    return f'<dl class="meta"{attrs}>{items}</dl>'


def _also_in(doc_id: str, claim_id: str, corpus: Corpus | None) -> str:
    """The claim groups a claim belongs to: the same proposition in other documents."""
    if corpus is None or not corpus.groups_of.get((doc_id, claim_id)):
        return ""
    links = semicolons(
        f'<a href="{esc(corpus.group_href(g))}">{esc(g.get("label"))}</a> ('
        + _n("{n} claim", "{n} claims", len(g.get("claims") or []))
        + ", "
        + _(
            "{origins} independent origins, {owners} independent owners",
            origins=esc(g.get("independent_origins")),
            owners=esc(g.get("independent_owners", "—")),
        )
        + ")"
        for g in corpus.groups_of[doc_id, claim_id]
    )
    return f'<p class="also-in small"><span class="label">{_("Claim group:")}</span> {links}</p>'


def _claims(doc: dict[str, Any], corpus: Corpus | None) -> str:
    """The side list: each claim, linked to its place in the text, with its stances."""
    claims: list[dict[str, Any]] = doc.get("claims") or []
    heading_id = anchor("claims-", doc.get("id", ""))
    actors = _actors(doc) + techniques_aside(doc)
    if not claims:
        return _aside(heading_id, _("Claims"), f'<p class="muted">{_("No claim detected.")}</p>' + actors)
    lang = lang_attr(doc.get("language"))
    items = []
    for claim in claims:
        stances: list[dict[str, Any]] = claim.get("stances") or []
        kinds = " ".join(sorted({holder_kind(stance.get("holder_kind")) for stance in stances}))
        headline = f' <span class="badge headline">{_("headline")}</span>' if claim.get("headline") else ""
        if claim.get("negated"):  # a negative proposition, affirmed: not a denial
            headline += (
                f' <span class="badge negated" title="{esc(_("the proposition itself is negative"))}">'
                f"{_('negated')}</span>"
            )
        href = claim_href(str(doc.get("id", "")), str(claim.get("id", "")))
        # A claim without a place in the text is anchored here, so links to it still land.
        own_id = "" if span_of(claim) else f' id="{href[1:]}"'
        items.append(
            f'<li class="claim-item" data-kinds="{kinds}"{own_id}><a class="claim-id" href="{href}">'
            f"{esc(claim.get('id'))}</a>{headline} "
            f'<q class="claim-text"{lang}>{esc(claim.get("text"))}</q>'
            f"{_also_in(str(doc.get('id', '')), str(claim.get('id', '')), corpus)}"
            f'<ul class="stances">{"".join(_stance(stance, lang) for stance in stances)}</ul></li>'
        )
    return _aside(heading_id, _("Claims ({n})", n=len(claims)), f'<ol class="claim-list">{"".join(items)}</ol>{actors}')


def _actors(doc: dict[str, Any]) -> str:
    """The side list of the people and bodies the claims are attributed to, with their roles."""
    actors: list[dict[str, Any]] = doc.get("actors") or []
    if not actors:
        return ""
    lang = lang_attr(doc.get("language"))
    heading_id = anchor("actors-", doc.get("id", ""))
    items = "".join(
        f'<li class="actor">{holder_kind_badge(actor.get("kind"))} <span class="holder-name"{lang}>'
        f"{esc(actor.get('name'))}</span>"
        + "".join(f' <span class="holder-role small"{lang}>{esc(role)}</span>' for role in actor.get("roles") or [])
        + f' <span class="muted small">({_mentions(actor)})</span></li>'
        for actor in actors
    )
    return f'<h3 id="{heading_id}">{_("Actors ({n})", n=len(actors))}</h3><ul class="actor-list">{items}</ul>'


def _mentions(actor: dict[str, Any]) -> str:
    return _n("{n} mention", "{n} mentions", len(actor.get("mentions") or []))


def _aside(heading_id: str, heading: str, body: str) -> str:
    return f'<aside class="claims" aria-labelledby="{heading_id}"><h3 id="{heading_id}">{heading}</h3>{body}</aside>'


def _stance(stance: dict[str, Any], lang: str) -> str:
    """Who holds the claim (name, then role in smaller type), through which cue, affirmed or denied (a
    negative proposition affirmed is `affirms`, flagged, never a denial), how certain, and the markers."""
    polarity = str(stance.get("polarity") or "")
    holder = esc(holder_name(stance))
    cue = f' <span class="cue-text"{lang}>{esc(stance["cue"])}</span>' if stance.get("cue") else ""
    if stance.get("cue") == BARE_QUOTE_CUE:  # a quotation no verb frames: say so, not « «» »
        cue = f' <span class="cue-bare">{_("quotation, no reporting verb")}</span>'

    markers = "".join(
        f'<li><span class="badge mk-badge mkb-{marker_type(m.get("type"))}">{esc(marker_label(m))}</span> '
        f"<span{lang}>{esc(m.get('text'))}</span></li>"
        for m in stance.get("markers") or []
    )
    pol_css = polarity if polarity in POLARITIES else "other"
    role = (
        f' <span class="holder-role small"{lang}>{esc(stance["holder_role"])}</span>'
        if stance.get("holder_role")
        else ""
    )
    negated = f' <span class="badge negated">{_("affirms a negation")}</span>' if stance.get("negated") else ""
    return (
        f'<li class="stance">{holder_kind_badge(stance.get("holder_kind"))} '
        f'<span class="holder-name"{lang}>{holder}</span>{role}{cue} '
        f'<span class="badge pol pol-{pol_css}">{esc(word(polarity, POLARITIES))}</span>{negated} '
        f"{certainty_badge(stance.get('certainty'))}"
        + _stance_kind(stance)
        + (f'<ul class="markers" aria-label="{esc(_("markers"))}">{markers}</ul>' if markers else "")
        + "</li>"
    )


def _stance_kind(stance: dict[str, Any]) -> str:
    """How the stance is reported (quoted, paraphrased, "according to"), in words; nothing for the
    author's own (the holder's badge already says it)."""
    kind = stance.get("kind")
    return f' <span class="muted small">({esc(word(kind, STANCE_KINDS))})</span>' if kind and kind != "author" else ""


def narrative_entry(match: dict[str, Any]) -> str:
    """A catalogue entry's title, its catalogue, its disproof and its link (shown as text unless http/https)."""
    url = (
        f'<p class="source-link">{_("Catalogue entry:")} {external_link(match["url"])}</p>' if match.get("url") else ""
    )
    disproof = esc(match.get("disproof")) or f'<span class="muted">{_("no disproof in the catalogue")}</span>'
    catalogue = (
        f', {_("catalogue")} <span class="catalogue">{esc(match["catalogue"])}</span>' if match.get("catalogue") else ""
    )
    return (
        f'<p><strong class="narrative-title">{esc(match.get("title") or match.get("entry_id"))}</strong> '
        f'<span class="muted small">({esc(match.get("entry_id"))}{catalogue})</span></p>'
        f'<p class="disproof"><span class="label">{_("Disproof:")}</span> {disproof}</p>{url}'
    )


#: Characters of a whole-document match's text quoted (title, opening and claims run to 1,800).
WHOLE_DOCUMENT_QUOTE = 200


def whole_document() -> str:
    """How a match made by the whole document (title, lede and claims together), not one claim, is said."""
    return f'<span class="muted small">({_("the document as a whole: title, opening and claims")})</span>'


def narrative_threshold(documents: list[dict[str, Any]], order: str) -> str:
    """What a match means, with the threshold the run used (`analyses.narratives`: `encoder@threshold`),
    and how the matches are ordered."""
    runs = {str((doc.get("analyses") or {}).get("narratives") or "") for doc in documents} - {""}
    thresholds = sorted({run.rpartition("@")[2] for run in runs if "@" in run})
    if thresholds:
        needed = _("with a score of {threshold} or more", threshold=esc(f" {_('or')} ".join(thresholds)))
    else:
        needed = _("with a score")
    what = _(
        "A claim, or a document as a whole, matches a catalogue entry {needed} (sentence-vector cosine plus "
        "the cosine of the words they share); {order}.",
        needed=needed,
        order=order,
    )
    return f'<p class="muted small">{what}</p>'


def score(value: object) -> str:
    return decimal(value, 2) if isinstance(value, int | float) and not isinstance(value, bool) else esc(value)


def _narratives(doc: dict[str, Any]) -> str:
    """Known narratives this document's claims match, best first, with the catalogue's disproof."""
    matches: list[dict[str, Any]] = doc.get("narratives") or []
    if not matches:
        return ""
    doc_id, lang = str(doc.get("id", "")), lang_attr(doc.get("language"))
    claim_ids = {str(claim.get("id")) for claim in doc.get("claims") or []}
    items = []
    for match in matches:
        claim = ""
        if str(match.get("claim_id")) in claim_ids:  # a link only where the claim's anchor is
            href = claim_href(doc_id, str(match["claim_id"]))
            claim = f' {_("in claim")} <a href="{href}">{esc(match["claim_id"])}</a>'
        elif match.get("claim_id"):
            claim = f" {_('in claim')} {esc(match['claim_id'])}"
        else:
            claim = f" {whole_document()}"
        text = str(match.get("matched_text") or "")
        if not match.get("claim_id") and len(text) > WHOLE_DOCUMENT_QUOTE:  # the page shows the rest
            text = text[: text.rfind(" ", 0, WHOLE_DOCUMENT_QUOTE) + 1 or WHOLE_DOCUMENT_QUOTE].rstrip() + " …"
        items.append(
            f'<li class="narrative">{narrative_entry(match)}'
            f'<p class="small">{_("Score")} {score(match.get("score"))}{claim}{_(":")} '
            f"<q{lang}>{esc(text)}</q></p></li>"
        )
    heading = _("Known narratives matched ({n})", n=len(matches))
    order = _("best ranked first, the ranking also weighing how specific each entry is")
    body = f'{narrative_threshold([doc], order)}<ol class="narrative-list">{"".join(items)}</ol>'
    return section(anchor("narr-", doc_id), heading, body)


def _removed(removed: list[dict[str, Any]]) -> str:
    """Boilerplate folded away on screen; a plain copy is printed instead, so paper loses nothing."""
    items = "".join(
        f'<li><span class="reason">{esc(r.get("reason"))}</span> {esc(r.get("text"))}</li>' for r in removed
    )
    summary = _("Removed boilerplate ({n})", n=len(removed))
    return (
        f'<details class="removed screen-only"><summary>{summary}</summary><ul>{items}</ul></details>'
        f'<div class="removed print-only"><p class="label">{summary}</p><ul>{items}</ul></div>'
    )


_MARKER_SAMPLES = {
    "quote": "« cité mot pour mot »",
    "conditional": "aurait",
    "hedge": "il semble que",
    "booster": "certainement",
    "denial": "dément",
    "evidence": "selon le rapport",
}


def legend_html() -> str:
    """What each highlight means, plus display controls that only appear when the script runs."""
    holders = "".join(
        f'<li><span class="hl holder k-{kind}" data-tag="{esc(_(label))}">{_("Holder")}</span></li>'
        for kind, label in HOLDER_KINDS.items()
    )
    markers = "".join(
        f'<li><span class="hl mk mk-{kind}" data-tag="{esc(_(label))}" lang="fr">'
        f"{esc(_MARKER_SAMPLES[kind])}</span></li>"
        for kind, label in MARKER_TYPES.items()
    )
    return (
        f'<section class="legend" aria-labelledby="legend"><h2 id="legend">{_("How to read the texts")}</h2>'
        '<ul class="legend-list">'
        f'<li><span class="hl claim" data-tag="c1">{_("A claim (underlined, numbered)")}</span></li>'
        f'<li><span class="hl cue">{_("A cue, the verb or phrase that reports it (bold)")}</span></li>'
        f'<li><mark class="ent" data-label="PER">{_("A named entity")}</mark> ({_("dotted")})</li>'
        '<li><span class="hl tq tq-manipulative-wording" data-tag="Loaded Language">'
        f"{_('A persuasion technique')}</span> "
        f"({_('underlined in the colour of its category; listed beside the text with its cues and target')})</li></ul>"
        f'<h3>{_("Who holds a claim (background colour and label)")}</h3><ul class="legend-list">{holders}</ul>'
        f'<h3>{_("Markers (border style and label)")}</h3><ul class="legend-list">{markers}</ul>'
        f'<p class="muted">{_(_HOW_TO_READ)}</p>'
        f"{_controls()}</section>"
    )


_HOW_TO_READ = N_(
    "Hover any highlight for its details, or reach it with the Tab key or a tap: its details then show at "
    "the bottom of the window. Each claim is listed with its stances beside the text (below it on narrow "
    "screens and in print)."
)


def _controls() -> str:
    """Layer toggles and a holder-kind filter; `hidden` until the script wires them up."""
    layers = "".join(
        f'<label><input type="checkbox" data-layer="{layer}" checked> {_(label)}</label>'
        for layer, label in LAYERS.items()
    )
    kinds = "".join(f'<option value="{kind}">{esc(_(label))}</option>' for kind, label in HOLDER_KINDS.items())
    return (
        '<div class="controls" id="controls" hidden>'
        f"<fieldset><legend>{_('Show highlights')}</legend>{layers}</fieldset>"
        f'<p><label for="holder-filter">{_("List only claims held by")}</label> <select id="holder-filter">'
        f'<option value="">{_("any holder")}</option>{kinds}<option value="other">{_("other")}</option></select></p>'
        f"{techniques_filter()}</div>"
    )
