"""The pages and the HTML report in French or English: the browser's Accept-Language, the switch on every
page (a cookie), and one message catalogue that covers every message of the templates and the report."""

from __future__ import annotations

import ast
import re
import string
from collections.abc import Iterator
from html import unescape
from pathlib import Path

import pytest
from starlette.requests import Request

import filigrane
from filigrane import i18n as messages
from filigrane.techniques.taxonomy import CATEGORIES
from filigrane.web import i18n
from filigrane.web.app import create_app
from tests.test_web_api import TestClient, local_client

TEMPLATES = Path(i18n.__file__).parent / "templates"
SOURCES = Path(filigrane.__file__).parent
#: The translating calls in Python code (`N_` marks a message translated where it is shown).
CALLS = frozenset({"_", "_n", "N_", "gettext", "ngettext"})
#: Messages the templates build from a value (job states, search fields, job stages), and the
#: technique categories (translated from the taxonomy's own names).
BUILT = {
    *(
        f"{kind} {state}"
        for kind in ("Analysis", "Re-check", "Corpus update")
        for state in ("queued", "running", "done", "failed")
    ),
    *("queued", "running", "done", "failed", "text", "entity", "outlet", "holder", "technique"),
    "finishing: reposts, stories and claim groups",
    "stories and claim groups over the whole store",
    *CATEGORIES,
}


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    app = create_app(tmp_path_factory.mktemp("i18n") / "web.db", warm_up=False)
    with local_client(app) as test_client:
        yield test_client


def request(accept: str = "", cookie: str = "") -> Request:
    headers = [(b"accept-language", accept.encode())] + ([(b"cookie", cookie.encode())] if cookie else [])
    return Request({"type": "http", "method": "GET", "path": "/", "headers": headers, "query_string": b""})


@pytest.mark.parametrize(
    ("accept", "cookie", "expected"),
    [
        ("", "", "en"),
        ("fr-FR,fr;q=0.9,en;q=0.8", "", "fr"),
        ("en-GB,en;q=0.9,fr;q=0.8", "", "en"),
        ("de-DE, en;q=0.5, fr;q=0.9", "", "fr"),  # the best weight among ours, not the first listed
        ("de, it", "", "en"),
        ("fr;q=0, en;q=0.1", "", "en"),  # q=0 means "not this one"
        ("fr;q=bad, en", "", "en"),
        ("fr", "filigrane_lang=en", "en"),  # the reader's choice wins
        ("en", "filigrane_lang=fr", "fr"),
        ("fr", "filigrane_lang=xx", "fr"),
    ],
)
def test_the_language_comes_from_the_choice_then_the_browser(accept: str, cookie: str, expected: str) -> None:
    assert i18n.negotiate(request(accept, cookie)) == expected


def test_a_french_browser_gets_french_pages_with_the_switch_on_each(client: TestClient) -> None:
    french = {"accept-language": "fr-FR,fr;q=0.9"}
    pages = (("/", "Analyser des articles"), ("/corpus", "Corpus"), ("/outlets", "Médias"))
    pages += (("/claims", "Affirmations"), ("/runs", "Exécutions"))
    for path, heading in pages:
        response = client.get(path, headers=french)
        assert response.headers["content-language"] == "fr" and '<html lang="fr">' in response.text
        assert f"<h1>{heading}</h1>" in response.text
        assert '<span aria-current="true" lang="fr">Français</span>' in response.text
        assert f'href="/language/en?next={path}"' in response.text
    english = client.get("/").text
    assert '<html lang="en">' in english and "<h1>Analyse articles</h1>" in english
    assert client.get("/nope", headers=french).text.count("Erreur 404") == 2  # title and heading


def test_the_switch_keeps_the_choice_and_goes_back_to_the_page(client: TestClient) -> None:
    response = client.get("/language/fr?next=/outlets%3Fx%3D1", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/outlets?x=1"
    assert "filigrane_lang=fr" in response.headers["set-cookie"] and "HttpOnly" in response.headers["set-cookie"]
    for elsewhere in ("//evil.example/", "https://evil.example/", "/\\evil.example"):
        away = client.get("/language/en", params={"next": elsewhere}, follow_redirects=False)
        assert away.headers["location"] == "/"
    assert client.get("/language/de", follow_redirects=False).status_code == 422
    client.cookies.set(i18n.COOKIE, "fr")
    try:
        assert "<h1>Analyser des articles</h1>" in client.get("/", headers={"accept-language": "en"}).text
    finally:
        client.cookies.clear()


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def code_messages() -> set[str]:
    """Every message the Python code translates or marks: the first argument of `_`, `_n`, `N_` …"""
    found = set()
    for path in SOURCES.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in CALLS:
                first = node.args[0] if node.args else None
                if isinstance(first, ast.Constant) and isinstance(first.value, str):
                    found.add(first.value)
    return found


def test_the_report_code_translates_its_messages() -> None:
    """The extraction sees the report's messages (a sanity check of `code_messages` itself)."""
    found = code_messages()
    assert {"Filigrane report", "How to read the texts", "named person", "Loaded Language"} <= found
    assert {"{n} document analysed", "Timeline: first seen per outlet, by day"} <= found


def test_the_catalogue_covers_every_message_with_the_same_fields() -> None:
    catalogue = messages.catalogue("fr")
    used = BUILT | code_messages()
    for template in TEMPLATES.glob("*.html"):
        text = template.read_text(encoding="utf-8")
        used |= set(re.findall(r'\b_\("([^"]*)"', text)) | set(re.findall(r'\b_n\("([^"]*)"', text))
    assert sorted(used - set(catalogue)) == []  # every message has its French text
    assert sorted(set(catalogue) - used) == []  # and the catalogue holds nothing dead
    for message, french in catalogue.items():
        forms = french if isinstance(french, list) else [french]
        assert len(forms) in (1, 2) and all(isinstance(form, str) and form for form in forms), message
        assert all(_fields(form) == _fields(message) for form in forms), message


def test_plurals_numbers_and_punctuation_follow_each_language() -> None:
    with messages.speaking("fr"):
        assert messages.ngettext("{n} document analysed", "{n} documents analysed", 0) == "0 document analysé"
        assert messages.ngettext("{n} document analysed", "{n} documents analysed", 2) == "2 documents analysés"
        assert messages.gettext("no such message") == "no such message"
        assert messages.decimal(0.834, 2) == "0,83" and messages.semicolons(["a", "b"]) == "a ; b"
    assert messages.decimal(0.834, 2) == "0.83" and messages.semicolons(["a", "b"]) == "a; b"
    assert messages.ngettext("{n} document analysed", "{n} documents analysed", 0) == "0 documents analysed"


def test_claims_and_runs_pages_leave_no_english_to_a_french_reader(client: TestClient) -> None:
    french = {"accept-language": "fr"}
    claims = client.get("/claims", headers=french).text
    for english in ("Claim contains", "Holder kind", "Search claims", "Export this view", "named person", ">any<"):
        assert english not in claims
    assert "Type de porteur" in claims and "Chercher des affirmations" in claims and "personne nommée" in claims
    assert "0 affirmation</h2>" in claims and "Aucune affirmation ne correspond à ces filtres." in claims
    runs = unescape(client.get("/runs", headers=french).text)
    assert "Aucune exécution enregistrée pour l'instant." in runs and "No run stored yet." not in runs


def test_the_embedded_reading_and_corpus_follow_the_page_language(client: TestClient) -> None:
    """The reading and the corpus come from the HTML report: in French for a French reader, in
    English otherwise, never marked English inside a French page; the article itself is untouched."""
    text = "Un conseil vote le budget\n\nLe maire a affirmé mardi que le budget serait voté avant l'été.\n"
    posted = client.post("/analyze/text", data={"text": text}, follow_redirects=False)
    assert posted.status_code == 303
    path = posted.headers["location"]
    french = unescape(client.get(path, headers={"accept-language": "fr"}).text)
    english = unescape(client.get(path, headers={"accept-language": "en"}).text)
    assert "Comment lire les textes" in french and "How to read the texts" not in french
    assert "<dt>Origine</dt>" in french and 'class="reading" lang="en"' not in french
    assert "How to read the texts" in english and "<dt>Origin</dt>" in english
    assert "le budget serait voté avant l'été" in french and "le budget serait voté avant l'été" in english
    corpus = client.get("/corpus", headers={"accept-language": "fr"}).text
    assert "Sommaire</h3>" in corpus and 'class="reading" lang="en"' not in corpus
