"""Validate the claims gold set: `python -m eval.claims.check_gold` (from the repository root).

For every `*.json` of the gold folder (`eval/claims/gold`, or `--dir eval/claims/gold-test`):
recompute the item's canonical text from `../shared/` (or `$FILIGRANE_SHARED`), compare its SHA-256
with the recorded one, check that every `*_text` field equals the text at its offsets, that enum
values are valid and fields are consistent (v2: `negated`, `holder_role`); then print counts.
Exit status 1 on any error. Reads no Filigrane code: the gold is independent of it.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from eval.claims.texts import canonical_text, item_id, text_sha256
from eval.shared import shared_dir

GOLD_DIR = Path(__file__).resolve().parent / "gold"

KINDS = {"direct", "indirect", "according-to", "author"}
HOLDER_KINDS = {
    "author",
    "named_person",
    "unnamed_person",
    "anonymous_source",
    "media",
    "government",
    "organisation",
    "document",
}
POLARITIES = {"affirms", "denies"}
ROLELESS_KINDS = {"author", "unnamed_person", "anonymous_source"}
CERTAINTIES = {"neutral", "hedged", "boosted"}
MARKER_TYPES = {"conditional", "hedge", "booster", "denial", "evidence"}
QUOTE_OPEN = "«“\"‘'"
QUOTE_CLOSE = "»”\"’'"
STANCE_KEYS = {
    "id",
    "content_start",
    "content_end",
    "content_text",
    "kind",
    "holder",
    "holder_role",
    "holder_mention",
    "holder_start",
    "holder_end",
    "holder_kind",
    "cue",
    "cue_start",
    "cue_end",
    "polarity",
    "negated",
    "certainty",
    "markers",
}


def load_gold(gold_dir: Path = GOLD_DIR) -> list[dict[str, Any]]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(gold_dir.glob("*.json"))]


def _span(text: str, start: Any, end: Any) -> str | None:
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
        return None
    return text[start:end]


def check_item(gold: dict[str, Any], path_stem: str, shared: Path) -> list[str]:
    errors: list[str] = []
    item = gold.get("item", "")
    where = f"{path_stem}"
    if item_id(item) != path_stem:
        errors.append(f"{where}: file name does not match item {item!r}")
    try:
        text = canonical_text(item, shared)
    except Exception as exc:  # noqa: BLE001 - reported, not raised
        return [f"{where}: cannot build canonical text: {exc}"]
    if text_sha256(text) != gold.get("text_sha256"):
        errors.append(f"{where}: text_sha256 mismatch (canonical text changed)")
        return errors
    ids = set()
    for st in gold.get("stances", []):
        sid = f"{where}/{st.get('id')}"
        if st.get("id") in ids:
            errors.append(f"{sid}: duplicate id")
        ids.add(st.get("id"))
        if set(st) != STANCE_KEYS:
            missing, extra = sorted(STANCE_KEYS - set(st)), sorted(set(st) - STANCE_KEYS)
            errors.append(f"{sid}: keys differ: missing {missing}, extra {extra}")
            continue
        if _span(text, st["content_start"], st["content_end"]) != st["content_text"]:
            errors.append(f"{sid}: content_text does not match its offsets")
        if st["content_text"] != st["content_text"].strip():
            errors.append(f"{sid}: content span has surrounding whitespace")
        enums = (("kind", KINDS), ("holder_kind", HOLDER_KINDS), ("polarity", POLARITIES), ("certainty", CERTAINTIES))
        for field, allowed in enums:
            if st[field] not in allowed:
                errors.append(f"{sid}: bad {field} {st[field]!r}")
        author_holder = st["holder"] is None
        if author_holder != (st["holder_kind"] == "author"):
            errors.append(f"{sid}: holder null iff holder_kind author")
        if author_holder:
            if (st["holder_mention"], st["holder_start"], st["holder_end"]) != (None, None, None):
                errors.append(f"{sid}: author stance with holder offsets")
        else:
            # canonical name: each member of a joint holder ("A et B", "A and B") appears in the text, case aside
            if any(part.lower() not in text.lower() for part in re.split(r" (?:et|and) ", st["holder"])):
                errors.append(f"{sid}: holder {st['holder']!r} does not appear in the text")
            if _span(text, st["holder_start"], st["holder_end"]) != st["holder_mention"]:
                errors.append(f"{sid}: holder_mention does not match its offsets")
        if not isinstance(st["negated"], bool):
            errors.append(f"{sid}: negated must be true or false")
        elif st["negated"] and st["polarity"] != "affirms":
            errors.append(f"{sid}: negated content is affirmed (a denial is polarity denies, not negated)")
        role = st["holder_role"]
        if role is not None and (not isinstance(role, str) or not role.strip() or st["holder_kind"] in ROLELESS_KINDS):
            errors.append(f"{sid}: holder_role must be null or a non-empty string, null for unnamed and author holders")
        if st["kind"] == "author":
            if st["cue"] is not None or st["cue_start"] is not None or not author_holder:
                errors.append(f"{sid}: author-kind stance must have no cue and no holder")
        elif st["cue"] is None:
            if st["kind"] != "direct":
                errors.append(f"{sid}: {st['kind']} stance without cue")
        elif st["cue"] == "«»":
            span = _span(text, st["cue_start"], st["cue_end"])
            marked = span is not None and span[0] in QUOTE_OPEN and span[-1] in QUOTE_CLOSE
            if span is None or not marked or st["content_text"] not in span:
                errors.append(f"{sid}: bare-quote cue must span the quotation marks around the content")
        elif _span(text, st["cue_start"], st["cue_end"]) != st["cue"]:
            errors.append(f"{sid}: cue does not match its offsets")
        if st["kind"] == "direct":
            before = text[: st["content_start"]].rstrip()
            after = text[st["content_end"] :].lstrip()
            opened = bool(before) and before[-1] in QUOTE_OPEN
            closed = bool(after) and after[0] in QUOTE_CLOSE
            # both marks, or one when an incise inside the marks splits the quote in two stances
            if not (opened or closed):
                errors.append(f"{sid}: direct quote content not delimited by quotation marks")
        for m in st["markers"]:
            if m.get("type") not in MARKER_TYPES:
                errors.append(f"{sid}: bad marker type {m.get('type')!r}")
            if _span(text, m.get("start"), m.get("end")) != m.get("text"):
                errors.append(f"{sid}: marker {m.get('text')!r} does not match its offsets")
        types = {m.get("type") for m in st["markers"]}
        if ("denial" in types) != (st["polarity"] == "denies"):
            errors.append(f"{sid}: a denial marker goes with polarity denies, and only with it")
        if st["certainty"] == "hedged" and not types & {"hedge", "conditional"}:
            errors.append(f"{sid}: hedged without a hedge or conditional marker")
        if st["certainty"] == "boosted" and "booster" not in types:
            errors.append(f"{sid}: boosted without a booster marker")
        plain = st["certainty"] == "neutral" and "evidence" not in types and st["polarity"] == "affirms"
        if st["kind"] == "author" and plain:
            errors.append(f"{sid}: author stance neither hedged, boosted, denying nor evidence-invoking")
    return errors


DENIAL_KEYS = {"id", "sentence", "holder", "polarity", "negated", "content", "source"}


def check_denials(path: Path) -> list[str]:
    """Format errors of a denial set: keys, unique ids, at least 40 lines, half denials, content in the sentence."""
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    errors = [f"{line.get('id')}: keys differ" for line in lines if set(line) != DENIAL_KEYS]
    if errors:
        return errors
    if len({line["id"] for line in lines}) != len(lines) or len(lines) < 40:
        errors.append(f"{path.name}: ids must be unique, at least 40 lines")
    if 2 * sum(line["polarity"] == "denies" for line in lines) != len(lines):
        errors.append(f"{path.name}: half real denials, half negated content that is affirmed")
    for line in lines:
        if line["content"] not in line["sentence"]:
            errors.append(f"{line['id']}: content is not in the sentence")
        if line["negated"] != (line["polarity"] == "affirms"):
            errors.append(f"{line['id']}: negated iff affirmed")
    return errors


def shared_sentences(path: Path) -> set[str]:
    """Sentences of a denial set that another set of its folder already holds: a new set takes none."""

    def sentences(denials: Path) -> set[str]:
        lines = denials.read_text(encoding="utf-8").splitlines()
        return {json.loads(line)["sentence"] for line in lines if line.strip()}

    earlier = set().union(*(sentences(other) for other in path.parent.glob("*.jsonl") if other != path))
    return sentences(path) & earlier


def summarise(golds: list[dict[str, Any]]) -> dict[str, Any]:
    stances = [st for g in golds for st in g["stances"]]
    groups = Counter(g["item"].partition("/")[0] for g in golds)
    return {
        "items": len(golds),
        "items_by_source": dict(sorted(groups.items())),
        "stances": len(stances),
        "quotes (direct)": sum(st["kind"] == "direct" for st in stances),
        "by_kind": dict(Counter(st["kind"] for st in stances).most_common()),
        "by_holder_kind": dict(Counter(st["holder_kind"] for st in stances).most_common()),
        "by_polarity": dict(Counter(st["polarity"] for st in stances).most_common()),
        "negated": sum(st.get("negated") is True for st in stances),
        "by_certainty": dict(Counter(st["certainty"] for st in stances).most_common()),
        "markers_by_type": dict(Counter(m["type"] for st in stances for m in st["markers"]).most_common()),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", "--dir", type=Path, default=GOLD_DIR, help="gold folder (e.g. eval/claims/gold-test)")
    parser.add_argument("--shared", type=Path, default=None, help="default: $FILIGRANE_SHARED or ../shared")
    args = parser.parse_args(argv)
    shared = args.shared or shared_dir()
    paths = sorted(args.gold.glob("*.json"))
    golds, errors = [], []
    for path in paths:
        gold = json.loads(path.read_text(encoding="utf-8"))
        errors += check_item(gold, path.stem, shared)
        golds.append(gold)
    summary = summarise(golds)
    for key, value in summary.items():
        print(f"{key}: {value}")
    if errors:
        print(f"\n{len(errors)} error(s):", file=sys.stderr)
        for err in errors:
            print(f"  {err}", file=sys.stderr)
        return 1
    print("\ngold OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
