"""The HTML report: self-contained, and a hostile article renders inert."""

from __future__ import annotations

import re

import filigrane
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
