"""Catalogues of debunked claims ("known narratives"): one entry type, three importers.

- `read_euvsdisinfo_csv`: EUvsDisinfo-style CSV, columns matched case-insensitively: id, title,
  summary, disproof, date, outlets, languages, keywords, url (only an id and a title or summary are
  required; list columns are split on `;`, `,` or `|`).
- `read_claimreview`: schema.org ClaimReview JSON-LD (one object, a list, or an `@graph`), and
  the Google Fact Check Tools `claims:search` answer (`{"claims": [...]}` with text, claimant,
  claimDate, claimReview[publisher, url, title, textualRating, languageCode]).
- `read_plain_csv`: your own list, columns id, claim, and optionally disproof, url.

Every importer returns `(entries, rejections)`: a bad row or record becomes a `Rejection` whose
`source` is `file:line` (or `file#record`), never an exception. `load_catalogue_file` picks the
importer from the extension and, for CSV, from the header.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from filigrane.document import Rejection


@dataclass(frozen=True, slots=True)
class NarrativeEntry:
    """One debunked claim of a catalogue."""

    entry_id: str
    title: str
    summary: str = ""
    disproof: str = ""
    date: str | None = None
    outlets: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    url: str | None = None
    source_file: str = ""
    rating: str | None = None
    claimant: str | None = None
    extra: Mapping[str, str] = field(default_factory=dict)
    #: The name the catalogue was given (`catalogue import --name`, else its file name without extension).
    catalogue: str = ""

    @property
    def match_text(self) -> str:
        """What a document's claims are compared with: the title, then the summary."""
        title, summary = self.title.strip(), self.summary.strip()
        return f"{title} {summary}" if summary and summary != title else title

    @property
    def passages(self) -> tuple[str, ...]:
        """The whole match text, the title, and each sentence of the summary (distinct, in that order)."""
        items = [self.match_text, self.title.strip(), *split_sentences(self.summary)]
        return tuple(dict.fromkeys(item for item in items if item))


_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[^\s\w]*[A-ZÀ-ÖØ-Þ0-9])")


def split_sentences(text: str) -> list[str]:
    """Sentences of a catalogue text: a split after . ! ? … followed by a capital or a digit."""
    text = " ".join(text.split())
    return [part for part in _SENTENCE_END.split(text) if part] if text else []


Catalogue = tuple[list[NarrativeEntry], list[Rejection]]

EUVS_COLUMNS = ("id", "title", "summary", "disproof", "date", "outlets", "languages", "keywords", "url")
_LIST_SPLIT = re.compile(r"\s*[;,|]\s*")


def _split_list(value: str | None) -> tuple[str, ...]:
    if not value:
        return ()
    return tuple(item for item in _LIST_SPLIT.split(value.strip()) if item)


def _clean(value: Any) -> str:
    return " ".join(str(value).split()) if value is not None else ""


def _read_text(path: Path) -> str:
    data = path.read_bytes()
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


#: Field separators a catalogue may use; the header line says which one (RFC 4180 quoting either way).
_DELIMITERS = (",", ";", "\t")


def _delimiter(text: str, suffix: str) -> str:
    """The separator that splits the header record into the most fields (tab for `.tsv`, else `,` on a tie).

    Only the separator is guessed: quoting stays RFC 4180 (dialect excel: `"` quotes, `""` inside
    quotes is a quote, line breaks inside quotes belong to the field), as spreadsheets write it.
    Sniffing the quoting from one line cannot see a doubled quote, and guessed wrong it loses rows.
    """
    counts = {d: len(next(csv.reader(io.StringIO(text, newline=""), "excel", delimiter=d), [])) for d in _DELIMITERS}
    default = "\t" if suffix == ".tsv" else ","
    return default if counts[default] == max(counts.values()) else max(_DELIMITERS, key=counts.__getitem__)


def _csv_rows(path: Path) -> tuple[dict[str, int], Iterator[tuple[int, list[str]]]]:
    """The lower-cased header (name -> column) and the data rows with their starting line numbers."""
    text = _read_text(path)
    reader = csv.reader(io.StringIO(text, newline=""), "excel", delimiter=_delimiter(text, path.suffix.lower()))
    try:
        header = next(reader)
    except StopIteration:
        return {}, iter(())
    columns: dict[str, int] = {}
    for i, name in enumerate(header):
        columns.setdefault(name.strip().lower(), i)

    def rows() -> Iterator[tuple[int, list[str]]]:
        line = reader.line_num + 1
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                yield line, ["\x00csv-error", str(exc)]
                line = reader.line_num + 1
                continue
            yield line, row
            line = reader.line_num + 1

    return columns, rows()


def _rejection(path: Path, where: int | str, reason: str, detail: str = "") -> Rejection:
    sep = ":" if isinstance(where, int) else "#"
    return Rejection(source=f"{path}{sep}{where}", reason=reason, detail=detail)


def _row_values(
    path: Path, line: int, row: list[str], columns: dict[str, int]
) -> tuple[dict[str, str] | None, Rejection | None]:
    if row and row[0] == "\x00csv-error":
        return None, _rejection(path, line, "malformed CSV row", row[1] if len(row) > 1 else "")
    if not any(cell.strip() for cell in row):
        return None, None  # blank line: not an entry, not an error
    if len(row) > len(columns) and any(cell.strip() for cell in row[len(columns) :]):
        return None, _rejection(path, line, "too many fields", f"{len(row)} fields for {len(columns)} columns")
    values = {name: _clean(row[i]) if i < len(row) else "" for name, i in columns.items()}
    return values, None


def _entry_rows(
    path: Path,
    rows: Iterable[tuple[int, list[str]]],
    columns: dict[str, int],
    rejections: list[Rejection],
    text_columns: tuple[str, ...],
) -> Iterator[tuple[str, dict[str, str]]]:
    """The rows that make entries: each bad, id-less, text-less or duplicate row becomes a rejection.

    A row needs an id and some text in at least one of `text_columns`.
    """
    seen: set[str] = set()
    for line, row in rows:
        values, rejection = _row_values(path, line, row, columns)
        if rejection is not None:
            rejections.append(rejection)
        if values is None:
            continue
        entry_id = values.get("id", "")
        if not entry_id:
            rejections.append(_rejection(path, line, "empty id"))
        elif not any(values.get(column) for column in text_columns):
            rejections.append(_rejection(path, line, "empty " + " and ".join(text_columns), entry_id))
        elif entry_id in seen:
            rejections.append(_rejection(path, line, "duplicate id", entry_id))
        else:
            seen.add(entry_id)
            yield entry_id, values


def read_euvsdisinfo_csv(path: str | Path) -> Catalogue:
    """Entries of an EUvsDisinfo-style CSV (see the module docstring); bad rows are rejections."""
    path = Path(path)
    columns, rows = _csv_rows(path)
    if "id" not in columns or not ({"title", "summary"} & columns.keys()):
        return [], [_rejection(path, 1, "missing columns", "need id and title or summary")]
    entries: list[NarrativeEntry] = []
    rejections: list[Rejection] = []
    for entry_id, values in _entry_rows(path, rows, columns, rejections, ("title", "summary")):
        title, summary = values.get("title", ""), values.get("summary", "")
        extra = {k: v for k, v in values.items() if k not in EUVS_COLUMNS and v}
        entries.append(
            NarrativeEntry(
                entry_id=entry_id,
                title=title or summary,
                summary=summary if title else "",
                disproof=values.get("disproof", ""),
                date=values.get("date") or None,
                outlets=_split_list(values.get("outlets")),
                languages=_split_list(values.get("languages")),
                keywords=_split_list(values.get("keywords")),
                url=values.get("url") or None,
                source_file=str(path),
                catalogue=path.stem,
                extra=extra,
            )
        )
    return entries, rejections


def read_plain_csv(path: str | Path) -> Catalogue:
    """Entries of a plain CSV: id, claim, and optionally disproof, url (case-insensitive)."""
    path = Path(path)
    columns, rows = _csv_rows(path)
    if "id" not in columns or "claim" not in columns:
        return [], [_rejection(path, 1, "missing columns", "need id and claim")]
    entries: list[NarrativeEntry] = []
    rejections: list[Rejection] = []
    for entry_id, values in _entry_rows(path, rows, columns, rejections, ("claim",)):
        claim = values["claim"]
        entries.append(
            NarrativeEntry(
                entry_id=entry_id,
                title=claim,
                disproof=values.get("disproof", ""),
                url=values.get("url") or None,
                source_file=str(path),
                catalogue=path.stem,
            )
        )
    return entries, rejections


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _name(value: Any) -> str:
    """A schema.org Person/Organization (or a plain string) as a name."""
    if isinstance(value, Mapping):
        return _clean(value.get("name") or value.get("site") or value.get("url") or "")
    return _clean(value) if isinstance(value, str) else ""


def _types(node: Mapping[str, Any]) -> set[str]:
    return {str(t).rsplit("/", 1)[-1] for t in _as_list(node.get("@type"))}


def _walk_jsonld(data: Any) -> Iterator[Any]:
    """Top-level JSON-LD nodes: objects, lists of objects, `@graph` contents (nested too)."""
    for item in _as_list(data):
        if isinstance(item, Mapping) and "@graph" in item:
            yield from _walk_jsonld(item["@graph"])
        else:
            yield item


def _from_claimreview(node: Mapping[str, Any], path: Path, where: str) -> NarrativeEntry | Rejection:
    reviewed = node.get("itemReviewed")
    claim = reviewed if isinstance(reviewed, Mapping) else {}
    text = _clean(node.get("claimReviewed") or claim.get("text") or claim.get("name") or "")
    if not text:
        return _rejection(path, where, "ClaimReview without claimReviewed", _clean(node.get("url", "")))
    rating = node.get("reviewRating")
    rating_text = _clean(rating.get("alternateName") or rating.get("name") or "") if isinstance(rating, Mapping) else ""
    appearance = _as_list(claim.get("appearance")) + _as_list(claim.get("firstAppearance"))
    outlets = tuple(
        dict.fromkeys(
            name for name in (_name(a.get("url") if isinstance(a, Mapping) else a) for a in appearance) if name
        )
    )
    language = node.get("inLanguage")
    languages = tuple(_name(lang) for lang in _as_list(language) if _name(lang))
    url = _clean(node.get("url") or node.get("@id") or "") or None
    return NarrativeEntry(
        entry_id=url or f"{path.name}#{where}",
        title=text,
        summary=_clean(node.get("name") or node.get("headline") or ""),
        disproof=rating_text,
        date=_clean(claim.get("datePublished") or node.get("datePublished") or "") or None,
        outlets=outlets,
        languages=languages,
        keywords=_split_list(node.get("keywords")) if isinstance(node.get("keywords"), str) else (),
        url=url,
        source_file=str(path),
        catalogue=path.stem,
        rating=rating_text or None,
        claimant=_name(claim.get("author")) or None,
    )


def _from_factcheck_tools(item: Mapping[str, Any], path: Path, where: str) -> NarrativeEntry | Rejection:
    text = _clean(item.get("text") or "")
    if not text:
        return _rejection(path, where, "claim without text")
    reviews = [r for r in _as_list(item.get("claimReview")) if isinstance(r, Mapping)]
    first: Mapping[str, Any] = reviews[0] if reviews else {}
    url = _clean(first.get("url") or "") or None
    ratings = [_clean(r.get("textualRating") or "") for r in reviews]
    languages = tuple(dict.fromkeys(_clean(r.get("languageCode") or "") for r in reviews if r.get("languageCode")))
    outlets = tuple(dict.fromkeys(_name(r.get("publisher")) for r in reviews if _name(r.get("publisher"))))
    return NarrativeEntry(
        entry_id=url or f"{path.name}#{where}",
        title=text,
        summary=_clean(first.get("title") or ""),
        disproof="; ".join(r for r in ratings if r),
        date=_clean(item.get("claimDate") or first.get("reviewDate") or "") or None,
        outlets=outlets,
        languages=languages,
        url=url,
        source_file=str(path),
        catalogue=path.stem,
        rating=ratings[0] if ratings and ratings[0] else None,
        claimant=_clean(item.get("claimant") or "") or None,
    )


def _claimreview_node(node: Any, path: Path, where: str) -> NarrativeEntry | Rejection:
    if not isinstance(node, Mapping):
        return _rejection(path, where, "not a ClaimReview", type(node).__name__)
    if "ClaimReview" not in _types(node):
        return _rejection(path, where, "not a ClaimReview", _clean(node.get("@type", "")))
    return _from_claimreview(node, path, where)


def read_claimreview(path: str | Path) -> Catalogue:
    """Entries of a ClaimReview JSON-LD file or a Fact Check Tools `claims:search` answer."""
    path = Path(path)
    try:
        data = json.loads(_read_text(path))
    except json.JSONDecodeError as exc:
        return [], [_rejection(path, exc.lineno, "invalid JSON", exc.msg)]
    entries: list[NarrativeEntry] = []
    rejections: list[Rejection] = []
    results: Iterable[NarrativeEntry | Rejection]
    if isinstance(data, Mapping) and isinstance(data.get("claims"), list):
        results = (
            _from_factcheck_tools(item, path, f"claims[{i}]")
            if isinstance(item, Mapping)
            else _rejection(path, f"claims[{i}]", "claim is not an object")
            for i, item in enumerate(data["claims"])
        )
    else:
        results = (_claimreview_node(node, path, f"node[{i}]") for i, node in enumerate(_walk_jsonld(data)))
    seen: set[str] = set()
    for result in results:
        if isinstance(result, Rejection):
            rejections.append(result)
        elif result.entry_id in seen:
            rejections.append(Rejection(source=f"{path}", reason="duplicate id", detail=result.entry_id))
        else:
            seen.add(result.entry_id)
            entries.append(result)
    return entries, rejections


def load_catalogue_file(path: str | Path) -> Catalogue:
    """Any supported catalogue: `.json`/`.jsonld` -> ClaimReview; CSV/TSV -> by header."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in {".json", ".jsonld"}:
        return read_claimreview(path)
    if suffix in {".csv", ".tsv", ".txt"}:
        columns, _ = _csv_rows(path)
        if "claim" in columns and not ({"title", "summary"} & columns.keys()):
            return read_plain_csv(path)
        return read_euvsdisinfo_csv(path)
    head = _read_text(path).lstrip()[:1]
    if head in {"{", "["}:
        return read_claimreview(path)
    return [], [Rejection(source=str(path), reason="unknown catalogue format", detail=suffix or "no extension")]


def load_catalogue(paths: Iterable[str | Path]) -> Catalogue:
    """Several catalogue files as one; a later duplicate id is a rejection."""
    entries: list[NarrativeEntry] = []
    rejections: list[Rejection] = []
    seen: set[str] = set()
    for path in paths:
        found, rejected = load_catalogue_file(path)
        rejections.extend(rejected)
        for entry in found:
            if entry.entry_id in seen:
                rejections.append(Rejection(source=entry.source_file, reason="duplicate id", detail=entry.entry_id))
                continue
            seen.add(entry.entry_id)
            entries.append(entry)
    return entries, rejections
