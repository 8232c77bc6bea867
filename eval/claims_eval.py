"""Claims and stances evaluation: `python -m eval.claims_eval [--split dev|test|both|test2…test15|en-…]` (repo root).

Runs Filigrane on the canonical text of every item of the claims gold set (`eval/claims/`, see its
GUIDE.md), maps the predicted offsets from Filigrane's cleaned `text` back onto the canonical
text (each kept paragraph is located in the canonical text from a moving cursor), then scores:

- quote spans, P/R/F1 at overlap 0.3 and 0.8, as the Gender Gap Tracker's French evaluation: for
  each gold quote in text order, the best remaining prediction is matched when |gold ∩ pred| /
  |gold| is greater than the threshold; headline figure on every non-author stance, then `direct`
  only;
- on stances matched at 0.3 (author stances included): holder, holder-name (the canonical name
  exactly), holder-kind, polarity, `negated` and certainty accuracy;
- with `--denials FILE` (one JSON sentence a line, `eval/claims/denials/`): precision and recall of
  `denies` and accuracy of `negated` on single sentences.

The dev split (`eval/claims/gold`) tunes the rules; the former blind split (`eval/claims/gold-test`),
scored once with the v2 rules, is now development data too; the second blind split
(`eval/claims/gold-test2`, with its denial set `eval/claims/denials/test2.jsonl`) is scored once,
with `--split test2`, after the rules are frozen; so is the third blind split (`eval/claims/gold-test3`,
DACCORD fact-check premises, no denial set of its own) with `--split test3`, and the fourth
(`eval/claims/gold-test4`, DACCORD premises and europa-fr releases, with its denial set
`eval/claims/denials/test4.jsonl`) with `--split test4`, and the fifth (`eval/claims/gold-test5`,
DACCORD premises, with its denial set `eval/claims/denials/test5.jsonl`) with `--split test5`, and
the sixth (`eval/claims/gold-test6`, DACCORD premises, with its denial set
`eval/claims/denials/test6.jsonl`) with `--split test6`, and the seventh (`eval/claims/gold-test7`,
DACCORD premises, with its denial set `eval/claims/denials/test7.jsonl`) with `--split test7`, and the
eighth (`eval/claims/gold-test8`, DACCORD premises, with its denial set
`eval/claims/denials/test8.jsonl`) with `--split test8`, and the ninth (`eval/claims/gold-test9`,
DACCORD premises, with its denial set `eval/claims/denials/test9.jsonl`) with `--split test9`, and the
tenth (`eval/claims/gold-test10`, DACCORD premises, with its denial set
`eval/claims/denials/test10.jsonl`) with `--split test10`, the eleventh
(`eval/claims/gold-test11`, DACCORD premises, with its denial set `eval/claims/denials/test11.jsonl`)
with `--split test11`, the twelfth (`eval/claims/gold-test12`, DACCORD premises, with its denial
set `eval/claims/denials/test12.jsonl`) with `--split test12`, the thirteenth
(`eval/claims/gold-test13`, the last unread DACCORD premises, with its denial set
`eval/claims/denials/test13.jsonl`) with `--split test13`, and the fourteenth
(`eval/claims/gold-test14`, DACCORD circulating claims, with its denial set
`eval/claims/denials/test14.jsonl`) with `--split test14`. Each split is scored on its own. It
prints a markdown table per split and writes `eval/results/claims.json`
(dev), `claims-test.json` (test), `claims-test2.json` plus `claims-denials-test2.json` (test2),
`claims-test3.json` (test3), `claims-test4.json` plus `claims-denials-test4.json` (test4),
`claims-test5.json` plus `claims-denials-test5.json` (test5), `claims-test6.json` plus
`claims-denials-test6.json` (test6), `claims-test7.json` plus `claims-denials-test7.json` (test7),
`claims-test8.json` plus `claims-denials-test8.json` (test8), `claims-test9.json` plus
`claims-denials-test9.json` (test9), `claims-test10.json` plus `claims-denials-test10.json` (test10),
`claims-test11.json` plus `claims-denials-test11.json` (test11), `claims-test12.json` plus
`claims-denials-test12.json` (test12), `claims-test13.json` plus `claims-denials-test13.json`
(test13), `claims-test14.json` plus `claims-denials-test14.json` (test14) and `claims-test15.json` plus
`claims-denials-test15.json` (test15: the DACCORD circulating claims the fourteenth left, without a
cue: what it mostly scores is false alarms). The English splits
(`eval/claims/gold-en-dev` and `gold-en-test`, extraction-en articles, GUIDE §16) are scored the
same way with `--split en-dev`, `--split en-test` and `--split en-test2` (longer articles), with
their denial sets `denials/en-dev.jsonl`, `denials/en-test.jsonl` and `denials/en-test2.jsonl`, into
`claims-en-dev.json`, `claims-en-test.json` and `claims-en-test2.json`.
Only this script reads the gold.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import filigrane
from eval.claims import en_pool
from eval.claims.texts import canonical_text
from eval.shared import shared_dir, write_results
from filigrane.document import Document
from filigrane.engine.pipeline import PipelineOptions

ROOT = Path(__file__).resolve().parents[1]
CLAIMS = ROOT / "eval" / "claims"
#: Blind splits: scoring one whose gold (or denial set) is absent fails instead of scoring nothing.
#: The English splits (`en_pool.py`, GUIDE §16) were all annotated blind: en-dev is scored once with
#: the rules of its day and then tunes the English rules, en-test and en-test2 are each scored once
#: with them frozen.
ENGLISH_SPLITS = ("en-dev", "en-test", "en-test2")
BLIND_SPLITS = tuple(f"test{number}" for number in range(2, 16)) + ENGLISH_SPLITS
GOLD_DIRS = {"dev": CLAIMS / "gold", "test": CLAIMS / "gold-test"} | {
    split: CLAIMS / f"gold-{split}" for split in BLIND_SPLITS
}
RESULTS = {
    split: ROOT / "eval" / "results" / f"claims{'' if split == 'dev' else '-' + split}.json" for split in GOLD_DIRS
}
#: The denial set scored with a blind split when `--denials` is not given (test3 has none of its own).
SPLIT_DENIALS = {split: CLAIMS / "denials" / f"{split}.jsonl" for split in BLIND_SPLITS if split != "test3"}
DENIAL_RESULTS = ROOT / "eval" / "results" / "claims-denials.json"
#: A neutral first paragraph: the pipeline takes a document's first paragraph as its title. A
#: one-word line ("Dépêche") is dropped as a label, which made the sentence itself the title, whose
#: stance is the headline's and was never scored.
DENIAL_TITLE = "Les informations du jour\n\n"
#: The same for an English denial set (file name `en-*.jsonl`): a French title would make the
#: document French and send its English sentence through the French parse.
ENGLISH_DENIAL_TITLE = "News of the day\n\n"
THRESHOLDS = (0.3, 0.8)
#: Gender Gap Tracker, French news (sfu-discourse-lab/GenderGapTracker): the issue's anchor.
ANCHOR = {"f1@0.3": 0.817, "f1@0.8": 0.726, "speaker_accuracy": 0.804}

Stance = dict[str, Any]


def load_gold(split: str = "dev") -> list[dict[str, Any]]:
    """The gold items of one split (`dev`, `test`, `test2` … `test14`; of `en-dev` and `en-test`, the
    items in English); none when its folder is absent."""
    items = [json.loads(path.read_text(encoding="utf-8")) for path in sorted(GOLD_DIRS[split].glob("*.json"))]
    if split in ENGLISH_SPLITS:  # the pages extraction-en holds in other languages are counted apart
        shared = shared_dir()
        items = [item for item in items if en_pool.in_english(canonical_text(item["item"], shared))]
    return items


def offset_map(doc: Document, canonical: str) -> Callable[[int | None], int | None]:
    """Maps an offset of `doc.text` onto `canonical` through the paragraphs found in it.

    The cleaner may change whitespace inside a line, so paragraphs are located with whitespace
    left out on both sides, and an offset maps through the count of non-space characters before it.
    """
    solid = [i for i, char in enumerate(canonical) if not char.isspace()]
    squeezed = "".join(canonical[i] for i in solid)
    table: dict[int, int] = {}
    cursor = 0
    for paragraph in doc.paragraphs:
        positions = [i for i in range(paragraph.start, paragraph.end) if not doc.text[i].isspace()]
        needle = "".join(doc.text[i] for i in positions)
        found = squeezed.find(needle, cursor) if needle else -1
        if found < 0:
            continue
        cursor = found + len(needle)
        for rank, position in enumerate(positions):
            table[position] = solid[found + rank]
        if positions:
            table[paragraph.end] = solid[found + len(positions) - 1] + 1

    def mapped(offset: int | None) -> int | None:
        if offset is None:
            return None
        for probe in range(offset, offset + 4):  # an offset on a space maps through the next character
            if probe in table:
                return table[probe]
        return None

    return mapped


def predictions(doc: Document, canonical: str) -> list[Stance]:
    """Every stance of `doc`, its offsets moved onto the canonical text (unmappable ones dropped)."""
    mapped = offset_map(doc, canonical)
    found = []
    for claim in doc.claims:  # scored as the contract gives them, the same shape as the gold
        for stance in _with_quotes([s.to_dict() for s in claim.stances]):
            start, end = mapped(stance["content_start"]), mapped(stance["content_end"])
            if start is None or end is None or end <= start:
                continue
            found.append(
                stance
                | {
                    "content_start": start,
                    "content_end": end,
                    "holder_start": mapped(stance["holder_start"]),
                    "holder_end": mapped(stance["holder_end"]),
                }
            )
    return found


def _with_quotes(stances: list[Stance]) -> list[Stance]:
    """The stances, plus one direct stance per `quote` marker of a frame (its quoted fragment).

    The extractor folds a quotation inside a frame of the same holder and cue into that stance as a
    `quote` marker; the gold annotates it as its own direct stance (GUIDE.md §3), so it is unfolded.
    """
    found = []
    for stance in stances:
        found.append(stance)
        for marker in stance["markers"]:
            if marker["type"] == "quote" and stance["kind"] != "direct":
                found.append(
                    stance | {"kind": "direct", "content_start": marker["start"], "content_end": marker["end"]}
                )
    return found


def overlap(gold: Stance, pred: Stance) -> float:
    inter = min(gold["content_end"], pred["content_end"]) - max(gold["content_start"], pred["content_start"])
    return max(0, inter) / max(1, gold["content_end"] - gold["content_start"])


def match(gold: Sequence[Stance], pred: Sequence[Stance], threshold: float) -> list[tuple[Stance, Stance]]:
    """GGT matching: each gold quote in text order takes the best remaining prediction above threshold."""
    remaining = list(pred)
    pairs = []
    for g in sorted(gold, key=lambda s: (s["content_start"], s["content_end"])):
        scored = [(overlap(g, p), index) for index, p in enumerate(remaining)]
        best = max(scored, default=(0.0, -1))
        if best[0] > threshold:
            pairs.append((g, remaining.pop(best[1])))
    return pairs


def prf(tp: int, n_gold: int, n_pred: int) -> dict[str, float | int]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return {
        "precision": p,
        "recall": r,
        "f1": 2 * p * r / (p + r) if p + r else 0.0,
        "tp": tp,
        "gold": n_gold,
        "pred": n_pred,
    }


def _norm(text: str | None) -> str:
    return " ".join((text or "").lower().replace("’", "'").split())


def holder_correct(gold: Stance, pred: Stance) -> bool:
    if gold["holder_kind"] == "author":
        return bool(pred["holder_kind"] == "author")
    if pred["holder_kind"] == "author":
        return False
    hs, he = pred.get("holder_start"), pred.get("holder_end")
    gs, ge = gold["holder_start"], gold["holder_end"]
    if hs is not None and he is not None and gs is not None and hs < ge and gs < he:
        return True
    predicted = _norm(pred["holder"])
    for target in (_norm(gold["holder"]), _norm(gold["holder_mention"])):
        if predicted and target and (predicted == target or predicted in target or target in predicted):
            return True
    return False


def holder_named(gold: Stance, pred: Stance) -> bool:
    """The predicted holder is the gold actor's canonical name (case and spaces aside); author for author."""
    if gold["holder_kind"] == "author" or pred["holder_kind"] == "author":
        return bool(gold["holder_kind"] == pred["holder_kind"])
    return _norm(_strip_article(gold["holder"])) == _norm(_strip_article(pred["holder"]))


def _strip_article(text: str | None) -> str:
    lower = (text or "").lower().replace("’", "'")
    for article in ("le ", "la ", "les ", "l'", "un ", "une ", "des "):
        if lower.startswith(article):
            return lower[len(article) :]
    return lower


def errors(item: str, text: str, gold: Sequence[Stance], pred: Sequence[Stance]) -> list[str]:
    """The error list of one item: missed gold quotes, spurious predictions, wrong holders or labels."""
    quotes = [s for s in gold if s["kind"] != "author"]
    found = [s for s in pred if s["kind"] != "author"]
    pairs = match(quotes, found, 0.3)
    hit = {id(g) for g, _ in pairs} | {id(p) for _, p in pairs}

    def show(stance: Stance) -> str:
        content = " ".join(text[stance["content_start"] : stance["content_end"]].split())
        return (
            f"[{stance['kind']}] {stance['holder']!r} ({stance['holder_kind']}) cue {stance['cue']!r}: {content[:160]}"
        )

    lines = [f"MISS  {item} {show(g)}" for g in quotes if id(g) not in hit]
    lines += [f"EXTRA {item} {show(p)}" for p in found if id(p) not in hit]
    for g, p in match(gold, pred, 0.3):
        wrong = [
            name
            for name, ok in (
                ("holder", holder_correct(g, p)),
                ("kind", g["holder_kind"] == p["holder_kind"]),
                ("polarity", g["polarity"] == p["polarity"]),
                ("negated", bool(g.get("negated", False)) == bool(p.get("negated"))),
                ("certainty", g["certainty"] == p["certainty"]),
            )
            if not ok
        ]
        if wrong:
            lines.append(
                f"WRONG {item} {','.join(wrong)}: gold {g['holder']!r}/{g['holder_mention']!r} ({g['holder_kind']}) "
                f"{g['polarity']} {g['certainty']} | pred {show(p)} {p['polarity']} {p['certainty']}"
            )
    return lines


def analyse_items(
    items: list[dict[str, Any]], options: PipelineOptions | None = None
) -> tuple[list[str], list[Document | None], float]:
    """Each gold item's canonical text, Filigrane's document of it (None when it was rejected), and the
    seconds the analysis took: what every gold evaluation scores (claims, techniques)."""
    shared = shared_dir()
    texts = [canonical_text(item["item"], shared) for item in items]
    started = time.perf_counter()
    result = filigrane.analyze(texts, options or PipelineOptions(corpus=False))
    seconds = time.perf_counter() - started
    by_source = {doc.source: doc for doc in result.documents}
    return texts, [by_source.get(f"<text {number}>") for number in range(1, len(texts) + 1)], seconds


def evaluate(
    items: list[dict[str, Any]],
    note: Callable[[str], None] = lambda _: None,
    report: Callable[[str], None] = lambda _: None,
) -> dict[str, Any]:
    texts, docs, seconds = analyse_items(items)
    counts = {"quotes": {t: [0, 0, 0] for t in THRESHOLDS}, "direct": {t: [0, 0, 0] for t in THRESHOLDS}}
    matched: list[tuple[Stance, Stance]] = []
    per_item = []
    for item, text, doc in zip(items, texts, docs, strict=True):
        pred = predictions(doc, text) if doc is not None else []
        gold = item["stances"]
        for name, keep in (("quotes", lambda s: s["kind"] != "author"), ("direct", lambda s: s["kind"] == "direct")):
            g = [s for s in gold if keep(s)]
            p = [s for s in pred if keep(s)]
            for threshold in THRESHOLDS:
                tally = counts[name][threshold]
                tally[0] += len(match(g, p, threshold))
                tally[1] += len(g)
                tally[2] += len(p)
        pairs = match(gold, pred, 0.3)
        matched.extend(pairs)
        per_item.append({"item": item["item"], "gold": len(gold), "pred": len(pred), "matched": len(pairs)})
        for line in errors(item["item"], text, gold, pred):
            report(line)
        note(f"{item['item']}: gold {len(gold)}, predicted {len(pred)}, matched {len(pairs)}")
    scores: dict[str, Any] = {
        name: {str(t): prf(*counts[name][t]) for t in THRESHOLDS} for name in ("quotes", "direct")
    }
    n = len(matched)

    def accuracy(test: Callable[[Stance, Stance], bool]) -> float:
        return sum(test(g, p) for g, p in matched) / n if n else 0.0

    scores["matched_stances"] = n
    scores["holder_accuracy"] = accuracy(holder_correct)
    scores["holder_kind_accuracy"] = accuracy(lambda g, p: bool(g["holder_kind"] == p["holder_kind"]))
    scores["holder_name_accuracy"] = accuracy(holder_named)
    scores["polarity_accuracy"] = accuracy(lambda g, p: bool(g["polarity"] == p["polarity"]))
    scores["negated_accuracy"] = accuracy(lambda g, p: bool(g.get("negated", False)) == bool(p.get("negated")))
    scores["certainty_accuracy"] = accuracy(lambda g, p: bool(g["certainty"] == p["certainty"]))
    scores["anchor"] = ANCHOR
    scores["items"] = len(items)
    scores["gold_stances"] = sum(len(item["stances"]) for item in items)
    scores["seconds"] = round(seconds, 2)
    scores["per_item"] = per_item
    return scores


def markdown(scores: dict[str, Any]) -> str:
    lines = [
        f"Claims gold set, {scores.get('split', 'dev')} split: "
        f"{scores['items']} items, {scores['gold_stances']} stances.",
        "",
        "| measure | Filigrane | anchor (GGT, French) |",
        "|---|---|---|",
    ]
    for name, label in (("quotes", "quotes (direct + indirect + according-to)"), ("direct", "direct quotes only")):
        for t in THRESHOLDS:
            s = scores[name][str(t)]
            anchor = f"F1 {ANCHOR[f'f1@{t}']:.3f}" if name == "quotes" else ""
            lines.append(
                f"| {label}, overlap > {t}: P / R / F1 | {s['precision']:.3f} / {s['recall']:.3f} / {s['f1']:.3f} "
                f"({s['tp']} of {s['gold']} gold, {s['pred']} predicted) | {anchor} |"
            )
    lines.append(
        f"| holder accuracy (matched at 0.3, n={scores['matched_stances']}) | {scores['holder_accuracy']:.3f} "
        f"| speaker accuracy {ANCHOR['speaker_accuracy']:.3f} |"
    )
    for key, label in (
        ("holder_name_accuracy", "holder canonical name, exact"),
        ("holder_kind_accuracy", "holder-kind accuracy"),
        ("polarity_accuracy", "polarity accuracy"),
        ("negated_accuracy", "negated accuracy"),
        ("certainty_accuracy", "certainty accuracy"),
    ):
        lines.append(f"| {label} | {scores[key]:.3f} | |")
    return "\n".join(lines)


def evaluate_denials(path: Path) -> dict[str, Any]:
    """Precision and recall of `denies` on a denial set, and `negated` accuracy.

    Each sentence is analysed alone (after a neutral title paragraph); its stance is the row's
    holder's whose content overlaps the set's `content` most (any holder's when the row's holds
    none; else the sentence's first stance). A sentence with no stance counts as `affirms`, not negated.
    """
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    title = ENGLISH_DENIAL_TITLE if path.stem.startswith("en-") else DENIAL_TITLE
    result = filigrane.analyze([title + row["sentence"] for row in rows], PipelineOptions(corpus=False))
    docs = {doc.source: doc for doc in result.documents}
    tp = fp = fn = negated_ok = 0
    misses = []
    for number, row in enumerate(rows, start=1):
        doc = docs.get(f"<text {number}>")
        stance = _denial_stance(doc, row["content"], row.get("holder")) if doc is not None else None
        denies = bool(stance and stance["polarity"] == "denies")
        negated = bool(stance and stance.get("negated"))
        gold_denies = row["polarity"] == "denies"
        tp += denies and gold_denies
        fp += denies and not gold_denies
        fn += gold_denies and not denies
        negated_ok += negated == bool(row["negated"])
        if denies != gold_denies or negated != bool(row["negated"]):
            misses.append(
                f"{row['id']}: gold {row['polarity']}/negated={row['negated']}, got "
                f"{stance['polarity'] if stance else None}/negated={negated}: {row['sentence']}"
            )
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return {
        "sentences": len(rows),
        "denials": sum(row["polarity"] == "denies" for row in rows),
        "denies_precision": precision,
        "denies_recall": recall,
        "negated_accuracy": negated_ok / len(rows) if rows else 0.0,
        "errors": misses,
    }


def _denial_stance(doc: Document, content: str, holder: str | None = None) -> Stance | None:
    """The sentence's stance on `content`: among the stances of the row's holder when any (the
    author's for a null holder), the one whose content overlaps `content` most. A sentence states
    several stances ("X a rejeté les accusations de l'ONU selon lesquelles P": X denies, the
    accusations affirm P); the row asks about its holder's."""
    stances = [s.to_dict() for claim in doc.claims for s in claim.stances if not claim.headline]
    if not stances:
        return None
    own = [s for s in stances if _same_holder(s, holder)]
    stances = own or stances
    at = doc.text.find(content)
    if at < 0:
        return stances[0]
    end = at + len(content)
    return max(stances, key=lambda s: min(end, s["content_end"]) - max(at, s["content_start"]))


def _same_holder(stance: Stance, holder: str | None) -> bool:
    """Whether a stance is held by the denial row's holder (one name inside the other, articles and
    case aside; a null holder is the author)."""
    if holder is None:
        return bool(stance["holder_kind"] == "author")
    found, wanted = _norm(_strip_article(stance["holder"])), _norm(_strip_article(holder))
    return bool(found and wanted and (found in wanted or wanted in found))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--split",
        choices=("dev", "test", "both", *BLIND_SPLITS),
        default="dev",
        help="which gold split to score",
    )
    parser.add_argument("--denials", type=Path, help="a denial set (JSONL) to score `denies` and `negated` on")
    parser.add_argument("--verbose", action="store_true", help="print per-item counts")
    parser.add_argument("--errors", action="store_true", help="print every miss, extra and wrong label to stderr")
    args = parser.parse_args(argv)

    def stderr(message: str) -> None:
        print(message, file=sys.stderr)

    if args.split in BLIND_SPLITS:
        denial_set = SPLIT_DENIALS.get(args.split)
        needed = (GOLD_DIRS[args.split],) if denial_set is None else (GOLD_DIRS[args.split], denial_set)
        missing = [path for path in needed if not path.exists()]
        if missing or not load_gold(args.split):
            where = ", ".join(str(path) for path in missing) or f"no gold item in {GOLD_DIRS[args.split]}"
            print(f"The {args.split} split is not there ({where}): nothing scored.", file=sys.stderr)
            return 2
        if args.denials is None:
            args.denials = denial_set
    for split in ("dev", "test") if args.split == "both" else (args.split,):
        items = load_gold(split)
        if not items:
            print(f"No gold items in {GOLD_DIRS[split]}: the {split} split is not scored.")
            continue
        if split in ENGLISH_SPLITS:
            drawn = len(list(GOLD_DIRS[split].glob("*.json")))
            print(f"{split}: {len(items)} of {drawn} items in English; the other {drawn - len(items)} are not scored.")
        scores = evaluate(
            items,
            note=stderr if args.verbose else (lambda _: None),
            report=stderr if args.errors else (lambda _: None),
        )
        scores["split"] = split
        print(markdown(scores) + "\n")
        write_results(scores, RESULTS[split])
    if args.denials is not None:
        denials = evaluate_denials(args.denials)
        print(
            f"Denial set {args.denials.name}: {denials['sentences']} sentences ({denials['denials']} denials): "
            f"`denies` P {denials['denies_precision']:.3f} / R {denials['denies_recall']:.3f}, "
            f"negated accuracy {denials['negated_accuracy']:.3f}"
        )
        if args.errors:
            for line in denials["errors"]:
                stderr(line)
        write_results(
            denials | {"file": args.denials.name}, DENIAL_RESULTS.with_name(f"claims-denials-{args.denials.stem}.json")
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
