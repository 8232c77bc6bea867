"""The HTML report: self-contained, and a hostile article renders inert."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

import filigrane
from filigrane.document import Document
from filigrane.report.contract import document_to_dict
from filigrane.report.html import render_report

HOSTILE = (
    "<script>alert(1)</script> Un titre piégé pour voir\n\n"
    'Le texte contient <img src=x onerror=alert(2)> et un lien <a href="javascript:alert(3)">cliquez</a> '
    "ainsi que des guillemets \" et des apostrophes ' pour casser les attributs, sans oublier </p></article>.\n\n"
    "Un deuxième paragraphe, plus calme, qui raconte que le conseil municipal a voté le budget mardi soir.\n"
)


def test_hostile_article_is_escaped_everywhere() -> None:
    result = filigrane.analyze([HOSTILE], filigrane.PipelineOptions(nlp=False))
    assert len(result.documents) == 1
    page = render_report(result.to_dict())
    assert "<script" not in page.lower()
    assert not re.search(r"<img\b", page, re.IGNORECASE)
    assert "javascript:" not in page.replace("javascript:alert(3)&quot;", "")  # only escaped text remains
    assert "onerror=" not in page.replace("onerror=alert(2)&gt;", "")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert page.count("</article>") == 1


def test_report_is_self_contained_with_strict_csp(demo_result: filigrane.Result) -> None:
    page = render_report(demo_result.to_dict())
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)
    assert csp and "default-src 'none'" in csp.group(1) and "script-src" not in csp.group(1)
    assert not re.search(r"""(src|href)=["']https?://""", page)  # nothing loaded from the network
    assert "<link" not in page
    for doc in demo_result.documents:
        assert f'id="doc-{doc.id}"' in page
    assert "Removed boilerplate" in page


class _Tree(HTMLParser):
    """Checks that elements nest properly and collects the text of each paragraph of the article texts."""

    VOID = frozenset({"meta", "br", "img", "hr", "link", "input", "wbr"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict[str, str | None]]] = []
        self.errors: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.paragraphs: list[str] = []
        self.titles: list[str] = []

    def _in_text(self) -> bool:
        return any(tag == "div" and "text" in (attrs.get("class") or "").split() for tag, attrs in self.stack)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag in self.VOID:
            return
        if tag == "p" and self._in_text():
            self.paragraphs.append("")
        self.stack.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        if tag in self.VOID:
            return
        if not self.stack or self.stack[-1][0] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1][0] if self.stack else 'nothing'}")
            return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        if self._in_text() and any(tag == "p" for tag, _ in self.stack):
            self.paragraphs[-1] += data
        if self.stack and self.stack[-1][0] == "title":
            self.titles.append(data)


def _parse(page: str) -> _Tree:
    tree = _Tree()
    tree.feed(page)
    tree.close()
    assert not tree.errors, tree.errors[:5]
    assert [tag for tag, _ in tree.stack] == [], "unclosed elements"
    return tree


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


def test_hostile_claims_and_markers_stay_inert_and_well_nested() -> None:
    report = _hostile_contract()
    page = render_report(report)
    assert "<script" not in page.lower()
    assert not re.search(r"<(img|a href=\"javascript|b onmouseover)", page, re.IGNORECASE)
    tree = _parse(page)
    allowed = {"class", "title", "id", "href", "lang", "data-tag", "data-label", "aria-labelledby", "aria-label"}
    allowed |= {"charset", "http-equiv", "content", "name"}
    for tag, attrs in tree.tags:
        assert tag not in {"script", "img", "iframe", "object", "b", "i"}, tag
        assert set(attrs) <= allowed, (tag, attrs)
        assert all(not v or not v.lower().startswith("javascript:") for v in attrs.values())
        if tag == "a":
            assert (attrs["href"] or "").startswith("#")
    classes = {c for _, attrs in tree.tags for c in (attrs.get("class") or "").split()}
    assert all(re.fullmatch(r"[a-z0-9_-]+", c) for c in classes), classes  # nothing hostile became a class
    assert {"k-other", "mk-other", "mk-hedge", "mk-denial", "mk-quote", "claim", "holder", "cue"} <= classes
    doc = report["documents"][0]
    # No character lost or duplicated, however the spans overlap.
    assert tree.paragraphs == [doc["text"][p["start"] : p["end"]] for p in doc["paragraphs"]]
    assert page.count("</article>") == 1
    anchors = re.findall(r'\sid="([^"]+)"', page)
    assert all(re.fullmatch(r"[A-Za-z0-9_-]+", anchor) for anchor in anchors)
    assert len(anchors) == len(set(anchors))  # a span cut into fragments keeps one anchor


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
    tree = _parse(page)
    assert tree.paragraphs == [text]
    assert page.count('id="dx1-c1"') == 1 and 'href="#dx1-c1"' in page
    fragments = re.findall(r'<span class="hl mk mk-hedge"', page)
    assert len(fragments) >= 2  # the hedge crosses the end of the claim, so it is cut in two


def test_seed_004_shows_claims_and_stances(seed_results: dict[str, Document]) -> None:
    doc = document_to_dict(seed_results["004"])
    page = render_report({"documents": [doc], "rejected": []})
    tree = _parse(page)
    text: str = doc["text"]
    assert tree.paragraphs == [text[p["start"] : p["end"]] for p in doc["paragraphs"]]
    assert re.search(
        r'<span class="hl holder k-anonymous_source" title="holder: anonymous_source[^"]*"[^>]*>'
        r"Une source diplomatique et militaire</span>",
        page,
    )
    assert 'data-tag="anonymous source"' in page
    assert re.search(r'<span class="hl mk mk-booster" title="booster"[^>]*>presque 100%</span>', page)
    # The side list: each claim linked to its span, its stances with holder, cue, polarity and certainty.
    assert '<aside class="claims"' in page and f"Claims ({len(doc['claims'])})" in page
    for claim in doc["claims"]:
        anchor = f"d{doc['id']}-{claim['id']}"
        assert f'href="#{anchor}"' in page and page.count(f'id="{anchor}"') == 1
    assert re.search(
        r'<span class="holder-name">Washington</span> <span class="cue-text">nie</span> '
        r'<span class="badge pol pol-denies">denies</span>',
        page,
    )
    assert '<span class="badge headline">headline</span>' in page
    assert "How to read the texts" in page  # the legend
