"""Stories and claim linking at scale: time and memory on 100,000 documents.

    .venv/bin/python -m bench.stories                      # 100,000 documents
    .venv/bin/python -m bench.stories --sizes 10000,100000

What it runs is the real corpus steps, `FindStories` and `LinkClaims` (names, terms, the
neighbour search, the linking rules, union-find, the outputs), on a synthetic corpus generated on
the fly. What it does not run is the sentence encoder: at ~800 sentences/s on 2 cores it would
take hours for 100,000 documents and measure the model, not the clustering. So the documents'
vectors come from `PlantedEncoder`, which reads the event or proposition a text was generated from
and returns that centre plus noise (cosine ~0.8 within a planted group, ~0 across). The encoder's
own speed is measured apart, on real sentences (`encoder_sentences_per_second`), and the table
gives the encoding time it implies for the same corpus.

The corpus: events of 1 to 6 documents (a third of them single), each document with a title, an
opening naming its event's two specific places, and 3 to 8 claims; one claim in two restates one
of its event's propositions (with the proposition's predicate and participants), the others are
unique. Planted recall: the share of planted same-story (same-proposition) document pairs that
end in one story (claim group); pairs put together that were not planted count against precision.
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
import time
import zlib
from itertools import combinations
from pathlib import Path
from typing import Any

import numpy as np

from bench.reposts import current_rss_mb, machine, paragraph_pool, rss_mb
from filigrane.claim_records import Claim, Stance
from filigrane.document import Document
from filigrane.narratives.encoder import UseEncoder
from filigrane.stories.claim_groups import LinkClaims
from filigrane.stories.story_step import FindStories

RESULTS = Path(__file__).resolve().parent / "results"
DIM = 512
VERBS = ["évacuer", "livrer", "bombarder", "financer", "arrêter", "signer", "annuler", "interdire", "saisir"]


class PlantedEncoder:
    """Vectors from the planted group a text names (`⟦key⟧`): the group's centre plus noise."""

    name = "planted"
    dim = DIM

    def __init__(self, noise: float = 0.5) -> None:
        self.noise = noise

    def _centre(self, key: str) -> np.ndarray:
        rng = np.random.default_rng(zlib.crc32(key.encode()))
        return rng.standard_normal(DIM).astype(np.float32)

    def encode(self, texts: list[str]) -> np.ndarray:
        out = np.empty((len(texts), DIM), dtype=np.float32)
        for row, text in enumerate(texts):
            key = text[text.index("⟦") + 1 : text.index("⟧")] if "⟦" in text else text
            noise = np.random.default_rng(zlib.crc32(text.encode())).standard_normal(DIM).astype(np.float32)
            out[row] = self._centre(key) + self.noise * noise
        out /= np.linalg.norm(out, axis=1, keepdims=True)
        return out


class Corpus:
    """Deterministic synthetic documents with planted stories and propositions."""

    def __init__(self, seed: int = 0) -> None:
        self.rng = np.random.default_rng(seed)
        self.words = sorted({w for p in paragraph_pool() for w in p.split() if w.isalpha() and len(w) > 3})

    def _words(self, count: int) -> str:
        return " ".join(self.words[i] for i in self.rng.integers(0, len(self.words), count))

    def documents(self, count: int) -> Any:
        made = event = 0
        while made < count:
            size = min(count - made, 1 if self.rng.random() < 0.33 else int(self.rng.integers(2, 7)))
            places = (f"Ville{event}x", f"Usine{event}y")
            propositions = [(f"p{event}-{k}", VERBS[int(self.rng.integers(len(VERBS)))]) for k in range(3)]
            for _ in range(size):
                yield self._document(made, event, places, propositions)
                made += 1
            event += 1

    def _document(self, number: int, event: int, places: tuple[str, str], propositions: list[Any]) -> Document:
        title = f"⟦e{event}⟧ {self._words(8)}"
        text = f"À {places[0]}, près de {places[1]}, {self._words(60)}."
        claims: list[Claim] = []
        planted: dict[str, str] = {}
        for k in range(int(self.rng.integers(3, 9))):
            if self.rng.random() < 0.5:
                key, verb = propositions[int(self.rng.integers(len(propositions)))]
                claim_text = f"⟦{key}⟧ les soldats de {places[0]} {verb} les chefs {self._words(6)}"
                predicates = [verb]
            else:
                key, claim_text, predicates = "", f"{self._words(12)}", [VERBS[k % len(VERBS)]]
            stance = Stance("author", "affirms", "neutral", "author", 0, 0)
            claims.append(Claim(f"c{k + 1}", claim_text, 0, 0, [stance], predicates=predicates))
            planted[claims[-1].id] = key
        doc = Document(source=f"bench-{number}", format="text", title=title, text=text, language="fr")
        doc.date = f"2025-{1 + event % 12:02d}-{1 + event % 28:02d}"
        doc.claims = claims
        doc.metadata["event"] = event
        doc.metadata["planted"] = planted
        return doc


def _pair_scores(groups: list[list[str]], planted: dict[str, str]) -> tuple[float, int, int]:
    """Recall of planted pairs, and (pairs put together, of them not planted)."""
    truth: dict[str, list[str]] = {}
    for item, key in planted.items():
        if key:
            truth.setdefault(key, []).append(item)
    wanted = {frozenset(p) for members in truth.values() for p in combinations(members, 2)}
    found = {frozenset(p) for members in groups for p in combinations(members, 2)}
    recall = len(wanted & found) / len(wanted) if wanted else 1.0
    return recall, len(found), len(found - wanted)


def run(size: int, seed: int = 0) -> dict[str, Any]:
    gc.collect()
    rss_before = current_rss_mb()
    encoder = PlantedEncoder()
    stories, links = FindStories(encoder), LinkClaims(encoder)  # type: ignore[arg-type]
    event_of: dict[str, str] = {}
    proposition_of: dict[str, str] = {}
    claims = 0
    started = time.perf_counter()
    for doc in Corpus(seed).documents(size):
        event_of[doc.id] = str(doc.metadata["event"])
        for claim in doc.claims:
            proposition_of[f"{doc.id}/{claim.id}"] = doc.metadata["planted"][claim.id]
        claims += len(doc.claims)
        stories.see(doc)
        links.see(doc)
    observed = time.perf_counter()
    story_out = stories.finish({})["stories"]
    stories_done = time.perf_counter()
    group_out = links.finish({})["claim_groups"]
    groups_done = time.perf_counter()
    story_recall, story_pairs, story_false = _pair_scores([s["documents"] for s in story_out], event_of)
    claim_groups = [[f"{d}/{c}" for d, c in g["claims"]] for g in group_out]
    claim_recall, claim_pairs, claim_false = _pair_scores(claim_groups, proposition_of)
    return {
        "documents": size,
        "claims": claims,
        "observe_seconds": round(observed - started, 1),
        "stories_seconds": round(stories_done - observed, 1),
        "claim_groups_seconds": round(groups_done - stories_done, 1),
        "stories": len(story_out),
        "claim_groups": len(group_out),
        "story_pair_recall": round(story_recall, 4),
        "story_pairs_not_planted": f"{story_false} of {story_pairs}",
        "claim_pair_recall": round(claim_recall, 4),
        "claim_pairs_not_planted": f"{claim_false} of {claim_pairs}",
        "rss_growth_mb": round(current_rss_mb() - rss_before),
        "peak_rss_mb": round(rss_mb()),
    }


def encoder_speed(sentences: int = 2000) -> float:
    """Sentences per second of the real multilingual encoder on real sentences (first load excluded)."""
    pool = [s for p in paragraph_pool() for s in p.split(". ") if len(s.split()) >= 6]
    texts = [f"{pool[i % len(pool)]} ({i})" for i in range(sentences)]  # distinct: no cache hits
    encoder = UseEncoder()
    encoder.encode(texts[:8])
    started = time.perf_counter()
    encoder.encode(texts)
    return sentences / (time.perf_counter() - started)


def markdown(rows: list[dict[str, Any]], speed: float) -> str:
    lines = [
        "| documents | claims | observe s | stories s | claim groups s | stories | claim groups "
        "| story pair recall | story pairs not planted | claim pair recall | claim pairs not planted "
        "| peak RSS MB | encoding at the measured speed |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        encode_minutes = (r["documents"] + r["claims"]) / speed / 60
        lines.append(
            f"| {r['documents']:,} | {r['claims']:,} | {r['observe_seconds']} | {r['stories_seconds']} "
            f"| {r['claim_groups_seconds']} | {r['stories']:,} | {r['claim_groups']:,} | {r['story_pair_recall']} "
            f"| {r['story_pairs_not_planted']} | {r['claim_pair_recall']} | {r['claim_pairs_not_planted']} "
            f"| {r['peak_rss_mb']:,} | {encode_minutes:,.0f} min |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Stories and claim linking: time and memory.")
    parser.add_argument("--sizes", default="100000", help="comma-separated corpus sizes")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    speed = encoder_speed()
    print(f"encoder: {speed:,.0f} sentences/s", file=sys.stderr)
    rows = []
    for size in [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]:
        print(f"{size:,} documents…", file=sys.stderr)
        rows.append(run(size, args.seed))
    print(markdown(rows, speed))
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = {"machine": machine(), "encoder_sentences_per_second": round(speed), "rows": rows}
    (RESULTS / "stories.json").write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
