"""Train the techniques' learned layer: `python -m eval.techniques.train` (from the repository root).

Training data, and nothing else: the four techniques gold splits, all spent (`gold`, `gold-test`,
`gold-test2`, `gold-test3`: every sentence of their items, labelled with the techniques of the gold
spans it overlaps; the third split's plain fact-check sentences and press releases are the
negatives the layer lacked), the guide's examples (`eval.techniques.examples`) and the sentences
written for this layer (`illustrations.txt`; `none` lines are sentences without technique).
Filigrane analyses each text with the learned layer off, so the claims and the rules' spans are
what the layer sees at run time; each sentence's input is its vector from the sentence encoder and
`filigrane.techniques.features`.

The model: one logistic regression per technique (numpy, full-batch gradient descent from zeros,
L2, positives weighted by the square root of the class ratio) on the standardised features. The
layer marks only sentences the rules already marked (`filigrane.techniques.learned.marked`: plain
news needs the rules' evidence before the model may name a technique). Each technique's threshold
is the grid value of best sentence-level F-beta (`BETA`) among those reaching `MIN_PRECISION`, over
5-fold out-of-fold probabilities of the sentences the gate lets through (folds by item; the
synthetic sentences always train, never score); a technique with no such threshold, a best score
below `MIN_F1`, or fewer than `MIN_POSITIVES` positive sentences is switched off. Everything is
deterministic (fixed folds, no sampling), so a run rewrites the same weights
(`src/filigrane/data/techniques_model.npz`).

Figures, leave one split out: for each of the four splits, the layer trained on the three others
and the synthetic sentences (thresholds by an inner 4-fold CV on those alone), then scored on the
held-out split at paragraph level as `eval.techniques_eval` scores, for the layer alone, the rules
alone and the two together, with the number of labels and paragraphs each predicts. The rules were
written on `gold` and `gold-test` (in-sample there) and frozen before `gold-test2` and
`gold-test3` were scored. Held-out figures, not blind: every split has been read. Writes
`eval/results/techniques-loso.json`.
"""

from __future__ import annotations

import argparse
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

import filigrane
from eval.claims_eval import analyse_items, offset_map
from eval.shared import write_results
from eval.techniques.examples import guide_examples
from eval.techniques_eval import load_gold, paragraph_scores, paragraph_sets, predicted_spans
from filigrane.engine.pipeline import PipelineOptions
from filigrane.narratives.encoder import default_encoder
from filigrane.techniques.learned import MODEL_FILE, TechniqueModel, marked, unit_matrices
from filigrane.techniques.taxonomy import TECHNIQUES

ROOT = Path(__file__).resolve().parents[2]
SPLITS = ("dev", "test", "test2", "test3")
ILLUSTRATIONS = Path(__file__).resolve().parent / "illustrations.txt"
MODEL = ROOT / "src" / "filigrane" / "data" / MODEL_FILE
RESULTS = ROOT / "eval" / "results" / "techniques-loso.json"
#: Gradient descent: L2 strength, learning rate, full-batch steps; cap on a positive's weight.
L2, RATE, STEPS, MAX_POSITIVE_WEIGHT = 3e-2, 0.5, 300, 10.0
FOLDS, INNER_FOLDS = 5, 4
GRID = tuple(round(0.05 * k, 2) for k in range(1, 20))
MIN_F1, MIN_POSITIVES = 0.15, 4
#: Out-of-fold precision a threshold must reach.
MIN_PRECISION = 0.5
#: Thresholds maximise F-beta: below 1, precision weighs more than recall.
BETA = 1.0
#: A threshold no probability reaches: the technique is off.
OFF = 2.0
OPTIONS = PipelineOptions(corpus=False, learned_techniques=False)


@dataclass
class Data:
    """Every training sentence: its input row, its labels, its item (None: synthetic) and paragraph."""

    x: npt.NDArray[np.float32]
    y: npt.NDArray[np.float32]
    groups: list[str | None]
    #: For gold sentences, (item index, canonical start, canonical end); for synthetic ones, None.
    places: list[tuple[int, int, int] | None]
    items: list[dict[str, Any]] = field(default_factory=list)
    #: The gold split of each item.
    splits: list[str] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    rule_spans: list[list[dict[str, Any]]] = field(default_factory=list)
    #: Per sentence, whether the layer may mark it (`filigrane.techniques.learned.marked`).
    gate: npt.NDArray[np.bool_] = field(default_factory=lambda: np.zeros(0, np.bool_))


def synthetic() -> list[tuple[str, str]]:
    """(technique or "", sentence): the guide's examples, then the sentences written for this layer."""
    found = [(e.technique, e.text) for e in guide_examples()]
    for line in ILLUSTRATIONS.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            name, _, text = line.partition("\t")
            assert name == "none" or name in TECHNIQUES, f"unknown technique {name!r}"
            found.append(("" if name == "none" else name, text))
    return found


def build() -> Data:
    """Analyse the gold items and the synthetic sentences, and make the training rows."""
    items, splits = [], []
    for split in SPLITS:
        gold = load_gold(split)
        items += gold
        splits += [split] * len(gold)
    texts, docs, _ = analyse_items(items, OPTIONS)
    examples = synthetic()
    made = filigrane.analyze([f"Exemple\n\n{text}" for _, text in examples], OPTIONS).documents
    encoder = default_encoder()
    live = [doc for doc in docs if doc is not None]
    matrices = iter(zip(live + made, unit_matrices(live, encoder) + unit_matrices(made, encoder), strict=True))
    rows, labels, groups, rule_spans, gate = [], [], [], [], []
    places: list[tuple[int, int, int] | None] = []
    for index, (item, text, doc) in enumerate(zip(items, texts, docs, strict=True)):
        rule_spans.append(predicted_spans(doc, text) if doc is not None else [])
        if doc is None:
            continue
        _, (found, x) = next(matrices)
        mapped = offset_map(doc, text)
        for unit, row, open_ in zip(found, x, marked(doc, found), strict=True):
            start, end = mapped(unit.start), mapped(unit.end - 1)
            if start is None or end is None:
                continue
            names = {s["technique"] for s in item["spans"] if s["start"] <= end and start < s["end"]}
            rows.append(row)
            gate.append(open_)
            labels.append([name in names for name in TECHNIQUES])
            groups.append(item["item"])
            places.append((index, start, end + 1))
    for name, _ in examples:
        made_doc, (found, x) = next(matrices)
        for row, open_ in zip(x, marked(made_doc, found), strict=True):
            rows.append(row)
            gate.append(open_)
            labels.append([name == technique for technique in TECHNIQUES])
            groups.append(None)
            places.append(None)
    x, y = np.array(rows, dtype=np.float32), np.array(labels, dtype=np.float32)
    return Data(
        x,
        y,
        groups,
        places,
        items=items,
        splits=splits,
        texts=texts,
        rule_spans=rule_spans,
        gate=np.array(gate, np.bool_),
    )


def fit(x: npt.NDArray[np.float32], y: npt.NDArray[np.float32]) -> TechniqueModel:
    """One logistic regression per technique on standardised features; thresholds left at 0.5."""
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale < 1e-6] = 1.0
    z = (x - mean) / scale
    positives = y.sum(axis=0)
    ratio = np.sqrt((len(y) - positives) / np.maximum(positives, 1))
    weight = 1.0 + y * (np.minimum(ratio, MAX_POSITIVE_WEIGHT) - 1.0)
    weights = np.zeros((z.shape[1], y.shape[1]), dtype=np.float32)
    bias = np.zeros(y.shape[1], dtype=np.float32)
    total = weight.sum(axis=0)
    for _ in range(STEPS):
        p = 1.0 / (1.0 + np.exp(-np.clip(z @ weights + bias, -30, 30)))
        error = weight * (p - y) / total
        weights -= RATE * (z.T @ error + L2 * weights)
        bias -= RATE * error.sum(axis=0)
    thresholds = np.full(y.shape[1], 0.5, dtype=np.float32)
    return TechniqueModel(TECHNIQUES, weights, bias, mean, scale, thresholds, default_encoder().name)


def folds(groups: Sequence[str | None], count: int) -> list[int]:
    """A fold per sentence, by item (a hash of its name, so sources mix); synthetic sentences: -1."""
    names = sorted({g for g in groups if g is not None}, key=lambda g: hashlib.sha1(g.encode()).hexdigest())
    fold_of = {name: k % count for k, name in enumerate(names)}
    return [fold_of[g] if g is not None else -1 for g in groups]


def out_of_fold(
    x: npt.NDArray[np.float32], y: npt.NDArray[np.float32], fold: list[int], count: int
) -> npt.NDArray[np.float32]:
    """Each scored sentence's probabilities from a model that did not train on its item."""
    probabilities = np.zeros_like(y)
    assigned = np.array(fold)
    for k in range(count):
        train, held = assigned != k, assigned == k
        probabilities[held] = fit(x[train], y[train]).probabilities(x[held])
    return probabilities


def best_thresholds(
    probabilities: npt.NDArray[np.float32], y: npt.NDArray[np.float32], gate: npt.NDArray[np.bool_]
) -> npt.NDArray[np.float32]:
    """Per technique, the grid threshold of best sentence-level F-beta among those whose precision
    reaches `MIN_PRECISION`, counting only the sentences the gate lets the layer mark (`OFF` when
    too few positives, none reaches the floor, or the best stays under `MIN_F1`)."""
    thresholds = np.full(y.shape[1], OFF, dtype=np.float32)
    for j in range(y.shape[1]):
        if y[:, j].sum() < MIN_POSITIVES:
            continue
        best, at = 0.0, OFF
        for threshold in GRID:
            predicted = (probabilities[:, j] >= threshold) & gate
            tp = float((predicted * y[:, j]).sum())
            if not tp or tp < MIN_PRECISION * predicted.sum():
                continue
            score = (1 + BETA**2) * tp / (predicted.sum() + BETA**2 * y[:, j].sum())
            if score > best:
                best, at = score, threshold
        if best >= MIN_F1:
            thresholds[j] = at
    return thresholds


def thresholds_by_cv(
    x: npt.NDArray[np.float32],
    y: npt.NDArray[np.float32],
    gate: npt.NDArray[np.bool_],
    groups: Sequence[str | None],
    count: int,
) -> npt.NDArray[np.float32]:
    fold = folds(groups, count)
    probabilities = out_of_fold(x, y, fold, count)
    scored = np.array(fold) >= 0
    return best_thresholds(probabilities[scored], y[scored], gate[scored])


def held_out(data: Data, split: str) -> dict[str, Any]:
    """Trained without `split`'s items (thresholds by inner CV on the rest), scored on them."""
    names = {item["item"] for item, of in zip(data.items, data.splits, strict=True) if of == split}
    held = np.array([g in names for g in data.groups])
    decided = np.zeros_like(data.y)
    decided[held] = _decide(data, ~held, held)
    return _scores(data, decided, [i for i, of in enumerate(data.splits) if of == split])


def _decide(data: Data, train: npt.NDArray[np.bool_], held: npt.NDArray[np.bool_]) -> npt.NDArray[np.float32]:
    groups = [g for g, t in zip(data.groups, train, strict=True) if t]
    thresholds = thresholds_by_cv(data.x[train], data.y[train], data.gate[train], groups, INNER_FOLDS)
    model = fit(data.x[train], data.y[train])
    return ((model.probabilities(data.x[held]) >= thresholds) & data.gate[held, None]).astype(np.float32)


def _scores(data: Data, decided: npt.NDArray[np.float32], scored: Sequence[int]) -> dict[str, Any]:
    """Paragraph-level scores of the items `scored`: the layer alone, the rules alone, the two together."""
    gold, rules, learned, both = [], [], [], []
    model_spans: list[list[dict[str, Any]]] = [[] for _ in data.items]
    for place, row in zip(data.places, decided, strict=True):
        if place is None:
            continue
        index, start, end = place
        model_spans[index] += [
            {"technique": n, "start": start, "end": end} for n, on in zip(TECHNIQUES, row, strict=True) if on
        ]
    for index in scored:
        item = data.items[index]
        bounds = [(p["start"], p["end"]) for p in item["paragraphs"]]
        gold += [set(p["techniques"]) for p in item["paragraphs"]]
        ruled, added = paragraph_sets(data.rule_spans[index], bounds), paragraph_sets(model_spans[index], bounds)
        rules += ruled
        learned += added
        both += [a | b for a, b in zip(ruled, added, strict=True)]
    return {"gold_labels": sum(map(len, gold))} | {
        key: paragraph_scores(gold, sets) | {"labels": sum(map(len, sets)), "flagged_paragraphs": sum(map(bool, sets))}
        for key, sets in (("model", learned), ("rules", rules), ("rules_and_model", both))
    }


def train(data: Data) -> TechniqueModel:
    """The shipped model: trained on every sentence, thresholds from 5-fold CV over all items."""
    thresholds = thresholds_by_cv(data.x, data.y, data.gate, data.groups, FOLDS)
    model = fit(data.x, data.y)
    return TechniqueModel(model.names, model.weights, model.bias, model.mean, model.scale, thresholds, model.encoder)


def summary(data: Data, loso: dict[str, dict[str, Any]], model: TechniqueModel) -> dict[str, Any]:
    positives = data.y.sum(axis=0)
    gold_rows = np.array([g is not None for g in data.groups])
    return {
        "trained_on": {
            "splits": list(SPLITS),
            "items": len(data.items),
            "gold_sentences": int(gold_rows.sum()),
            "synthetic_sentences": int((~gold_rows).sum()),
            "positive_sentences": {n: int(c) for n, c in zip(TECHNIQUES, positives, strict=True)},
            "sentences_the_gate_lets_through": int(data.gate.sum()),
        },
        "settings": {
            "l2": L2,
            "rate": RATE,
            "steps": STEPS,
            "folds": FOLDS,
            "inner_folds": INNER_FOLDS,
            "beta": BETA,
            "min_precision": MIN_PRECISION,
            "min_f1": MIN_F1,
        },
        "thresholds": {n: (None if t >= OFF else float(t)) for n, t in zip(TECHNIQUES, model.thresholds, strict=True)},
        "leave_one_split_out": loso,
    }


def markdown(result: dict[str, Any]) -> str:
    rows = [
        "| held-out split | system (paragraphs) | micro-F1 | P | R | macro-F1 | techniques F1 > 0.10 "
        "| labels predicted / gold | paragraphs flagged |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for split, figures in result["leave_one_split_out"].items():
        for key, label in (("model", "layer alone"), ("rules", "rules"), ("rules_and_model", "rules + layer")):
            s = figures[key]
            rows.append(
                f"| {split} | {label} | {s['micro_f1']:.3f} | {s['micro']['precision']:.3f} | "
                f"{s['micro']['recall']:.3f} | {s['macro_f1']:.3f} | {s['techniques_above_0.10']} | "
                f"{s['labels']} / {figures['gold_labels']} | {s['flagged_paragraphs']} of {s['paragraphs']} |"
            )
    shown = {n: t for n, t in result["thresholds"].items() if t is not None}
    rows += ["", "Shipped thresholds: " + (", ".join(f"{n} {t:.2f}" for n, t in shown.items()) or "none")]
    return "\n".join(rows)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--no-write", action="store_true", help="evaluate only, keep the shipped weights")
    args = parser.parse_args(argv)
    data = build()
    loso = {split: held_out(data, split) for split in SPLITS}
    model = train(data)
    result = summary(data, loso, model)
    print(markdown(result))
    write_results(result, RESULTS)
    if not args.no_write:
        model.save(MODEL)
        print(f"wrote {MODEL} ({MODEL.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
