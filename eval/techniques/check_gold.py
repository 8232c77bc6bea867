"""Validate the techniques gold set: `python -m eval.techniques.check_gold` (from the repository root).

For every `*.json` of the gold folder (`eval/techniques/gold`, or `--dir eval/techniques/gold-test`,
`--dir eval/techniques/gold-test2`, `--dir eval/techniques/gold-test3`):
recompute the item's canonical text from `../shared/` (or `$FILIGRANE_SHARED`), compare its SHA-256
with the recorded one, check that every span and cue text equals the text at its offsets, that
technique names are SemEval's, that the paragraphs are exactly the blank-line split and that each
paragraph's label set is the union of the techniques of the spans overlapping it; then print counts
per technique and per category. Exit status 1 on any error. Reads no Filigrane code.
"""

from __future__ import annotations

import argparse
import functools
import itertools
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from eval.claims.check_gold import _span
from eval.claims.check_gold import load_gold as load_gold
from eval.claims.texts import canonical_text, item_id, text_sha256
from eval.shared import shared_dir
from eval.techniques.paragraphs import lines, paragraphs, unit_labels
from eval.techniques.taxonomy import CATEGORY_OF, TECHNIQUES

GOLD_DIR = Path(__file__).resolve().parent / "gold"
TEST_DIR = Path(__file__).resolve().parent / "gold-test"
TEST2_DIR = Path(__file__).resolve().parent / "gold-test2"
TEST3_DIR = Path(__file__).resolve().parent / "gold-test3"
_canonical_text = functools.cache(canonical_text)  # each item's text is built once per run
TOP_KEYS = {"item", "text_sha256", "paragraphs", "spans"}
SPAN_KEYS = {"id", "technique", "start", "end", "text", "cues", "target"}


def _check_span(span: dict[str, Any], text: str, where: str) -> list[str]:
    errors: list[str] = []
    if set(span) != SPAN_KEYS:
        return [f"{where}: keys differ: missing {sorted(SPAN_KEYS - set(span))}, extra {sorted(set(span) - SPAN_KEYS)}"]
    if span["technique"] not in CATEGORY_OF:
        errors.append(f"{where}: unknown technique {span['technique']!r}")
    if _span(text, span["start"], span["end"]) != span["text"]:
        errors.append(f"{where}: text does not match its offsets")
    elif span["text"] != span["text"].strip():
        errors.append(f"{where}: span has surrounding whitespace")
    for cue in span["cues"]:
        if _span(text, cue.get("start"), cue.get("end")) != cue.get("text"):
            errors.append(f"{where}: cue {cue.get('text')!r} does not match its offsets")
        elif not span["start"] <= cue["start"] < cue["end"] <= span["end"]:
            errors.append(f"{where}: cue {cue['text']!r} lies outside its span")
    target = span["target"]
    if target is not None and (not isinstance(target, str) or not target.strip()):
        errors.append(f"{where}: target must be null or a non-empty string")
    return errors


def check_item(gold: dict[str, Any], path_stem: str, shared: Path) -> list[str]:
    item = gold.get("item", "")
    where = path_stem
    errors: list[str] = []
    if not TOP_KEYS <= set(gold) <= TOP_KEYS | {"notes"}:
        return [f"{where}: top-level keys differ from {sorted(TOP_KEYS)} (+ optional notes)"]
    if item_id(item) != path_stem:
        errors.append(f"{where}: file name does not match item {item!r}")
    try:
        text = _canonical_text(item, shared)
    except Exception as exc:  # noqa: BLE001 - reported, not raised
        return [f"{where}: cannot build canonical text: {exc}"]
    if text_sha256(text) != gold["text_sha256"]:
        return [*errors, f"{where}: text_sha256 mismatch (canonical text changed)"]
    spans = gold["spans"]
    ids = [s.get("id") for s in spans]
    if len(set(ids)) != len(ids):
        errors.append(f"{where}: duplicate span ids")
    for span in spans:
        errors += _check_span(span, text, f"{where}/{span.get('id')}")
    if errors:
        return errors
    by_technique: dict[str, list[dict[str, Any]]] = {}
    for span in spans:
        by_technique.setdefault(span["technique"], []).append(span)
    for technique, same in by_technique.items():
        same.sort(key=lambda s: s["start"])
        for left, right in itertools.pairwise(same):
            if right["start"] < left["end"]:
                errors.append(f"{where}: two {technique} spans overlap ({left['id']}, {right['id']}): keep the wider")
    expected = paragraphs(text)
    found = [(p.get("start"), p.get("end")) for p in gold["paragraphs"]]
    if found != expected or [p.get("index") for p in gold["paragraphs"]] != list(range(len(expected))):
        split = f"{len(found)} listed, {len(expected)} expected"
        return [*errors, f"{where}: paragraphs are not the blank-line split ({split})"]
    unions = unit_labels(expected, spans)
    for para, union in zip(gold["paragraphs"], unions, strict=True):
        if set(para["techniques"]) != union or len(para["techniques"]) != len(union):
            labels = f"{para['techniques']} != its spans' {sorted(union)}"
            errors.append(f"{where}: paragraph {para['index']} labels {labels}")
    return errors


def summarise(golds: list[dict[str, Any]], line_labels: list[set[str]]) -> dict[str, Any]:
    spans = [s for g in golds for s in g["spans"]]
    paras = [p for g in golds for p in g["paragraphs"]]
    per_technique = Counter(s["technique"] for s in spans)
    para_technique = Counter(t for p in paras for t in p["techniques"])
    return {
        "items": len(golds),
        "items_by_source": dict(sorted(Counter(g["item"].partition("/")[0] for g in golds).items())),
        "paragraphs": len(paras),
        "paragraphs_without_technique": sum(not p["techniques"] for p in paras),
        "lines (finer units)": len(line_labels),
        "lines_with_technique": sum(bool(labels) for labels in line_labels),
        "spans": len(spans),
        "spans_by_category": dict(Counter(CATEGORY_OF[s["technique"]] for s in spans).most_common()),
        "spans_by_technique (paragraphs)": {t: f"{per_technique[t]} ({para_technique[t]})" for t in TECHNIQUES},
        "techniques_absent": [t for t in TECHNIQUES if not per_technique[t]],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", "--gold", type=Path, default=GOLD_DIR, help="e.g. eval/techniques/gold-test")
    parser.add_argument("--shared", type=Path, default=None, help="default: $FILIGRANE_SHARED or ../shared")
    args = parser.parse_args(argv)
    shared = args.shared or shared_dir()
    golds = load_gold(args.dir)
    stems = [path.stem for path in sorted(args.dir.glob("*.json"))]
    errors = [error for gold, stem in zip(golds, stems, strict=True) for error in check_item(gold, stem, shared)]
    if not golds:
        errors.append(f"{args.dir}: no gold file")
    else:
        line_labels = [
            labels
            for gold in golds
            if not errors
            for labels in unit_labels(lines(_canonical_text(gold["item"], shared)), gold["spans"])
        ]
        for key, value in summarise(golds, line_labels).items():
            if isinstance(value, dict) and len(value) > 6:
                print(f"{key}:")
                for name, count in value.items():
                    print(f"  {name}: {count}")
            else:
                print(f"{key}: {value}")
    print("\n".join([f"\n{len(errors)} error(s):", *errors]) if errors else "\ngold OK", file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
