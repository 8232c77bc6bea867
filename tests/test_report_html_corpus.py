"""The corpus page: every section from a hand-built contract dict, hostile corpus data inert, links that land."""

from __future__ import annotations

import copy
import re
from typing import Any

import pytest

import filigrane
from filigrane.i18n import Language
from filigrane.report.html import Corpus, corpus_html, document_html, render_report
from tests.conftest import DEMO_CORPUS
from tests.test_report_html import BOTH, internal_links_resolve, parse_page, said

HOSTILE = '"><script>alert(1)</script><img src=x onerror=alert(2)>'


def _origin(outlet: str, name: str, ownership: str) -> dict[str, Any]:
    return {
        "outlet": outlet,
        "name": name,
        "country": "XX",
        "ownership": ownership,
        "owner": "Someone",
        "basis": f"{name} is owned by Someone, says the register.",
        "basis_reference": "Register of outlets, entry 12",
        "basis_checked": "2026-01-01",
        "catalogue_entry": "outlets.yaml:1",
        "evidence": [],
        "confidence": 0.9,
    }


def _document(doc_id: str, title: str, language: str, origins: list[dict[str, Any]]) -> dict[str, Any]:
    text = f"{title}\n\nLe ministre affirme que le convoi est parti hier."
    start = len(title) + 2
    return {
        "id": doc_id,
        "source": f"{doc_id}.txt",
        "language": language,
        "title": title,
        "date": "2026-03-01",
        "text": text,
        "paragraphs": [{"start": 0, "end": len(title)}, {"start": start, "end": len(text)}],
        "removed": [],
        "claims": [
            {
                "id": "c1",
                "text": "le convoi est parti hier",
                "start": text.index("le convoi"),
                "end": len(text) - 1,
                "stances": [
                    {"holder": "Le ministre", "holder_kind": "government", "holder_start": start,
                     "holder_end": start + 11, "cue": "affirme", "polarity": "affirms", "certainty": "neutral",
                     "markers": []},
                ],
            }
        ],
        "origins": origins,
    }  # fmt: skip


def _report() -> dict[str, Any]:
    """Three documents from two outlets, with every corpus-level key the report knows."""
    state, private = _origin("state.tv", "State TV", "state-controlled"), _origin("daily", "The Daily", "private")
    documents = [
        _document("a1", "Le convoi quitte la ville", "fr", [state]),
        _document("b2", "Le convoi a quitté la ville", "fr", [state]),
        _document("c3", "The convoy left town", "en", [private]),
    ]
    documents[0]["narratives"] = [
        {"entry_id": "N-7", "title": "The convoy carried the leaders away", "score": 0.83,
         "matched_text": "le convoi est parti hier", "claim_id": "c1",
         "disproof": "No evidence of any such convoy.", "url": "https://catalogue.example/N-7",
         "catalogue": "EUvsDisinfo <2024>"},
    ]  # fmt: skip
    documents[2]["narratives"] = []
    return {
        "filigrane": "1",
        "documents": documents,
        "rejected": [{"source": "bad.bin", "reason": "binary", "detail": "NUL bytes"}],
        "reposts": [{"documents": ["a1", "b2"], "origin_document": "a1", "similarity": 0.97}],
        "stories": [
            {"id": "s1", "label": "Convoy leaves town", "documents": ["a1", "b2", "c3"],
             "first_seen": "2026-03-01", "languages": ["fr", "en"]},
        ],
        "claim_groups": [
            {"id": "g1", "label": "The convoy left", "claims": [["a1", "c1"], ["c3", "c1"]],
             "independent_origins": 3, "origins": ["state.tv", "daily", "b2"], "independent_owners": 2,
             "affirmed_by": [{"holder": "Le ministre", "holder_kind": "government", "document_id": "a1",
                              "claim_id": "c1", "certainty": "hedged", "outlet": "State TV"}],
             "denied_by": [{"holder": None, "holder_kind": "author", "document_id": "c3", "claim_id": "c1"}],
             "first_seen": "2026-03-01", "languages": ["fr", "en"]},
        ],
    }  # fmt: skip


def _section(page: str, anchor: str) -> str:
    """The HTML of one corpus section, from its heading to the next section."""
    start = page.index(f'id="{anchor}"')
    return page[start : page.index("</section>", start)]


def test_every_corpus_section_renders_from_the_contract_shapes() -> None:
    page = render_report(_report(), lang="en")
    parse_page(page)
    internal_links_resolve(page)
    assert "3 documents analysed, 1 rejected, 1 story, 1 claim group, 1 repost group." in page
    toc = page[page.index('<ol class="toc">') : page.index("</ol>", page.index('<ol class="toc">'))]
    for anchor in ("overview", "stories", "claim-groups", "reposts", "narratives", "outlets", "rejected"):
        assert f'href="#{anchor}"' in toc and f'<h3 id="{anchor}">' in page
    stories = _section(page, "stories")
    assert "Convoy leaves town" in stories and "2026-03-01" in stories and "fr, en" in stories
    table, spread = stories.split('<details class="spread-box">', 1)  # the story's timeline and graph follow
    assert spread.count('<a class="node') == 3 and "Propagation: 3 documents, 2 links" in spread
    assert table.count('href="#doc-') == 3 and '<a href="#doc-c3" lang="en">The convoy left town</a>' in stories
    groups = _section(page, "claim-groups")
    assert "<dt>Independent origins</dt><dd>3 (State TV, The Daily, unsigned: " in groups  # ids named
    assert 'unsigned: <a href="#doc-b2" lang="fr">Le convoi a quitté la ville</a>)</dd>' in groups
    affirmed, denied = groups.split("Affirmed by")[1].split("Denied by")
    assert '<span class="holder-name" lang="fr">Le ministre</span>' in affirmed and "government" in affirmed
    assert '<span class="badge cert cert-hedged">hedged</span> <span class="muted small">via State TV' in affirmed
    assert 'href="#da1-c1"' in affirmed
    assert "the author" in denied and 'href="#dc3-c1"' in denied
    assert '<a class="claim-id" href="#da1-c1">c1</a> <q lang="fr">le convoi est parti hier</q>' in groups
    reposts = _section(page, "reposts")
    assert "2 copies, similarity 0.97" in reposts and reposts.count("origin copy") == 1
    narratives = _section(page, "narratives")
    assert "The convoy carried the leaders away" in narratives and "No evidence of any such convoy." in narratives
    assert 'href="https://catalogue.example/N-7" rel="noopener noreferrer"' in narratives
    assert "Score 0.83" in narratives and 'href="#da1-c1"' in narratives
    assert '(N-7, catalogue <span class="catalogue">EUvsDisinfo &lt;2024&gt;</span>)' in narratives
    overview = re.findall(r"<tr>(.*?)</tr>", _section(page, "overview"))[1:]
    assert 'State TV <span class="own own-state">state-controlled</span>' in overview[0]  # flagged where listed
    assert "The Daily" in overview[2] and "own-" not in overview[2]
    outlets = _section(page, "outlets")
    rows = re.findall(r"<tr>(.*?)</tr>", outlets)[1:]
    assert len(rows) == 2 and "State TV" in rows[0] and "<td>2<ul" in rows[0]  # most documents first
    assert '<span class="own own-state">state-controlled</span>' in rows[0]  # worded, not only coloured
    assert "owned by Someone" in rows[0] and "Register of outlets, entry 12" in rows[0]
    assert '<span class="own own-other">private</span>' in rows[1]
    assert '<span class="reason">binary</span>' in _section(page, "rejected")
    # Each document links to its story, its copies and, per claim, its claim group; and keeps its narratives.
    doc_a1 = page[page.index('<article class="document" id="doc-a1"') :]
    doc_a1 = doc_a1[: doc_a1.index("</article>")]
    assert "Known narratives matched (1)" in doc_a1
    assert '<dt>Story</dt><dd><a href="#story-s1">Convoy leaves town</a></dd>' in doc_a1
    assert '<dt>Reposts</dt><dd>the origin copy, with <a href="#doc-b2" lang="fr">' in doc_a1
    assert '<a href="#group-g1">The convoy left</a> (2 claims, 3 independent origins, 2 independent owners)' in doc_a1
    assert 'id="story-s1"' in stories and 'id="group-g1"' in groups


def test_lone_documents_are_listed_apart_and_whole_document_matches_say_so() -> None:
    """What a reader of a real collection meets: most documents alone in their story, a document
    matching a narrative as a whole, several matches of one entry."""
    report = _report()
    report["stories"][0]["documents"] = ["a1", "b2"]
    report["stories"].append(
        {"id": "s2", "label": "The convoy left town", "documents": ["c3"], "first_seen": None, "languages": ["en"]}
    )
    whole = "Le convoi a quitté la ville " * 20  # title, opening and claims: 540 characters
    report["documents"][1]["narratives"] = [
        dict(report["documents"][0]["narratives"][0], claim_id=None, score=0.95, matched_text=whole)
    ]
    for doc in report["documents"]:
        doc["analyses"] = {"narratives": "use-multilingual-v3@0.71"}
    page = render_report(report, lang="en")
    parse_page(page)
    internal_links_resolve(page)
    stories = _section(page, "stories")
    assert "2 stories (1 of several documents)" in page
    assert "1 story joins several documents; 1 document is alone in its story." in stories
    listing, _, drawn = stories.partition('<details class="spread-box">')
    assert listing.count("<tr>") == 2  # the header and the one story of two documents
    assert drawn.startswith("<summary>Timeline and graph: ")  # drawn for the shared story only
    assert stories.count('<details class="spread-box">') == 1
    assert '<li id="story-s2"><a href="#doc-c3" lang="en">The convoy left town</a>' in stories
    narratives = _section(page, "narratives")
    assert "with a score of 0.71 or more" in narratives
    # best score first, the whole document said as such
    assert narratives.index("Score 0.95") < narratives.index("Score 0.83")
    assert "Score 0.95: <a" in narratives and "(the document as a whole: title, opening and claims)" in narratives
    doc_b2 = page[page.index('<article class="document" id="doc-b2"') :]
    quoted = doc_b2[doc_b2.index("title, opening and claims)</span>: <q") :].split("</q>")[0]
    text = quoted.split(">", 2)[2]
    assert text.endswith("ville Le …") and len(text) <= 202  # cut at a word, about 200 characters
    doc_c3 = page[page.index('<article class="document" id="doc-c3"') :]
    assert '<a href="#story-s2">alone</a> (no other document here reports this event)' in doc_c3


def test_absent_keys_leave_their_sections_out_and_empty_ones_say_so() -> None:
    report = _report()
    del report["stories"], report["rejected"]
    for doc in report["documents"]:
        doc.pop("narratives", None)
    report["claim_groups"] = []
    page = corpus_html(report)
    parse_page(page)
    assert 'id="stories"' not in page and 'id="narratives"' not in page and 'id="rejected"' not in page
    assert 'href="#stories"' not in page  # nor in the table of contents
    assert '<p class="muted">No claim group.</p>' in page
    page = corpus_html({"documents": []})
    parse_page(page)
    assert "No document was analysed." in page and 'id="outlets"' not in page


@BOTH
def test_hostile_corpus_data_renders_inert(lang: Language) -> None:
    report = _report()
    story, group = report["stories"][0], report["claim_groups"][0]
    story.update(id=HOSTILE, label=HOSTILE, first_seen=HOSTILE, languages=[HOSTILE])
    story["documents"].append(HOSTILE)  # an id no document has
    group.update(id=HOSTILE, label=HOSTILE, origins=[HOSTILE], independent_origins=HOSTILE, first_seen=HOSTILE)
    group["claims"].append([HOSTILE, HOSTILE])
    group["claims"].append("not a pair")
    group["affirmed_by"][0].update(holder=HOSTILE, holder_kind=HOSTILE, claim_id=HOSTILE)
    group["denied_by"][0].update(document_id=HOSTILE)
    report["reposts"][0].update(similarity=HOSTILE, documents=["a1", HOSTILE])
    report["documents"][0]["narratives"][0].update(
        entry_id=HOSTILE, title=HOSTILE, disproof=HOSTILE, matched_text=HOSTILE, claim_id=HOSTILE,
        url="javascript:alert(3)", score=HOSTILE,
    )  # fmt: skip
    report["documents"][1]["origins"] = [dict(_origin(HOSTILE, HOSTILE, HOSTILE), basis=HOSTILE, country=HOSTILE)]
    report["rejected"][0].update(source=HOSTILE, reason=HOSTILE, detail=HOSTILE)
    page = render_report(report, lang=lang)
    tree = parse_page(page)  # well nested, only our script, no attribute or link from data
    assert page.lower().count("<script") == 1 and not re.search(r"<img\b", page, re.IGNORECASE)
    assert '<span class="url">javascript:alert(3)</span>' in page
    internal_links_resolve(page)  # ids this report lacks are shown, not linked
    assert f'<span class="missing" title="{said(lang, "not in this report")}">&quot;&gt;&lt;script&gt;' in page
    assert page.count("&lt;script&gt;alert(1)&lt;/script&gt;") >= 10
    hrefs = [attrs["href"] or "" for tag, attrs in tree.tags if tag == "a"]
    assert all(re.fullmatch(r"#[A-Za-z0-9_-]+|https?://\S+", href) for href in hrefs), hrefs


def test_links_can_point_to_the_web_app_pages() -> None:
    """The web app maps a document id to its own page; claims keep their anchors on that page."""
    report = _report()
    corpus = Corpus(report, document_url=lambda doc_id: f"/documents/{doc_id}", corpus_url="/corpus")
    fragment = document_html(report["documents"][1], corpus)
    assert '<a href="/corpus#group-g1">' not in fragment  # b2's claim is in no group
    assert '<a href="/corpus#story-s1">' in fragment and 'a copy, with <a href="/documents/a1"' in fragment
    fragment = document_html(report["documents"][0], corpus)
    assert '<a href="/corpus#group-g1">' in fragment
    page = corpus_html(_report(), document_url=lambda doc_id: f"/documents/{doc_id}?x=<1>")
    parse_page(page.replace('href="/documents/', 'href="#documents/'))  # same checks as in-page links
    assert 'href="/documents/a1?x=&lt;1&gt;"' in page  # the web app's URL, escaped
    assert 'href="/documents/a1?x=&lt;1&gt;#da1-c1"' in page
    assert 'href="#doc-' not in page and 'href="#da1' not in page
    assert 'href="#stories"' in page  # the table of contents stays in the page


@BOTH
def test_demo_corpus_page_links_every_document(demo_result: filigrane.Result, lang: Language) -> None:
    report = copy.deepcopy(demo_result.to_dict())
    page = render_report(report, lang=lang)
    parse_page(page)
    internal_links_resolve(page)
    overview = _section(page, "overview")
    assert all(f'href="#doc-{doc["id"]}"' in overview for doc in report["documents"])
    outlets = _section(page, "outlets")
    named = {o["name"] for doc in report["documents"] for o in doc["origins"]}
    assert named and all(f"<strong>{name}</strong>" in outlets for name in named)


@pytest.fixture(scope="module")
def demo_report() -> dict[str, Any]:
    return filigrane.analyze([DEMO_CORPUS]).to_dict()


def test_claim_groups_show_origins_owners_and_who_affirms_and_denies(demo_report: dict[str, Any]) -> None:
    """One proposition across outlets on the page: its origins and owners, who affirms and who denies."""
    page = render_report(demo_report, lang="en")
    parse_page(page)
    internal_links_resolve(page)
    documents = {doc["id"]: doc for doc in demo_report["documents"]}
    shared = [g for g in demo_report["claim_groups"] if len({doc for doc, _ in g["claims"]}) >= 2]
    assert shared, "the Valmont articles share claim groups"
    groups = _section(page, "claim-groups")
    for group in shared:
        item = groups[groups.index(f"({group['id']})") :]
        item = item[: item.index("</details></li>")]
        origins = item[item.index("<dt>Independent origins</dt>") :].split("</dd>")[0]
        assert f"<dd>{group['independent_origins']} (" in origins
        owners = item[item.index("<dt>Independent owners</dt>") :].split("</dd>")[0]
        assert f"<dd>{group['independent_owners']}" in owners
        members = {doc for doc, _ in group["claims"]}
        assert all(o["name"] in origins for doc in members for o in documents[doc]["origins"][:1])
        assert all(f'href="#doc-{doc}"' in item for doc in members)
        affirmed, denied = item.split("Affirmed by")[1].split("Denied by")
        assert affirmed.count('<span class="holder-name"') == len(group["affirmed_by"])
        assert denied.count('<span class="holder-name"') == len(group["denied_by"])
    stories = _section(page, "stories")
    assert all(f'href="#doc-{doc}"' in stories for doc in documents)
