"""What links a document to the rest of the corpus, and what a link to a document or claim shows.

One `Corpus` is built per report; the corpus page and each document's section both read it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any, Literal

from filigrane.i18n import _
from filigrane.report.html_common import DocumentUrl, anchor, claim_href, doc_href, esc, lang_attr

#: Maps ("story" or "claim_group", its id) to the page drawing its spread (a web app).
SpreadUrl = Callable[[Literal["story", "claim_group"], str], str] | None


def story_anchor(story_id: object) -> str:
    return anchor("story-", story_id)


def group_anchor(group_id: object) -> str:
    return anchor("group-", group_id)


def claim_pairs(claims: object) -> list[tuple[object, object]]:
    """A claim group's [document_id, claim_id] pairs, malformed entries skipped."""
    if not isinstance(claims, list):
        return []
    return [(pair[0], pair[1]) for pair in claims if isinstance(pair, list | tuple) and len(pair) == 2]


class Corpus:
    """Look-ups from ids to what a link shows (titles, languages, claim texts) and from a document
    to the stories, claim groups and repost groups it belongs to, built once for the whole report.

    `document_url` maps a document id to its page and `corpus_url` is the corpus page (the web app);
    by default both are sections of the same page. `spread_url` maps a story or claim group to its
    own page (timeline and graph); without it, the report draws them in place.
    """

    def __init__(
        self,
        report: dict[str, Any],
        document_url: DocumentUrl = None,
        corpus_url: str = "",
        spread_url: SpreadUrl = None,
    ) -> None:
        self.report = report
        self.documents: list[dict[str, Any]] = report.get("documents") or []
        self.document_url, self.corpus_url, self.spread_url = document_url, corpus_url, spread_url
        self.by_id = {str(doc.get("id")): doc for doc in self.documents}
        origins = (origin for doc in self.documents for origin in doc.get("origins") or [])
        self.outlet_names = {o.get("outlet"): str(o.get("name") or o.get("outlet")) for o in origins}
        self.stories_of: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for story in report.get("stories") or []:
            for doc_id in story.get("documents") or []:
                self.stories_of[str(doc_id)].append(story)
        self.groups_of: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
        for group in report.get("claim_groups") or []:
            for doc_id, claim_id in claim_pairs(group.get("claims")):
                self.groups_of[str(doc_id), str(claim_id)].append(group)
        self.copies_of: dict[str, dict[str, Any]] = {}
        for copies in report.get("reposts") or []:
            for doc_id in copies.get("documents") or []:
                self.copies_of[str(doc_id)] = copies

    def story_href(self, story: dict[str, Any]) -> str:
        return f"{self.corpus_url}#{story_anchor(story.get('id'))}"

    def group_href(self, group: dict[str, Any]) -> str:
        return f"{self.corpus_url}#{group_anchor(group.get('id'))}"

    def _claim(self, doc_id: object, claim_id: object) -> dict[str, Any] | None:
        claims = self.by_id.get(str(doc_id), {}).get("claims") or []
        return next((c for c in claims if str(c.get("id")) == str(claim_id)), None)

    def doc_link(self, doc_id: object) -> str:
        """The document's title linked to it; an id this report lacks stays text (no dangling link)."""
        doc = self.by_id.get(str(doc_id))
        if doc is None and self.document_url is None:
            return f'<span class="missing" title="{esc(_("not in this report"))}">{esc(doc_id)}</span>'
        doc = doc or {}
        href = esc(doc_href(str(doc_id), self.document_url))
        return f'<a href="{href}"{lang_attr(doc.get("language"))}>{esc(doc.get("title") or doc_id)}</a>'

    def claim_link(self, doc_id: object, claim_id: object, with_text: bool = True) -> str:
        """The claim id linked to its span, then (optionally) its text and its document."""
        claim = self._claim(doc_id, claim_id)
        if claim is None and self.document_url is None:
            link = f'<span class="claim-id missing" title="{esc(_("not in this report"))}">{esc(claim_id)}</span>'
        else:
            href = esc(claim_href(str(doc_id), str(claim_id), self.document_url))
            link = f'<a class="claim-id" href="{href}">{esc(claim_id)}</a>'
        if not with_text:
            return link
        language = self.by_id.get(str(doc_id), {}).get("language")
        text = f" <q{lang_attr(language)}>{esc(claim.get('text'))}</q>" if claim and claim.get("text") else ""
        return f'{link}{text} <span class="muted small">{_("in")}</span> {self.doc_link(doc_id)}'

    def doc_links(self, doc_ids: Iterable[object]) -> str:
        return '<ul class="plain">' + "".join(f"<li>{self.doc_link(d)}</li>" for d in doc_ids) + "</ul>"

    def origin_label(self, origin: object) -> str:
        """A claim group's origin: the outlet's name, or the unsigned document it stands for."""
        if isinstance(origin, str) and origin in self.outlet_names:
            return esc(self.outlet_names[origin])
        if str(origin) in self.by_id:
            return f"{_('unsigned:')} {self.doc_link(origin)}"
        return esc(origin)
