"""The item pool and fixed selection rule of the English claims splits (`gold-en-dev/`, `gold-en-test/`).

`python -m eval.claims.en_pool` prints the pool size and the items of each split. The rule was
fixed and committed before any text of the pool was read with claims in mind. The French golds hold
no English text, and the English light pipeline had been checked only on hand-written sentences,
the demo corpus and one real page: these splits are its first evaluation on real articles.

Pool: every article of `eval/extraction-en` (English news pages, `extraction-en/<id>`, the
hand-made `articleBody`, see `texts.py`) whose canonical text has between `MIN_CHARS` and
`MAX_CHARS` characters (an article a careful annotator can read in full), less the ids in
`CITED_IN_REPO`: found, when this rule was written, in a tracked file of the repository outside
`eval/results/` (a claims test reads one; EVALUATION.md cites the others about reposts), so they
may have been read with Filigrane's output.

Selection, in id order: the pool's even positions (0, 2, …) are the dev split, which tunes the
English rules; the odd positions are the blind test split, annotated before anyone looks at
Filigrane's output on it and scored once, with the rules frozen.

Language (added after the annotators' reports, before any split was scored): extraction-en holds
pages in other languages (Portuguese, Korean, Japanese, Russian…), 15 of the 90 drawn. They stay
drawn and annotated, but the English figures are computed on the items `py3langid` reads as
English (`in_english`), the same test for both splits, which reads nothing but the text.

A second blind split, **en-test2** (rule committed before any of its text was read, after en-test
was scored and spent): the longer articles, of more than `MAX_CHARS` and at most `MAX_CHARS_2`
characters, in English (`in_english`), less the ids in `CITED_IN_REPO` and in `READ_BY_THE_LEAD`
(three pages whose Filigrane report the lead read as a new user after en-test was scored). Every
such article is drawn, in id order.

Reads no Filigrane code.
"""

from __future__ import annotations

import sys
from pathlib import Path

import py3langid

from eval.claims import texts
from eval.shared import shared_dir

PREFIX = "extraction-en/"
MIN_CHARS = 600
MAX_CHARS = 3500
MAX_CHARS_2 = 6000
#: Pages whose Filigrane output the lead read (the new-user trial after en-test was scored).
READ_BY_THE_LEAD = frozenset(
    [
        "291a8bf33ee49074f33dcff37544ac40506cae450db83b6cb63f02b9920b51c2",
        "42aad16bde9288623543642a9ce1a396be83e2db44aa2ff8cbbfe46e14abd7cc",
        "9cb8224b660f36c932823ab613fb76a07928fcbc41956c4c1f96f4ecab9202aa",
    ]
)
CITED_IN_REPO = frozenset(
    [
        "34a7328535ad4e60b059f81d37eec5d25c2bc8de759ce9a7b5e47ac7dc6fd1b0",
        "51374560f40088e227f0053ff1bb0b8525d10a8d7bfbff1cd6033f42347fd85b",
        "57e2e98887a1965689955921208e32f410b10e2b95c907e74e57982d3edf3cc6",
        "70cb2d5bca75ab5a8f6bb378a38a52f882f6bda508de93b12502e74936d86ff2",
        "7a664e40d256470fdb12d10c3f8d1c6db0581e9b080c71765e55f273a3ac7d03",
        "dfd43bc0d46e7aaa78ba10fbcb5b9fdfe78771d36cb4c7497e17fb6f69170ec5",
        "eb62ac8425e5573947ecde962d14433d18e5725cc4a8c908fe22f678e96a65a1",
        "f8ff621a0b9b7646cc0d57d37416feabba2bf78ef5dd0bfc5b080f9f97bbe584",
    ]
)


def _articles(shared: Path) -> list[tuple[str, str]]:
    """(id, canonical text) of every extraction-en article, in id order, read once."""
    return sorted(texts.english_bodies(shared / "eval" / "extraction-en" / "ground-truth.json").items())


def article_pool(shared: Path) -> list[str]:
    """Ids of the pool, in id order (see the module docstring)."""
    return [key for key, text in _articles(shared) if key not in CITED_IN_REPO and MIN_CHARS <= len(text) <= MAX_CHARS]


def selection(shared: Path, split: str) -> list[str]:
    """Item names of `split`: "en-dev" or "en-test", the even or the odd positions of the pool;
    "en-test2", the longer English articles (see the module docstring)."""
    if split == "en-test2":
        return [f"{PREFIX}{key}" for key in long_pool(shared)]
    if split not in ("en-dev", "en-test"):
        raise ValueError(f"unknown English split: {split!r}")
    start = 0 if split == "en-dev" else 1
    return [f"{PREFIX}{key}" for key in article_pool(shared)[start::2]]


def long_pool(shared: Path) -> list[str]:
    """Ids of en-test2, in id order: the longer English articles no one has read with claims."""
    return [
        key
        for key, text in _articles(shared)
        if key not in CITED_IN_REPO | READ_BY_THE_LEAD and MAX_CHARS < len(text) <= MAX_CHARS_2 and in_english(text)
    ]


def in_english(text: str) -> bool:
    """Whether `py3langid` reads a text as English."""
    return bool(py3langid.classify(text)[0] == "en")


def main() -> int:
    shared = shared_dir()
    print(f"article pool: {len(article_pool(shared))} articles")
    for split in ("en-dev", "en-test", "en-test2"):
        items = selection(shared, split)
        english = sum(in_english(texts.canonical_text(item, shared)) for item in items)
        print(f"{split}: {len(items)} items, {english} in English")
        for item in items:
            print(item)
    return 0


if __name__ == "__main__":
    sys.exit(main())
