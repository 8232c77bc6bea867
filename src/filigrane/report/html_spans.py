"""Highlights in a document's text: claims, holders, cues, markers and entities as nested elements.

Spans overlap freely in the contract; HTML needs well-nested elements. The text is cut at every
span boundary and each piece wrapped in the spans that cover it, so nothing is lost or repeated.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from filigrane.i18n import _, semicolons
from filigrane.report.html_common import (
    CERTAINTIES,
    POLARITIES,
    as_int,
    claim_anchor,
    esc,
    holder_kind,
    holder_kind_label,
    holder_name,
    lang_attr,
    marker_label,
    marker_type,
    span_of,
    word,
)
from filigrane.report.html_techniques import category_css, short_name, technique_anchor, technique_title

# Nesting order when two spans cover the very same text: techniques outside, then claims; entities innermost.
_RANK = {"tq": -1, "claim": 0, "holder": 1, "cue": 2, "marker": 3, "ent": 4}
#: Highlights whose details a keyboard (Tab) or a tap reveals: their first fragment takes the focus
#: and report.css shows its `title` in a panel while it has it (no script needed).
_FOCUSABLE = frozenset({"tq", "claim", "holder", "cue", "marker"})


@dataclass(frozen=True)
class _Span:
    """One highlight: [start, end) in the document text, its classes, tooltip and optional anchor."""

    start: int
    end: int
    role: str
    css: str
    title: str
    tag: str = ""  # a short visible label (CSS generated content), so colour is never the only cue
    anchor: str = ""
    extra: tuple[tuple[str, str], ...] = ()

    def key(self) -> tuple[int, int, int, str]:
        return (self.start, -self.end, _RANK[self.role], self.css)

    def open(self, first: bool) -> str:
        element = "mark" if self.role == "ent" else "span"
        attrs = f' class="{esc(self.css)}" title="{esc(self.title)}"'
        attrs += "".join(f' {name}="{esc(value)}"' for name, value in self.extra)
        if first and self.tag:
            attrs += f' data-tag="{esc(self.tag)}"'
        if first and self.anchor:
            attrs += f' id="{esc(self.anchor)}"'
        if first and self.role in _FOCUSABLE:
            attrs += ' tabindex="0"'
        return f"<{element}{attrs}>"

    def close(self) -> str:
        return "</mark>" if self.role == "ent" else "</span>"


def _spans(doc: dict[str, Any]) -> list[_Span]:
    """Every highlight of a document, duplicates (the same holder or marker in two stances) merged."""
    spans: dict[tuple[int, int, str], _Span] = {}

    def add(item: dict[str, Any], fields: tuple[str, str], role: str, css: str, title: str, **more: Any) -> None:
        span = span_of(item, *fields)
        if span is not None:  # two claims on the same text keep an anchor each
            spans.setdefault((*span, css + more.get("anchor", "")), _Span(*span, role, css, title, **more))

    offsets = ("start", "end")
    for entity in doc.get("entities") or []:
        label = str(entity.get("label", ""))
        add(entity, offsets, "ent", "ent", _("entity: {label}", label=label), extra=(("data-label", label),))
    for claim in doc.get("claims") or []:
        claim_id = str(claim.get("id", ""))
        stances: list[dict[str, Any]] = claim.get("stances") or []
        anchor = claim_anchor(doc.get("id", ""), claim_id)
        add(claim, offsets, "claim", "hl claim", _claim_title(claim_id, claim, stances), tag=claim_id, anchor=anchor)
        for stance in stances:
            kind = holder_kind(stance.get("holder_kind"))
            said, holder = _stance_words(stance), holder_name(stance)
            role = f", {stance['holder_role']}" if stance.get("holder_role") else ""
            tag = holder_kind_label(stance.get("holder_kind"))
            title = _(
                "holder of claim {claim}: {holder} ({kind}), {said}",
                claim=claim_id,
                holder=holder + role,
                kind=tag,
                said=said,
            )
            add(stance, ("holder_start", "holder_end"), "holder", f"hl holder k-{kind}", title, tag=tag)
            title = _("cue of claim {claim}: {said}, held by {holder}", claim=claim_id, said=said, holder=holder)
            add(stance, ("cue_start", "cue_end"), "cue", "hl cue", title)
            for marker in stance.get("markers") or []:
                kind = marker_type(marker.get("type"))
                title = _(
                    "{marker}: marker of claim {claim}, held by {holder}",
                    marker=marker_label(marker),
                    claim=claim_id,
                    holder=holder,
                )
                add(marker, offsets, "marker", f"hl mk mk-{kind}", title, tag=marker_label({"type": kind}))
    for technique in doc.get("techniques") or []:
        name, category = str(technique.get("technique")), str(technique.get("category"))
        add(
            technique,
            offsets,
            "tq",
            f"hl tq tq-{category_css(category)}",
            technique_title(technique),
            tag=short_name(name),
            anchor=technique_anchor(doc.get("id", ""), technique.get("id")),
            extra=(("data-technique", name), ("data-category", category)),
        )
    return sorted(spans.values(), key=_Span.key)


def _stance_words(stance: dict[str, Any]) -> str:
    """How a stance is held, in words: "affirms, hedged" ("affirms a negation" for a negative proposition)."""
    polarity = word(stance.get("polarity"), POLARITIES)
    if stance.get("negated"):
        polarity = _("affirms a negation")
    return ", ".join(part for part in (polarity, word(stance.get("certainty"), CERTAINTIES)) if part)


def _claim_title(claim_id: str, claim: dict[str, Any], stances: list[dict[str, Any]]) -> str:
    """A claim's details: who holds it, how, and through which markers (shown on hover, focus or tap)."""
    head = _("claim {claim}", claim=claim_id) + (f" ({_('headline')})" if claim.get("headline") else "")
    held = semicolons(
        f"{holder_name(s)} ({holder_kind_label(s.get('holder_kind'))}) {_stance_words(s)}"
        + "".join(f", {marker_label(m)} «{m.get('text') or ''}»" for m in s.get("markers") or [])
        for s in stances
    )
    return f"{head}: {held}" if held else head


def _highlight(text: str, start: int, end: int, spans: list[_Span], opened: set[_Span]) -> str:
    """text[start:end] with the spans that touch it, as properly nested elements.

    Between two pieces only the elements that differ are closed and reopened, so overlapping spans
    become several well-nested fragments. The first fragment of a span carries its anchor and
    visible tag (`opened` remembers them).
    """
    inside = [s for s in spans if s.start < end and s.end > start]
    cuts = sorted({start, end, *(max(start, s.start) for s in inside), *(min(end, s.end) for s in inside)})
    out: list[str] = []
    stack: list[_Span] = []
    for left, right in pairwise(cuts):
        active = [s for s in inside if s.start <= left and right <= s.end]  # already in nesting order
        common = 0
        while common < len(stack) and common < len(active) and stack[common] is active[common]:
            common += 1
        out.extend(span.close() for span in reversed(stack[common:]))
        del stack[common:]
        for span in active[common:]:
            out.append(span.open(span not in opened))
            opened.add(span)
            stack.append(span)
        out.append(esc(text[left:right]))
    out.extend(span.close() for span in reversed(stack))
    return "".join(out)


def highlighted_paragraphs(doc: dict[str, Any]) -> str:
    """The clean text as paragraphs (the title first), every highlight added around escaped text."""
    text = str(doc.get("text") or "")
    spans = _spans(doc)
    opened: set[_Span] = set()
    parts: list[str] = []
    language = doc.get("language")
    for number, paragraph in enumerate(doc.get("paragraphs") or [{"start": 0, "end": len(text)}]):
        start, end = as_int(paragraph.get("start")) or 0, as_int(paragraph.get("end")) or 0
        css = ' class="title"' if number == 0 else ""
        own = paragraph.get("language")
        lang = lang_attr(own) if own and own != language else ""
        parts.append(f"<p{css}{lang}>{_highlight(text, start, end, spans, opened)}</p>")
    return "".join(parts)
