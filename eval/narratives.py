"""Known narratives: DACCORD claim -> fact-check retrieval, and the matching threshold's calibration.

Run from the repository root: `python -m eval.narratives`. It prints the markdown tables of
EVALUATION.md ("Known narratives") and writes `eval/results/narratives.json`.

Data (from `../shared`, or `$FILIGRANE_SHARED`):

- `eval/daccord/daccord_dataset.tsv` (BSD-2-Clause): 1,034 (premise, hypothesis) pairs from 301
  AFP Factuel fact-checks (`url`; 897 distinct premises). The catalogue has **one entry per
  fact-check**, built from its distinct premises in file order: title = the first premise, summary
  = the others joined. The matcher reads an entry as its passages (title + summary, title, each
  sentence of the summary) and the entry scores its best passage. Each hypothesis (a claim, in
  French) is a query; the right answer is its row's fact-check. Scores: Recall@1, Recall@5, MRR
  over all 1,034 queries, and separately for `compatibles` (the claim agrees with the fact-check)
  and `contradiction` (the claim is the false one the fact-check disproves: the known-narrative
  case); and without the 36 claims that are word for word one of their fact-check's premises
  (`not_verbatim`, a quirk of DACCORD: some hypotheses are reused as premises). Two other readings
  are reported beside it: the entry as one text (all premises joined, `passages=False`) and the
  first premise only.
- `eval/europa-fr/reference/*.html`: 103 European Commission press releases (competition law,
  state aid, ...), tags stripped, cut into sentences of 6 words or more: unrelated texts that must
  match nothing.

Calibration: the press releases are split in two halves by file order (even / odd positions). The
threshold is the highest top-1 score any calibration-half sentence reaches against the catalogue,
rounded up to the next 0.01 (no calibration sentence matches). The held-out half gives the
false-match rates: per sentence (share of sentences with a match) and per press release (share of
releases with at least one matching sentence). Recall kept: the share of DACCORD queries whose right
fact-check is ranked first with a score at or above the threshold.

Encoders: Universal Sentence Encoder multilingual v3 (`UseEncoder`), re-ranked by the cosine of
word-stem TF-IDF vectors (`RERANK_WEIGHT`; the `passages-vectors` reading shows USE alone), and the
baseline, a word TF-IDF (unigrams + bigrams, accent-folded, IDF fitted on the catalogue;
`TfidfEncoder`). Split: queries by fact-check (`part_of`: SHA-1 of the URL, last hex digit 0-7 ->
test, else dev); every retrieval figure is given for dev and test, and the weight was chosen on dev.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import math
import re
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from eval.extraction import _read, strip_reference
from eval.shared import REPO, shared_dir, write_results
from filigrane.narratives.catalogue import NarrativeEntry
from filigrane.narratives.encoder import SentenceEncoder, TfidfEncoder, UseEncoder
from filigrane.narratives.match import RERANK_WEIGHT, NarrativeMatcher

RESULTS = REPO / "eval" / "results" / "narratives.json"
MIN_WORDS = 6
MAIN_READING = "passages"
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÀ-ÖØ-Þ«\"(])")


@dataclass(frozen=True)
class Query:
    text: str
    url: str
    label: str


@dataclass(frozen=True)
class Daccord:
    queries: list[Query]
    premises: dict[str, list[str]]  # url -> distinct premises, in file order


def load_daccord(root: Path | None = None) -> Daccord:
    path = (root or shared_dir()) / "eval" / "daccord" / "daccord_dataset.tsv"
    queries: list[Query] = []
    premises: dict[str, list[str]] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            url = row["url"].strip()
            premise = " ".join(row["premise"].split())
            known = premises.setdefault(url, [])
            if premise not in known:
                known.append(premise)
            queries.append(Query(" ".join(row["hypothesis"].split()), url, row["label_text"].strip()))
    return Daccord(queries, premises)


def europa_sentences(root: Path | None = None) -> list[tuple[str, list[str]]]:
    """(release name, sentences of >= MIN_WORDS words) for each reference press release."""
    folder = (root or shared_dir()) / "eval" / "europa-fr" / "reference"
    out: list[tuple[str, list[str]]] = []
    for path in sorted(folder.glob("*.html")):
        sentences: list[str] = []
        for line in strip_reference(_read(path)).splitlines():
            paragraph = " ".join(line.split())
            sentences.extend(s for s in _SENTENCE_END.split(paragraph) if len(s.split()) >= MIN_WORDS)
        out.append((path.name, sentences))
    return out


READINGS = {
    # reading -> (how an entry is built from a fact-check's premises, matcher `passages`, ranked by)
    "passages": ("title = first premise, summary = the others; best of its passages, re-ranked", True, "ranking"),
    "passages-calibrated": ("the same, ranked by the calibrated score (no hubness, no entry term)", True, "scores"),
    "passages-vectors": ("the same, vector cosine only (no re-ranking)", True, "vectors"),
    "joined": ("all premises as one text", False, "ranking"),
    "first": ("first premise only", False, "ranking"),
}
PARTS = ("dev", "test")


def part_of(url: str) -> str:
    """The fixed split, by fact-check: **test** when the last hex digit of SHA-1(url) is 0-7, else **dev**
    (the same rule as `eval.claim_links`). The re-ranking weight was chosen on dev queries only."""
    return "test" if hashlib.sha1(url.encode("utf-8")).hexdigest()[-1] in "01234567" else "dev"


def catalogue(data: Daccord, reading: str) -> list[NarrativeEntry]:
    """One entry per fact-check (in file order), built for one reading."""
    entries: list[NarrativeEntry] = []
    for i, (url, texts) in enumerate(data.premises.items()):
        summary = "" if reading == "first" else " ".join(texts[1:])
        entries.append(NarrativeEntry(f"f{i:03d}", texts[0], summary=summary, url=url, source_file="daccord"))
    return entries


def retrieval(scores: np.ndarray, gold: list[int]) -> dict[str, Any]:
    gold_scores = scores[np.arange(len(gold)), gold]
    ranks = 1 + (scores > gold_scores[:, None]).sum(axis=1)  # ties count in the query's favour
    return {
        "n": len(gold),
        "recall_at_1": round(float(np.mean(ranks == 1)), 4),
        "recall_at_5": round(float(np.mean(ranks <= 5)), 4),
        "mrr": round(float(np.mean(1.0 / ranks)), 4),
    }


def _quantiles(values: np.ndarray) -> dict[str, float]:
    if values.size == 0:
        return {}
    return {f"p{q}": round(float(np.percentile(values, q)), 4) for q in (1, 5, 10, 25, 50, 75, 90, 95, 99, 100)}


def evaluate_encoder(
    name: str,
    make: Callable[[list[str]], SentenceEncoder],
    data: Daccord,
    releases: list[tuple[str, list[str]]],
    note: Callable[[str], None],
) -> dict[str, Any]:
    urls = list(data.premises)
    assert next(iter(READINGS)) == MAIN_READING
    gold = [urls.index(q.url) for q in data.queries]
    texts = [q.text for q in data.queries]
    out: dict[str, Any] = {"encoder": name, "readings": {}}
    matchers: dict[str, NarrativeMatcher] = {}
    main_scores: np.ndarray | None = None  # the main reading's ranking
    for reading, (_, passages, ranked_by) in READINGS.items():
        entries = catalogue(data, reading)
        texts_of = [p for e in entries for p in (e.passages if passages else (e.match_text,))]
        start = time.perf_counter()
        use = name == "use"
        weight = RERANK_WEIGHT if ranked_by != "vectors" and use else 0.0
        matcher = NarrativeMatcher(entries, make(texts_of), threshold=-1.0, passages=passages, rerank_weight=weight)
        # the baseline is its plain cosine
        scores = matcher.ranking(texts) if ranked_by == "ranking" and use else matcher.scores(texts)
        note(f"{name} {reading}: {len(entries)} entries, {len(texts_of)} vectors, {time.perf_counter() - start:.1f} s")
        result = {"all": retrieval(scores, gold)}
        for part in PARTS:
            rows = [i for i, q in enumerate(data.queries) if part_of(q.url) == part]
            result[part] = retrieval(scores[rows], [gold[i] for i in rows])
        for label in ("compatibles", "contradiction"):
            rows = [i for i, q in enumerate(data.queries) if q.label == label]
            result[label] = retrieval(scores[rows], [gold[i] for i in rows])
        rows = [i for i, q in enumerate(data.queries) if q.text not in data.premises[q.url]]
        result["not_verbatim"] = retrieval(scores[rows], [gold[i] for i in rows])
        out["readings"][reading] = result
        matchers[reading] = matcher
        if main_scores is None:
            main_scores = scores
    assert main_scores is not None
    main_matcher = matchers[MAIN_READING]
    # calibration on the unrelated press releases (the main reading's catalogue)
    calib = [sentences for i, (_, sentences) in enumerate(releases) if i % 2 == 0]
    held = [sentences for i, (_, sentences) in enumerate(releases) if i % 2 == 1]

    def top1(groups: list[list[str]]) -> list[np.ndarray]:
        flat = [s for group in groups for s in group]
        best = main_matcher.scores(flat).max(axis=1) if flat else np.zeros(0)
        out_groups, start = [], 0
        for group in groups:
            out_groups.append(best[start : start + len(group)])
            start += len(group)
        return out_groups

    calib_top = top1(calib)
    held_top = top1(held)
    calib_all = np.concatenate(calib_top)
    held_all = np.concatenate(held_top)
    threshold = math.ceil(float(calib_all.max()) * 100 + 1e-9) / 100
    # the ranking orders, the calibrated score decides a match
    correct_top1 = main_matcher.scores(texts)[np.arange(len(gold)), gold]
    is_top1 = main_scores.argmax(axis=1) == np.array(gold)

    def kept(rows: list[int]) -> float:
        return round(float(np.mean(is_top1[rows] & (correct_top1[rows] >= threshold))), 4)

    everything = list(range(len(gold)))
    out["calibration"] = {
        "threshold": threshold,
        "calibration_sentences": int(calib_all.size),
        "calibration_releases": len(calib),
        "heldout_sentences": int(held_all.size),
        "heldout_releases": len(held),
        "heldout_sentence_false_match_rate": round(float(np.mean(held_all >= threshold)), 4),
        "heldout_release_false_match_rate": round(
            float(np.mean([g.size and g.max() >= threshold for g in held_top])), 4
        ),
        "all_sentence_false_match_rate": round(float(np.mean(np.concatenate([calib_all, held_all]) >= threshold)), 4),
        "recall_kept_at_1": kept(everything),
        "recall_kept_at_1_compatibles": kept([i for i in everything if data.queries[i].label == "compatibles"]),
        "recall_kept_at_1_contradiction": kept([i for i in everything if data.queries[i].label == "contradiction"]),
        "queries_with_any_match": round(float(np.mean(main_scores.max(axis=1) >= threshold)), 4),
        "heldout_top1_max": round(float(held_all.max()), 4) if held_all.size else None,
        "swapped_halves_threshold": math.ceil(float(held_all.max()) * 100 + 1e-9) / 100 if held_all.size else None,
        "tradeoff": [
            {
                "threshold": t,
                "sentence_false_match_rate": round(float(np.mean(np.concatenate([calib_all, held_all]) >= t)), 4),
                "release_false_match_rate": round(
                    float(np.mean([bool(g.size) and float(g.max()) >= t for g in calib_top + held_top])), 4
                ),
                "recall_kept_at_1": round(float(np.mean(is_top1 & (correct_top1 >= t))), 4),
            }
            for t in sorted({round(threshold + d, 2) for d in (-0.2, -0.15, -0.1, -0.05, 0.0, 0.05, 0.1)})
        ],
        "unrelated_top1_quantiles": _quantiles(np.concatenate([calib_all, held_all])),
        "correct_top1_quantiles": _quantiles(correct_top1[is_top1]),
    }
    return out


def evaluate(note: Callable[[str], None] = lambda _: None) -> dict[str, Any]:
    data = load_daccord()
    releases = europa_sentences()
    use = UseEncoder()  # one cache for the three readings
    results: dict[str, Any] = {
        "dataset": {
            "queries": len(data.queries),
            "factchecks": len(data.premises),
            "premises": sum(len(v) for v in data.premises.values()),
            "unrelated_releases": len(releases),
            "unrelated_sentences": sum(len(s) for _, s in releases),
        },
        "encoders": {},
    }
    start = time.perf_counter()
    results["encoders"]["use"] = evaluate_encoder("use", lambda _: use, data, releases, note)
    results["encoders"]["use"]["seconds"] = round(time.perf_counter() - start, 1)
    start = time.perf_counter()
    results["encoders"]["tfidf"] = evaluate_encoder("tfidf", TfidfEncoder, data, releases, note)
    results["encoders"]["tfidf"]["seconds"] = round(time.perf_counter() - start, 1)
    return results


LABELS = {"use": "USE multilingual v3", "tfidf": "TF-IDF words (baseline)"}


def markdown(results: dict[str, Any]) -> str:
    lines = [
        "| encoder | catalogue text | queries | Recall@1 | Recall@5 | MRR |",
        "|---|---|---|---|---|---|",
    ]
    for key, enc in results["encoders"].items():
        for reading, result in enc["readings"].items():
            for subset in ("dev", "test", "all", "compatibles", "contradiction", "not_verbatim"):
                if reading != MAIN_READING and subset not in PARTS:
                    continue
                if key != "use" and reading in ("passages-vectors", "passages-calibrated"):
                    continue
                r = result[subset]
                bold = "**" if reading == MAIN_READING and subset == "test" else ""
                lines.append(
                    f"| {LABELS[key]} | {reading} | {subset} ({r['n']}) | {bold}{r['recall_at_1']:.3f}{bold} "
                    f"| {r['recall_at_5']:.3f} | {r['mrr']:.3f} |"
                )
    lines += [
        "",
        "| encoder | threshold | false matches, held-out sentences | held-out releases with a match "
        "| Recall@1 kept (all / compatibles / contradiction) |",
        "|---|---|---|---|---|",
    ]
    for key, enc in results["encoders"].items():
        c = enc["calibration"]
        lines.append(
            f"| {LABELS[key]} | {c['threshold']:.2f} | {c['heldout_sentence_false_match_rate']:.3f} "
            f"(n = {c['heldout_sentences']}) | {c['heldout_release_false_match_rate']:.3f} "
            f"(n = {c['heldout_releases']}) "
            f"| {c['recall_kept_at_1']:.3f} / {c['recall_kept_at_1_compatibles']:.3f} "
            f"/ {c['recall_kept_at_1_contradiction']:.3f} |"
        )
    for key, enc in results["encoders"].items():
        lines += [
            "",
            f"{LABELS[key]}: threshold trade-off (all {results['dataset']['unrelated_sentences']} press-release "
            f"sentences, all {results['dataset']['unrelated_releases']} releases)",
            "",
            "| threshold | false matches, sentences | releases with a match | Recall@1 kept |",
            "|---|---|---|---|",
        ]
        for row in enc["calibration"]["tradeoff"]:
            lines.append(
                f"| {row['threshold']:.2f} | {row['sentence_false_match_rate']:.4f} "
                f"| {row['release_false_match_rate']:.3f} | {row['recall_kept_at_1']:.3f} |"
            )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.narratives", description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="print timings")
    args = parser.parse_args(argv)
    results = evaluate(note=(lambda m: print(m, file=sys.stderr)) if args.verbose else (lambda _: None))
    print(markdown(results))
    write_results(results, RESULTS)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
