"""The HTML report of one document: self-contained, strict CSP, and a hostile article renders inert."""

from __future__ import annotations

import base64
import hashlib
import re
from html import escape
from html.parser import HTMLParser
from typing import Any

import pytest

import filigrane
from filigrane.claim_records import BARE_QUOTE_CUE
from filigrane.document import Document
from filigrane.i18n import Language, gettext, speaking
from filigrane.report.contract import document_to_dict
from filigrane.report.html import document_html, render_report, report_csp, report_css, report_js

HOSTILE = (
    "<script>alert(1)</script> Un titre piégé pour voir\n\n"
    'Le texte contient <img src=x onerror=alert(2)> et un lien <a href="javascript:alert(3)">cliquez</a> '
    "ainsi que des guillemets \" et des apostrophes ' pour casser les attributs, sans oublier </p></article>.\n\n"
    "Un deuxième paragraphe, plus calme, qui raconte que le conseil municipal a voté le budget mardi soir.\n"
)
#: Attributes the report writes; anything else in the output came from data.
ALLOWED_ATTRIBUTES = frozenset(
    {"class", "title", "id", "href", "rel", "lang", "data-tag", "data-label", "data-kinds", "data-layer", "tabindex"}
    | {"aria-labelledby", "aria-label", "charset", "http-equiv", "content", "name", "scope", "open", "hidden"}
    | {"type", "checked", "value", "for"}
    | {"data-technique", "data-category"}
    # Inline SVG pictures (spread timelines and graphs, bar charts): geometry only, no style, no script.
    | {"xmlns", "viewbox", "width", "height", "role", "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "d"}
    | {"refx", "refy", "markerwidth", "markerheight", "orient", "marker-end"}
)
VOID = frozenset({"meta", "br", "img", "hr", "link", "input", "wbr"})
#: The report in each of its languages: structure, escaping and links hold in both.
BOTH = pytest.mark.parametrize("lang", ["fr", "en"])


def said(lang: Language, message: str, **values: object) -> str:
    """A message of the report's catalogue as the report in `lang` writes it."""
    with speaking(lang):
        return gettext(message, **values)


class Tree(HTMLParser):
    """Checks that elements nest properly; collects tags, scripts and the text of each article paragraph."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict[str, str | None]]] = []
        self.errors: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.paragraphs: list[str] = []
        self.scripts: list[str] = []

    def _in_text(self) -> bool:
        return any(tag == "div" and "text" in (attrs.get("class") or "").split() for tag, attrs in self.stack)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag in VOID:
            return
        if tag == "p" and self._in_text():
            self.paragraphs.append("")
        if tag == "script":
            self.scripts.append("")
        self.stack.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if not self.stack or self.stack[-1][0] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1][0] if self.stack else 'nothing'}")
            return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        if self._in_text() and any(tag == "p" for tag, _ in self.stack):
            self.paragraphs[-1] += data
        if self.stack and self.stack[-1][0] == "script":
            self.scripts[-1] += data


def parse_page(page: str) -> Tree:
    """The parsed page, asserted well nested, with no attribute, tag or link that data could have injected."""
    tree = Tree()
    tree.feed(page)
    tree.close()
    assert not tree.errors, tree.errors[:5]
    assert [tag for tag, _ in tree.stack] == [], "unclosed elements"
    assert tree.scripts in ([], [report_js()]), "a script other than the report's own"
    for tag, attrs in tree.tags:
        assert tag not in {"img", "iframe", "object", "embed", "b", "i", "base", "form"}, tag
        assert set(attrs) <= ALLOWED_ATTRIBUTES, (tag, attrs)
        assert all(not v or not v.strip().lower().startswith(("javascript:", "data:")) for v in attrs.values())
        if tag == "a":
            href = attrs["href"] or ""
            assert href.startswith("#") or (
                re.match(r"https?://", href) and attrs.get("rel") == "noopener noreferrer"
            ), attrs
    classes = {c for _, attrs in tree.tags for c in (attrs.get("class") or "").split()}
    assert all(re.fullmatch(r"[a-z0-9_-]+", c) for c in classes), classes  # nothing hostile became a class
    ids = [attrs["id"] for _, attrs in tree.tags if attrs.get("id")]
    assert all(re.fullmatch(r"[A-Za-z0-9_-]+", i or "") for i in ids), ids
    assert len(ids) == len(set(ids)), "duplicate ids"  # a span cut into fragments keeps one anchor
    return tree


def internal_links_resolve(page: str) -> None:
    """Every in-page link (table of contents, documents, claims) has its target."""
    targets = set(re.findall(r'\sid="([^"]+)"', page))
    missing = {href for href in re.findall(r'href="#([^"]*)"', page) if href not in targets}
    assert not missing, sorted(missing)[:5]


def sha256_source(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


@BOTH
@pytest.mark.parametrize("nlp", [False, True], ids=["text-only", "with-claims"])
def test_hostile_article_is_escaped_everywhere(nlp: bool, lang: Language) -> None:
    result = filigrane.analyze([HOSTILE], filigrane.PipelineOptions(nlp=nlp))
    assert len(result.documents) == 1
    assert bool(result.documents[0].claims) == nlp  # with NLP, claim highlights wrap the hostile text too
    page = render_report(result.to_dict(), lang=lang)
    parse_page(page)
    assert page.lower().count("<script") == 1  # ours, at the end
    assert not re.search(r"<img\b", page, re.IGNORECASE)
    assert "javascript:" not in page.replace("javascript:alert(3)&quot;", "")  # only escaped text remains
    assert "onerror=" not in page.replace("onerror=alert(2)&gt;", "")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert page.count("</article>") == 1


@BOTH
def test_csp_allows_only_the_hashes_of_our_script_and_style(demo_result: filigrane.Result, lang: Language) -> None:
    page = render_report(demo_result.to_dict(), lang=lang)
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)
    assert csp and csp.group(1) == report_csp()
    directives = dict(d.strip().split(" ", 1) for d in csp.group(1).split(";"))
    assert directives["default-src"] == "'none'" and directives["base-uri"] == "'none'"
    script = re.search(r"<script>(.*?)</script>", page, re.DOTALL)
    style = re.search(r"<style>(.*?)</style>", page, re.DOTALL)
    assert script and style
    assert directives["script-src"] == sha256_source(script.group(1)) == sha256_source(report_js())
    assert directives["style-src"] == sha256_source(style.group(1)) == sha256_source(report_css())
    assert "unsafe" not in csp.group(1)
    assert page.index("Content-Security-Policy") < page.index("<style>")  # the policy comes first
    tree = parse_page(page)
    assert not any(name.startswith("on") for _, attrs in tree.tags for name in attrs)  # no inline handlers


@BOTH
def test_report_is_self_contained_and_printable(demo_result: filigrane.Result, lang: Language) -> None:
    page = render_report(demo_result.to_dict(), lang=lang)
    assert not re.search(r"""\ssrc=""", page)  # nothing loaded, from the network or elsewhere
    assert "<link" not in page and "@import" not in page and "url(" not in report_css()
    for doc in demo_result.documents:
        assert f'id="doc-{doc.id}"' in page
    internal_links_resolve(page)
    # Folded boilerplate is also printed in full: each removed text twice (screen fold, print copy).
    for doc in demo_result.to_dict()["documents"]:
        fragment, texts = document_html(doc), [r["text"] for r in doc["removed"]]
        assert all(fragment.count(f"</span> {escape(r)}</li>") == 2 * texts.count(r) for r in texts)
    print_css = report_css()[report_css().index("@media print") :]
    assert ".print-only{display:block}" in print_css and ".screen-only,.controls{display:none}" in print_css
    # JavaScript off: the controls stay hidden, everything else is plain HTML.
    assert '<div class="controls" id="controls" hidden>' in page


def _hostile_contract() -> dict[str, Any]:
    """The hostile article with hand-made claims whose texts, holders and markers are hostile and overlap."""
    report = filigrane.analyze([HOSTILE], filigrane.PipelineOptions(nlp=False)).to_dict()
    doc = report["documents"][0]
    text: str = doc["text"]
    img, link, quote = text.index("<img"), text.index("<a href"), text.index('guillemets "')
    doc["entities"] = [{"text": "x", "label": '"><script>alert(9)</script>', "start": img + 5, "end": img + 15}]
    doc["claims"] = [
        {
            "id": 'c1"><script>alert(5)</script>',
            "text": text[0:25],
            "start": 0,
            "end": 25,
            "entities": [],
            "headline": True,
            "stances": [
                {
                    "holder": None,
                    "holder_kind": "author",
                    "cue": None,
                    "polarity": "affirms",
                    "certainty": "neutral",
                    "markers": [{"type": "quote", "text": text[8:16], "start": 8, "end": 16}],
                }
            ],
        },
        {
            "id": "c2",
            "text": text[img:quote],
            "start": img,
            "end": quote + 12,
            "entities": [],
            "stances": [
                {
                    "holder": '<script>alert(6)</script>"',
                    "holder_kind": '"><script>alert(7)</script>',
                    "holder_start": img - 9,
                    "holder_end": img + 10,  # overlaps the start of the claim
                    "cue": "<b onmouseover=alert(8)>",
                    "cue_start": link - 5,
                    "cue_end": link + 12,
                    "polarity": "denies",
                    "certainty": 'boosted"><script>',
                    "kind": "<i>direct</i>",
                    "markers": [
                        {"type": "hedge", "text": text[img + 3 : link + 20], "start": img + 3, "end": link + 20},
                        {"type": "denial", "text": text[link : quote + 12], "start": link, "end": quote + 12},
                        {"type": '"><script>', "text": "</ol></aside>", "start": quote, "end": 300},  # crosses ¶
                    ],
                }
            ],
        },
    ]
    return report


@BOTH
def test_hostile_claims_and_markers_stay_inert_and_well_nested(lang: Language) -> None:
    report = _hostile_contract()
    page = render_report(report, lang=lang)
    assert page.lower().count("<script") == 1
    assert not re.search(r"<(img|a href=\"javascript|b onmouseover)", page, re.IGNORECASE)
    tree = parse_page(page)
    classes = {c for _, attrs in tree.tags for c in (attrs.get("class") or "").split()}
    assert {"k-other", "mk-other", "mk-hedge", "mk-denial", "mk-quote", "claim", "holder", "cue"} <= classes
    doc = report["documents"][0]
    # No character lost or duplicated, however the spans overlap.
    assert tree.paragraphs == [doc["text"][p["start"] : p["end"]] for p in doc["paragraphs"]]
    assert page.count("</article>") == 1
    internal_links_resolve(page)


@BOTH
def test_hostile_narratives_url_and_language_stay_inert(lang: Language) -> None:
    report = _hostile_contract()
    doc = report["documents"][0]
    doc["id"] = '"><script>alert(18)</script>'
    doc["url"] = "javascript:alert(10)"
    doc["language"] = 'fr" onmouseover="alert(11)'
    doc["publisher"] = {"domain": "<script>x</script>", "name": '"><img src=x>', "outlet": None}
    doc["narratives"] = [
        {
            "entry_id": "<script>alert(12)</script>",
            "title": "<img src=x onerror=alert(13)>",
            "score": "<b>",
            "matched_text": "</q></li></ol><script>alert(14)</script>",
            "claim_id": 'c2" onclick="alert(15)',
            "disproof": "<a href='javascript:alert(16)'>lien</a>",
            "url": "javascript:alert(17)",
        },
        {"entry_id": "ok", "title": "Fine", "score": 0.91, "matched_text": "x", "claim_id": "c2", "disproof": "D",
         "url": "https://example.org/case?a=1&b=2"},
        {"entry_id": "ws", "title": "Spaces", "score": 0.5, "url": "https://exa mple.org/<x>"},
    ]  # fmt: skip
    page = render_report(report, lang=lang)
    tree = parse_page(page)
    assert page.lower().count("<script") == 1
    assert f"<dt>{said(lang, 'Language')}</dt><dd>fr&quot; onmouseover=&quot;alert(11)</dd>" in page  # as text
    hrefs = [attrs["href"] for tag, attrs in tree.tags if tag == "a"]
    assert all(not (h or "").lower().startswith("javascript") for h in hrefs)
    assert 'href="https://example.org/case?a=1&amp;b=2" rel="noopener noreferrer"' in page  # linked, escaped
    assert '<span class="url">javascript:alert(17)</span>' in page  # shown, not linked
    assert '<span class="url">javascript:alert(10)</span>' in page
    assert '<span class="url">https://exa mple.org/&lt;x&gt;</span>' in page  # not a clean URL: text
    assert '<div class="text" lang="">' in page  # a bad language becomes "unknown"
    assert said(lang, "Known narratives matched ({n})", n=3) in page and said(lang, "Disproof:") in page
    internal_links_resolve(page)  # the hostile document id became a safe anchor, links included


def test_document_fragment_stands_alone(demo_result: filigrane.Result) -> None:
    """The web app wraps `document_html` in its own page: one well-nested article with its own links."""
    doc = next(d for d in demo_result.to_dict()["documents"] if d["claims"])
    fragment = document_html(doc)
    tree = parse_page(fragment)
    assert fragment.startswith("<article") and fragment.endswith("</article>")
    assert [tag for tag, _ in tree.tags].count("article") == 1
    assert tree.scripts == [] and "<style" not in fragment
    internal_links_resolve(fragment)
    assert re.search(r'<h2 id="title-[^"]+" lang="fr">', fragment) and '<div class="text" lang="fr">' in fragment
    for label in ("Origin", "Publisher", "Date", "Language"):
        assert f"<dt>{label}</dt>" in fragment
    assert "<details" in fragment and "Removed boilerplate" in fragment


def test_overlapping_spans_nest_properly() -> None:
    """claim 0-16, holder 6-22, cue 6-10, entity 11-16, hedge 11-30, booster 17-35: all cut and nested."""
    text = "Alpha beta gamma delta epsilon zeta."
    doc = {
        "id": "x1",
        "source": "t",
        "text": text,
        "paragraphs": [{"start": 0, "end": len(text)}],
        "entities": [{"text": "gamma", "label": "PER", "start": 11, "end": 16}],
        "claims": [
            {
                "id": "c1",
                "text": text[0:16],
                "start": 0,
                "end": 16,
                "stances": [
                    {
                        "holder": "beta",
                        "holder_kind": "named_person",
                        "holder_start": 6,
                        "holder_end": 22,
                        "cue": "beta",
                        "cue_start": 6,
                        "cue_end": 10,
                        "polarity": "affirms",
                        "certainty": "hedged",
                        "markers": [
                            {"type": "hedge", "text": text[11:30], "start": 11, "end": 30},
                            {"type": "booster", "text": text[17:35], "start": 17, "end": 35},
                        ],
                    }
                ],
            }
        ],
    }
    page = render_report({"documents": [doc]})
    tree = parse_page(page)
    assert tree.paragraphs == [text]
    assert page.count('id="dx1-c1"') == 1 and 'href="#dx1-c1"' in page
    fragments = re.findall(r'<span class="hl mk mk-hedge"', page)
    assert len(fragments) >= 2  # the hedge crosses the end of the claim, so it is cut in two


def test_every_claim_link_lands_even_without_a_span_or_on_a_shared_one() -> None:
    text = "Alpha beta gamma."
    claims = [
        {"id": "c1", "text": text, "start": 0, "end": 5, "stances": []},
        {"id": "c2", "text": text, "start": 0, "end": 5, "stances": []},  # the very same span
        {"id": "c3", "text": "no place", "start": None, "end": None, "stances": []},
        {"id": "c4", "text": "inverted", "start": 9, "end": 2, "stances": []},
    ]
    page = render_report({"documents": [{"id": "x", "source": "t", "text": text, "claims": claims}]})
    tree = parse_page(page)
    internal_links_resolve(page)
    assert tree.paragraphs == [text]
    assert all(page.count(f'id="dx-c{n}"') == 1 for n in range(1, 5))
    assert '<li class="claim-item" data-kinds="" id="dx-c3">' in page


def test_seed_004_highlights_holders_and_markers(seed_results: dict[str, Document]) -> None:
    doc = document_to_dict(seed_results["004"])
    page = render_report({"documents": [doc], "rejected": []}, lang="en")
    assert re.search(
        r'<span class="hl holder k-anonymous_source" title="holder of claim c\d+: [^"]*\(anonymous source\)[^"]*"'
        r'[^>]*tabindex="0">'
        r"Une source diplomatique et militaire</span>",
        page,
    )
    assert 'data-tag="anonymous source"' in page
    assert re.search(
        r'<span class="hl mk mk-booster" title="booster: marker of claim c\d+[^"]*"[^>]*>presque 100%</span>', page
    )
    assert re.search(
        r'<span class="holder-name" lang="fr">Washington</span> <span class="cue-text" lang="fr">nie</span> '
        r'<span class="badge pol pol-denies">denies</span>',
        page,
    )
    assert '<span class="badge headline">headline</span>' in page
    assert "How to read the texts" in page  # the legend


@pytest.mark.parametrize("seed", ["000", "004"])
def test_seeds_show_their_claims_and_stances(seed_results: dict[str, Document], seed: str) -> None:
    doc = document_to_dict(seed_results[seed])
    assert doc["claims"], "the seed has claims to show"
    page = render_report({"documents": [doc], "rejected": []}, lang="en")
    tree = parse_page(page)
    text: str = doc["text"]
    assert tree.paragraphs == [text[p["start"] : p["end"]] for p in doc["paragraphs"]]
    internal_links_resolve(page)
    # The side list: each claim linked to its span, its stances with holder, cue, polarity and certainty.
    assert '<aside class="claims"' in page and f"Claims ({len(doc['claims'])})" in page
    stances = [s for claim in doc["claims"] for s in claim["stances"]]
    for claim in doc["claims"]:
        anchor = f"d{doc['id']}-{claim['id']}"
        assert f'href="#{anchor}"' in page and page.count(f'id="{anchor}"') == 1
    assert page.count('<li class="stance">') == len(stances)
    assert page.count('class="badge pol pol-') == len(stances)
    for stance in stances:
        if stance["holder"]:
            assert f'<span class="holder-name" lang="fr">{escape(stance["holder"])}</span>' in page
        if stance["cue"] == BARE_QUOTE_CUE:  # a quotation no verb frames says so in words
            assert '<span class="cue-bare">quotation, no reporting verb</span>' in page
        elif stance["cue"]:
            assert f'<span class="cue-text" lang="fr">{escape(stance["cue"])}</span>' in page
        for marker in stance["markers"]:  # evidence also says whether it is specified
            label = marker["type"] + {True: ", specified", False: ", unspecified"}.get(marker.get("specified"), "")
            assert f'">{label}</span> <span lang="fr">{escape(marker["text"])}</span></li>' in page
    assert any("specified" in m for s in stances for m in s["markers"])


def test_a_quotation_no_verb_frames_shows_words_not_bare_marks() -> None:
    """« «» » told a reader nothing: the report says the quotation has no reporting verb."""
    text = (
        "Le port rouvre\n\nLe maire Paul Girard a annoncé la réouverture du port. "
        "« Les quais ont été réparés et les bateaux pourront accoster dès lundi matin. »"
    )
    doc = document_to_dict(filigrane.analyze([text]).documents[0])
    cues = [s["cue"] for claim in doc["claims"] for s in claim["stances"]]
    assert BARE_QUOTE_CUE in cues, cues
    page = render_report({"documents": [doc], "rejected": []}, lang="en")
    assert '<span class="cue-bare">quotation, no reporting verb</span>' in page
    assert f'<span class="cue-text" lang="fr">{BARE_QUOTE_CUE}</span>' not in page
