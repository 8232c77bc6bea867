"""A deterministic, synthetic-but-realistic benchmark corpus of French articles with boilerplate.

Body paragraphs come from text that ships with the repository (the fictional demo corpus,
`examples/demo-corpus/*.txt`) and, when present, from real French press releases
(`/work/shared/eval/europa-fr/reference/*.html`, tags stripped). They are recombined, seeded,
into articles of 300 to 900 body words, each wrapped in the lines web pages really print
(publication date, "Lire aussi", share buttons, "Publicités", a category line, a comment form,
a signature or source line) so that the cleaner has real work to do.

    .venv/bin/python -m bench.corpus --docs 10000 --out bench/results/corpus-10000.jsonl
    .venv/bin/python -m bench.corpus --docs 200 --out /tmp/corpus-200 --format txt
"""

from __future__ import annotations

import argparse
import html
import json
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEMO_CORPUS = REPO / "examples" / "demo-corpus"
EUROPA_REFERENCE = REPO.parent / "shared" / "eval" / "europa-fr" / "reference"
RESULTS = REPO / "bench" / "results"

#: Shortest paragraph (in words) taken as article body; shorter blocks are headings or boilerplate.
MIN_BODY_WORDS = 20
MIN_ARTICLE_WORDS = 300
MAX_ARTICLE_WORDS = 900
#: Demo files that are not French article bodies.
_SKIPPED_DEMO = ("english",)

_MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)
_CATEGORIES = (
    "Société",
    "Environnement",
    "Économie",
    "Politique",
    "Europe",
    "Santé",
    "Régions",
    "International",
)
_SHARE = (
    ["Partager :", "Twitter", "Facebook", "LinkedIn", "E-mail"],
    ["Partager cet article"],
    ["Partager sur Facebook", "Partager sur Twitter"],
    ["J'aime chargement…"],
)
_COMMENT_FORMS = (
    ["Laisser un commentaire", "Annuler la réponse"],
    [
        "Entrez vos coordonnées ci-dessous ou cliquez sur une icône pour vous connecter:",
        "Logo WordPress.com",
        "Vous commentez à l'aide de votre compte WordPress.com. Déconnexion / Changer )",
        "Photo Facebook",
        "Vous commentez à l'aide de votre compte Facebook. Déconnexion / Changer )",
        "Connexion à %s",
    ],
    [
        "3 commentaires",
        "Votre adresse e-mail ne sera pas publiée. Les champs obligatoires sont indiqués avec *",
        "Commentaire *",
        "Nom *",
        "E-mail *",
        "Enregistrer mon nom, mon e-mail et mon site dans le navigateur pour mon prochain commentaire.",
    ],
)
_SIGNATURES = ("(AFP)", "AFP", "Reuters", "Source : lemonde.fr", "Avec AFP", "www.example-info.fr", "Sputnik")
_NEWSLETTER = (
    "Inscrivez-vous à notre newsletter pour recevoir l'essentiel de l'actualité.",
    "Abonnez-vous",
    "Ce site utilise des cookies pour améliorer votre expérience de navigation.",
)


@dataclass(frozen=True)
class TextPool:
    """Body paragraphs and headlines to recombine."""

    paragraphs: list[str]
    titles: list[str]

    @property
    def words(self) -> int:
        return sum(len(paragraph.split()) for paragraph in self.paragraphs)


def load_pool(europa: Path | None = EUROPA_REFERENCE) -> TextPool:
    """Paragraphs of the demo corpus and, if the folder exists, of the europa-fr press releases."""
    paragraphs: list[str] = []
    titles: list[str] = []
    for path in sorted(DEMO_CORPUS.glob("*.txt")):
        if any(word in path.name for word in _SKIPPED_DEMO):
            continue
        blocks = _blocks(path.read_text(encoding="utf-8", errors="replace"))
        if blocks:
            titles.append(blocks[0])
        paragraphs.extend(block for block in blocks if len(block.split()) >= MIN_BODY_WORDS)
    if europa is not None and europa.is_dir():
        for path in sorted(europa.glob("*.html")):
            pieces = _html_paragraphs(path.read_text(encoding="utf-8", errors="replace"))
            if pieces and 3 <= len(pieces[0].split()) <= 25:
                titles.append(pieces[0])
            paragraphs.extend(piece for piece in pieces if len(piece.split()) >= MIN_BODY_WORDS)
    if not paragraphs:
        raise RuntimeError(f"no source text found under {DEMO_CORPUS}")
    return TextPool(paragraphs, titles)


def _blocks(text: str) -> list[str]:
    return [" ".join(block.split()) for block in re.split(r"\n\s*\n", text) if block.strip()]


_BLOCK_TAG = re.compile(r"(?i)<\s*(?:p|br|h[1-6]|/h[1-6]|li|/p|div|/div|tr|td)\b[^>]*>")
_ANY_TAG = re.compile(r"<[^>]*>")


def _html_paragraphs(markup: str) -> list[str]:
    """Block tags split paragraphs; inline tags vanish without a space (they cut words in two)."""
    pieces = []
    for chunk in _BLOCK_TAG.split(markup):
        text = " ".join(html.unescape(_ANY_TAG.sub("", chunk)).split())
        if text:
            pieces.append(text)
    return pieces


def article(pool: TextPool, number: int, seed: int = 0) -> str:
    """The text of article `number`: deterministic for a given (pool, number, seed)."""
    rng = random.Random(seed * 1_000_003 + number)
    target = rng.randint(MIN_ARTICLE_WORDS, MAX_ARTICLE_WORDS)
    body: list[str] = []
    words = 0
    while words < target:
        paragraph = rng.choice(pool.paragraphs)
        body.append(paragraph)
        words += len(paragraph.split())
    lines = [rng.choice(pool.titles) if pool.titles else body[0][:80]]
    if rng.random() < 0.7:
        day, month, year = rng.randint(1, 28), rng.choice(_MONTHS), rng.randint(2018, 2025)
        lines.append(f"Publié le {day} {month} {year} à {rng.randint(6, 22):02d}h{rng.randint(0, 59):02d}")
    if len(body) > 2 and rng.random() < 0.5:
        body.insert(rng.randint(1, len(body) - 1), f"Lire aussi : {rng.choice(pool.titles)}")
    if len(body) > 3 and rng.random() < 0.3:
        body.insert(rng.randint(1, len(body) - 1), "Publicités")
    lines.extend(body)
    if rng.random() < 0.6:
        lines.append(rng.choice(_SIGNATURES))
    if rng.random() < 0.5:
        lines.append(f"Catégories : {', '.join(rng.sample(_CATEGORIES, rng.randint(1, 3)))}")
    lines.extend(rng.choice(_SHARE))
    if rng.random() < 0.6:
        lines.append("Publicités")
    if rng.random() < 0.3:
        lines.append(rng.choice(_NEWSLETTER))
    if rng.random() < 0.7:
        lines.extend(rng.choice(_COMMENT_FORMS))
    return "\n\n".join(lines) + "\n"


def articles(docs: int, seed: int = 0, pool: TextPool | None = None) -> Iterator[str]:
    pool = pool or load_pool()
    for number in range(docs):
        yield article(pool, number, seed)


def write_jsonl(path: Path, docs: int, seed: int = 0) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        for number, text in enumerate(articles(docs, seed), start=1):
            out.write(json.dumps({"id": f"bench-{number:06d}", "text": text}, ensure_ascii=False) + "\n")
    return path


def write_folder(folder: Path, docs: int, seed: int = 0) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for number, text in enumerate(articles(docs, seed), start=1):
        (folder / f"article-{number:06d}.txt").write_text(text, encoding="utf-8")
    return folder


def jsonl_corpus(docs: int, seed: int = 0) -> Path:
    """The JSONL corpus of `docs` articles under bench/results/, built once and reused."""
    path = RESULTS / f"corpus-{docs}-seed{seed}.jsonl"
    if not path.exists():
        partial = path.with_suffix(".partial")
        write_jsonl(partial, docs, seed)
        partial.rename(path)
    return path


def read_texts(path: Path) -> list[str]:
    """The raw article texts of a JSONL corpus or a folder of .txt files, in pipeline order."""
    if path.is_dir():
        return [file.read_text(encoding="utf-8") for file in sorted(path.rglob("*.txt"))]
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line)["text"] for line in lines if line.strip()]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=500)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--format", choices=("jsonl", "txt"), default="jsonl")
    parser.add_argument("--out", type=Path, help="a .jsonl file or a folder (default: under bench/results/)")
    args = parser.parse_args(argv)
    out = args.out or RESULTS / (f"corpus-{args.docs}-seed{args.seed}" + (".jsonl" if args.format == "jsonl" else ""))
    if args.format == "jsonl":
        write_jsonl(out, args.docs, args.seed)
    else:
        write_folder(out, args.docs, args.seed)
    pool = load_pool()
    print(f"{args.docs} articles -> {out} (pool: {len(pool.paragraphs)} paragraphs, {pool.words} words)")


if __name__ == "__main__":
    main()
