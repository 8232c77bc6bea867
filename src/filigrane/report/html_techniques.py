"""Persuasion techniques in the report and the app: the side list of a document, the corpus counts.

The highlights themselves are drawn with the others (`html_spans`); this module lists each span
with its technique, category, cues and target (grouped by category in `<details>`, which open and
close without JavaScript), and counts techniques per outlet and per story for the corpus page.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from filigrane.i18n import N_, _, decimal
from filigrane.report.html_common import anchor, esc, lang_attr, span_of, table
from filigrane.report.html_index import Corpus
from filigrane.techniques.taxonomy import CATEGORIES, CATEGORY_OF

#: Most frequent techniques shown in a corpus row.
TOP_TECHNIQUES = 5


def category_css(category: object) -> str:
    """A CSS-safe slug of a category ("Attack on reputation" -> "attack-on-reputation")."""
    return anchor(str(category).lower().replace(" ", "-")) or "other"


def technique_anchor(doc_id: object, technique_id: object) -> str:
    return anchor("tq-", doc_id, "-", technique_id)


def short_name(technique: object) -> str:
    """The visible tag of a highlight: the technique's name with spaces for underscores."""
    return str(technique).replace("_", " ")


#: The categories in words (the technique names stay SemEval's English ones, with a French gloss).
CATEGORY_WORDS = tuple(N_(category) for category in CATEGORIES)
#: A gloss of each SemEval technique name (its name with spaces), shown beside it in French.
GLOSSES = (
    N_("Name Calling-Labeling"),
    N_("Guilt by Association"),
    N_("Doubt"),
    N_("Appeal to Hypocrisy"),
    N_("Questioning the Reputation"),
    N_("Flag Waving"),
    N_("Appeal to Authority"),
    N_("Appeal to Popularity"),
    N_("Appeal to Values"),
    N_("Appeal to Fear-Prejudice"),
    N_("Causal Oversimplification"),
    N_("False Dilemma-No Choice"),
    N_("Consequential Oversimplification"),
    N_("Straw Man"),
    N_("Red Herring"),
    N_("Whataboutism"),
    N_("Slogans"),
    N_("Conversation Killer"),
    N_("Appeal to Time"),
    N_("Loaded Language"),
    N_("Obfuscation-Vagueness-Confusion"),
    N_("Exaggeration-Minimisation"),
    N_("Repetition"),
)


def category_word(category: object) -> str:
    """A category in the reader's language (an unknown one as it is)."""
    return _(category) if isinstance(category, str) and category in CATEGORIES else str(category)


def gloss(technique: object) -> str:
    """The technique's name in the reader's language when it differs from SemEval's ("" in English)."""
    name = short_name(technique)
    said = _(name) if name in GLOSSES else name
    return "" if said == name else said


def named(technique: object) -> str:
    """The SemEval name, then its gloss in parentheses when the reader's language has one."""
    meaning = gloss(technique)
    return short_name(technique) + (f" ({meaning})" if meaning else "")


def technique_title(technique: dict[str, Any]) -> str:
    """A highlight's tooltip: technique, category, cues, target and score, in words."""
    cues = "; ".join(str(cue.get("text")) for cue in technique.get("cues") or [])
    name, category = named(technique.get("technique")), category_word(technique.get("category"))
    parts = [_("technique: {name} ({category})", name=name, category=category)]
    if cues:
        parts.append(_("cues: {cues}", cues=cues))
    if technique.get("target"):
        parts.append(_("target: {target}", target=technique["target"]))
    return " — ".join(parts)


def techniques_aside(doc: dict[str, Any]) -> str:
    """The document's techniques, grouped by category, each linked to its place in the text."""
    techniques: list[dict[str, Any]] = doc.get("techniques") or []
    doc_id = str(doc.get("id", ""))
    heading_id = anchor("techniques-", doc_id)
    if not techniques:
        ran = "techniques" in (doc.get("analyses") or {})
        note = _("No persuasion technique found.") if ran else _("Not analysed.")
        return f'<h3 id="{heading_id}">{_("Persuasion techniques")}</h3><p class="muted">{note}</p>'
    lang = lang_attr(doc.get("language"))
    groups = []
    for category, names in CATEGORIES.items():
        found = [t for t in techniques if t.get("technique") in names]
        if not found:
            continue
        items = "".join(_item(doc_id, technique, lang) for technique in found)
        counts = Counter(str(t.get("technique")) for t in found)
        summary = ", ".join(f"{esc(short_name(name))} {count}" for name, count in counts.most_common())
        groups.append(
            f'<details class="tq-group" open data-category="{esc(category)}"><summary>'
            f'<span class="badge tqb tqb-{category_css(category)}">{esc(category_word(category))}</span> '
            f'<span class="small">{summary}</span></summary><ul class="technique-list">{items}</ul></details>'
        )
    heading = _("Persuasion techniques ({n})", n=len(techniques))
    return f'<h3 id="{heading_id}">{heading}</h3>{"".join(groups)}'


def _item(doc_id: str, technique: dict[str, Any], lang: str) -> str:
    name = str(technique.get("technique"))
    link = esc(short_name(name))
    meaning = f' <span class="gloss small">({esc(gloss(name))})</span>' if gloss(name) else ""
    if span_of(technique):
        link = f'<a href="#{technique_anchor(doc_id, technique.get("id"))}">{link}</a>'
    cues = "".join(f"<li><span{lang}>{esc(cue.get('text'))}</span></li>" for cue in technique.get("cues") or [])
    target = (
        f' <span class="label">{_("target:")}</span> <span class="tq-target"{lang}>{esc(technique["target"])}</span>'
        if technique.get("target")
        else ""
    )
    score = technique.get("score")
    score_text = (
        f' <span class="muted small">{_("score")} {decimal(score, 2)}</span>' if isinstance(score, int | float) else ""
    )
    return (
        f'<li class="technique-item" data-technique="{esc(name)}" data-category="{esc(technique.get("category"))}">'
        f'<strong class="tq-name">{link}</strong>{meaning}{target}{score_text} '
        f"<q{lang}>{esc(technique.get('text'))}</q>"
        + (f'<ul class="cues" aria-label="{esc(_("cues"))}">{cues}</ul>' if cues else "")
        + "</li>"
    )


def techniques_filter() -> str:
    """The technique and category filter of the controls (wired by the report's script)."""
    categories = "".join(f'<option value="{esc(c)}">{esc(category_word(c))}</option>' for c in CATEGORIES)
    names = "".join(
        f'<option value="{esc(n)}">{esc(named(n))}</option>' for names in CATEGORIES.values() for n in names
    )
    return (
        f'<p><label for="technique-filter">{_("Show only the technique")}</label> <select id="technique-filter">'
        f'<option value="">{_("any technique")}</option>{names}</select> '
        f'<label for="category-filter">{_("or the category")}</label> <select id="category-filter">'
        f'<option value="">{_("any category")}</option>{categories}</select></p>'
    )


def techniques_corpus(corpus: Corpus) -> str | None:
    """Techniques per outlet and per story: documents, spans, spans per 1,000 words, the most used."""
    analysed = [doc for doc in corpus.documents if "techniques" in (doc.get("analyses") or {})]
    if not analysed:
        return None
    by_outlet: dict[str, list[dict[str, Any]]] = {}
    for doc in analysed:
        names = {str(o.get("name") or o.get("outlet")) for o in doc.get("origins") or []} or {_("unknown outlet")}
        for name in sorted(names):
            by_outlet.setdefault(name, []).append(doc)
    outlets = [(f"<strong>{esc(name)}</strong>", docs) for name, docs in by_outlet.items()]
    stories = []
    ids = {str(doc.get("id")) for doc in analysed}
    for story in corpus.report.get("stories") or []:
        docs = [corpus.by_id[str(d)] for d in story.get("documents") or [] if str(d) in ids]
        if docs:
            label = f'<a href="{esc(corpus.story_href(story))}">{esc(story.get("label"))}</a>'
            stories.append((label, docs))
    body = f"<h4>{_('Per outlet')}</h4>" + _counts_table(_("Outlet"), outlets)
    if stories:
        body += f"<h4>{_('Per story')}</h4>" + _counts_table(_("Story"), stories)
    categories = Counter(
        CATEGORY_OF.get(str(t.get("technique")), "?") for d in analysed for t in d.get("techniques") or []
    )
    body += (
        f'<p class="muted small">{_("All documents, by category:")} '
        + (", ".join(f"{esc(category_word(c))} {n}" for c, n in categories.most_common()) or _("none"))
        + "</p>"
    )
    return body


def _counts_table(label: str, rows: list[tuple[str, list[dict[str, Any]]]]) -> str:
    cells = []
    for name, docs in sorted(rows, key=lambda row: -sum(len(d.get("techniques") or []) for d in row[1])):
        counts = Counter(str(t.get("technique")) for d in docs for t in d.get("techniques") or [])
        words = sum(len(str(d.get("text") or "").split()) for d in docs)
        spans = sum(counts.values())
        rate = decimal(1000 * spans / words, 1) if words else "—"
        top = ", ".join(f"{esc(short_name(n))} {c}" for n, c in counts.most_common(TOP_TECHNIQUES)) or "—"
        cells.append((name, str(len(docs)), str(spans), rate, top))
    return table((label, _("Documents"), _("Spans"), _("Per 1,000 words"), _("Most used")), cells)
