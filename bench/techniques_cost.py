"""What the persuasion techniques cost, measured where the machine's load cannot hide it.

    .venv/bin/python -m bench.techniques_cost [--input europa-fr|jsonl] [--docs 103] [--repeat 3]

`bench.throughput` compares whole pipeline runs minutes apart; on a shared machine their noise is
larger than the techniques' cost. This times the same paragraphs, in one process, through the
French model with the claim components, with and without the `filigrane_techniques` component
(rounds interleaved, best of `--repeat`), then the component alone on the parsed paragraphs, and
the document-level `techniques` step (joins, Repetition, paragraph sets) on the analysed documents.
"""

from __future__ import annotations

import argparse
import time
from typing import Any

import filigrane
from bench.throughput import BATCH_SIZE, bench_source, clean_paragraphs
from filigrane.claims import COMPONENTS
from filigrane.engine.pipeline import PipelineOptions
from filigrane.nlp.parse import FRENCH_MODEL, load_french
from filigrane.techniques.extract import COMPONENTS as TECHNIQUES
from filigrane.techniques.step import FinishTechniques


def measure(input_format: str, docs: int, repeat: int) -> dict[str, Any]:
    source = bench_source(docs, 0, input_format)
    paragraphs, _ = clean_paragraphs(source)
    nlp = load_french(FRENCH_MODEL, COMPONENTS + TECHNIQUES)
    consume = list
    consume(nlp.pipe(paragraphs[:32], batch_size=BATCH_SIZE))  # warm-up
    best = {"claims": float("inf"), "claims+techniques": float("inf")}
    for _ in range(repeat):
        for key, disabled in (("claims", list(TECHNIQUES)), ("claims+techniques", [])):
            with nlp.select_pipes(disable=disabled):
                started = time.perf_counter()
                consume(nlp.pipe(paragraphs, batch_size=BATCH_SIZE))
                best[key] = min(best[key], time.perf_counter() - started)
    with nlp.select_pipes(disable=list(TECHNIQUES)):
        parsed = consume(nlp.pipe(paragraphs, batch_size=BATCH_SIZE))
    component = nlp.get_pipe(TECHNIQUES[0])
    started = time.perf_counter()
    for doc in parsed:
        component(doc)
    alone = time.perf_counter() - started
    documents = [d for d in filigrane.stream(source, PipelineOptions(n_process=1, corpus=False)) if not d.rejected]
    step = FinishTechniques()
    started = time.perf_counter()
    for doc in documents:
        step.process(doc)
    finish = time.perf_counter() - started
    return {
        "paragraphs": len(paragraphs),
        "documents": len(documents),
        "seconds": {key: round(value, 2) for key, value in best.items()},
        "component_alone": round(alone, 2),
        "finish_step": round(finish, 3),
        "cost": round(1 - best["claims"] / best["claims+techniques"], 3),
        "component_share": round(alone / best["claims+techniques"], 3),
    }


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--input", choices=("europa-fr", "jsonl"), default="europa-fr")
    parser.add_argument("--docs", type=int, default=103)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    result = measure(args.input, args.docs, args.repeat)
    print(result)
    return result


if __name__ == "__main__":
    main()
