"""Latency of the claim search (`GET /api/claims`, `GET /claims`) over a synthetic store of N documents.

    .venv/bin/python -m bench.claim_search [--docs 10000] [--runs 15] [--db PATH]

The store is written directly (no NLP: the search reads the store, not the pipeline), seeded and
deterministic: each document has 6 to 14 claims of 8 to 25 words drawn from a French vocabulary,
1 or 2 stances each (holder kind, polarity, certainty, markers as the contract has them), 0 to 2
origins taken from the outlet catalogue, a date within 120 days, a language (fr 80 %, en 15 %,
de 5 %), 1 % of the claims matching a narrative entry; one corpus run stores stories (groups of 1
to 8 documents) and claim groups (pairs of claims). Then each query of `QUERIES` (no filter, words,
facets alone and combined, a story, a narrative) is sent `--runs` times through the app in-process
(FastAPI's test client: routing, SQL, facets, JSON or HTML), after one warm-up each. Goal (issue
#14): median under 300 ms.
"""

from __future__ import annotations

import argparse
import platform
import random
import statistics
import tempfile
import time
import warnings
from pathlib import Path
from typing import Any

from bench.api_latency import percentile
from filigrane.claim_records import Claim, Marker, Stance
from filigrane.corpus_records import ClaimGroup, NarrativeMatch, Origin, Story
from filigrane.document import Document
from filigrane.provenance.catalogue import default_catalogue
from filigrane.store import Store, claims
from filigrane.web.app import create_app

with warnings.catch_warnings():  # starlette's notice that its test client will move to httpx2
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

GOAL_SECONDS = 0.3
SENTENCES = (
    "le gouvernement a annoncé que la centrale nucléaire serait fermée après une fuite de produits chimiques "
    "selon les autorités locales aucune victime nest à déplorer mais les riverains ont été évacués par précaution "
    "lusine Solvarex aurait rejeté des déchets dans la rivière depuis des années affirme une association "
    "le ministre dément toute défaillance et promet une enquête indépendante sur les causes de laccident "
    "des documents montrent que les contrôles sanitaires étaient insuffisants à lhôpital de Montcerf"
)
WORDS = SENTENCES.split()
KINDS = ("author", "named_person", "unnamed_person", "anonymous_source", "media", "government", "organisation")
MARKERS = ("quote", "conditional", "hedge", "booster", "denial", "evidence")
HOLDERS = (
    "Hélène Variot",
    "Gilles Ferrand",
    "le ministère",
    "une source proche du dossier",
    "Reuters",
    "la préfecture",
)
QUERIES: dict[str, dict[str, str]] = {
    "no filter": {},
    "words": {"q": "centrale nucléaire"},
    "rare word": {"q": "Solvarex aurait"},
    "anonymous, denied": {"holder_kind": "anonymous_source", "polarity": "denies"},
    "state-controlled origins": {"ownership": "state-controlled"},
    "country + marker + since": {"country": "RU", "marker": "conditional", "since": "2025-02-01"},
    "holder name": {"holder": "variot"},
    "words + language + hedged": {"q": "fuite", "language": "fr", "certainty": "hedged"},
    "story": {"story": "story-d00000"},
    "any narrative": {"narrative": "*"},
}


def synthetic_store(path: Path, documents: int, seed: int = 14) -> None:
    """Write `documents` synthetic documents, one corpus run's stories and claim groups, into `path`."""
    rng = random.Random(seed)
    outlets = list(default_catalogue())
    with Store(path) as store:
        run = store.start_run("bench", {})
        ids: list[str] = []
        claim_pairs: list[tuple[str, str]] = []
        for n in range(documents):
            doc = _document(rng, n, outlets)
            store.add_document(run, doc, "bench")
            ids.append(doc.id)
            claim_pairs.extend((doc.id, claim.id) for claim in doc.claims[:1])
        stories, start = [], 0
        while start < len(ids):
            size = rng.randint(1, 8)
            stories.append(Story(f"story-{ids[start]}", "", ids[start : start + size], None))
            start += size
        groups = [
            ClaimGroup(f"claim-group-{a[0]}-{a[1]}", "", [a, b], 2)
            for a, b in zip(claim_pairs[::2], claim_pairs[1::2], strict=False)
        ]
        store.add_corpus(run, {"stories": stories, "claim_groups": groups})
        store.finish_run(run, {})


def _document(rng: random.Random, n: int, outlets: list[Any]) -> Document:
    claims: list[Claim] = []
    text: list[str] = []
    offset = 0
    for c in range(rng.randint(6, 14)):
        sentence = " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 25)))
        stances = [_stance(rng, sentence) for _ in range(rng.randint(1, 2))]
        claims.append(Claim(f"c{c + 1}", sentence, offset, offset + len(sentence), stances))
        text.append(sentence)
        offset += len(sentence) + 2
    origins = [
        Origin(o.id, o.name, o.country, o.ownership, o.owner, o.basis.fact, confidence=0.9)
        for o in rng.sample(outlets, rng.choice((0, 1, 1, 1, 2)))
    ]
    narratives = [
        NarrativeMatch(f"n{rng.randint(1, 50)}", "a known narrative", 0.8, claim.text, claim_id=claim.id)
        for claim in claims
        if rng.random() < 0.01
    ]
    day = 1 + n * 120 // 10_000 % 120
    date = f"2025-{1 + (day - 1) // 30:02d}-{1 + (day - 1) % 28:02d}"
    language = rng.choices(("fr", "en", "de"), (80, 15, 5))[0]
    return Document(
        source=f"bench-{n}.txt",
        format="text",
        id=f"d{n:05d}",
        raw_text="\n\n".join(text),
        text="\n\n".join(text),
        title=claims[0].text,
        date=date,
        language=language,
        claims=claims,
        origins=origins,
        narratives=narratives,
    )


def _stance(rng: random.Random, sentence: str) -> Stance:
    kind = rng.choice(KINDS)
    markers = [Marker(m, sentence[:12], 0, 12) for m in MARKERS if rng.random() < 0.15]
    holder = None if kind == "author" else rng.choice(HOLDERS)
    cue = rng.choice((None, "selon", "a affirmé", "dément"))
    polarity = rng.choices(("affirms", "denies"), (9, 1))[0]
    certainty = rng.choices(("neutral", "hedged", "boosted"), (6, 3, 1))[0]
    negated = rng.random() < 0.1
    return Stance(
        holder_kind=kind,
        polarity=polarity,
        certainty=certainty,
        kind="author" if kind == "author" else "indirect",
        content_start=0,
        content_end=len(sentence),
        holder=holder,
        cue=cue,
        negated=negated,
        markers=markers,
    )


def timed(client: TestClient, path: str, params: dict[str, str], runs: int, cold: bool) -> list[float]:
    """`runs` timings of one request; `cold`: the facet counts kept from earlier requests are forgotten first."""
    assert client.get(path, params=params).status_code == 200  # warm-up (SQLite's page cache, the templates)
    times = []
    for _ in range(runs):
        if cold:
            claims._COUNTED.clear()
        started = time.perf_counter()
        response = client.get(path, params=params)
        times.append(time.perf_counter() - started)
        assert response.status_code == 200, response.text[:300]
    return times


def _ms(seconds: float, width: int = 6) -> str:
    """Milliseconds, right-aligned in a 9-character column."""
    return f"{seconds * 1000:>{width}.0f} ms"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--db", type=Path, help="keep the synthetic store here (default: a temporary folder)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="filigrane-bench-") as folder:
        db = args.db or Path(folder) / "claims.db"
        if not db.exists():
            started = time.perf_counter()
            synthetic_store(db, args.docs)
            print(f"synthetic store: {args.docs} documents in {time.perf_counter() - started:.1f} s ({db})")
        with Store(db) as store:
            claims = store.connection.execute("SELECT count(*) FROM claims").fetchone()[0]
            stances = store.connection.execute("SELECT count(*) FROM stances").fetchone()[0]
        print(f"{claims} claims, {stances} stances; Python {platform.python_version()}, {args.runs} runs per query\n")
        client = TestClient(create_app(db, warm_up=False), base_url="http://127.0.0.1:8000")
        cold_all: list[float] = []
        warm_all: list[float] = []
        heads = ("API cold", "p90", "API warm", "page cold", "page warm")
        print(f"{'query':<28} {'matches':>8} " + " ".join(f"{head:>9}" for head in heads))
        for name, params in QUERIES.items():
            total = client.get("/api/claims", params=params).json()["total"]
            cold = timed(client, "/api/claims", params, args.runs, cold=True)
            warm = timed(client, "/api/claims", params, args.runs, cold=False)
            page_cold = timed(client, "/claims", params, args.runs, cold=True)
            page_warm = timed(client, "/claims", params, args.runs, cold=False)
            cold_all += cold + page_cold
            warm_all += warm + page_warm
            print(
                f"{name:<28} {total:>8} "
                + " ".join(
                    _ms(value)
                    for value in (
                        statistics.median(cold),
                        percentile(cold, 0.9),
                        statistics.median(warm),
                        statistics.median(page_cold),
                        statistics.median(page_warm),
                    )
                )
            )
        median = statistics.median(cold_all)
        p90 = percentile(cold_all, 0.9)
        print(f"\ncold (facets counted afresh): median {median * 1000:.0f} ms, p90 {p90 * 1000:.0f} ms")
        print(f"warm (facets kept, as when paging): median {statistics.median(warm_all) * 1000:.0f} ms")
        print(f"goal: median under {GOAL_SECONDS * 1000:.0f} ms, cold: {'met' if median < GOAL_SECONDS else 'NOT met'}")
        return 0 if median < GOAL_SECONDS else 1


if __name__ == "__main__":
    raise SystemExit(main())
