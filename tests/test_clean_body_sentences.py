"""The cleaner keeps a long sentence dense in names and scores between two body paragraphs (density
alone had dropped it: "Argentina got past Chile 3-0, with Pella beating Jarry 6-4, 6-3…"), and
still drops such a sentence after the article's end."""

from __future__ import annotations

from filigrane.clean.blocks import split_blocks
from filigrane.clean.classify import classify

PROSE = (
    "The team said on Sunday that it was happy with the result and that it would keep the same "
    "players for the next match, which is due to be played in the capital at the end of the month. "
    "It is the first time in ten years that the side has won three games in a row, and the coach "
    "said he hoped the run would give the younger players the confidence they had been missing."
)
SCORES = "Portugal beat Norway 3-1 in Group B, with Rui Costa beating Erik Berg 6-4, 6-3 and Ana Dias beating Kari Moe."


def labels(*lines: str) -> list[tuple[str, str]]:
    blocks = split_blocks("\n\n".join(lines))
    classify(blocks)
    return [(block.label, block.text[:20]) for block in blocks]


def test_a_sentence_of_names_and_scores_between_paragraphs_is_body() -> None:
    found = labels("Match report", PROSE, PROSE, SCORES, PROSE, PROSE)
    assert ("keep", SCORES[:20]) in found


def test_such_a_sentence_after_the_article_stays_out() -> None:
    found = labels("Match report", PROSE, PROSE, PROSE, "Related stories", SCORES)
    assert ("drop", SCORES[:20]) in found
