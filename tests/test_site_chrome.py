"""Site chrome learnt from the collection, and titles that are never the site's name.

A synthetic collection (text written for this test): five pages of one fake site share their
navigation, a breadcrumb and a footer sentence; a quotation is reposted on pages of that site and of
another one. Then the real europa-fr press releases in ../shared, read as one run.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import filigrane
from filigrane.clean.blocks import Block, line_hash
from filigrane.clean.sites import SiteChrome
from filigrane.clean.titles import choose_title, page_site_names, title_key
from filigrane.engine.pipeline import PipelineOptions
from tests.conftest import require_shared

NAV = ["Le Veilleur du Bocage", "Politique Société Culture", "Nos rubriques › Vie locale › Conseil municipal"]
FOOTER = "Le Veilleur du Bocage est édité par une association de lecteurs depuis 2004."
QUOTE = "« Nous ne laisserons pas fermer la maternité sans nous battre jusqu'au bout », a déclaré la maire."
TOPICS = ["la maternité", "le marché couvert", "la ligne de bus", "la fête du village", "le budget communal"]


def _article(topic: str, number: int) -> list[str]:
    """Two paragraphs of prose about `topic`, different on every page."""
    return [
        f"Le conseil municipal s'est réuni mardi soir pour discuter de {topic}, un dossier qui divise "
        f"les habitants depuis le mois de mars et qui revient pour la {number + 2}e fois à l'ordre du jour.",
        f"Selon plusieurs élus, la décision sur {topic} sera prise avant la fin de l'année, après une "
        f"consultation des associations du quartier et une réunion publique prévue à la salle des fêtes.",
    ]


def _records() -> list[dict[str, str]]:
    records = []
    for number, topic in enumerate(TOPICS):
        body = [*NAV, f"Nouvelles de {topic} à Montcerf", *_article(topic, number)]
        if number < 3:
            body.append(QUOTE)
        records.append(
            {
                "id": f"a{number}",
                "url": f"https://veilleur-bocage.example/{number}",
                "text": "\n\n".join([*body, FOOTER]),
            }
        )
    for number in range(2):
        body = [f"Revue de presse numéro {number + 1} du canton", *_article(TOPICS[number], number + 7), QUOTE]
        records.append({"id": f"b{number}", "url": f"https://autre-site.example/{number}", "text": "\n\n".join(body)})
    return records


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> dict[str, filigrane.Document]:
    path = tmp_path_factory.mktemp("sites") / "pages.jsonl"
    path.write_text("\n".join(json.dumps(record, ensure_ascii=False) for record in _records()), encoding="utf-8")
    result = filigrane.analyze([path], PipelineOptions(nlp=False, corpus=False))
    assert not result.rejected
    return {doc.id: doc for doc in result.documents}


def test_navigation_and_footer_of_one_site_are_site_boilerplate(synthetic: dict[str, filigrane.Document]) -> None:
    for number in range(len(TOPICS)):
        doc = synthetic[f"a{number}"]
        removed = {item.text: item for item in doc.removed}
        for line in [*NAV, FOOTER]:
            assert line not in doc.text
            assert removed[line].reason == "site-boilerplate"
            assert doc.raw_text[removed[line].raw_start : removed[line].raw_end] == line
        assert _article(TOPICS[number], number)[0] in doc.text


def test_a_quotation_reposted_across_sites_stays(synthetic: dict[str, filigrane.Document]) -> None:
    for doc_id in ("a0", "a1", "a2", "b0", "b1"):
        assert QUOTE in synthetic[doc_id].text, doc_id


def test_another_site_learns_nothing_from_the_first(synthetic: dict[str, filigrane.Document]) -> None:
    """Two pages of a site are too few to call anything chrome."""
    for doc_id in ("b0", "b1"):
        assert not any(item.reason == "site-boilerplate" for item in synthetic[doc_id].removed)


def test_a_title_every_page_shares_is_the_site_name() -> None:
    """Given titles ("Nouvelles | Le Veilleur") lose the part all pages share; one equal to it is dropped."""
    records = _records()[:5]
    for number, record in enumerate(records):
        record["title"] = f"Nouvelles de {TOPICS[number]} | Le Veilleur" if number else "Le Veilleur"
    docs = [filigrane.Document(source=r["id"], format="text", raw_text=r["text"], url=r["url"]) for r in records]
    for doc, record in zip(docs, records, strict=True):
        doc.title = record["title"]
    step = SiteChrome()
    out = list(step(docs))
    assert out[1].title == f"Nouvelles de {TOPICS[1]}"
    assert out[0].title is None  # the cleaner takes it from the text


def test_choose_title_strips_the_site_name_and_skips_it() -> None:
    is_site = page_site_names(["Le Grand Journal"], "www.grandjournal.example")
    lines = ["Le Grand Journal", "Accueil", "Un pont s'effondre à Montcerf", "Le pont..."]
    assert choose_title(["Le Grand Journal"], lines, is_site) is None
    assert choose_title(["Un pont s'effondre à Montcerf | Le Grand Journal"], lines, is_site) == (
        "Un pont s'effondre à Montcerf"
    )
    assert choose_title(["Le Grand Journal", "Un pont s'effondre à Montcerf - GrandJournal"], lines, is_site) == (
        "Un pont s'effondre à Montcerf"
    )
    # no site name known: the part of <title> the text prints as its own line
    anonymous = page_site_names([], None)
    assert choose_title(["Site - Rubrique - Un pont s'effondre à Montcerf"], lines, anonymous) == (
        "Un pont s'effondre à Montcerf"
    )


@pytest.fixture(scope="module")
def europa() -> list[filigrane.Document]:
    folder = require_shared("eval", "europa-fr", "html")
    result = filigrane.analyze([folder], PipelineOptions(nlp=False, corpus=False))
    assert not result.rejected
    return result.documents


def test_europa_titles_are_the_releases_headings(europa: list[filigrane.Document]) -> None:
    """Every release's title is its own heading, none is the site's name (before: all "European Commission")."""
    from eval.extraction import reference_heading

    reference = require_shared("eval", "europa-fr", "reference")
    right = 0
    for doc in europa:
        heading = reference_heading((reference / Path(doc.source).name).read_text(encoding="utf-8", errors="replace"))
        right += title_key(doc.title or "") in {title_key(h) for h in heading}
        assert title_key(doc.title or "") not in ("european commission", "press release")
        assert doc.text.startswith(doc.title or "")
    assert right / len(europa) >= 0.95, right
    assert len({doc.title for doc in europa}) == len(europa)


def test_europa_navigation_is_site_boilerplate(europa: list[filigrane.Document]) -> None:
    navigation = ["Navigation path", "European Commission", "Press releases database", "Press Release details"]
    for doc in europa:
        lines = set(doc.text.split("\n\n"))
        removed = {item.text: item.reason for item in doc.removed}
        for line in navigation:
            assert line not in lines, doc.source
            assert removed[line] == "site-boilerplate", doc.source


def test_extraction_fr_titles_are_never_a_site_name() -> None:
    folder = require_shared("eval", "extraction-fr", "html")
    result = filigrane.analyze([folder], PipelineOptions(nlp=False, corpus=False))
    for doc in result.documents:
        is_site = page_site_names([doc.metadata.get("og:site_name")], None)
        assert doc.title and not is_site(doc.title), doc.source


def _site_docs() -> list[filigrane.Document]:
    return [filigrane.Document(source=r["id"], format="text", raw_text=r["text"], url=r["url"]) for r in _records()[:5]]


def test_counts_carry_over_from_window_to_window() -> None:
    """With windows of two documents, the first window is too small to learn from; later ones know the site."""
    nav = line_hash(NAV[0])
    out = list(SiteChrome(window=2)(_site_docs()))
    assert [nav in doc.clues.chrome for doc in out] == [False, False, True, True, True]


def test_a_page_the_step_cannot_read_is_left_as_it_is(monkeypatch: pytest.MonkeyPatch) -> None:
    import filigrane.clean.sites as sites

    real = sites.split_blocks

    def fragile(raw: str) -> list[Block]:
        if "le marché couvert" in raw:
            raise ValueError("unreadable")
        return real(raw)

    monkeypatch.setattr(sites, "split_blocks", fragile)
    out = list(SiteChrome()(_site_docs()))
    assert not out[1].rejected and not out[1].clues.chrome
    assert out[1].metadata["warnings"] == ["site-chrome: ValueError: unreadable"]
    assert all(line_hash(NAV[0]) in doc.clues.chrome for doc in out if doc is not out[1])
