"""Which blocks are article body: lexicon first, then jusText-style density and context rules.

Labels: `good` (prose), `neargood`, `short`, `bad` (before context), then every block ends as
`keep`, `title` or `drop` with a named reason. Article structure adds what density alone misses:
the title and lede at the head, subheadings between body paragraphs, and the signature line that
closes a repost (kept as provenance evidence, not body).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from filigrane.clean.blocks import Block, line_hash
from filigrane.clean.lexicon import boilerplate_patterns, match_full, signature_patterns
from filigrane.clean.names import NameTest, looks_like_name
from filigrane.clean.titles import TITLE_WINDOW, same_title, title_key

_TAG_SPLIT = re.compile(r"\s*,\s*|\s+(?:et|and)\s+")
_MENU_REASONS = frozenset({"navigation", "share", "cookies", "newsletter", "site-boilerplate"})
#: What a signature line may have been labelled before the structure pass looks at the tail.
_TAIL_REASONS = frozenset({"trailer", "low-text-density", "copyright"})


@dataclass(frozen=True, slots=True)
class CleanerConfig:
    """Thresholds (characters and stopword shares) tuned on the evaluation sets; see EVALUATION.md."""

    length_low: int = 70
    length_high: int = 200
    stopwords_low: float = 0.25
    stopwords_high: float = 0.32
    max_url_share: float = 0.3
    min_heading_words: int = 2
    min_sentence_words: int = 5
    #: A complete sentence this long between kept paragraphs is body even when names and figures
    #: leave it few function words ("Argentina got past Chile 3-0, with Guido Pella beating …").
    min_body_sentence_words: int = 12
    signature_window: int = 4
    max_signature_words: int = 20
    #: Longest signature line after its frames ("Par", "©"), in words.
    max_name_words: int = 10
    #: The text is already an extractor's main-content selection (HTML through trafilatura):
    #: keep its short lines unless the lexicon or the structure rules say otherwise.
    trusted_selection: bool = False


def classify(
    blocks: list[Block],
    config: CleanerConfig = CleanerConfig(),
    names: NameTest | None = None,
    *,
    title: str | None = None,
    chrome: frozenset[int] = frozenset(),
) -> None:
    """Label every block in place: `keep`, `title` or `drop`, with `reason` for drops.

    `names` tells whether a line names a known outlet: a short line after the last paragraph that
    does is a signature line, whatever its shape ("Courrier picard"). `title` is the page's own
    title (from its metadata), looked for among the first blocks; `chrome` holds the hashes of the
    lines the page's site repeats (`filigrane.clean.sites`).
    """
    for block in blocks:
        _intrinsic(block, config, chrome)
        block.intrinsic = block.label
    _context(blocks)
    _tables(blocks)
    _structure(blocks, config, names, title_key(title) if title else "")


def _intrinsic(block: Block, config: CleanerConfig, chrome: frozenset[int] = frozenset()) -> None:
    hit = match_full(boilerplate_patterns(), block.text)
    if hit is not None:
        pattern, found = hit
        block.label, block.reason = "bad", pattern.label
        if pattern.label == "category-line":
            block.tags = _tags(found)
        return
    if block.words <= config.max_signature_words:
        signature = match_full(signature_patterns(), block.text)
        if signature is not None:
            block.label, block.reason = "bad", signature[0].label
            return
    if chrome and line_hash(block.text) in chrome:
        block.label, block.reason = "bad", "site-boilerplate"
    elif block.url_share > config.max_url_share:
        block.label, block.reason = "bad", "link-list"
    elif block.chars < config.length_low:
        block.label = "neargood" if _short_sentence(block, config) else "short"
    elif block.stop_density >= config.stopwords_high:
        block.label = "good" if block.chars > config.length_high else "neargood"
    elif block.stop_density >= config.stopwords_low:
        block.label = "neargood"
    else:
        block.label, block.reason = "bad", "low-text-density"


def _short_sentence(block: Block, config: CleanerConfig) -> bool:
    """A short but complete sentence ("Les deux équipes se cherchent.") reads as prose, not as a menu item."""
    return (
        block.words >= config.min_sentence_words and block.ends_sentence and block.stop_density >= config.stopwords_high
    )


def _tags(found: re.Match[str]) -> list[str]:
    tags: list[str] = []
    for group in ("tags", "tags2"):
        value = found.groupdict().get(group)
        if value:
            tags.extend(tag.strip(" .") for tag in _TAG_SPLIT.split(value) if tag.strip(" ."))
    return tags


def _context(blocks: list[Block]) -> None:
    """jusText's second pass: short and near-good blocks take the class of their surroundings.

    One pass per label in block order: what lies before a block is already settled (tracked as
    the pass goes), what lies after is not yet (looked up in tables built backwards), so the pass
    is linear in the number of blocks.
    """
    settled = [block.label for block in blocks]
    after_firm = _next_labels(settled, skip=("short", "neargood"))
    after_near = _next_labels(settled, skip=("short",))
    before = previous = "bad"  # the nearest settled block not short nor near-good; the nearest one
    for i, block in enumerate(blocks):
        if block.label == "short":
            after = after_firm[i]
            if before == after == "good":
                settled[i] = "good"
            elif before == "bad" and after == "bad":
                settled[i] = "bad"
            elif "bad" in (before, after):
                # As in jusText: the near-good block must stand on the bad side to pull the short one in.
                pulled = (before == "bad" and previous == "neargood") or (
                    after == "bad" and after_near[i] == "neargood"
                )
                settled[i] = "good" if pulled else "bad"
            else:
                settled[i] = "good"
        previous = settled[i]
        if previous != "neargood":
            before = previous
    after_firm = _next_labels(settled, skip=("neargood",))
    before = "bad"
    for i, block in enumerate(blocks):
        if block.label == "neargood":
            settled[i] = "bad" if before == after_firm[i] == "bad" else "good"
        before = settled[i]
    for block, label in zip(blocks, settled, strict=True):
        if block.label in ("short", "neargood"):
            block.reason = "" if label == "good" else "low-text-density"
        block.label = label if block.label != "bad" else "bad"


def _next_labels(labels: list[str], skip: tuple[str, ...]) -> list[str]:
    """For each position, the label of the nearest later one not in `skip` (`bad` past the end)."""
    found = ["bad"] * len(labels)
    label = "bad"
    for i in range(len(labels) - 1, -1, -1):
        found[i] = label
        if labels[i] not in skip:
            label = labels[i]
    return found


def _tables(blocks: list[Block]) -> None:
    """Rows of a table (`| cell | cell |`, as the HTML path renders them) next to prose are body.

    Cells are short and often names or figures, so density alone would drop them; a table
    touching a prose paragraph (short lines in between do not count) belongs to the article.
    """
    rows = [_is_table_row(block) for block in blocks]
    if not any(rows):
        return
    prose = [
        block.label if block.intrinsic != "short" and not row else "" for block, row in zip(blocks, rows, strict=True)
    ]
    after = _next_labels(prose, skip=("",))
    before = "bad"  # the label of the nearest earlier block that is neither short nor a table row
    i = 0
    while i < len(blocks):
        if not rows[i]:
            before = prose[i] or before
            i += 1
            continue
        j = i
        while j < len(blocks) and rows[j]:
            j += 1
        if "good" in (before, after[j - 1]):
            for block in blocks[i:j]:
                if block.reason in ("", "low-text-density"):
                    block.label, block.intrinsic, block.reason = "good", "table", ""
        i = j


def _is_table_row(block: Block) -> bool:
    return block.text.startswith("|") and block.text.endswith("|") and block.text.count("|") >= 3


def _structure(
    blocks: list[Block], config: CleanerConfig, names: NameTest | None = None, wanted_title: str = ""
) -> None:
    """Head (title, lede), body (subheadings) and tail (signature, trailer) of the article."""
    good = [i for i, block in enumerate(blocks) if block.label == "good" and block.intrinsic != "short"]
    if not good:
        _short_text(blocks, config, names)
        return
    first, last = good[0], good[-1]
    given = _given_title(blocks, first, wanted_title) if wanted_title else None
    title = given if given is not None else _find_title(blocks, first, config)
    for i, block in enumerate(blocks):
        if i == title:
            block.label, block.reason = "title", ""
        elif block.label == "good" and (i <= last or not _is_name_line(block, offset=i - last, config=config)):
            block.label = "keep"
        elif block.reason:
            block.label = "drop"
        elif i < first:
            _head_block(block, config, after_title=title is not None and i > title)
        elif i > last:
            block.label, block.reason = "drop", "trailer"
        elif i > first and block.label == "bad":
            block.label, block.reason = "drop", "low-text-density"
        else:
            block.label = "keep" if block.words >= config.min_heading_words else "drop"
            block.reason = "" if block.label == "keep" else "low-text-density"
    _body_sentences(blocks, first, last, config)
    for block in blocks[: given or 0]:  # above the page's own title: kicker, breadcrumb, reference
        if block.reason in ("", "low-text-density"):
            block.label, block.reason = "drop", "header"
    _find_signatures(blocks, last, config, names)
    if config.trusted_selection:
        for block in blocks:
            if block.reason in ("low-text-density", "trailer") and block.words >= config.min_heading_words + 1:
                block.label, block.reason = "keep", ""


def _body_sentences(blocks: list[Block], first: int, last: int, config: CleanerConfig) -> None:
    """Keep a long complete sentence that density alone dropped between two kept paragraphs: a
    sentence dense in names and scores is prose, and menus and link rows are neither long sentences
    nor set between paragraphs."""
    kept = [i for i, block in enumerate(blocks) if block.label in ("keep", "title") and block.intrinsic != "short"]
    for i in range(first + 1, last):
        block = blocks[i]
        if block.label != "drop" or block.reason != "low-text-density" or block.intrinsic != "bad":
            continue
        if not block.ends_sentence or block.words < config.min_body_sentence_words:
            continue
        if any(0 < i - k <= 2 for k in kept) and any(0 < k - i <= 2 for k in kept):
            block.label, block.reason = "keep", ""


def _given_title(blocks: list[Block], first_good: int, wanted: str) -> int | None:
    """The block that prints the page's own title, near the top: what stands above it is page header."""
    for i, block in enumerate(blocks[: min(first_good + 1, TITLE_WINDOW)]):
        if same_title(title_key(block.text), wanted):
            return i
    return None


def _find_title(blocks: list[Block], first_good: int, config: CleanerConfig) -> int | None:
    """The first block of a few words after the last site menu and before the first paragraph.

    A site name above its menu ("Le Veilleur du Bocage", "Accueil", "Contact") is page header,
    so a menu line resets the search.
    """
    title: int | None = None
    for i in range(first_good + 1):
        block = blocks[i]
        if block.reason in _MENU_REASONS or (i < first_good and _is_menu_item(block, config)):
            title = None
        elif title is None and block.reason in ("", "low-text-density") and _is_title_like(block, config):
            title = i
    return title


def _is_menu_item(block: Block, config: CleanerConfig) -> bool:
    """A one-word line left bad by density ("PDF", "Expand", "Politique"): a menu, a button."""
    return block.label == "bad" and block.reason in ("", "low-text-density") and block.words < config.min_heading_words


def _is_title_like(block: Block, config: CleanerConfig) -> bool:
    return block.words >= config.min_heading_words + 1 and block.chars <= 300


def _head_block(block: Block, config: CleanerConfig, *, after_title: bool) -> None:
    """Between the title and the first paragraph: a lede or subheading stays, menu bits go."""
    if after_title and block.words >= config.min_heading_words + 1:
        block.label, block.reason = "keep", ""
    else:
        block.label, block.reason = "drop", "header"


def _short_text(blocks: list[Block], config: CleanerConfig, names: NameTest | None) -> None:
    """No prose paragraph at all (a brief, a caption-like text): keep every non-boilerplate block.

    A name closing a brief of two paragraphs or more signs it, as after a longer article.
    """
    title_done = False
    for block in blocks:
        if block.reason and block.reason != "low-text-density":
            block.label = "drop"
        elif block.words >= config.min_heading_words + 1 or (block.words and title_done):
            block.label, block.reason = ("keep" if title_done else "title"), ""
            title_done = True
        else:
            block.label, block.reason = "drop", "low-text-density"
    kept = [i for i, block in enumerate(blocks) if block.label == "keep"]
    if len(kept) >= 2:
        if _signs(blocks[kept[-1]], config, names):
            blocks[kept[-1]].label, blocks[kept[-1]].reason = "drop", "signature-line"
            kept.pop()
        _find_signatures(blocks, kept[-1], config, names)


def _find_signatures(blocks: list[Block], last_good: int, config: CleanerConfig, names: NameTest | None) -> None:
    """A name right after the last paragraph signs it: "RIA Novosti", "Par RT France", "© Le Monde".

    Lexicon hits ("Source : …", "(avec …)", a domain) are already signature or source lines; a
    copyright line there names who signs too. Which outlet a line names is the provenance stage's business.
    """
    for offset, block in enumerate(blocks[last_good + 1 :], start=1):
        if block.reason in _TAIL_REASONS and offset <= config.signature_window and _signs(block, config, names):
            block.label, block.reason = "drop", "signature-line"


def _signs(block: Block, config: CleanerConfig, names: NameTest | None) -> bool:
    """A short line with a name's shape ("Al Mayadeen", "Par Press TV") or naming a known outlet."""
    return block.words <= config.max_name_words and (
        looks_like_name(block.text) or (names is not None and names(block.text))
    )


def _is_name_line(block: Block, offset: int, config: CleanerConfig) -> bool:
    """A short name line ("Sputnik", "Al Mayadeen", "Par Press TV") within a few lines of the last paragraph."""
    return offset <= config.signature_window and _signs(block, config, None)
