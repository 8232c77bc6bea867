"""The draw shared by the blind splits made of DACCORD premises after the fourth (`test5_pool` on).

Each split's pool is the pool of the split before it less that split's premises, and its items are
every `step`-th premise from each of its offsets, in offset order. Reads no Filigrane code.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, wraps
from pathlib import Path

from eval.shared import shared_dir

PREFIX = "daccord-premise/"


def remaining(pool: list[str], taken_items: list[str]) -> list[str]:
    """Row ids of `pool` less the premises among the item names `taken_items`, in pool order."""
    taken = {item.removeprefix(PREFIX) for item in taken_items if item.startswith(PREFIX)}
    return [row_id for row_id in pool if row_id not in taken]


def drawn(pool: list[str], offsets: tuple[int, ...], step: int) -> list[str]:
    """Item names of the premises drawn from `pool`, offset after offset."""
    return [f"{PREFIX}{row_id}" for offset in offsets for row_id in pool[offset::step]]


def show(pool: list[str], items: list[str], offsets: tuple[int, ...], step: int) -> int:
    """Print the pool size and the drawn items (the pool scripts' `main`)."""
    print(f"premise pool: {len(pool)} premises, step {step}, offsets {offsets}")
    print(f"selected: {len(items)} items")
    for item in items:
        print(item)
    return 0


def once(draw: Callable[[Path], list[str]]) -> Callable[[Path], list[str]]:
    """A pool or selection computed once per shared folder (each pool is the one before less its
    split, so without it every later split recomputes all the earlier draws, twice per level); a
    fresh list each call."""
    kept = cache(lambda shared: tuple(draw(shared)))

    @wraps(draw)
    def drawn_once(shared: Path) -> list[str]:
        return list(kept(shared))

    return drawn_once


@dataclass(frozen=True)
class Draw:
    """One split's draw: its premise pool and every `step`-th premise from each offset. Its
    `selection` and `main` are the pool scripts' own."""

    pool: Callable[[Path], list[str]]
    offsets: tuple[int, ...]
    step: int

    def selection(self, shared: Path) -> list[str]:
        """Item names of the split: the drawn premises, in draw order."""
        return drawn(self.pool(shared), self.offsets, self.step)

    def main(self) -> int:
        shared = shared_dir()
        return show(self.pool(shared), self.selection(shared), self.offsets, self.step)
