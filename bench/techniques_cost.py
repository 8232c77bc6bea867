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
import json
import time
from pathlib import Path
from typing import Any

import filigrane
from bench.corpus import RESULTS, articles, load_pool
from bench.throughput import BATCH_SIZE, bench_source, clean_paragraphs
from filigrane.claims import COMPONENTS
from filigrane.engine.pipeline import PipelineOptions
from filigrane.narratives.encoder import VectorCache, default_encoder
from filigrane.nlp.parse import FRENCH_MODEL, load_french
from filigrane.techniques.extract import COMPONENTS as TECHNIQUES
from filigrane.techniques.learned import LearnTechniques
from filigrane.techniques.step import FinishTechniques


def demo_source(docs: int) -> Path:
    """Synthetic articles from the demo corpus alone (no europa-fr paragraph: that pool holds blind
    gold items), as a JSONL file built once under bench/results/."""
    path = RESULTS / f"corpus-demo-{docs}.jsonl"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        rows = (
            json.dumps({"id": f"demo-{n:06d}", "text": text}, ensure_ascii=False)
            for n, text in enumerate(articles(docs, 0, load_pool(europa=None)), 1)
        )
        path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def learned_cost(source: Path, repeat: int = 2) -> dict[str, Any]:
    """CPU seconds (this process: the encoder's threads included) of the default pipeline without any
    technique, then without the learned layer, each with an empty vector cache as a user's first
    run (models loaded first, rounds interleaved, best of `repeat`); then of the learned layer on the
    second run's documents, the cache kept: what the layer adds is the encoding of the sentences
    the claim groups did not already bring, and the model."""
    list(filigrane.stream(source, PipelineOptions(n_process=1, learned_techniques=False)))  # loads every model
    cpu = {"without_techniques": float("inf"), "rules": float("inf")}
    documents: list[Any] = []
    for _ in range(repeat):
        for key, options in (
            ("without_techniques", PipelineOptions(n_process=1, techniques=False)),
            ("rules", PipelineOptions(n_process=1, learned_techniques=False)),
        ):
            default_encoder().cache = VectorCache()
            started = time.process_time()
            documents = [d for d in filigrane.stream(source, options) if not d.rejected]
            cpu[key] = min(cpu[key], time.process_time() - started)
    started = time.process_time()
    list(LearnTechniques(default_encoder())(documents))
    learned = time.process_time() - started
    whole = cpu["rules"] + learned
    return {
        "documents": len(documents),
        "cpu_without_techniques": round(cpu["without_techniques"], 2),
        "cpu_with_rules": round(cpu["rules"], 2),
        "cpu_learned_layer": round(learned, 2),
        "learned_cost": round(learned / whole, 3),
        "techniques_cost": round(1 - cpu["without_techniques"] / whole, 3),
    }


def measure(input_format: str, docs: int, repeat: int) -> dict[str, Any]:
    source = demo_source(docs) if input_format == "demo" else bench_source(docs, 0, input_format)
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
        "learned": learned_cost(source),
    }


def cost_arguments(doc: str | None, argv: list[str] | None) -> argparse.Namespace:
    """`--input`, `--docs` and `--repeat`, as the cost benchmarks take them."""
    parser = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--input", choices=("europa-fr", "jsonl", "demo"), default="europa-fr")
    parser.add_argument("--docs", type=int, default=103)
    parser.add_argument("--repeat", type=int, default=3)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> dict[str, Any]:
    args = cost_arguments(__doc__, argv)
    result = measure(args.input, args.docs, args.repeat)
    print(result)
    return result


if __name__ == "__main__":
    main()
