"""HTML pages: main text with trafilatura, then metadata, dates and links kept for provenance.

trafilatura finds the main content; its XML tree is rendered here one line per block (paragraph,
heading, list item, quote, table row), so the block cleaner sees the page's own structure. The
extracted text then goes through the same block cleaner as plain text, so the two paths agree.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urljoin, urlsplit

import lxml.html
import trafilatura
from htmldate import find_date

from filigrane.clean.blocks import Block, split_blocks
from filigrane.clean.classify import classify
from filigrane.clean.titles import choose_title, page_site_names, title_key
from filigrane.document import Document, Link
from filigrane.ingest.render import render_lines
from filigrane.steps import MapStep, RejectDocument


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
        page_lines = render_lines(tree)  # before trafilatura, which prunes the tree it is given
        headings = [" ".join(h1.text_content().split()) for h1 in tree.iter("h1")]
        doc.url = doc.url or page.get("canonical_url") or page.get("og:url")
        extracted: Any = trafilatura.bare_extraction(
            tree, url=doc.url, include_comments=False, with_metadata=True, include_tables=True, favor_recall=True
        )
        body = getattr(extracted, "body", None) if extracted is not None else None
        lines = _render(body) if body is not None else []
        if not lines:
            text = getattr(extracted, "text", None) if extracted is not None else None
            lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
        lines = recover_prose(lines, page_lines)
        if not lines:
            raise RejectDocument("no-content", "no main text found in the page")
        text = "\n".join(lines)
        doc.raw_text = text
        # trafilatura's `sitename` is often a guess from the title itself: only names the page declares
        doc.clues.site_names = [name for name in (page.get("og:site_name"), page.get("application-name")) if name]
        doc.clues.titles = _title_candidates(doc.title, page, headings, getattr(extracted, "title", None), lines)
        host = urlsplit(doc.url).hostname if doc.url else None
        doc.title = choose_title(doc.clues.titles, lines, page_site_names(doc.clues.site_names, host))
        found = getattr(extracted, "date", None) or _page_date(doc.raw_html, doc.url)
        doc.date = doc.date or (found if found and _stated(found, doc.raw_html) else None)
        doc.metadata.update(page)
        for key in ("sitename", "hostname", "author", "description"):
            value = getattr(extracted, key, None)
            if value:
                doc.metadata[key] = value
        categories = getattr(extracted, "categories", None) or []
        doc.tags.extend(tag for tag in categories + (getattr(extracted, "tags", None) or []) if tag not in doc.tags)
        doc.links = _links(tree, doc.url, text)
        doc.analyses["extract-html"] = "trafilatura"


def recover_prose(lines: list[str], page_lines: list[str]) -> list[str]:
    """Put back prose paragraphs inside the article that the extractor left out.

    The whole page goes through the plain-text cleaner; a block between the first and the last
    extracted lines of the page that is prose on its own merits (long and dense in function
    words) and kept in context, but absent from the extracted text, goes back in after the last
    extracted line that precedes it. Prose around the article (related stories, footers) stays out.
    """
    blocks = split_blocks("\n".join(page_lines))
    classify(blocks)
    extracted = _squash(" ".join(lines))
    found = [_squash(block.text)[:_PROBE] in extracted for block in blocks]
    if True not in found:
        return list(lines)
    first, last = found.index(True), len(found) - 1 - found[::-1].index(True)
    result = list(lines)
    anchor = -1  # index in `result` of the last extracted line met so far in page order
    for index in range(first, last + 1):
        block, squashed = blocks[index], _squash(blocks[index].text)
        if found[index]:
            anchor = next((i for i, line in enumerate(result) if squashed[:_PROBE] in _squash(line)), anchor)
        elif _is_prose(block) and squashed[-_PROBE:] not in extracted:
            anchor += 1
            result.insert(anchor, block.text)
    return result


def _is_prose(block: Block) -> bool:
    """Unmistakable article prose: long, full of function words, ending a sentence, kept in context."""
    return (
        block.label == "keep"
        and block.chars >= _PROSE_CHARS
        and block.stop_density >= _PROSE_STOPWORDS
        and block.ends_sentence
    )


def _squash(text: str) -> str:
    return " ".join(text.split())


#: A recovered paragraph is at least this long and this dense in function words.
_PROSE_CHARS = 250
_PROSE_STOPWORDS = 0.4
#: How many characters of a block are compared to decide whether the extractor kept it.
_PROBE = 60

#: trafilatura's block elements: each starts a line of the rendered text.
_BLOCKS = frozenset({"p", "head", "item", "quote", "list", "table", "div", "body", "code", "row", "cell", "main"})
#: Soft hyphens and zero-width characters: invisible in the page, they would split words in the text.
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")


def _render(body: Any) -> list[str]:
    """trafilatura's XML body to lines: one per block, data table rows as `| cell | cell |`."""
    lines: list[str] = []
    buffer: list[str] = []
    quotes = [0]

    def flush() -> None:
        line = " ".join(_INVISIBLE.sub("", "".join(buffer)).split())
        if line and quotes[0] and lines and line.startswith(("— ", "– ", "-- ")):
            lines[-1] = f"{lines[-1]} {line}"  # a quote's attribution ("— Name (@handle) date") closes it
        elif line:
            lines.append(line)
        buffer.clear()

    def walk(element: Any) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        quotes[0] += tag == "quote"
        if tag == "row" and _is_data_row(element):
            flush()
            cells = [_cell_text(cell) for cell in element.iterchildren("cell")]
            lines.append("| " + " | ".join(cells) + " |")
        elif tag and tag != "graphic":
            block = tag in _BLOCKS
            if block or tag == "lb":
                flush()
            buffer.append(element.text or "")
            for child in element:
                walk(child)
            if block:
                flush()
        quotes[0] -= tag == "quote"
        buffer.append(element.tail or "")

    walk(body)
    flush()
    return lines


def _cell_text(cell: Any) -> str:
    return " ".join(_INVISIBLE.sub("", cell.xpath("string()")).split())


def _is_data_row(row: Any) -> bool:
    """A row of a data table (short cells side by side), not of a layout table holding the article."""
    cells = [_cell_text(cell) for cell in row.iterchildren("cell")]
    return (
        sum(1 for cell in cells if cell) >= 2
        and sum(len(cell) for cell in cells) <= 600
        and not row.xpath(".//table|.//list")
    )


def _title_candidates(
    given: str | None, page: dict[str, str], headings: list[str], extracted: str | None, lines: list[str]
) -> list[str]:
    """Title candidates, best first: the input's own title, `og:title`, `twitter:title`, the `<h1>`
    headings (those the main text prints first), `<title>`, then trafilatura's pick."""
    printed = {title_key(line) for line in lines}
    h1 = sorted(headings, key=lambda heading: title_key(heading) not in printed)
    candidates: dict[str, str] = {}
    for candidate in (given, page.get("og:title"), page.get("twitter:title"), *h1, page.get("title"), extracted):
        text = " ".join((candidate or "").split())
        if title_key(text):
            candidates.setdefault(title_key(text), text)
    return list(candidates.values())


#: Other `<meta name>` entries kept: the site's handle, the title it gives social networks, its name.
_META_NAMES = frozenset({"twitter:site", "twitter:title", "application-name"})


def _page_metadata(tree: lxml.html.HtmlElement) -> dict[str, str]:
    found: dict[str, str] = {}
    titles = tree.xpath("//title/text()")
    if titles and titles[0].strip():
        found["title"] = " ".join(titles[0].split())
    for meta in tree.xpath("//meta[@property or @name]"):
        key = (meta.get("property") or meta.get("name") or "").strip().lower()
        content = (meta.get("content") or "").strip()
        if content and (key.startswith(("og:", "article:")) or key in _META_NAMES):
            found.setdefault(key, content)
    for link in tree.xpath("//link[@rel and @href]"):
        if "canonical" in link.get("rel", "").lower().split():
            found.setdefault("canonical_url", link.get("href").strip())
    if "og:site_name" in found:
        found.setdefault("site_name", found["og:site_name"])
    return found


def _stated(found: str, html: str) -> bool:
    """Whether a date the page gives is one it states. A bare year in the text ("entre 1993 et 1995")
    comes back from the date search as 1 January of that year: kept only when the page writes that
    day out (a release of 2000 was dated 1995-01-01)."""
    year, month, day = found[:4], found[5:7], found[8:10]
    if (month, day) != ("01", "01"):
        return True
    written = (
        f"{year}-01-01",
        f"01/01/{year}",
        f"1/1/{year}",
        f"01.01.{year}",
        f"1er janvier {year}",
        f"1 janvier {year}",
        f"january 1, {year}",
        f"1 january {year}",
    )
    lowered = html.lower()
    return any(form in lowered for form in written)


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
