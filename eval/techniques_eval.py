"""Persuasion techniques evaluation: `python -m eval.techniques_eval --split dev|test|test2|test3` (from the root).

Runs Filigrane on the canonical text of every item of the techniques gold (`eval/techniques/`, see
its GUIDE.md), maps each predicted span from Filigrane's cleaned `text` back onto the canonical
text (`eval.claims_eval.offset_map`: kept paragraphs located from a moving cursor) and scores
Filigrane as it runs (the rules, then the learned layer, `filigrane.techniques.learned`) and the
rules alone (the same documents before the learned layer's step); the learned layer is trained on
the four splits (`eval.techniques.train`), so on those it is scored in-sample:

- paragraph level, as SemEval-2023 Task 3 subtask 3: a canonical paragraph's predicted set is the
  union of the techniques of the mapped spans overlapping it (the gold's own rule, GUIDE §3);
  micro-F1 over every (paragraph, technique) pair; macro-F1 as the mean per-technique F1 over the
  techniques present in the gold or the predictions of the split (`macro_f1`), and over all 23
  with an absent technique counting 0 (`macro_f1_23`);
- span level: a predicted span matches a gold span of the same technique when their character
  ranges overlap (at least one character in common), one to one, in text order; P/R/F1;
- a per-technique table (paragraph level);
- the guide's own examples (`eval.techniques.examples`, three synthetic sentences per technique):
  how many are given their technique anywhere in the sentence (in-sample: the lexicons were written
  with the guide at hand);
- two baselines on the same paragraphs: always the two most frequent techniques of the dev gold's
  paragraphs, and a bag-of-words linear model (binary word features, numpy logistic regression
  one-vs-rest, L2) trained on the dev split's paragraphs. On `--split dev` the model is scored
  in-sample.

The dev split (`eval/techniques/gold`) tunes the rules; the blind test split
(`eval/techniques/gold-test`) is scored once, by the lead, after the rules are frozen; so is the
second blind split (`eval/techniques/gold-test2`, see its SOURCES.md) and the third
(`eval/techniques/gold-test3`, drawn by a fixed rule, see its SOURCES.md). Writes
`eval/results/techniques.json` (dev), `techniques-test.json` (test), `techniques-test2.json` (test2),
`techniques-test3.json` (test3), or `techniques-<split>.json` for a split added to `GOLD_DIRS`.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

import filigrane
from eval.claims.texts import canonical_text
from eval.claims_eval import analyse_items, offset_map
from eval.shared import shared_dir, write_results
from eval.techniques.examples import guide_examples
from eval.techniques.paragraphs import paragraphs
from filigrane.document import Document
from filigrane.engine.pipeline import PipelineOptions
from filigrane.narratives.encoder import default_encoder
from filigrane.techniques.learned import LearnTechniques
from filigrane.techniques.taxonomy import TECHNIQUES

ROOT = Path(__file__).resolve().parents[1]
GOLD_DIRS = {
    "dev": ROOT / "eval" / "techniques" / "gold",
    "test": ROOT / "eval" / "techniques" / "gold-test",
    "test2": ROOT / "eval" / "techniques" / "gold-test2",
    "test3": ROOT / "eval" / "techniques" / "gold-test3",
}
RESULTS = {
    "dev": ROOT / "eval" / "results" / "techniques.json",
    "test": ROOT / "eval" / "results" / "techniques-test.json",
    "test2": ROOT / "eval" / "results" / "techniques-test2.json",
    "test3": ROOT / "eval" / "results" / "techniques-test3.json",
}
WORD = re.compile(r"\w+", re.UNICODE)
#: Bag-of-words model: L2 strength, learning rate, full-batch gradient steps, decision threshold.
L2, RATE, STEPS, THRESHOLD = 1e-2, 0.5, 400, 0.5
#: SemEval-2023 French (issue 12): for orientation only, not the same texts.
ANCHOR = {"top2_micro": 0.31, "xlmr_base_micro": 0.34, "xlmr_base_macro": 0.13, "best_micro": 0.50}

Labels = list[set[str]]


def load_gold(split: str) -> list[dict[str, Any]]:
    return [json.loads(path.read_text(encoding="utf-8")) for path in sorted(GOLD_DIRS[split].glob("*.json"))]


def predicted_spans(doc: Document, canonical: str) -> list[dict[str, Any]]:
    """`doc`'s technique spans with offsets moved onto the canonical text (unmappable ones dropped)."""
    mapped = offset_map(doc, canonical)
    found = []
    for technique in doc.techniques:
        start, end = mapped(technique.start), mapped(technique.end)
        if end is None and start is not None:  # a span ending on a cut paragraph end: its last character
            end = mapped(technique.end - 1)
            end = None if end is None else end + 1
        if start is None or end is None or end <= start:
            continue
        found.append({"technique": technique.technique, "start": start, "end": end})
    return found


def paragraph_sets(spans: list[dict[str, Any]], bounds: list[tuple[int, int]]) -> Labels:
    return [{s["technique"] for s in spans if s["start"] < end and s["end"] > start} for start, end in bounds]


def prf(tp: int, n_gold: int, n_pred: int) -> dict[str, float]:
    precision = tp / n_pred if n_pred else 0.0
    recall = tp / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3)}


def paragraph_scores(gold: Labels, pred: Labels) -> dict[str, Any]:
    """Micro- and macro-F1 over (paragraph, technique) pairs, and the per-technique table."""
    table = {}
    for name in TECHNIQUES:
        tp = sum(name in g and name in p for g, p in zip(gold, pred, strict=True))
        n_gold, n_pred = sum(name in g for g in gold), sum(name in p for p in pred)
        table[name] = prf(tp, n_gold, n_pred) | {"gold": n_gold, "predicted": n_pred}
    tp = sum(len(g & p) for g, p in zip(gold, pred, strict=True))
    micro = prf(tp, sum(map(len, gold)), sum(map(len, pred)))
    present = [row["f1"] for row in table.values() if row["gold"] or row["predicted"]]
    return {
        "paragraphs": len(gold),
        "micro": micro,
        "micro_f1": micro["f1"],
        "macro_f1": round(sum(present) / len(present), 3) if present else 0.0,
        "macro_f1_23": round(sum(row["f1"] for row in table.values()) / len(TECHNIQUES), 3),
        "techniques_above_0.10": sum(row["f1"] > 0.10 for row in table.values()),
        "per_technique": table,
    }


def span_scores(gold: list[list[dict[str, Any]]], pred: list[list[dict[str, Any]]]) -> dict[str, float]:
    """Same technique and at least one character in common; one to one, in text order."""
    tp = 0
    for g_spans, p_spans in zip(gold, pred, strict=True):
        free = sorted(p_spans, key=lambda s: (s["start"], s["end"]))
        for g in sorted(g_spans, key=lambda s: (s["start"], s["end"])):
            hit = next(
                (
                    p
                    for p in free
                    if p["technique"] == g["technique"] and p["start"] < g["end"] and g["start"] < p["end"]
                ),
                None,
            )
            if hit is not None:
                free.remove(hit)
                tp += 1
    return prf(tp, sum(map(len, gold)), sum(map(len, pred)))


def top_two(train: Labels) -> set[str]:
    counts = Counter(name for labels in train for name in labels)
    return {name for name, _ in counts.most_common(2)}


class BagOfWords:
    """One-vs-rest logistic regression on binary word features (numpy, full-batch gradient descent)."""

    def __init__(self, texts: list[str], labels: Labels) -> None:
        vocabulary = sorted({w for text in texts for w in _words(text)})
        self.index = {w: i for i, w in enumerate(vocabulary)}
        self.names = [n for n in TECHNIQUES if any(n in labels_ for labels_ in labels)]
        x = self._features(texts)
        y = np.array([[n in labels_ for n in self.names] for labels_ in labels], dtype=float)
        self.weights = np.zeros((x.shape[1], len(self.names)))
        self.bias = np.zeros(len(self.names))
        for _ in range(STEPS):
            error = _sigmoid(x @ self.weights + self.bias) - y
            self.weights -= RATE * (x.T @ error / len(texts) + L2 * self.weights)
            self.bias -= RATE * error.mean(axis=0)

    def _features(self, texts: list[str]) -> np.ndarray:
        x = np.zeros((len(texts), len(self.index)))
        for row, text in enumerate(texts):
            for word in _words(text):
                if word in self.index:
                    x[row, self.index[word]] = 1.0
        return x

    def predict(self, texts: list[str]) -> Labels:
        if not self.names:
            return [set() for _ in texts]
        scores = _sigmoid(self._features(texts) @ self.weights + self.bias)
        return [{n for n, s in zip(self.names, row, strict=True) if s >= THRESHOLD} for row in scores]


def _words(text: str) -> set[str]:
    return {w.lower() for w in WORD.findall(text)}


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))


def evaluate(split: str, report: bool = False) -> dict[str, Any]:
    items, dev = load_gold(split), load_gold("dev")
    texts, docs, seconds = analyse_items(items, PipelineOptions(corpus=False, learned_techniques=False))
    rule_spans = [predicted_spans(doc, text) if doc is not None else [] for text, doc in zip(texts, docs, strict=True)]
    started = time.perf_counter()
    list(LearnTechniques(default_encoder())(doc for doc in docs if doc is not None))  # the pipeline's last step
    seconds += time.perf_counter() - started
    gold_sets: Labels = []
    pred_sets: Labels = []
    rule_sets: Labels = []
    gold_spans, pred_spans, paragraph_texts = [], [], []
    for item, text, doc, ruled in zip(items, texts, docs, rule_spans, strict=True):
        bounds = [(p["start"], p["end"]) for p in item["paragraphs"]]
        assert bounds == paragraphs(text), f"{item['item']}: paragraphs differ from the blank-line split"
        spans = predicted_spans(doc, text) if doc is not None else []
        predicted = paragraph_sets(spans, bounds)
        gold_sets += [set(p["techniques"]) for p in item["paragraphs"]]
        pred_sets += predicted
        rule_sets += paragraph_sets(ruled, bounds)
        gold_spans.append(item["spans"])
        pred_spans.append(spans)
        paragraph_texts += [text[a:b] for a, b in bounds]
        if report:
            for paragraph, found in zip(item["paragraphs"], predicted, strict=True):
                missed, extra = set(paragraph["techniques"]) - found, found - set(paragraph["techniques"])
                if missed or extra:
                    print(
                        f"{item['item']} ¶{paragraph['index']}: missed {sorted(missed)} extra {sorted(extra)}",
                        file=sys.stderr,
                    )
    shared = shared_dir()
    dev_texts = [
        canonical_text(item["item"], shared)[p["start"] : p["end"]] for item in dev for p in item["paragraphs"]
    ]
    dev_sets = [set(p["techniques"]) for item in dev for p in item["paragraphs"]]
    two = top_two(dev_sets)
    model = BagOfWords(dev_texts, dev_sets)
    scores = {
        "split": split,
        "items": len(items),
        "filigrane": paragraph_scores(gold_sets, pred_sets) | {"spans": span_scores(gold_spans, pred_spans)},
        "filigrane_rules": paragraph_scores(gold_sets, rule_sets) | {"spans": span_scores(gold_spans, rule_spans)},
        "learned_added": added_by_layer(gold_sets, pred_sets, rule_sets),
        "baseline_top2": paragraph_scores(gold_sets, [set(two) for _ in gold_sets]) | {"techniques": sorted(two)},
        "baseline_bow": paragraph_scores(gold_sets, model.predict(paragraph_texts))
        | {"trained_on": "dev paragraphs" + (" (in-sample)" if split == "dev" else "")},
        "seconds": round(seconds, 1),
        "anchor_semeval_fr": ANCHOR,
        "guide_examples": examples_found(),
    }
    return scores


def added_by_layer(gold: Labels, pred: Labels, rules: Labels) -> dict[str, int]:
    """What the learned layer adds to the rules: (paragraph, technique) labels, right ones, and the
    paragraphs it gives a technique the rules did not."""
    added = [p - r for p, r in zip(pred, rules, strict=True)]
    return {
        "labels": sum(map(len, added)),
        "right": sum(len(a & g) for a, g in zip(added, gold, strict=True)),
        "paragraphs": sum(map(bool, added)),
    }


def examples_found() -> dict[str, Any]:
    """Of the guide's examples, those whose technique Filigrane finds in the sentence (title first)."""
    examples = guide_examples()
    result = filigrane.analyze([f"Exemple\n\n{e.text}" for e in examples], PipelineOptions(corpus=False))
    found = Counter[str]()
    for example, doc in zip(examples, result.documents, strict=True):
        found[example.technique] += any(t.technique == example.technique for t in doc.techniques)
    total = Counter(e.technique for e in examples)
    return {"found": sum(found.values()), "examples": len(examples), "per_technique": dict(sorted(found.items()))} | {
        "techniques_with_one_found": sum(1 for name in total if found[name])
    }


def markdown(scores: dict[str, Any]) -> str:
    rows = [
        f"Split `{scores['split']}`: {scores['items']} items, {scores['filigrane']['paragraphs']} paragraphs.",
        "",
        "| system | micro-F1 | P | R | macro-F1 | macro-F1 (23) | techniques F1 > 0.10 | span F1 |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for key, label in (
        ("filigrane", "Filigrane (rules + learned layer)"),
        ("filigrane_rules", "Filigrane rules alone"),
        ("baseline_top2", "top-2 baseline"),
        ("baseline_bow", "bag of words"),
    ):
        s = scores[key]
        span = f"{s['spans']['f1']:.3f}" if "spans" in s else "–"
        rows.append(
            f"| {label} | {s['micro_f1']:.3f} | {s['micro']['precision']:.3f} | {s['micro']['recall']:.3f} | "
            f"{s['macro_f1']:.3f} | {s['macro_f1_23']:.3f} | {s['techniques_above_0.10']} | {span} |"
        )
    examples = scores["guide_examples"]
    rows += [
        "",
        f"Guide examples given their technique: {examples['found']} of {examples['examples']} "
        f"({examples['techniques_with_one_found']} of 23 techniques found at least once).",
    ]
    rows += ["", "| technique | gold ¶ | predicted ¶ | P | R | F1 |", "|---|---|---|---|---|---|"]
    for name, row in scores["filigrane"]["per_technique"].items():
        scores_ = f"{row['precision']:.3f} | {row['recall']:.3f} | {row['f1']:.3f}"
        rows.append(f"| {name} | {row['gold']} | {row['predicted']} | {scores_} |")
    return "\n".join(rows)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--split", choices=tuple(GOLD_DIRS), default="dev", help="which gold split to score")
    parser.add_argument("--errors", action="store_true", help="print each paragraph's missed and extra techniques")
    args = parser.parse_args(argv)
    if not load_gold(args.split):
        print(f"No gold items in {GOLD_DIRS[args.split]}: the {args.split} split is not scored.")
        return 0
    scores = evaluate(args.split, report=args.errors)
    print(markdown(scores))
    write_results(scores, RESULTS.get(args.split, ROOT / "eval" / "results" / f"techniques-{args.split}.json"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
