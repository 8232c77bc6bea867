"""What the claim components cost against the parse they run on (issue 10: at most 15 %).

    .venv/bin/python -m bench.claims_cost [--input europa-fr|jsonl|demo] [--docs 103] [--repeat 3]

`bench.throughput` compares whole pipeline runs minutes apart; on a shared machine their noise is
larger than the claims' cost. This parses the same clean paragraphs once with the French model
alone, then calls each claim component (`filigrane_quotes`, `filigrane_attribution`,
`filigrane_certainty`) on every parsed paragraph (best of `--repeat`), and prints each one's seconds
beside the parse's: the share is what the components add to spaCy's own work.
"""

from __future__ import annotations

import time
from typing import Any

from bench.techniques_cost import cost_arguments, demo_source
from bench.throughput import BATCH_SIZE, bench_source, clean_paragraphs
from filigrane.claims import COMPONENTS
from filigrane.nlp.parse import FRENCH_MODEL, load_french


def measure(input_format: str, docs: int, repeat: int) -> dict[str, Any]:
    source = demo_source(docs) if input_format == "demo" else bench_source(docs, 0, input_format)
    paragraphs, _ = clean_paragraphs(source)
    nlp = load_french(FRENCH_MODEL, COMPONENTS)
    with nlp.select_pipes(disable=list(COMPONENTS)):
        list(nlp.pipe(paragraphs[:32], batch_size=BATCH_SIZE))  # warm-up
        started = time.perf_counter()
        parsed = list(nlp.pipe(paragraphs, batch_size=BATCH_SIZE))
        parse = time.perf_counter() - started
    seconds: dict[str, float] = {}
    for name in COMPONENTS:  # in pipeline order: each reads what the one before it stored
        component = nlp.get_pipe(name)
        best = float("inf")
        for _ in range(repeat):
            started = time.perf_counter()
            for doc in parsed:
                component(doc)
            best = min(best, time.perf_counter() - started)
        seconds[name] = round(best, 3)
    total = sum(seconds.values())
    return {
        "input": input_format,
        "paragraphs": len(paragraphs),
        "parse_seconds": round(parse, 2),
        "component_seconds": seconds,
        "claims_seconds": round(total, 3),
        "share_of_parse": round(total / parse, 3),
    }


def table(result: dict[str, Any]) -> str:
    names = list(result["component_seconds"])
    head = "| input | paragraphs | " + " | ".join(names) + " | claim components | parse | share |"
    rule = "|---" * (len(names) + 5) + "|"
    cells = [f"{result['component_seconds'][name]:.2f} s" for name in names]
    row = (
        f"| {result['input']} | {result['paragraphs']} | " + " | ".join(cells) + f" | {result['claims_seconds']:.2f} s"
        f" | {result['parse_seconds']:.1f} s | {100 * result['share_of_parse']:.1f} % |"
    )
    return "\n".join([head, rule, row])


def main(argv: list[str] | None = None) -> dict[str, Any]:
    args = cost_arguments(__doc__, argv)
    result = measure(args.input, args.docs, args.repeat)
    print(table(result))
    return result


if __name__ == "__main__":
    main()
