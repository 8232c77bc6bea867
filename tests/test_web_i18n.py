"""The pages in French or English: the browser's Accept-Language, the switch on every page (a cookie),
and a message catalogue that covers every message of the templates."""

from __future__ import annotations

import re
import string
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.requests import Request

from filigrane.web import i18n
from filigrane.web.app import create_app
from tests.test_web_api import TestClient, local_client

TEMPLATES = Path(i18n.__file__).parent / "templates"
#: Messages the templates build from a value (job states, search fields, job stages, time left).
BUILT = {
    *(
        f"{kind} {state}"
        for kind in ("Analysis", "Re-check", "Corpus update")
        for state in ("queued", "running", "done", "failed")
    ),
    *("queued", "running", "done", "failed", "text", "entity", "outlet", "holder", "technique"),
    "finishing: reposts, stories and claim groups",
    "stories and claim groups over the whole store",
    "about {minutes} min {seconds} s left",
    "about {seconds} s left",
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
    for path, heading in (("/", "Analyser des articles"), ("/corpus", "Corpus"), ("/outlets", "Médias")):
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


def test_the_catalogue_covers_every_message_with_the_same_fields() -> None:
    catalogue = i18n.catalogue("fr")
    used = set(BUILT)
    for template in TEMPLATES.glob("*.html"):
        text = template.read_text(encoding="utf-8")
        used |= set(re.findall(r'\b_\("([^"]*)"', text)) | set(re.findall(r'\b_n\("([^"]*)"', text))
    assert sorted(used - set(catalogue)) == []  # every message has its French text
    assert sorted(set(catalogue) - used) == []  # and the catalogue holds nothing dead
    for message, french in catalogue.items():
        forms = french if isinstance(french, list) else [french]
        assert len(forms) in (1, 2) and all(isinstance(form, str) and form for form in forms), message
        assert all(_fields(form) == _fields(message) for form in forms), message


def test_plurals_follow_each_language() -> None:
    with i18n.speaking("fr"):
        assert i18n.ngettext("{n} document analysed", "{n} documents analysed", 0) == "0 document analysé"
        assert i18n.ngettext("{n} document analysed", "{n} documents analysed", 2) == "2 documents analysés"
        assert i18n.gettext("no such message") == "no such message"
    assert i18n.ngettext("{n} document analysed", "{n} documents analysed", 0) == "0 documents analysed"
