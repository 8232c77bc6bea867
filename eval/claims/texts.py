"""Canonical texts of the claims gold set: how each item's text is derived from `../shared/`.

The gold offsets (`content_start`, `holder_start`, `cue_start`, marker `start`...) index into the
string returned by `canonical_text`, never into Filigrane's own cleaned text: the derivation below
is fixed, simple and independent of the code under evaluation. Each gold file records the SHA-256
of its canonical text, so that any change to this derivation (or to the shared data) is detected
by `python -m eval.claims.check_gold`.

Items are named by their path under `../shared/`, shortened:

- `seeds/<file>.txt` -> `corpus/seeds/<file>.txt`: the raw bytes decoded as UTF-8, CRLF -> LF,
  nothing else changed.
- `europa-fr/<file>.html` -> `eval/europa-fr/reference/<file>.html` (the hand-made reference, not
  the page): block tags (p, div, h1-h6, li, br, tr, table, blockquote) become "\\n", every other tag
  is removed (inline tags cut words: "contr</B><B>ôle" -> "contrôle"), HTML entities are unescaped
  with `html.unescape`, then every line is stripped, runs of blank lines collapse to one blank line
  and the whole text is stripped.
- `extraction-fr/<file>.html` -> `eval/extraction-fr/html/<file>.html`: these pages have no full
  reference; the page bytes are decoded as UTF-8 with `errors="replace"` (as `eval/extraction.py`
  reads them), CRLF -> LF, and the canonical text is `trafilatura.extract(html,
  include_comments=False)` with the pinned trafilatura 2.3.1 (deterministic for a given version),
  CRLF -> LF, stripped.
- `daccord/<id>` -> the row of `eval/daccord/daccord_dataset.tsv` whose `id` column is `<id>`: the
  canonical text is its `hypothesis` field (a short claim as it circulated), stripped.
- `daccord-premise/<id>` -> the same table: the canonical text is the `premise` field (a statement
  of an AFP Factuel fact-check), stripped, of the row whose `id` is `<id>`. One premise recurs over
  several rows (one per claim it is paired with), so each distinct premise is keyed by the **first**
  row id where it occurs, in id order; any later id of the same premise is refused.
- `extraction-en/<id>` -> the entry `<id>` of `eval/extraction-en/ground-truth.json` (English news
  articles): the canonical text is its hand-made `articleBody`, CRLF -> LF, stripped.
"""

from __future__ import annotations

import csv
import hashlib
import html
import json
import re
from functools import cache
from pathlib import Path

from eval.shared import shared_dir

ROOT = Path(__file__).resolve().parents[2]
TRAFILATURA_VERSION = "2.3.1"

_BLOCK_TAG = re.compile(r"</?(?:p|div|h[1-6]|li|br|tr|table|blockquote)\b[^>]*>", re.I)
_ANY_TAG = re.compile(r"<[^>]*>")
_BLANK_RUN = re.compile(r"\n{3,}")


def _decode(path: Path, errors: str = "strict") -> str:
    return path.read_bytes().decode("utf-8", errors=errors).replace("\r\n", "\n")


def strip_reference(markup: str) -> str:
    """Europa reference HTML to canonical text (see the module docstring)."""
    text = _ANY_TAG.sub("", _BLOCK_TAG.sub("\n", markup))
    text = html.unescape(text)
    lines = [line.strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return _BLANK_RUN.sub("\n\n", "\n".join(lines)).strip()


def source_path(item: str, shared: Path) -> Path:
    group, _, name = item.partition("/")
    if group == "seeds":
        return shared / "corpus" / "seeds" / name
    if group == "europa-fr":
        return shared / "eval" / "europa-fr" / "reference" / name
    if group == "extraction-fr":
        return shared / "eval" / "extraction-fr" / "html" / name
    if group in ("daccord", "daccord-premise"):
        return shared / "eval" / "daccord" / "daccord_dataset.tsv"
    if group == "extraction-en":
        return shared / "eval" / "extraction-en" / "ground-truth.json"
    raise ValueError(f"unknown gold item group: {item!r}")


def canonical_text(item: str, shared: Path | None = None) -> str:
    """The text a gold item's offsets index into; `item` is e.g. `europa-fr/press-release_IP-00-1000_fr.html`."""
    shared = shared_dir() if shared is None else shared
    path = source_path(item, shared)
    group = item.partition("/")[0]
    if group == "seeds":
        return _decode(path)
    if group == "europa-fr":
        return strip_reference(_decode(path))
    if group == "daccord":
        return daccord_claim(path, item.partition("/")[2])
    if group == "daccord-premise":
        return daccord_premise(path, item.partition("/")[2])
    if group == "extraction-en":
        return english_article(path, item.partition("/")[2])
    import trafilatura  # only the extraction-fr items need it

    if trafilatura.__version__ != TRAFILATURA_VERSION:
        raise RuntimeError(
            f"extraction-fr canonical texts are defined with trafilatura {TRAFILATURA_VERSION}, "
            f"found {trafilatura.__version__}"
        )
    text = trafilatura.extract(_decode(path, errors="replace"), include_comments=False) or ""
    return text.replace("\r\n", "\n").strip()


@cache
def _daccord_rows(table: Path) -> tuple[tuple[str, str, str], ...]:
    """(id, premise, hypothesis) of every DACCORD row, read once: the pool scripts look up hundreds."""
    with table.open(encoding="utf-8", newline="") as handle:
        return tuple(
            (row["id"], row["premise"].strip(), row["hypothesis"].strip())
            for row in csv.DictReader(handle, delimiter="\t")
        )


@cache
def english_bodies(table: Path) -> dict[str, str]:
    """`articleBody` of every extraction-en entry (canonical text), by id, read once."""
    entries = json.loads(table.read_text(encoding="utf-8"))
    return {key: entry["articleBody"].replace("\r\n", "\n").strip() for key, entry in entries.items()}


def english_article(table: Path, key: str) -> str:
    """The hand-made body of one English article of extraction-en."""
    try:
        return english_bodies(table)[key]
    except KeyError:
        raise ValueError(f"no extraction-en article with id {key!r}") from None


def daccord_claim(table: Path, row_id: str) -> str:
    """The `hypothesis` (the circulating claim) of one DACCORD row."""
    for found, _, hypothesis in _daccord_rows(table):
        if found == row_id:
            return hypothesis
    raise ValueError(f"no DACCORD row with id {row_id!r}")


def daccord_premise(table: Path, row_id: str) -> str:
    """The `premise` (a fact-check statement) of one DACCORD row, which must be its first row."""
    seen: set[str] = set()
    for found, premise, _ in _daccord_rows(table):
        if found == row_id:
            if premise in seen:
                raise ValueError(f"DACCORD row {row_id!r} repeats an earlier premise: key it by its first row")
            return premise
        seen.add(premise)
    raise ValueError(f"no DACCORD row with id {row_id!r}")


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def item_id(item: str) -> str:
    """File stem of an item's gold file.

    `europa-fr/press-release_IP-00-1000_fr.html` -> `europa-fr__press-release_IP-00-1000_fr`.
    """
    group, _, name = item.partition("/")
    return f"{group}__{Path(name).stem}"
