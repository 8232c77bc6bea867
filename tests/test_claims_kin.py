"""A noun no holder lexicon lists is read by its word vector against the lexicons' own nouns
(`claims/kin.py`): people and bodies speak, things do not, and looking changes nothing in the
pipeline's vocabulary (a lexeme added by a lookup had changed later parses)."""

from __future__ import annotations

from typing import Any

import pytest

from filigrane.claims.kin import akin
from filigrane.nlp.parse import load_french


@pytest.fixture(scope="module")
def nlp() -> Any:
    return load_french()


def _head(nlp: Any, sentence: str, word: str) -> Any:
    return next(t for t in nlp(sentence) if t.text == word)


def test_people_and_bodies_no_lexicon_lists_are_akin_to_the_lexicon_kinds(nlp: Any) -> None:
    assert akin(_head(nlp, "Un éleveur assure que ses vaches sont saines.", "éleveur")) == "persons"
    assert akin(_head(nlp, "Le trésorier a reconnu que la caisse était vide.", "trésorier")) == "persons"
    assert akin(_head(nlp, "Le consortium estime que le chantier prendra un an.", "consortium")) == "organisation"


def test_things_and_listed_nouns_are_not_read_by_vector(nlp: Any) -> None:
    assert akin(_head(nlp, "La hausse montre que les ménages souffrent.", "hausse")) is None
    assert akin(_head(nlp, "Le protocole a montré que le médicament agit.", "protocole")) is None
    assert akin(_head(nlp, "Le ministre a assuré que le pont tiendrait.", "ministre")) is None  # the lexicon's


def test_a_lookup_adds_nothing_to_the_vocabulary(nlp: Any) -> None:
    doc = nlp("Le bûcheronnier et la sauvetrice ont affirmé que la forêt brûlait.")
    before = (len(nlp.vocab), len(nlp.vocab.strings))
    for token in doc:
        akin(token)
    assert (len(nlp.vocab), len(nlp.vocab.strings)) == before
