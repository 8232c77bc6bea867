"""Stories on real and written corpora: pair precision and recall against a hand-made gold.

Run from the repository root: `python -m eval.stories`. It prints the tables of EVALUATION.md
("Stories") and writes `eval/results/stories.json`.

Gold (`eval/stories/gold.json`, made by hand from the texts; its `note` says how): for each corpus
(the 103 europa-fr press releases, the two seeds, the demo corpus) the groups of documents that
report one event; every other document is alone. Each corpus is analysed on its own with the
default pipeline (no store), exactly as `filigrane analyze FOLDER` does.

Scores: over the pairs of documents put in one story (predicted) and the pairs of one gold story
(gold): pair precision = predicted pairs that are gold / predicted pairs, pair recall = gold pairs
predicted / gold pairs. Split (fixed rule, stated in EVALUATION.md): a gold story, or a lone
document, is in the **test** part when the last hex digit of the SHA-1 of its first document's file
name (sorted) is 0-7, else in **dev**. A gold pair is counted in its story's part; a predicted pair
in the part of each of its documents (a false pair across parts counts against both).

Claim groups are checked on the same gold: a claim group whose documents lie in different gold
stories joins documents about different events. They are listed (the two seeds' evacuation
claims, one narrative told about two events, are the expected case).
"""

from __future__ import annotations

import argparse
import hashlib
import json
from collections.abc import Sequence
from itertools import combinations
from pathlib import Path
from typing import Any

from eval.shared import REPO, shared_dir, write_results
from filigrane.corpus_records import CorpusOutputs

GOLD = Path(__file__).resolve().parent / "gold.json"
RESULTS = REPO / "eval" / "results" / "stories.json"
PARTS = ("dev", "test")


def part_of(names: Sequence[str]) -> str:
    """The fixed split: by the SHA-1 of the first file name of the story (sorted)."""
    digit = hashlib.sha1(sorted(names)[0].encode("utf-8")).hexdigest()[-1]
    return "test" if digit in "01234567" else "dev"


def corpus_path(path: str) -> Path:
    return REPO / path if path.startswith("examples/") else shared_dir() / path


def load_gold() -> dict[str, Any]:
    gold: dict[str, Any] = json.loads(GOLD.read_text(encoding="utf-8"))
    return gold


def gold_stories(files: list[str], stories: list[list[str]]) -> list[list[str]]:
    """Every file in exactly one gold story (the listed ones, the others alone)."""
    listed = {name for story in stories for name in story}
    missing = listed - set(files)
    if missing:
        raise ValueError(f"gold names files that are not in the corpus: {sorted(missing)}")
    return [sorted(story) for story in stories] + [[name] for name in files if name not in listed]


def analyse(folder: Path) -> tuple[dict[str, str], CorpusOutputs]:
    """Document id -> file name, and the corpus-level output, of one default analysis."""
    import filigrane

    result = filigrane.analyze([folder])
    names = {doc.id: Path(doc.source).name for doc in result.documents}
    return names, result.corpus


def pairs(groups: list[list[str]]) -> set[frozenset[str]]:
    return {frozenset(pair) for group in groups for pair in combinations(group, 2)}


def score(predicted: set[frozenset[str]], gold: set[frozenset[str]]) -> dict[str, Any]:
    right = len(predicted & gold)
    return {
        "predicted_pairs": len(predicted),
        "gold_pairs": len(gold),
        "right_pairs": right,
        "pair_precision": round(right / len(predicted), 4) if predicted else None,
        "pair_recall": round(right / len(gold), 4) if gold else None,
    }


def evaluate_corpus(name: str, spec: dict[str, Any]) -> dict[str, Any]:
    folder = corpus_path(spec["path"])
    names, corpus = analyse(folder)
    truth = gold_stories(sorted(names.values()), spec["stories"])
    story_of = {member: n for n, story in enumerate(truth) for member in story}
    part = {member: part_of(story) for story in truth for member in story}
    predicted = [[names[d] for d in story.documents] for story in corpus.get("stories", [])]
    found, wanted = pairs(predicted), pairs(truth)
    out: dict[str, Any] = {"documents": len(names), "gold_stories": len(truth), "stories": len(predicted)}
    for which in PARTS:
        mine = {p for p in found if any(part[m] == which for m in p)}
        out[which] = score(mine, {p for p in wanted if part[next(iter(p))] == which})
        out[which]["documents"] = sum(1 for m in part.values() if m == which)
    out["all"] = score(found, wanted)
    out["false_pairs"] = sorted(sorted(p) for p in found - wanted)
    out["missed_pairs"] = sorted(sorted(p) for p in wanted - found)
    crossing = []
    for group in corpus.get("claim_groups", []):
        files = sorted({names[d] for d, _ in group.claims})
        if len({story_of[f] for f in files}) > 1:
            crossing.append({"label": group.label, "documents": files})
    out["claim_groups"] = len(corpus.get("claim_groups", []))
    out["claim_groups_across_gold_stories"] = crossing
    out["largest_claim_group"] = max((len(g.claims) for g in corpus.get("claim_groups", [])), default=0)
    return out


def evaluate() -> dict[str, Any]:
    gold = load_gold()
    results: dict[str, Any] = {"corpora": {}}
    for name, spec in gold["corpora"].items():
        results["corpora"][name] = evaluate_corpus(name, spec)
    for which in (*PARTS, "all"):
        totals = {"predicted_pairs": 0, "gold_pairs": 0, "right_pairs": 0}
        for corpus in results["corpora"].values():
            for key in totals:
                totals[key] += corpus[which][key]
        results[which] = score_totals(totals)
    return results


def score_totals(totals: dict[str, int]) -> dict[str, Any]:
    predicted, gold, right = totals["predicted_pairs"], totals["gold_pairs"], totals["right_pairs"]
    return totals | {
        "pair_precision": round(right / predicted, 4) if predicted else None,
        "pair_recall": round(right / gold, 4) if gold else None,
    }


def _figure(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


def markdown(results: dict[str, Any]) -> str:
    lines = [
        "| corpus | part | documents | gold pairs | predicted pairs | right | pair precision | pair recall |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name, corpus in results["corpora"].items():
        for which in PARTS:
            s = corpus[which]
            lines.append(
                f"| {name} | {which} | {s['documents']} | {s['gold_pairs']} | {s['predicted_pairs']} "
                f"| {s['right_pairs']} | {_figure(s['pair_precision'])} | {_figure(s['pair_recall'])} |"
            )
    for which in (*PARTS, "all"):
        s = results[which]
        lines.append(
            f"| **all corpora** | {which} | | {s['gold_pairs']} | {s['predicted_pairs']} | {s['right_pairs']} "
            f"| **{_figure(s['pair_precision'])}** | **{_figure(s['pair_recall'])}** |"
        )
    lines += ["", "| corpus | claim groups | largest (claims) | groups joining documents of different gold stories |"]
    lines.append("|---|---|---|---|")
    for name, corpus in results["corpora"].items():
        crossing = "; ".join(
            f"{g['label'][:60]!r} ({len(g['documents'])} documents)" for g in corpus["claim_groups_across_gold_stories"]
        )
        lines.append(f"| {name} | {corpus['claim_groups']} | {corpus['largest_claim_group']} | {crossing or 'none'} |")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    argparse.ArgumentParser(prog="python -m eval.stories", description=__doc__.splitlines()[0]).parse_args(argv)
    results = evaluate()
    print(markdown(results))
    write_results(results, RESULTS)
    return 0
