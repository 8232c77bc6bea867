"""The techniques gold (issue 12) stays valid: offsets, hashes, names, paragraph labels from spans."""

from __future__ import annotations

import pytest
from eval.techniques import build_gold, check_gold
from eval.techniques.paragraphs import paragraphs
from eval.techniques.taxonomy import CATEGORIES, TECHNIQUES

from tests.conftest import require_shared


@pytest.mark.shared
@pytest.mark.parametrize("folder", [check_gold.GOLD_DIR])
def test_gold_validates(folder: object) -> None:
    require_shared("corpus", "seeds")
    assert check_gold.main(["--dir", str(folder)]) == 0


def test_taxonomy_is_semeval_2023() -> None:
    assert len(TECHNIQUES) == 23 == len(set(TECHNIQUES))
    assert len(CATEGORIES) == 6


def test_paragraphs_are_the_blank_line_split() -> None:
    text = "Titre\n\n  Premier paragraphe.\nsuite\n\n\n\nDernier. "
    assert [text[a:b] for a, b in paragraphs(text)] == ["Titre", "Premier paragraphe.\nsuite", "Dernier."]


def test_builder_finds_spans_by_exact_text() -> None:
    blocks = build_gold.parse("== daccord/a002\nnotes: n\nDoubt | dite@2 | dite | x\n")
    assert blocks == [{"item": "daccord/a002", "notes": ["n"], "lines": ["Doubt | dite@2 | dite | x"]}]
    text = "la coalition dite antiterroriste, la force dite\u00a0de paix"
    assert build_gold._locate(text, "force dite de paix") == (text.index("force"), "force dite\u00a0de paix")
    assert build_gold._locate(text, "dite@2")[0] == text.rindex("dite")
    with pytest.raises(build_gold.AnnotationError):
        build_gold._locate(text, "dite")
