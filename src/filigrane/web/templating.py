"""The Jinja2 environment of the pages: templates shipped in the package, autoescaped."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

from fastapi.templating import Jinja2Templates
from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.requests import Request
from starlette.responses import HTMLResponse

from filigrane import i18n as messages
from filigrane.claim_records import BARE_QUOTE_CUE
from filigrane.version import __version__
from filigrane.web import i18n

templates = Jinja2Templates(
    env=Environment(loader=PackageLoader("filigrane.web", "templates"), autoescape=select_autoescape(default=True))
)
templates.env.globals.update(
    version=__version__,
    _=messages.gettext,
    _n=messages.ngettext,
    time_left=i18n.time_left,
    languages=messages.LANGUAGES,
    bare_quote_cue=BARE_QUOTE_CUE,
)


def page(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """Render `templates/<template>` inside the layout, in the reader's language (see `i18n`)."""
    here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    with i18n.reader_language(request) as language:
        response = templates.TemplateResponse(
            request, template, {"page_lang": language, "here": here, **context}, status_code=status_code
        )
    response.headers["Content-Language"] = language
    response.headers["Vary"] = "Accept-Language, Cookie"
    return response


@cache
def app_css_text() -> str:
    """The pages' own style sheet (the reading's comes from the HTML report)."""
    return resources.files("filigrane.web").joinpath("templates/app.css").read_text(encoding="utf-8")
