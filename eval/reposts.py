"""Repost benchmark: edited copies of real articles, grouped back by Filigrane's RepostDetector.

Run from the repository root: `python -m eval.reposts` (options: `--seed`, `--with-copies`).
It prints markdown tables (the ones in EVALUATION.md) and writes `eval/results/reposts.json`.

The articles are real texts from `../shared` (or `$FILIGRANE_SHARED`):

- the 103 European Commission press releases of `eval/europa-fr/reference/` (tags stripped; the
  first line is the title). Many are on one subject (merger clearances, state aid) and share
  formulaic sentences: distinct articles on the same topic that must stay apart;
- the 181 English articles of `eval/extraction-en/ground-truth.json` (`articleBody`; the title
  is made from the URL slug);
- the two seeds of `corpus/seeds/`, as scraped (boilerplate included). They tell one narrative
  (the US evacuating or protecting Daech leaders) from two origins: they must not be grouped.

A few articles of each language are held out as material for bloggers' commentary. Of the
others, `--with-copies` originals (seeded draw; the two seeds always) get 1 to 4 edited copies;
the rest stay alone. Each copy is made from the original's title and paragraphs by random edits:
other boilerplate (site menus, share buttons, comment forms, cookie notices, "Lire aussi" links,
a blogger's intro and remarks), a new title, paragraphs dropped (up to 30 %), adjacent
paragraphs swapped, truncation (the first 50 to 80 % of the words, then "Lire la suite"), small
word edits (1 to 3 % of the words deleted or replaced), commentary paragraphs around the whole
copy (an article that contains the wire copy). Originals are dated, copies dated 1 to 5 days
later or undated. Every text, original or copy, goes through `filigrane.analyze(...,
PipelineOptions(nlp=False))` (the cleaner removes what boilerplate it can) and the clean
`doc.text` is fed to the detector, in a shuffled order.

Gold groups: an original and its copies. Scores: pairwise precision, recall and F1 over the
pairs of documents put in one group; the share of gold groups found exactly; the share of
originals without copies left alone; origin accuracy (the predicted origin of an exactly found
group is the original); and the pairs of distinct articles wrongly merged, with the closest
distinct pairs (highest estimated containment) listed to show how near the same-topic releases
come. Baselines: exact duplicates of the normalised body, and plain MinHash LSH on Jaccard at
0.8 (datasketch, same shingles, no containment).
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import itertools
import json
import random
import re
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

import filigrane
from eval.extraction import _read, strip_reference
from eval.shared import shared_dir, write_results
from filigrane.provenance.reposts import RepostDetector

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "eval" / "results" / "reposts.json"
_TOKEN = re.compile(r"\w+")
_WORD = re.compile(r"\S+")


# ---------------------------------------------------------------------------------------------
# Real articles


@dataclass
class Article:
    id: str
    language: str
    title: str
    paragraphs: list[str]
    raw: str  # the text fed to analyze() for the original itself
    source: str  # europa-fr, extraction-en, seed


def europa_articles(root: Path) -> list[Article]:
    articles = []
    for path in sorted((root / "eval" / "europa-fr" / "reference").glob("*.html")):
        lines = [" ".join(line.split()) for line in strip_reference(_read(path)).splitlines()]
        lines = [line for line in lines if line]
        name = path.name.removeprefix("press-release_").removesuffix("_fr.html")
        title, paragraphs = lines[0], lines[1:]
        articles.append(Article(f"europa:{name}", "fr", title, paragraphs, _join(title, paragraphs), "europa-fr"))
    return articles


def english_articles(root: Path) -> list[Article]:
    truth: dict[str, dict[str, Any]] = json.loads(
        (root / "eval" / "extraction-en" / "ground-truth.json").read_text(encoding="utf-8")
    )
    articles = []
    for key, entry in sorted(truth.items()):
        paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n|\n", entry["articleBody"])]
        paragraphs = [p for p in paragraphs if p]
        slug = [w for w in re.split(r"[^A-Za-z]+", entry["url"].rstrip("/").rsplit("/", 1)[-1]) if w]
        title = " ".join(slug[:14]).capitalize() or "Untitled"
        articles.append(Article(f"en:{key[:12]}", "en", title, paragraphs, _join(title, paragraphs), "extraction-en"))
    return articles


def seed_articles(root: Path) -> list[Article]:
    paths = sorted((root / "corpus" / "seeds").glob("*.txt"))
    raws = [path.read_text(encoding="utf-8") for path in paths]
    cleaned = clean_texts(raws)
    articles = []
    for path, raw, text in zip(paths, raws, cleaned, strict=True):
        title, *paragraphs = [p for p in text.split("\n\n") if p.strip()]
        articles.append(Article(f"seed:{path.name[:3]}", "fr", title, paragraphs, raw, "seed"))
    return articles


def language_of(text: str) -> str:
    import py3langid

    return str(py3langid.classify(text)[0])


def _join(title: str, paragraphs: Sequence[str]) -> str:
    return "\n\n".join([title, *paragraphs])


def clean_texts(texts: Sequence[str]) -> list[str]:
    """Clean texts through Filigrane's pipeline (no spaCy); a rejected text comes back empty."""
    result = filigrane.analyze(list(texts), filigrane.PipelineOptions(nlp=False))
    by_number = {int(doc.source.strip("<>").split()[-1]): doc.text for doc in result.documents}
    return [by_number.get(number, "") for number in range(1, len(texts) + 1)]


# ---------------------------------------------------------------------------------------------
# Edited copies

BOILERPLATE: dict[str, dict[str, Any]] = {
    "fr": {
        "top": [
            "Accueil",
            "Actualités",
            "International",
            "Politique",
            "Économie",
            "Rechercher",
            "Se connecter",
            "Le Veilleur du Bocage",
            "À propos",
            "Contact",
            "Menu",
        ],
        "intro": [
            "Trouvé sur le site d'un confrère, à lire :",
            "Merci à notre lecteur Paul pour le lien",
            "Article repris avec l'aimable autorisation de l'auteur.",
            "À faire circuler !",
        ],
        "middle": ["Lire aussi : {other}", "À lire aussi : {other}", "Publicités"],
        "bottom": [
            "Pour infos…",
            "À méditer…",
            "Partager :",
            "Facebook",
            "Twitter",
            "E-mail",
            "Imprimer",
            "J'aime chargement…",
            "Articles similaires",
            "Cet article a été publié dans Actualités. Ajoutez ce permalien à vos favoris.",
            "Laisser un commentaire",
            "Votre adresse e-mail ne sera pas publiée. Les champs obligatoires sont indiqués avec *",
            "Commentaire *",
            "Nom *",
            "Enregistrer mon nom, mon e-mail et mon site dans le navigateur pour mon prochain commentaire.",
            "Ce site utilise des cookies pour améliorer votre expérience. En poursuivant, vous acceptez.",
            "OK",
            "Inscrivez-vous à notre newsletter",
        ],
        "more": "Lire la suite",
        "title": ["{title}", "EXCLUSIF – {title}", "{title} : ce que l'on ne vous dit pas", "À lire : {title}"],
    },
    "en": {
        "top": ["Home", "News", "World", "Politics", "Business", "Search", "Sign in", "Subscribe", "Menu"],
        "intro": [
            "Found this on another site, worth a read:",
            "Thanks to our reader Paul for the link",
            "Reposted with permission.",
            "Share widely!",
        ],
        "middle": ["Read more: {other}", "Related: {other}", "Advertisement"],
        "bottom": [
            "Share this:",
            "Twitter",
            "Facebook",
            "Like this:",
            "Like Loading...",
            "Related",
            "Leave a comment",
            "Your email address will not be published. Required fields are marked *",
            "Comment *",
            "Name *",
            "Save my name, email, and website in this browser for the next time I comment.",
            "This site uses cookies to improve your experience. By continuing you accept.",
            "Sign up for our newsletter",
        ],
        "more": "Read more",
        "title": ["{title}", "EXCLUSIVE: {title}", "{title} – what they won't tell you", "Must read: {title}"],
    },
}


@dataclass
class Copy:
    id: str
    original: str
    raw: str
    edits: list[str] = field(default_factory=list)


def make_copy(
    article: Article, number: int, rng: random.Random, commentary: list[str], other_titles: Sequence[str]
) -> Copy:
    """An edited copy; commentary paragraphs are popped from `commentary` (each used once)."""
    pool = BOILERPLATE[article.language]
    paragraphs = list(article.paragraphs)
    edits: list[str] = []
    title = article.title
    if rng.random() < 0.7:
        # A new title: the blog's own wording, from the original title's words reshuffled and cut.
        words = article.title.split()
        rng.shuffle(words)
        title = rng.choice(pool["title"][1:]).format(title=" ".join(words[: max(3, len(words) * 2 // 3)]))
        edits.append("new-title")
    if len(paragraphs) > 2 and rng.random() < 0.5:
        drop = rng.randint(1, max(1, int(0.3 * len(paragraphs))))
        gone = set(rng.sample(range(len(paragraphs)), drop))
        paragraphs = [p for i, p in enumerate(paragraphs) if i not in gone]
        edits.append(f"dropped-{drop}")
    if len(paragraphs) > 2 and rng.random() < 0.4:
        for _ in range(rng.randint(1, max(1, len(paragraphs) // 3))):
            i = rng.randrange(len(paragraphs) - 1)
            paragraphs[i], paragraphs[i + 1] = paragraphs[i + 1], paragraphs[i]
        edits.append("reordered")
    if rng.random() < 0.5:
        paragraphs = [_edit_words(p, rng, rng.uniform(0.01, 0.03)) for p in paragraphs]
        edits.append("word-edits")
    truncated = False
    if rng.random() < 0.4:
        keep = rng.uniform(0.5, 0.8)
        paragraphs = _truncate(paragraphs, keep)
        truncated = True
        edits.append(f"truncated-{keep:.2f}")
    if rng.random() < 0.2 and len(commentary) >= 3:
        before = [commentary.pop() for _ in range(rng.randint(1, 2))]
        after = [commentary.pop() for _ in range(rng.randint(0, 1))]
        paragraphs = before + paragraphs + after
        edits.append("commentary")
    lines: list[str] = []
    boilerplate = rng.random() < 0.8
    if boilerplate:
        edits.append("boilerplate")
        lines += rng.sample(pool["top"], rng.randint(0, 5))
    lines.append(title)
    if boilerplate and rng.random() < 0.5:
        lines.append(rng.choice(pool["intro"]))
    body = list(paragraphs)
    if boilerplate and len(body) > 2 and rng.random() < 0.5:
        body.insert(rng.randrange(1, len(body)), rng.choice(pool["middle"]).format(other=rng.choice(other_titles)))
    lines += body
    if truncated:
        lines.append(pool["more"])
    if boilerplate:
        lines += rng.sample(pool["bottom"], rng.randint(2, 8))
    return Copy(f"{article.id}#copy{number}", article.id, "\n\n".join(lines), edits)


def _edit_words(paragraph: str, rng: random.Random, rate: float) -> str:
    words = paragraph.split()
    out: list[str] = []
    for word in words:
        roll = rng.random()
        if roll < rate / 2:
            continue  # deleted
        out.append(rng.choice(words) if roll < rate else word)  # replaced by another word of the paragraph
    return " ".join(out) or paragraph


def _truncate(paragraphs: list[str], keep: float) -> list[str]:
    budget = max(1, int(keep * sum(len(p.split()) for p in paragraphs)))
    out: list[str] = []
    for paragraph in paragraphs:
        words = paragraph.split()
        if len(words) >= budget:
            out.append(" ".join(words[:budget]) + " […]")
            break
        out.append(paragraph)
        budget -= len(words)
    return out


# ---------------------------------------------------------------------------------------------
# The benchmark corpus


@dataclass
class Item:
    id: str
    gold: str  # the original's id
    raw: str
    date: str | None
    source: str
    edits: list[str]
    text: str = ""


def build_corpus(root: Path, seed: int, with_copies: int, held_out: int = 8) -> tuple[list[Item], dict[str, str]]:
    rng = random.Random(seed)
    europa, english, seeds = europa_articles(root), english_articles(root), seed_articles(root)
    rng.shuffle(europa)
    rng.shuffle(english)
    # Commentary: paragraphs of held-out articles in the copy's own language (a paragraph in
    # another language would be removed by the cleaner, which is not what is measured here), each
    # used once so that no two copies of different originals share a commentary paragraph.
    commentary: dict[str, list[str]] = {}
    for article in europa[:held_out] + english[:held_out]:
        paragraphs = [p for p in article.paragraphs if len(p.split()) >= 15]
        commentary.setdefault(language_of(" ".join(article.paragraphs)), []).extend(paragraphs)
    for pool in commentary.values():
        rng.shuffle(pool)
    originals = europa[held_out:] + english[held_out:] + seeds
    titles = {"fr": [a.title for a in europa[held_out:]], "en": [a.title for a in english[held_out:]]}
    chosen = {a.id for a in seeds} | {a.id for a in rng.sample(europa[held_out:] + english[held_out:], with_copies)}
    day0 = dt.date(2024, 1, 1)
    items: list[Item] = []
    for number, article in enumerate(originals):
        date = day0 + dt.timedelta(days=3 * number)
        items.append(Item(article.id, article.id, article.raw, date.isoformat(), article.source, []))
        if article.id not in chosen:
            continue
        for copy_number in range(1, rng.randint(1, 4) + 1):
            pool = commentary.get(language_of(" ".join(article.paragraphs)), [])
            copy = make_copy(article, copy_number, rng, pool, titles[article.language])
            copy_date = (date + dt.timedelta(days=rng.randint(1, 5))).isoformat() if rng.random() < 0.75 else None
            items.append(Item(copy.id, article.id, copy.raw, copy_date, article.source, copy.edits))
    rng.shuffle(items)
    for item, text in zip(items, clean_texts([item.raw for item in items]), strict=True):
        item.text = text
    titles_by_id = {a.id: a.title for a in originals}
    return items, titles_by_id


# ---------------------------------------------------------------------------------------------
# Methods: each maps the corpus to groups (lists of item indices, size >= 2) and origins


@dataclass
class Prediction:
    groups: list[list[str]]
    origins: list[str | None]
    seconds: float


def run_filigrane(items: Sequence[Item], threshold: float = 0.5) -> Prediction:
    detector = RepostDetector(threshold=threshold)
    started = time.perf_counter()
    for item in items:
        detector.add(item.id, item.text, date=item.date)
    groups = detector.groups()
    return Prediction([g.documents for g in groups], [g.origin_document for g in groups], time.perf_counter() - started)


def run_exact(items: Sequence[Item]) -> Prediction:
    """Exact duplicates: the same lower-cased tokens once the first paragraph (title) is set aside."""
    started = time.perf_counter()
    buckets: dict[str, list[str]] = {}
    for item in items:
        paragraphs = [p for p in item.text.split("\n\n") if p.strip()]
        body = " ".join(_TOKEN.findall(" ".join(paragraphs[1:] or paragraphs).lower()))
        if body:
            buckets.setdefault(body, []).append(item.id)
    groups = [ids for ids in buckets.values() if len(ids) > 1]
    return Prediction(groups, [_earliest(ids, items) for ids in groups], time.perf_counter() - started)


def run_jaccard_lsh(items: Sequence[Item], threshold: float = 0.8) -> Prediction:
    """Plain MinHash LSH on Jaccard (datasketch), same shingles as Filigrane, no containment."""
    from datasketch import MinHash, MinHashLSH

    shingler = RepostDetector()
    started = time.perf_counter()
    lsh = MinHashLSH(threshold=threshold, num_perm=128)
    parent = {item.id: item.id for item in items}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for item in items:
        shingles = shingler.shingles(item.text)
        if not len(shingles):
            continue
        minhash = MinHash(num_perm=128, seed=1)
        minhash.update_batch([value.to_bytes(4, "little") for value in shingles.tolist()])
        for other in lsh.query(minhash):
            parent[find(item.id)] = find(other)
        lsh.insert(item.id, minhash)
    members: dict[str, list[str]] = {}
    for item in items:
        members.setdefault(find(item.id), []).append(item.id)
    groups = [ids for ids in members.values() if len(ids) > 1]
    return Prediction(groups, [_earliest(ids, items) for ids in groups], time.perf_counter() - started)


def _earliest(ids: Sequence[str], items: Sequence[Item]) -> str | None:
    dates = {item.id: item.date for item in items}
    dated = sorted((dates[i], i) for i in ids if dates[i])
    return dated[0][1] if dated else None


# ---------------------------------------------------------------------------------------------
# Scores


def pairs(groups: Iterable[Sequence[str]]) -> set[tuple[str, str]]:
    return {tuple(sorted(pair)) for group in groups for pair in itertools.combinations(group, 2)}  # type: ignore[misc]


def score(items: Sequence[Item], prediction: Prediction) -> dict[str, Any]:
    gold_members: dict[str, list[str]] = {}
    for item in items:
        gold_members.setdefault(item.gold, []).append(item.id)
    gold_groups = [sorted(ids) for ids in gold_members.values() if len(ids) > 1]
    gold_pairs, predicted_pairs = pairs(gold_groups), pairs(prediction.groups)
    tp = len(gold_pairs & predicted_pairs)
    precision = tp / len(predicted_pairs) if predicted_pairs else 1.0
    recall = tp / len(gold_pairs) if gold_pairs else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    predicted_sets = {frozenset(g): origin for g, origin in zip(prediction.groups, prediction.origins, strict=True)}
    exact = [frozenset(g) for g in gold_groups if frozenset(g) in predicted_sets]
    origin_right = sum(predicted_sets[g] == next(iter(g)).split("#")[0] for g in exact)
    grouped = {i for g in prediction.groups for i in g}
    singles = [ids[0] for ids in gold_members.values() if len(ids) == 1]
    gold_of = {item.id: item.gold for item in items}
    wrong = sorted(
        {tuple(sorted((gold_of[a], gold_of[b]))) for a, b in predicted_pairs - gold_pairs if gold_of[a] != gold_of[b]}
    )
    group_of = {i: frozenset(g) for g in prediction.groups for i in g}
    missed = [
        {"copy": item.id, "edits": item.edits, "words_after_cleaning": len(item.text.split())}
        for item in items
        if item.id != item.gold and item.gold not in group_of.get(item.id, frozenset())
    ]
    return {
        "pairs_gold": len(gold_pairs),
        "pairs_predicted": len(predicted_pairs),
        "pairs_correct": tp,
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "groups_gold": len(gold_groups),
        "groups_predicted": len(prediction.groups),
        "groups_exact": len(exact),
        "group_exact_rate": round(len(exact) / len(gold_groups), 4) if gold_groups else 1.0,
        "origin_accuracy": round(origin_right / len(exact), 4) if exact else None,
        "singletons": len(singles),
        "singletons_kept_alone": sum(s not in grouped for s in singles),
        "distinct_articles_merged": [list(pair) for pair in wrong],
        "copies_not_grouped_with_their_original": missed,
        "seconds": round(prediction.seconds, 3),
    }


def closest_distinct(items: Sequence[Item], top: int = 10) -> dict[str, Any]:
    """The distinct originals that come nearest each other (estimated containment), as the detector sees them."""
    detector = RepostDetector()
    originals = [item for item in items if item.id == item.gold]
    sketches = [detector.sketch(item.text) for item in originals]
    signatures = np.stack([s for s, _ in sketches])
    sizes = np.array([n for _, n in sketches], dtype=np.float64)
    rows = []
    for i in range(len(originals)):
        jaccard = (signatures[i + 1 :] == signatures[i]).mean(axis=1)
        overlap = jaccard * (sizes[i] + sizes[i + 1 :]) / (1 + jaccard)
        containment = overlap / np.maximum(np.minimum(sizes[i], sizes[i + 1 :]), 1)
        for offset in np.nonzero(jaccard > 0)[0].tolist():
            rows.append((float(containment[offset]), float(jaccard[offset]), i, i + 1 + offset))
    rows.sort(reverse=True)
    seeds = [k for k, item in enumerate(originals) if item.source == "seed"]
    seed_pair = next((r for r in rows if {r[2], r[3]} == set(seeds)), None)
    return {
        "pairs_sharing_a_minhash_value": len(rows),
        "pairs_containment_over_0.2": sum(r[0] >= 0.2 for r in rows),
        "closest": [
            {
                "documents": [originals[r[2]].id, originals[r[3]].id],
                "containment": round(r[0], 3),
                "jaccard": round(r[1], 3),
            }
            for r in rows[:top]
        ],
        "seeds": {
            "documents": [originals[k].id for k in seeds],
            "containment": round(seed_pair[0], 3) if seed_pair else 0.0,
            "jaccard": round(seed_pair[1], 3) if seed_pair else 0.0,
        },
    }


# ---------------------------------------------------------------------------------------------
# Driver


def evaluate(
    *, seed: int = 7, with_copies: int = 150, extra_seeds: Sequence[int] = (1, 2, 3, 4, 5), verbose: bool = True
) -> dict[str, Any]:
    def note(message: str) -> None:
        if verbose:
            print(message, file=sys.stderr)

    started = time.perf_counter()
    items, _ = build_corpus(shared_dir(), seed, with_copies)
    note(f"corpus: {len(items)} documents, built and cleaned in {time.perf_counter() - started:.1f}s")
    methods: dict[str, Callable[[], Prediction]] = {
        "exact duplicates (normalised body)": lambda: run_exact(items),
        "MinHash LSH, Jaccard >= 0.8 (datasketch)": lambda: run_jaccard_lsh(items, 0.8),
        "Filigrane, containment >= 0.3": lambda: run_filigrane(items, 0.3),
        "Filigrane, containment >= 0.5 (default)": lambda: run_filigrane(items, 0.5),
        "Filigrane, containment >= 0.7": lambda: run_filigrane(items, 0.7),
    }
    if importlib.util.find_spec("datasketch") is None:  # an optional baseline (not a Filigrane dependency)
        del methods["MinHash LSH, Jaccard >= 0.8 (datasketch)"]
    scores = {}
    for name, run in methods.items():
        scores[name] = score(items, run())
        note(f"{name}: F1 {scores[name]['f1']}")
    seed_ids = sorted({item.gold for item in items if item.source == "seed"})
    default = scores["Filigrane, containment >= 0.5 (default)"]
    copies = [item for item in items if item.id != item.gold]
    edits: dict[str, int] = {}
    for item in copies:
        for edit in item.edits:
            kind = edit.split("-")[0] if edit.startswith(("dropped", "truncated")) else edit
            edits[kind] = edits.get(kind, 0) + 1
    return {
        "config": {"seed": seed, "with_copies": with_copies, "detector": "RepostDetector() defaults"},
        "corpus": {
            "documents": len(items),
            "originals": len(items) - len(copies),
            "copies": len(copies),
            "originals_by_source": {
                s: sum(item.source == s and item.id == item.gold for item in items)
                for s in ("europa-fr", "extraction-en", "seed")
            },
            "edits": dict(sorted(edits.items())),
            "empty_after_cleaning": sum(not item.text.strip() for item in items),
        },
        "methods": scores,
        "seeds_merged": seed_ids in [sorted(p) for p in default["distinct_articles_merged"]],
        "same_topic": closest_distinct(items),
        "other_seeds": other_seeds(extra_seeds, with_copies, note),
        "seconds": round(time.perf_counter() - started, 1),
    }


def other_seeds(seeds: Sequence[int], with_copies: int, note: Callable[[str], None]) -> dict[str, Any]:
    """The default detector on corpora drawn with other seeds: how stable the figures are."""
    rows = {}
    for seed in seeds:
        items, _ = build_corpus(shared_dir(), seed, with_copies)
        s = score(items, run_filigrane(items, 0.5))
        rows[str(seed)] = {k: s[k] for k in ("precision", "recall", "f1", "group_exact_rate")} | {
            "distinct_articles_merged": len(s["distinct_articles_merged"])
        }
        note(f"seed {seed}: F1 {s['f1']}")
    f1 = [row["f1"] for row in rows.values()]
    return {
        "by_seed": rows,
        "f1_min": min(f1, default=0.0),
        "f1_mean": round(sum(f1) / len(f1), 4) if f1 else 0.0,
    }


def markdown(results: dict[str, Any]) -> str:
    corpus = results["corpus"]
    by_source = corpus["originals_by_source"]
    lines = [
        f"Corpus (seed {results['config']['seed']}): {corpus['documents']} documents, {corpus['originals']} real "
        f"originals ({by_source['europa-fr']} europa-fr, {by_source['extraction-en']} extraction-en, "
        f"{by_source['seed']} seeds; {results['config']['with_copies'] + 2} of them with copies) and "
        f"{corpus['copies']} edited copies; edits: " + ", ".join(f"{k} {v}" for k, v in corpus["edits"].items()) + ".",
        "",
        "| method | pair precision | pair recall | pair F1 | gold groups found exactly | singletons left alone "
        "| origin right | distinct articles merged |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name, s in results["methods"].items():
        origin = "—" if s["origin_accuracy"] is None else f"{s['origin_accuracy']:.3f}"
        lines.append(
            f"| {name} | {s['precision']:.3f} | {s['recall']:.3f} | {s['f1']:.3f} "
            f"| {s['groups_exact']}/{s['groups_gold']} ({s['group_exact_rate']:.3f}) "
            f"| {s['singletons_kept_alone']}/{s['singletons']} | {origin} | {len(s['distinct_articles_merged'])} |"
        )
    same = results["same_topic"]
    lines += [
        "",
        f"Distinct originals: {same['pairs_sharing_a_minhash_value']} pairs share at least one MinHash value, "
        f"{same['pairs_containment_over_0.2']} reach an estimated containment of 0.2. The closest distinct pairs "
        "(none may be grouped at the default threshold 0.5):",
        "",
        "| distinct pair | estimated containment | estimated Jaccard |",
        "|---|---|---|",
    ]
    for row in same["closest"]:
        lines.append(f"| {' / '.join(row['documents'])} | {row['containment']:.3f} | {row['jaccard']:.3f} |")
    seeds = same["seeds"]
    lines += [
        "",
        f"The two seeds ({' / '.join(seeds['documents'])}): estimated containment {seeds['containment']:.3f}, "
        f"Jaccard {seeds['jaccard']:.3f}; grouped: {'yes' if results['seeds_merged'] else 'no'}.",
    ]
    other = results["other_seeds"]
    if other["by_seed"]:
        merged = sum(row["distinct_articles_merged"] for row in other["by_seed"].values())
        lines += [
            "",
            f"Default detector on {len(other['by_seed'])} corpora drawn with other seeds "
            f"({', '.join(other['by_seed'])}): pair F1 mean {other['f1_mean']:.3f}, min {other['f1_min']:.3f}; "
            f"distinct articles merged: {merged} in all.",
        ]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--with-copies", type=int, default=150, help="originals that get edited copies")
    parser.add_argument("--other-seeds", default="1,2,3,4,5", help="corpora to re-score the default on ('' for none)")
    parser.add_argument("--output", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    if not (shared_dir() / "eval").is_dir():
        print(f"{shared_dir()} has no eval/ folder: set FILIGRANE_SHARED", file=sys.stderr)
        return 2
    extra = [int(x) for x in args.other_seeds.split(",") if x.strip()]
    results = evaluate(seed=args.seed, with_copies=args.with_copies, extra_seeds=extra)
    write_results(results, args.output)
    print(markdown(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
