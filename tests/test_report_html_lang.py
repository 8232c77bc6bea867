"""The HTML report in French and in English: no English word of the interface left in the French
report, the documents' own text never translated, and the app embedding the reading in the page's language."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

import filigrane
from filigrane.i18n import catalogue
from filigrane.report.html import render_report
from filigrane.report.html_techniques import GLOSSES
from tests.test_report_html import parse_page

#: Interface words of the English report, as they stand in its HTML (labels, headings, badges, tables).
ENGLISH = (
    "Filigrane report",
    "documents analysed",
    "How to read the texts",
    "Who holds a claim",
    "Show highlights",
    "List only claims held by",
    "<dt>Origin</dt>",
    "<dt>Publisher</dt>",
    "<dt>Language</dt>",
    ">Claims (",
    ">Actors (",
    "Persuasion techniques",
    "Reposts and near-duplicates",
    "Removed boilerplate",
    "Contents</h3>",
    "At a glance",
    "Documents and claims by",
    "Timeline: first seen",
    "Propagation:",
    'pol-affirms">affirms<',
    'cert-neutral">neutral<',
    ">named person<",
    ">anonymous source<",
    "holder of claim",
    "cue of claim",
    "Independent origins",
    "Affirmed by",
    "Skip the highlighted text",
    ">state-controlled<",
    'scope="col">Outlet<',
    "Analyses:",
)
FRENCH = (
    "Rapport Filigrane",
    "documents analysés",
    "Comment lire les textes",
    "Afficher les surlignages",
    "<dt>Origine</dt>",
    ">Affirmations (",
    "Techniques de persuasion",
    "Reprises et quasi-doublons",
    "Sommaire</h3>",
    "Chronologie : première apparition",
    'pol-affirms">affirme<',
    "porteur de l&#x27;affirmation",
    "Origines indépendantes",
    "contrôlé par l&#x27;État",
)


class Shown(HTMLParser):
    """What a reader sees or hears: text outside script and style, and the titles, labels and tags
    (tooltips, screen-reader names, highlight tags); not the values scripts and filters use."""

    SEEN = frozenset({"title", "aria-label", "data-tag"})

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0
        self.feed(page)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.hidden += tag in ("script", "style")
        self.parts.extend(value or "" for name, value in attrs if name in self.SEEN)

    def handle_endtag(self, tag: str) -> None:
        self.hidden -= tag in ("script", "style")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


@pytest.fixture(scope="module")
def pages(demo_result: filigrane.Result) -> dict[str, str]:
    report = demo_result.to_dict()
    return {lang: render_report(report, lang=lang) for lang in ("fr", "en")}


def test_the_french_report_has_no_english_interface_left(pages: dict[str, str]) -> None:
    french, english = (re.sub(r"<(style|script)>.*?</\1>", "", pages[lang], flags=re.DOTALL) for lang in ("fr", "en"))
    assert french.startswith('<!DOCTYPE html>\n<html lang="fr">') and '<html lang="en">' in english
    assert [word for word in ENGLISH if word not in english] == []  # the list stands in the English report
    assert [word for word in ENGLISH if word in french] == []
    assert [word for word in FRENCH if word not in french] == []
    assert re.search(r"similarité \d,\d\d<", french) and re.search(r"similarity \d\.\d\d<", english)  # decimal marks


def test_no_sentence_of_the_catalogue_stays_english_in_the_french_report(pages: dict[str, str]) -> None:
    """Every English message of two words or more whose French differs is absent from the French
    report (single words could be the articles' own; whole phrases cannot). The technique names are
    SemEval's, in English in both, with their French gloss beside them."""
    text = "\n".join(Shown(pages["fr"]).parts)
    phrases = [
        message
        for message, french in catalogue("fr").items()
        if " " in message.strip()
        and "{" not in message
        and message not in GLOSSES
        and (french if isinstance(french, str) else french[0]) != message
    ]
    assert len(phrases) > 100
    assert [message for message in phrases if message in text] == []


def test_the_documents_text_is_never_translated(pages: dict[str, str], demo_result: filigrane.Result) -> None:
    """The articles read the same in both reports: only the interface around them changes."""
    for doc in demo_result.to_dict()["documents"]:
        texts = {lang: parse_page(page) for lang, page in pages.items()}
        assert texts["fr"].paragraphs == texts["en"].paragraphs
        assert f'id="doc-{doc["id"]}"' in pages["fr"]
    assert pages["fr"].count('<p class="title"') == pages["en"].count('<p class="title"')


def test_the_technique_names_stay_semeval_with_a_french_gloss(pages: dict[str, str]) -> None:
    french, english = pages["fr"], pages["en"]
    assert 'data-tag="Loaded Language"' in french  # the visible tag: the SemEval name
    assert "Loaded Language (langage chargé)" in french and "(langage chargé)" not in english
    assert re.search(r'<option value="Attack on reputation">Atteinte à la réputation</option>', french)


@pytest.mark.parametrize(("option", "expected"), [((), "fr"), (("--lang", "en"), "en"), (("--lang", "fr"), "fr")])
def test_the_command_line_writes_the_report_in_the_language_asked(
    tmp_path: Path, option: tuple[str, ...], expected: str
) -> None:
    from filigrane.cli import main

    article = tmp_path / "a.txt"
    article.write_text("Un titre\n\nLe conseil municipal a voté le budget mardi soir.\n", encoding="utf-8")
    html = tmp_path / "r.html"
    arguments = ["analyze", str(article), "--no-db", "--no-nlp", "-o", str(tmp_path / "r.json"), "--html", str(html)]
    result = CliRunner().invoke(main, [*arguments, *option])
    assert result.exit_code == 0, result.output
    page = html.read_text(encoding="utf-8")
    assert f'<html lang="{expected}">' in page
    assert ("Rapport Filigrane" if expected == "fr" else "Filigrane report") in page
