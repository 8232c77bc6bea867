"""Lexicons are data files (`filigrane/data/lexicons/*.yaml`); this module loads and compiles them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml


@dataclass(frozen=True, slots=True)
class Pattern:
    """One compiled full-block pattern and the label it gives (a reason or an evidence kind)."""

    label: str
    regex: re.Pattern[str]


def load_yaml(name: str) -> Any:
    """Read a lexicon file shipped in the package."""
    text = resources.files("filigrane.data.lexicons").joinpath(name).read_text(encoding="utf-8")
    return yaml.safe_load(text)


def compile_patterns(table: dict[str, list[str]]) -> tuple[Pattern, ...]:
    """Compile `label: [regex, ...]` into anchored, case-insensitive patterns, in file order."""
    return tuple(
        Pattern(label, re.compile(rf"(?:{expression})", re.IGNORECASE))
        for label, expressions in table.items()
        for expression in expressions
    )


@cache
def boilerplate_patterns() -> tuple[Pattern, ...]:
    return compile_patterns(load_yaml("boilerplate.yaml"))


@cache
def signature_patterns() -> tuple[Pattern, ...]:
    return compile_patterns(load_yaml("signatures.yaml"))


@cache
def stopwords() -> frozenset[str]:
    """French and English function words, for stopword density."""
    table: dict[str, str] = load_yaml("stopwords.yaml")
    return frozenset(word for words in table.values() for word in words.split())


def match_full(patterns: tuple[Pattern, ...], text: str) -> tuple[Pattern, re.Match[str]] | None:
    """The first pattern matching the whole of `text`, with its match."""
    for pattern in patterns:
        found = pattern.regex.fullmatch(text)
        if found:
            return pattern, found
    return None
