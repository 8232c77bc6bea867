"""Write the gold JSON files from the annotators' sources: `python -m eval.techniques.build_gold`.

The sources (`annotations/dev.txt` -> `gold/`, `annotations/test.txt` -> `gold-test/`,
`annotations/test2.txt` -> `gold-test2/`, `annotations/test3.txt` -> `gold-test3/`) name each
span by its exact text, never by offsets; this script finds the offsets with `str.find` in the
item's canonical text, so no offset is ever counted by hand (a space in
the source matches any whitespace, no-break spaces included, and ' matches ’). Format of a source file:

    == seeds/004_fe368d068436f1eb.txt
    notes: free text (optional, one line, may repeat)
    Technique | exact span text[@n] | cue; other cue | target (empty: none)

`@n` picks the n-th occurrence of the span text (1-based) when it occurs more than once; an
ambiguous span without `@n` is an error. Cues are looked up inside their span. An item block with
no span line is an item annotated with no technique.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

from eval.claims.texts import canonical_text, item_id, text_sha256
from eval.shared import shared_dir
from eval.techniques.paragraphs import paragraphs

HERE = Path(__file__).resolve().parent
SPLITS = {
    "dev": ("annotations/dev.txt", "gold"),
    "test": ("annotations/test.txt", "gold-test"),
    "test2": ("annotations/test2.txt", "gold-test2"),
    "test3": ("annotations/test3.txt", "gold-test3"),
}
_OCCURRENCE = re.compile(r"@(\d+)$")


class AnnotationError(ValueError):
    """A source line that does not locate exactly one span."""


def _pattern(needle: str) -> re.Pattern[str]:
    """The needle with any run of spaces matching any whitespace (no-break spaces) and either apostrophe."""
    parts = []
    for char in needle:
        if char.isspace():
            parts.append(r"\s+")
        elif char in "'’":
            parts.append("['’]")
        else:
            parts.append(re.escape(char))
    return re.compile("".join(parts).replace(r"\s+\s+", r"\s+"))


def _occurrences(text: str, needle: str, begin: int = 0, end: int | None = None) -> list[tuple[int, str]]:
    """Every (start, exact text) where `needle` occurs in text[begin:end], spaces and apostrophes aside."""
    stop = len(text) if end is None else end
    pattern = _pattern(needle)
    found, at = [], begin
    while (hit := pattern.search(text, at, stop)) is not None:
        found.append((hit.start(), hit.group()))
        at = hit.start() + 1
    return found


def _locate(text: str, spec: str) -> tuple[int, str]:
    """Start and exact text of the span a source names (its text, then `@n` if repeated)."""
    match = _OCCURRENCE.search(spec)
    needle = spec[: match.start()] if match else spec
    hits = _occurrences(text, needle)
    if not hits:
        raise AnnotationError(f"span not found: {needle!r}")
    if match:
        n = int(match.group(1))
        if n > len(hits):
            raise AnnotationError(f"span {needle!r} occurs {len(hits)} time(s), not {n}")
        return hits[n - 1]
    if len(hits) > 1:
        raise AnnotationError(f"span {needle!r} occurs {len(hits)} times: add @n")
    return hits[0]


def parse(source: str) -> list[dict[str, Any]]:
    """Item blocks of a source file: item, notes and raw span lines."""
    blocks: list[dict[str, Any]] = []
    for raw in source.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("== "):
            blocks.append({"item": line[3:].strip(), "notes": [], "lines": []})
        elif line.startswith("notes:"):
            blocks[-1]["notes"].append(line[6:].strip())
        else:
            blocks[-1]["lines"].append(line)
    return blocks


def build_item(block: dict[str, Any], shared: Path) -> dict[str, Any]:
    item = block["item"]
    text = canonical_text(item, shared)
    spans = []
    for number, line in enumerate(block["lines"], 1):
        fields = [f.strip() for f in line.split("|")]
        if len(fields) != 4:
            raise AnnotationError(f"{item}: need 4 fields separated by '|': {line!r}")
        technique, spec, cue_specs, target = fields
        start, exact = _locate(text, spec)
        end = start + len(exact)
        cues = []
        for cue in filter(None, (c.strip() for c in cue_specs.split(";"))):
            hits = _occurrences(text, cue, start, end)
            if not hits:
                raise AnnotationError(f"{item}: cue {cue!r} not inside span {exact!r}")
            cues.append({"text": hits[0][1], "start": hits[0][0], "end": hits[0][0] + len(hits[0][1])})
        spans.append(
            {
                "id": f"t{number}",
                "technique": technique,
                "start": start,
                "end": end,
                "text": exact,
                "cues": cues,
                "target": target or None,
            }
        )
    labelled = []
    for index, (p_start, p_end) in enumerate(paragraphs(text)):
        found = {s["technique"] for s in spans if s["start"] < p_end and s["end"] > p_start}
        labelled.append({"index": index, "start": p_start, "end": p_end, "techniques": sorted(found)})
    gold: dict[str, Any] = {
        "item": item,
        "text_sha256": text_sha256(text),
        "paragraphs": labelled,
        "spans": spans,
    }
    if block["notes"]:
        gold["notes"] = " ".join(block["notes"])
    return gold


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=sorted(SPLITS), action="append", help="default: all")
    parser.add_argument("--shared", type=Path, default=None, help="default: $FILIGRANE_SHARED or ../shared")
    args = parser.parse_args(argv)
    shared = args.shared or shared_dir()
    errors = 0
    for split in args.split or sorted(SPLITS):
        source, folder = SPLITS[split]
        path = HERE / source
        if not path.exists():
            continue
        out = HERE / folder
        out.mkdir(exist_ok=True)
        for block in parse(path.read_text(encoding="utf-8")):
            try:
                gold = build_item(block, shared)
            except AnnotationError as exc:
                print(f"error: {exc}", file=sys.stderr)
                errors += 1
                continue
            target = out / f"{item_id(block['item'])}.json"
            target.write_text(json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
