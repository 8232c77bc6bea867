"""Main-text extraction evaluation: Filigrane against trafilatura alone and jusText.

Run from the repository root: `python -m eval.extraction` (add `--no-en` to skip the English control).
It prints a markdown table (the one in EVALUATION.md) and writes `eval/results/extraction.json`.

Every set is split into a dev part (rules may be tuned on it) and a test part (only scored), by a
fixed rule on the page's name (`split_of`: the last byte of its SHA-256 even -> dev); each figure is
given for both parts. Five measures, on the real data of `../shared/eval/` (or `$FILIGRANE_SHARED/eval/`):

- europa-fr, token P/R/F1 of the extracted main text against the reference text. Tokens are
  `\\w+` matches, lower-cased; overlap is the multiset (bag-of-tokens) intersection. Scores are
  computed per page and averaged over pages (macro average; a page with no output scores 0).
- extraction-fr, snippet checks: how many `with` snippets appear in the output and how many
  `without` snippets do not, on whitespace-normalised text.
- line benchmark of the plain-text cleaner: each HTML page is rendered whole to lines, the way web
  corpora produce plain text (see `render_lines`); a line is gold when it lies inside the main
  text (see `gold_lines`). Filigrane's cleaner and jusText each get the same lines and say which to
  keep; line P/R/F1 is micro-averaged over all lines of all pages, and also weighted by line length
  in characters.
- titles: the page's title against the reference heading (europa-fr: the first heading of the
  reference text; extraction-fr: the page's `<h1>` headings that are not the site's name).
- extraction-en (control, English): token P/R/F1 as for europa-fr, against `articleBody`.

Filigrane reads each set as one run (`ExtractHtml`, `SiteChrome`, `CleanText`), as
`filigrane analyze FOLDER` does: lines its sites repeat are learnt from the whole set, no gold read.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import html as html_lib
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import justext
import lxml.html
import trafilatura
from lxml import etree

from eval.shared import shared_dir, write_results
from filigrane.clean.blocks import split_blocks
from filigrane.clean.classify import classify
from filigrane.clean.sites import SiteChrome
from filigrane.clean.step import CleanText
from filigrane.clean.titles import page_site_names, title_key
from filigrane.document import Document
from filigrane.ingest.html import ExtractHtml
from filigrane.ingest.render import render_lines as render_page
from filigrane.steps import RejectDocument

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "eval" / "results" / "extraction.json"
_TOKEN = re.compile(r"\w+")

# ---------------------------------------------------------------------------------------------
# Data


@dataclass(frozen=True, slots=True)
class Page:
    name: str
    html: str
    language: str
    reference: str = ""
    with_snippets: tuple[str, ...] = ()
    without_snippets: tuple[str, ...] = ()
    #: Reference titles: the page's title is right when it equals one of them (none: not scored).
    headings: tuple[str, ...] = ()


PARTS = ("dev", "test")


def split_of(name: str) -> str:
    """The fixed dev/test split: the last byte of SHA-256(page name) even -> dev, odd -> test."""
    return "dev" if hashlib.sha256(name.encode("utf-8")).digest()[-1] % 2 == 0 else "test"


def part(pages: Sequence[Page], name: str) -> tuple[Page, ...]:
    """The pages of one part (`dev` or `test`) of a set."""
    return tuple(page for page in pages if split_of(page.name) == name)


def _read(path: Path) -> str:
    data = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
    return data.decode("utf-8", errors="replace")


_HEADING = re.compile(r"<h([1-6])\b[^>]*>(.*?)</h\1\s*>", re.IGNORECASE | re.DOTALL)


def reference_heading(markup: str) -> tuple[str, ...]:
    """The first heading of a europa-fr reference text (its title), tags stripped."""
    found = _HEADING.search(markup)
    return (" ".join(strip_reference(found.group(2)).split()),) if found else ()


def page_headings(page_html: str, url: str) -> tuple[str, ...]:
    """The page's `<h1>` headings that are not its site's name (og:site_name, the URL's domain)."""
    tree = lxml.html.document_fromstring(page_html)
    names = tree.xpath("//meta[@property='og:site_name']/@content")
    is_site_name = page_site_names(names, urlsplit(url).hostname)
    found = (" ".join(h1.text_content().split()) for h1 in tree.iter("h1"))
    return tuple(heading for heading in found if title_key(heading) and not is_site_name(heading))


_BLOCK_TAG = re.compile(r"</?(?:p|div|h[1-6]|li|ul|ol|br|tr|td|th|table|blockquote|pre|dd|dt)\b[^>]*>", re.I)
_ANY_TAG = re.compile(r"<[^>]+>")


def strip_reference(markup: str) -> str:
    """Reference HTML to text: block tags break lines, inline tags vanish (they split words)."""
    text = _ANY_TAG.sub("", _BLOCK_TAG.sub("\n", markup))
    return html_lib.unescape(text)


def strip_reference_spaced(markup: str) -> str:
    """Reference HTML to text with every tag read as a space: the reading behind the quoted 0.903.

    It splits the words that the page's markup cuts with inline tags ("contr</B><B>ôle"), in the
    reference only, so every extractor loses a little; kept to compare with the figure in the issue.
    """
    return html_lib.unescape(_ANY_TAG.sub(" ", markup))


@cache
def europa_pages(spaced: bool = False) -> tuple[Page, ...]:
    folder = shared_dir() / "eval" / "europa-fr"
    strip = strip_reference_spaced if spaced else strip_reference
    pages = []
    for path in sorted((folder / "html").glob("*.html")):
        markup = _read(folder / "reference" / path.name)
        pages.append(Page(path.name, _read(path), "fr", reference=strip(markup), headings=reference_heading(markup)))
    return tuple(pages)


@cache
def snippet_pages() -> tuple[Page, ...]:
    folder = shared_dir() / "eval" / "extraction-fr"
    gold: dict[str, dict[str, Any]] = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    pages = []
    for url, entry in sorted(gold.items()):
        page_html = _read(folder / "html" / entry["file"])
        pages.append(
            Page(
                entry["file"],
                page_html,
                "fr",
                with_snippets=tuple(entry["with"]),
                without_snippets=tuple(entry["without"]),
                headings=page_headings(page_html, url),
            )
        )
    return tuple(pages)


@cache
def english_pages() -> tuple[Page, ...]:
    folder = shared_dir() / "eval" / "extraction-en"
    truth: dict[str, dict[str, Any]] = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    return tuple(
        Page(key, _read(folder / "html" / f"{key}.html.gz"), "en", reference=entry["articleBody"])
        for key, entry in sorted(truth.items())
    )


# ---------------------------------------------------------------------------------------------
# Extractors: HTML page to main text


def trafilatura_text(page: Page) -> str:
    """trafilatura alone, default settings, comments excluded, plain-text output."""
    return _trafilatura(page.html, favor_recall=False)


SETS: dict[str, Callable[[], tuple[Page, ...]]] = {
    "europa-fr": europa_pages,
    "extraction-fr": snippet_pages,
    "extraction-en": english_pages,
}


@cache
def filigrane_run(set_name: str) -> dict[str, Document]:
    """Filigrane's HTML path over a whole set as one run: ExtractHtml, SiteChrome, then the cleaner.

    The site step learns, from the pages of the run alone, the lines each site repeats; the
    cleaner removes them. Documents by page name; a rejected page keeps its rejection.
    """
    stream: Iterable[Document] = [
        Document(source=page.name, format="html", raw_html=page.html) for page in SETS[set_name]()
    ]
    for step in (ExtractHtml(), SiteChrome(), CleanText()):
        stream = step(stream)
    return {doc.source: doc for doc in stream}


def filigrane(set_name: str) -> Callable[[Page], str]:
    """Filigrane's clean `doc.text` (title first) for the pages of a set, read as one run."""
    docs = filigrane_run(set_name)
    return lambda page: "" if docs[page.name].rejected else docs[page.name].text


def filigrane_alone(page: Page) -> str:
    """Filigrane on one page alone (no collection to learn site chrome from)."""
    doc = Document(source=page.name, format="html", raw_html=page.html)
    try:
        ExtractHtml().process(doc)
        CleanText().process(doc)
    except RejectDocument:
        return ""
    return doc.text


def trafilatura_recall_text(page: Page) -> str:
    """trafilatura with `favor_recall=True`, the setting Filigrane's ExtractHtml uses (for reference)."""
    return _trafilatura(page.html, favor_recall=True)


@cache
def _trafilatura(page_html: str, *, favor_recall: bool) -> str:
    return trafilatura.extract(page_html, include_comments=False, favor_recall=favor_recall) or ""


def extractors(set_name: str) -> dict[str, Callable[[Page], str]]:
    return {"trafilatura": trafilatura_text, "filigrane": filigrane(set_name)}


# ---------------------------------------------------------------------------------------------
# Token and snippet scores


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.lower())


def prf(predicted: Iterable[str], gold: Iterable[str]) -> tuple[float, float, float]:
    """Bag-of-tokens precision, recall and F1."""
    found, wanted = Counter(predicted), Counter(gold)
    overlap = sum((found & wanted).values())
    precision = overlap / sum(found.values()) if found else 0.0
    recall = overlap / sum(wanted.values()) if wanted else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def token_scores(pages: Sequence[Page], extract: Callable[[Page], str]) -> dict[str, float]:
    """Per-page token P/R/F1 averaged over pages."""
    rows = [prf(tokens(extract(page)), tokens(page.reference)) for page in pages]
    return {
        "precision": sum(r[0] for r in rows) / len(rows),
        "recall": sum(r[1] for r in rows) / len(rows),
        "f1": sum(r[2] for r in rows) / len(rows),
        "pages": len(rows),
    }


def normalise(text: str) -> str:
    return " ".join(text.split())


def title_scores(pages: Sequence[Page], set_name: str) -> dict[str, Any]:
    """How many titles equal (case, punctuation and spacing left out) a reference heading of their page."""
    docs = filigrane_run(set_name)
    scored = [page for page in pages if page.headings]
    wrong = [
        page.name
        for page in scored
        if docs[page.name].rejected
        or title_key(docs[page.name].title or "") not in {title_key(heading) for heading in page.headings}
    ]
    right = len(scored) - len(wrong)
    return {"right": right, "pages": len(scored), "accuracy": right / len(scored) if scored else 0.0, "wrong": wrong}


def snippet_scores(pages: Sequence[Page], extract: Callable[[Page], str]) -> dict[str, int]:
    present = absent = wanted = unwanted = 0
    for page in pages:
        text = normalise(extract(page))
        present += sum(normalise(snippet) in text for snippet in page.with_snippets)
        absent += sum(normalise(snippet) not in text for snippet in page.without_snippets)
        wanted += len(page.with_snippets)
        unwanted += len(page.without_snippets)
    return {"with_present": present, "with_total": wanted, "without_absent": absent, "without_total": unwanted}


# ---------------------------------------------------------------------------------------------
# Line benchmark: the whole page rendered to lines, gold = lines inside the main text


def render_lines(page_html: str) -> list[str]:
    """The whole page rendered to lines (see `filigrane.ingest.render.render_lines`)."""
    try:
        tree = lxml.html.document_fromstring(page_html)
    except (ValueError, etree.ParserError):
        return []
    return render_page(tree)


def align_lines(lines: Sequence[str], text: str, *, share: float = 0.5, min_run: int = 3) -> list[bool]:
    """Which lines a text covers: token alignment (difflib), then a line is in when `share` of its tokens are.

    Only aligned runs of `min_run` tokens or more count, or runs that cover a whole line, so that
    stray common words do not pull menu lines in.
    """
    owners: list[int] = []
    page_tokens: list[str] = []
    for index, line in enumerate(lines):
        found = tokens(line)
        page_tokens.extend(found)
        owners.extend([index] * len(found))
    matcher = SequenceMatcher(None, page_tokens, tokens(text), autojunk=False)
    sizes = Counter(owners)
    matched: Counter[int] = Counter()
    for start, _, size in matcher.get_matching_blocks():
        if not size:
            continue
        span = owners[start : start + size]
        if size >= min_run or (span[0] == span[-1] and sizes[span[0]] == size):
            matched.update(span)
    return [bool(sizes[i]) and matched[i] >= share * sizes[i] for i in range(len(lines))]


def gold_lines(page: Page, lines: Sequence[str]) -> list[bool]:
    """Gold: the line's tokens lie (at least half of them) in the aligned reference main text."""
    return align_lines(lines, page.reference)


def filigrane_lines(page: Page, lines: Sequence[str]) -> list[bool]:
    """Filigrane's plain-text cleaner on the rendered text (what CleanText runs), kept blocks to lines."""
    raw = "\n".join(lines)
    blocks = split_blocks(raw)
    if not blocks:
        return [False] * len(lines)
    classify(blocks, CleanText().config)
    starts = []
    position = 0
    for line in lines:
        starts.append(position)
        position += len(line) + 1
    kept = [False] * len(lines)
    spans = [(b.raw_start, b.raw_end) for b in blocks if b.label in ("keep", "title")]
    index = 0
    for start, end in spans:
        while index < len(lines) and starts[index] + len(lines[index]) <= start:
            index += 1
        j = index
        while j < len(lines) and starts[j] < end:
            kept[j] = True
            j += 1
    return kept


def _lines_html(lines: Sequence[str]) -> str:
    body = "".join(f"<p>{html_lib.escape(line)}</p>\n" for line in lines)
    return f"<html><head><meta charset='utf-8'></head><body>\n{body}</body></html>"


_STOPLISTS = {"fr": "French", "en": "English"}


def justext_lines(page: Page, lines: Sequence[str]) -> list[bool]:
    """jusText, default settings, with the page language's stoplist, on the lines as `<p>` paragraphs."""
    paragraphs = justext.justext(
        _lines_html(lines).encode("utf-8"), justext.get_stoplist(_STOPLISTS[page.language]), encoding="utf-8"
    )
    kept = [False] * len(lines)
    index = 0
    for paragraph in paragraphs:
        text = normalise(paragraph.text)
        while index < len(lines) and normalise(lines[index]) != text:
            index += 1
        if index < len(lines):
            kept[index] = not paragraph.is_boilerplate
            index += 1
    return kept


#: trafilatura is left out: it was not made for pages flattened to lines (see EVALUATION.md).
LINE_CLASSIFIERS: dict[str, Callable[[Page, Sequence[str]], list[bool]]] = {
    "jusText": justext_lines,
    "filigrane": filigrane_lines,
}


@dataclass(slots=True)
class LineCase:
    page: Page
    lines: list[str]
    gold: list[bool]


def line_cases(pages: Iterable[Page]) -> list[LineCase]:
    cases = []
    for page in pages:
        lines = render_lines(page.html)
        if lines:
            cases.append(LineCase(page, lines, gold_lines(page, lines)))
    return cases


def line_scores(cases: Sequence[LineCase], decide: Callable[[Page, Sequence[str]], list[bool]]) -> dict[str, float]:
    """Line P/R/F1, micro-averaged over every line of every page, and the same weighted by characters."""
    counts = Counter[str]()
    for case in cases:
        kept = decide(case.page, case.lines)
        for line, said, truth in zip(case.lines, kept, case.gold, strict=True):
            key = "tp" if said and truth else "fp" if said else "fn" if truth else "tn"
            counts[key] += 1
            counts[key + "_chars"] += len(line)
    return {
        **_f1(counts["tp"], counts["fp"], counts["fn"], ""),
        **_f1(counts["tp_chars"], counts["fp_chars"], counts["fn_chars"], "chars_"),
    }


def _f1(tp: int, fp: int, fn: int, prefix: str) -> dict[str, float]:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {f"{prefix}precision": precision, f"{prefix}recall": recall, f"{prefix}f1": f1}


# ---------------------------------------------------------------------------------------------
# Report


def evaluate(*, english: bool = True, verbose: bool = True) -> dict[str, Any]:
    def note(message: str) -> None:
        if verbose:
            print(message, file=sys.stderr, flush=True)

    results: dict[str, Any] = {
        "versions": {"trafilatura": trafilatura.__version__, "justext": _justext_version()},
        "split": "dev: pages whose SHA-256 of the name ends in an even byte; test: the others",
    }
    started = time.perf_counter()
    europa = europa_pages()
    for key, pages in (("europa-fr", europa), ("europa-fr-spaced", europa_pages(spaced=True))):
        results[key] = {
            name: {
                **{system: token_scores(part(pages, name), fn) for system, fn in extractors("europa-fr").items()},
                "trafilatura-favor-recall": token_scores(part(pages, name), trafilatura_recall_text),
            }
            for name in PARTS
        }
    note(f"europa-fr done ({time.perf_counter() - started:.1f} s)")
    snippets = snippet_pages()
    results["extraction-fr"] = {
        name: {system: snippet_scores(part(snippets, name), fn) for system, fn in extractors("extraction-fr").items()}
        for name in PARTS
    }
    results["titles"] = {
        set_name: {name: title_scores(part(pages, name), set_name) for name in PARTS}
        for set_name, pages in (("europa-fr", europa), ("extraction-fr", snippets))
    }
    note(f"extraction-fr done ({time.perf_counter() - started:.1f} s)")
    sets: dict[str, Sequence[Page]] = {"europa-fr": europa}
    if english:
        sets["extraction-en"] = english = english_pages()
        results["extraction-en"] = {
            name: {system: token_scores(part(english, name), fn) for system, fn in extractors("extraction-en").items()}
            for name in PARTS
        }
        note(f"extraction-en done ({time.perf_counter() - started:.1f} s)")
    lines_results: dict[str, Any] = {}
    for set_name, pages in sets.items():
        lines_results[set_name] = {}
        for name in PARTS:
            cases = line_cases(part(pages, name))
            lines_results[set_name][name] = {
                "pages": len(cases),
                "lines": sum(len(c.lines) for c in cases),
                "gold_lines": sum(sum(c.gold) for c in cases),
                **{system: line_scores(cases, fn) for system, fn in LINE_CLASSIFIERS.items()},
            }
        note(f"lines {set_name} done ({time.perf_counter() - started:.1f} s)")
    results["lines"] = lines_results
    return results


def _justext_version() -> str:
    from importlib.metadata import version

    return version("jusText")


def markdown(results: dict[str, Any]) -> str:
    rows = ["| Measure | Set, part | trafilatura | jusText | Filigrane |", "|---|---|---|---|---|"]
    for set_name, label in (("europa-fr", "tags stripped"), ("europa-fr-spaced", "tags read as spaces")):
        for key in ("f1", "precision", "recall"):
            for name in PARTS:
                scores = results[set_name][name]
                rows.append(
                    f"| token {key} (mean per page), reference {label} | europa-fr {name} "
                    f"({scores['filigrane']['pages']} pages) | {scores['trafilatura'][key]:.3f} | — "
                    f"| {scores['filigrane'][key]:.3f} |"
                )
    for name in PARTS:
        recall = results["europa-fr"][name]["trafilatura-favor-recall"]["f1"]
        spaced = results["europa-fr-spaced"][name]["trafilatura-favor-recall"]["f1"]
        rows.append(
            f"| token f1, trafilatura `favor_recall=True` (reference only) | europa-fr {name} | {recall:.3f} "
            f"(spaces: {spaced:.3f}) | — | — |"
        )
    for key, total in (("with_present", "with_total"), ("without_absent", "without_total")):
        label = "`with` snippets present" if key == "with_present" else "`without` snippets absent"
        for name in PARTS:
            snip = results["extraction-fr"][name]
            rows.append(
                f"| {label} | extraction-fr {name} | {snip['trafilatura'][key]}/{snip['trafilatura'][total]} "
                f"| — | {snip['filigrane'][key]}/{snip['filigrane'][total]} |"
            )
    for set_name, by_part in results["titles"].items():
        for name in PARTS:
            scores = by_part[name]
            rows.append(
                f"| title equals the reference heading | {set_name} {name} ({scores['pages']} pages) | — | — "
                f"| {scores['right']}/{scores['pages']} ({scores['accuracy']:.3f}) |"
            )
    for set_name, by_part in results["lines"].items():
        for key, label in (
            ("f1", "line F1"),
            ("precision", "line precision"),
            ("recall", "line recall"),
            ("chars_f1", "line F1, char-weighted"),
        ):
            for name in PARTS:
                scores = by_part[name]
                rows.append(
                    f"| {label} (plain-text cleaner) | {set_name} {name} rendered ({scores['lines']} lines) | — "
                    f"| {scores['jusText'][key]:.3f} | {scores['filigrane'][key]:.3f} |"
                )
    if "extraction-en" in results:
        for key in ("f1", "precision", "recall"):
            for name in PARTS:
                english = results["extraction-en"][name]
                rows.append(
                    f"| token {key} (mean per page), control | extraction-en {name} "
                    f"({english['filigrane']['pages']} pages) | {english['trafilatura'][key]:.3f} | — "
                    f"| {english['filigrane'][key]:.3f} |"
                )
    return "\n".join(rows)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.extraction", description=__doc__.splitlines()[0])
    parser.add_argument("--no-en", action="store_true", help="skip the English control (extraction-en)")
    parser.add_argument("--output", type=Path, default=RESULTS, help="where to write the JSON figures")
    args = parser.parse_args(argv)
    if not (shared_dir() / "eval").is_dir():
        print(f"{shared_dir()} has no eval/ folder: set FILIGRANE_SHARED", file=sys.stderr)
        return 2
    results = evaluate(english=not args.no_en)
    write_results(results, args.output)
    print(markdown(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
