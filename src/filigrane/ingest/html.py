"""HTML pages: main text with trafilatura, then metadata, dates and links kept for provenance.

The extracted text then goes through the same block cleaner as plain text, so the two paths agree.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urljoin

import lxml.html
import trafilatura
from htmldate import find_date

from filigrane.document import Document, Link
from filigrane.engine.steps import MapStep, RejectDocument


class ExtractHtml(MapStep):
    """Fills `raw_text`, `title`, `date`, `url`, `links` and `metadata` of HTML documents."""

    name = "extract-html"

    def process(self, doc: Document) -> None:
        if doc.format != "html" or doc.raw_html is None:
            return
        try:
            tree = lxml.html.document_fromstring(doc.raw_html)
        except (ValueError, lxml.etree.ParserError) as error:
            raise RejectDocument("malformed-html", str(error) or "the page has no parsable content") from error
        page = _page_metadata(tree)
        doc.url = doc.url or page.get("canonical_url") or page.get("og:url")
        extracted: Any = trafilatura.bare_extraction(
            tree, url=doc.url, include_comments=False, with_metadata=True, include_tables=True
        )
        text = getattr(extracted, "text", None) if extracted is not None else None
        if not text or not text.strip():
            raise RejectDocument("no-content", "no main text found in the page")
        doc.raw_text = text
        doc.title = doc.title or page.get("og:title") or getattr(extracted, "title", None) or page.get("title")
        doc.date = doc.date or getattr(extracted, "date", None) or _page_date(doc.raw_html, doc.url)
        doc.metadata.update(page)
        for key in ("sitename", "hostname", "author", "description"):
            value = getattr(extracted, key, None)
            if value:
                doc.metadata[key] = value
        categories = getattr(extracted, "categories", None) or []
        doc.tags.extend(tag for tag in categories + (getattr(extracted, "tags", None) or []) if tag not in doc.tags)
        doc.links = _links(tree, doc.url, text)
        doc.analyses["extract-html"] = "trafilatura"


def _page_metadata(tree: lxml.html.HtmlElement) -> dict[str, str]:
    found: dict[str, str] = {}
    titles = tree.xpath("//title/text()")
    if titles and titles[0].strip():
        found["title"] = " ".join(titles[0].split())
    for meta in tree.xpath("//meta[@property or @name]"):
        key = (meta.get("property") or meta.get("name") or "").strip().lower()
        content = (meta.get("content") or "").strip()
        if content and key.startswith(("og:", "article:", "twitter:site")):
            found.setdefault(key, content)
    for link in tree.xpath("//link[@rel and @href]"):
        if "canonical" in link.get("rel", "").lower().split():
            found.setdefault("canonical_url", link.get("href").strip())
    if "og:site_name" in found:
        found.setdefault("site_name", found["og:site_name"])
    return found


def _page_date(html: str, url: str | None) -> str | None:
    try:
        result = find_date(html, url=url, original_date=True)
    except (ValueError, TypeError):
        return None
    return str(result) if result else None


def _links(tree: lxml.html.HtmlElement, base: str | None, main_text: str) -> list[Link]:
    """Links whose anchor text is part of the main text: the ones an article cites."""
    links: list[Link] = []
    seen: set[str] = set()
    for anchor in tree.xpath("//a[@href]"):
        label = " ".join(anchor.text_content().split())
        href = anchor.get("href", "").strip()
        if not label or len(label) < 3 or href.startswith(("#", "javascript:", "mailto:")) or label not in main_text:
            continue
        url = urljoin(base, href) if base else href
        if url not in seen:
            seen.add(url)
            links.append(Link(url, label))
    return links
