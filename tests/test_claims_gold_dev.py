"""The claims dev gold (v2, issue 10) stays valid: offsets, hashes, fields; the dev denial set is balanced."""

from __future__ import annotations

from pathlib import Path

import pytest
from eval.claims import check_gold

from tests.conftest import require_shared

DENIALS = Path(check_gold.__file__).resolve().parent / "denials" / "dev.jsonl"


@pytest.mark.shared
def test_dev_gold_validates() -> None:
    require_shared("eval", "europa-fr")
    assert check_gold.main(["--dir", str(check_gold.GOLD_DIR)]) == 0


def test_dev_gold_v2_fields() -> None:
    stances = [st for gold in check_gold.load_gold() for st in gold["stances"]]
    assert stances
    for st in stances:
        denial = any(m["type"] == "denial" for m in st["markers"])
        assert denial == (st["polarity"] == "denies"), st["id"]
        assert isinstance(st["negated"], bool) and "holder_role" in st
        if st["holder"] is not None:  # a canonical name, never punctuation or a bare pronoun
            assert any(c.isalpha() for c in st["holder"]) and st["holder"].lower() not in {"il", "elle", "lui"}


def test_dev_denial_set() -> None:
    assert check_gold.check_denials(DENIALS) == []
