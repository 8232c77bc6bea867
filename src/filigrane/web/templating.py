"""The Jinja2 environment of the pages: templates shipped in the package, autoescaped."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

from fastapi.templating import Jinja2Templates
from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.requests import Request
from starlette.responses import HTMLResponse

from filigrane.version import __version__

templates = Jinja2Templates(
    env=Environment(loader=PackageLoader("filigrane.web", "templates"), autoescape=select_autoescape(default=True))
)
templates.env.globals["version"] = __version__


def page(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """Render `templates/<template>` inside the layout."""
    return templates.TemplateResponse(request, template, context, status_code=status_code)


@cache
def app_css_text() -> str:
    """The pages' own style sheet (the reading's comes from the HTML report)."""
    return resources.files("filigrane.web").joinpath("templates/app.css").read_text(encoding="utf-8")
