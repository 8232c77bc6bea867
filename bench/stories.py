"""Stories and claim linking at scale: time and memory on 100,000 documents.

    .venv/bin/python -m bench.stories                      # 100,000 documents
    .venv/bin/python -m bench.stories --sizes 1000,10000,100000

Each size runs in a process of its own (peak RSS is that size's), under an 8 GB address-space
limit (`--max-gb`).

What it runs is the real corpus steps, `FindStories` and `LinkClaims` (names, terms, the
neighbour search, the linking rules, union-find, the outputs), on a synthetic corpus generated on
the fly. What it does not run is the sentence encoder: at ~800 sentences/s on 2 cores it would
take hours for 100,000 documents and measure the model, not the clustering. So the documents'
vectors come from `PlantedEncoder`, which reads the event or fact a text was generated from (a key
hidden in non-word symbols, so no stem of it reaches the TF-IDF) and returns that centre plus noise. The encoder's
own speed is measured apart, on real sentences (`encoder_sentences_per_second`), and the table
gives the encoding time it implies for the same corpus.

The corpus: events of 1 to 6 documents (a third of them single) on 40 sites, each document with a
title, an opening naming its event's place and actor, and 3 to 8 claims shaped like the parse's: a
predicate (a verb's lemma) and named participants (entities). About half the claims restate one of
their event's three facts, in other words each time; one event in four also restates a fact of an
earlier event (the same proposition in another story: linked only under the cross-story rules);
one document in five opens with its site's formula (in other words each time: within one story it
is one proposition, across stories the formula rule must keep it apart); one claim in ten has no
predicate (never linked); the rest are unique claims about the event's actors. Vectors put claims
of one event at a cosine of about 0.34 (candidates the link rules must refuse) and one fact's
restatements at about 0.87. Planted recall: the share of planted same-story (same-fact) document
(claim) pairs that end in one story (claim group), and of them the claim pairs across stories;
pairs put together that were not planted count against precision.
"""

from __future__ import annotations

import argparse
import gc
import json
import resource
import subprocess
import sys
import time
import zlib
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import Any

import numpy as np

from bench.reposts import current_rss_mb, machine, paragraph_pool, rss_mb
from filigrane.claim_records import Claim, Entity, Stance
from filigrane.corpus_records import Publisher, Story
from filigrane.document import Document
from filigrane.narratives.encoder import UseEncoder
from filigrane.stories.claim_groups import LinkClaims
from filigrane.stories.names import common_names
from filigrane.stories.story_step import FindStories
from filigrane.stories.terms import stop_words

RESULTS = Path(__file__).resolve().parent / "results"
DIM = 512
#: Predicates as the parse gives them (lemma) and as a claim states them (participle): same stem.
VERBS = [
    ("évacuer", "a évacué"),
    ("livrer", "a livré"),
    ("bombarder", "a bombardé"),
    ("financer", "a financé"),
    ("arrêter", "a arrêté"),
    ("signer", "a signé"),
    ("annuler", "a annulé"),
    ("interdire", "a interdit"),
    ("saisir", "a saisi"),
    ("condamner", "a condamné"),
    ("autoriser", "a autorisé"),
    ("racheter", "a racheté"),
    ("fermer", "a fermé"),
    ("accuser", "a accusé"),
    ("nommer", "a nommé"),
    ("rejeter", "a rejeté"),
    ("approuver", "a approuvé"),
    ("suspendre", "a suspendu"),
]
SITES = 40
#: Weight of the event's topic in a claim's vector: claims about one event but different facts sit
#: at a cosine of about 0.34 (candidates, that only the link rules keep apart); one fact at 0.87.
TOPIC = 0.8
#: Symbols that carry a planted key inside a text without being words (stems never see it).
_SYMBOLS = "!#$%&*+<=>?@^~;:"


def marker(key: str) -> str:
    """`key` written in non-word symbols between ⟦ ⟧, so the planted key adds no stem to the text."""
    return "⟦" + "".join(_SYMBOLS[b >> 4] + _SYMBOLS[b & 15] for b in key.encode()) + "⟧"


def planted_key(text: str) -> str:
    """The key `marker` wrote in `text` (the text itself when it has none)."""
    if "⟦" not in text:
        return text
    code = text[text.index("⟦") + 1 : text.index("⟧")]
    pairs = zip(code[::2], code[1::2], strict=True)
    return bytes(_SYMBOLS.index(high) << 4 | _SYMBOLS.index(low) for high, low in pairs).decode()


class PlantedEncoder:
    """Vectors from the planted keys a text carries (`fact/event`): their centres plus noise."""

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
            fact, _, topic = planted_key(text).partition("/")
            noise = np.random.default_rng(zlib.crc32(text.encode())).standard_normal(DIM).astype(np.float32)
            out[row] = self._centre(fact) + self.noise * noise
            if topic:
                out[row] += TOPIC * self._centre(topic)
        out /= np.linalg.norm(out, axis=1, keepdims=True)
        return out


@dataclass(frozen=True, slots=True)
class Fact:
    """A proposition: who did what (a predicate) to what, where, with a figure or not."""

    key: str
    #: The event the fact was first told in: its claims' topic, in a follow-up too.
    topic: str
    actor: str
    verb: tuple[str, str]
    thing: str
    place: str
    figure: str


class Corpus:
    """Deterministic synthetic documents with planted stories and restated claims.

    Claims look like what the parse gives for real ones: a predicate (the verb's lemma), named
    participants (the entities of the claim), a stance. A fact of an event is restated by its
    documents, in other words each time; one event in four restates a fact of an earlier event (a
    follow-up: the same proposition in another story); each site has a formula it repeats in
    its documents (about its own outlet, in other words each time), which must not link across
    stories; some claims have no predicate ("Solvarex : la réponse"), which must not link at all.
    """

    def __init__(self, seed: int = 0) -> None:
        self.rng = np.random.default_rng(seed)
        self.words = sorted({w for p in paragraph_pool() for w in p.split() if w.isalpha() and len(w) > 3})
        self.names = 0
        self.recent: list[Fact] = []
        self.outlets = [self._name() for _ in range(SITES)]

    def _words(self, count: int) -> str:
        return " ".join(self.words[i] for i in self.rng.integers(0, len(self.words), count))

    def _name(self) -> str:
        """A new proper name whose 5-letter stem no other name has (consonant-vowel from a counter)."""
        consonants, vowels = "bcdfghjklmnprstvz", "aeiou"
        while True:
            n, self.names = self.names, self.names + 1
            letters = []
            for alphabet in (consonants, vowels, consonants, vowels, consonants):
                n, digit = divmod(n, len(alphabet))
                letters.append(alphabet[digit])
            name = "".join(letters)
            if name not in stop_words() and name not in common_names():
                return name.capitalize() + "ia"

    def _fact(self, event: int, k: int, actor: str, place: str) -> Fact:
        verb = VERBS[int(self.rng.integers(len(VERBS)))]
        thing = self.words[int(self.rng.integers(len(self.words)))]
        figure = str(int(self.rng.integers(2, 900)) * 10) if self.rng.random() < 0.5 else ""
        return Fact(f"f{event}-{k}", f"e{event}", actor, verb, thing, place, figure)

    def documents(self, count: int) -> Any:
        made = event = 0
        while made < count:
            size = min(count - made, 1 if self.rng.random() < 0.33 else int(self.rng.integers(2, 7)))
            place, actors = self._name(), (self._name(), self._name())
            facts = [self._fact(event, k, actors[k % 2], place) for k in range(3)]
            if self.recent and self.rng.random() < 0.25:
                facts.append(self.recent.pop(int(self.rng.integers(len(self.recent)))))  # restated once
            self.recent = (self.recent + facts[:3])[-300:]
            for _ in range(size):
                yield self._document(made, event, place, actors, facts)
                made += 1
            event += 1

    def _claim(self, fact: Fact) -> tuple[str, str, list[str], list[str]]:
        """A restatement of `fact`, in other words each time: (text, truth key, lemmas, entities)."""
        figure = f" {fact.figure}" if fact.figure else ""
        text = (
            f"{marker(f'{fact.key}/{fact.topic}')} {fact.actor} {fact.verb[1]}{figure} {fact.thing} "
            f"à {fact.place}, {self._words(5)}"
        )
        return text, fact.key, [fact.verb[0]], [fact.actor, fact.place]

    def _document(self, number: int, event: int, place: str, actors: tuple[str, str], facts: list[Fact]) -> Document:
        site = int(self.rng.integers(SITES))
        outlet = self.outlets[site]
        title = f"{marker(f'e{event}')} {self._words(8)}"
        text = f"À {place}, selon {actors[0]}, {self._words(60)}."
        claims: list[Claim] = []
        planted: dict[str, str] = {}
        for k in range(int(self.rng.integers(3, 9))):
            draw = self.rng.random()
            if k == 0 and self.rng.random() < 0.2:
                # the site's formula: about the site itself, one predicate, other words each time
                claim_text = f"{marker(f'formula-{site}')} {outlet} rappelle que {self._words(6)}"
                key, lemmas, entities = f"formula-{site}-e{event}", ["rappeler"], [outlet]
            elif draw < 0.45:
                fact = facts[int(self.rng.integers(len(facts)))]
                claim_text, key, lemmas, entities = self._claim(fact)
            elif draw < 0.55:
                claim_text = f"{marker(f'bare-e{event}')} {actors[0]} : {self._words(4)}"  # no predicate
                key, lemmas, entities = "", [], [actors[0]]
            else:
                verb = VERBS[int(self.rng.integers(len(VERBS)))]
                claim_text = f"{marker(f'u{number}-{k}/e{event}')} {actors[k % 2]} {verb[1]} {self._words(10)}"
                key, lemmas, entities = "", [verb[0]], [actors[k % 2]]
            stance = Stance("author", "affirms", "neutral", "author", 0, 0)
            named = [Entity(entity, "ORG", 0, 0) for entity in entities]
            claims.append(Claim(f"c{k + 1}", claim_text, 0, 0, [stance], entities=named, predicates=lemmas))
            planted[claims[-1].id] = key
        doc = Document(source=f"bench-{number}", format="text", title=title, text=text, language="fr")
        doc.date = f"2025-{1 + event % 12:02d}-{1 + event % 28:02d}"
        doc.publisher = Publisher(outlet, outlet, outlet)
        doc.analyses["nlp"] = "spacy:bench"
        doc.claims = claims
        doc.metadata["event"] = event
        doc.metadata["planted"] = planted
        return doc


def _pair_scores(groups: list[list[str]], planted: dict[str, str]) -> tuple[float, int, int]:
    """Recall of planted pairs, and (pairs put together, of them not planted)."""
    wanted, found = _planted_pairs(planted), _found_pairs(groups)
    recall = len(wanted & found) / len(wanted) if wanted else 1.0
    return recall, len(found), len(found - wanted)


def _planted_pairs(planted: dict[str, str]) -> set[frozenset[str]]:
    truth: dict[str, list[str]] = {}
    for item, key in planted.items():
        if key:
            truth.setdefault(key, []).append(item)
    return {frozenset(p) for members in truth.values() for p in combinations(members, 2)}


def _found_pairs(groups: list[list[str]]) -> set[frozenset[str]]:
    return {frozenset(p) for members in groups for p in combinations(members, 2)}


def _across_stories(groups: list[list[str]], planted: dict[str, str], stories: list[Story]) -> tuple[int, int]:
    """Planted claim pairs whose documents are in different stories: (found, planted)."""
    story_of = {doc: story.id for story in stories for doc in story.documents}
    wanted = {
        pair for pair in _planted_pairs(planted) if len({story_of.get(claim.split("/")[0]) for claim in pair}) == 2
    }
    return len(wanted & _found_pairs(groups)), len(wanted)


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
    rss_observed = current_rss_mb()
    story_out = stories.finish({})["stories"]
    stories_done = time.perf_counter()
    group_out = links.finish({"stories": story_out})["claim_groups"]
    groups_done = time.perf_counter()
    story_recall, story_pairs, story_false = _pair_scores([s.documents for s in story_out], event_of)
    claim_groups = [[f"{d}/{c}" for d, c in g.claims] for g in group_out]
    claim_recall, claim_pairs, claim_false = _pair_scores(claim_groups, proposition_of)
    across_found, across_planted = _across_stories(claim_groups, proposition_of, story_out)
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
        "claim_pairs_across_stories": f"{across_found} of {across_planted}",
        "rss_after_observe_mb": round(rss_observed - rss_before),
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
        "| story pair recall | story pairs not planted | claim pair recall | claim pairs across stories "
        "| claim pairs not planted | RSS after observe MB | peak RSS MB | encoding at the measured speed |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        encode_minutes = (r["documents"] + r["claims"]) / speed / 60
        lines.append(
            f"| {r['documents']:,} | {r['claims']:,} | {r['observe_seconds']} | {r['stories_seconds']} "
            f"| {r['claim_groups_seconds']} | {r['stories']:,} | {r['claim_groups']:,} | {r['story_pair_recall']} "
            f"| {r['story_pairs_not_planted']} | {r['claim_pair_recall']} | {r['claim_pairs_across_stories']} "
            f"| {r['claim_pairs_not_planted']} | {r['rss_after_observe_mb']:,} | {r['peak_rss_mb']:,} "
            f"| {encode_minutes:,.0f} min |"
        )
    return "\n".join(lines)


def in_subprocess(size: int, seed: int, max_gb: float) -> dict[str, Any]:
    """`run(size)` in a fresh process under an address-space limit: its peak RSS is its own."""

    def limit() -> None:
        cap = int(max_gb * 2**30)
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))

    command = [sys.executable, "-m", "bench.stories", "--one", str(size), "--seed", str(seed)]
    done = subprocess.run(command, capture_output=True, text=True, preexec_fn=limit, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{size:,} documents failed:\n{done.stderr[-2000:]}")
    row: dict[str, Any] = json.loads(done.stdout.splitlines()[-1])
    return row


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Stories and claim linking: time and memory.")
    parser.add_argument("--sizes", default="100000", help="comma-separated corpus sizes")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--max-gb", type=float, default=8.0, help="address-space limit of each size's process")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # one size in this process, a JSON row out
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(run(args.one, args.seed)))
        return 0
    speed = encoder_speed()
    print(f"encoder: {speed:,.0f} sentences/s", file=sys.stderr)
    rows = []
    for size in [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]:
        print(f"{size:,} documents…", file=sys.stderr)
        rows.append(in_subprocess(size, args.seed, args.max_gb))
    print(markdown(rows, speed))
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = {"machine": machine(), "encoder_sentences_per_second": round(speed), "rows": rows}
    (RESULTS / "stories.json").write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
