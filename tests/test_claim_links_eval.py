"""Evaluation gate for claim linking: DACCORD figures may not fall below what EVALUATION.md reports."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import require_shared


@pytest.fixture(scope="module")
def results() -> dict[str, Any]:
    require_shared("eval", "daccord")
    from eval.claim_links import evaluate

    return evaluate()


def test_link_score_recalls_more_than_either_signal_alone(results: dict[str, Any]) -> None:
    linkers = results["linkers"]
    assert linkers["rule"]["recall"] >= 0.78
    assert linkers["rule"]["false_links_per_10k"] <= 45
    assert linkers["rule"]["recall"] > linkers["tfidf"]["recall"] > linkers["use"]["recall"]


def test_corpus_clustering_stays_precise_without_a_giant_group(results: dict[str, Any]) -> None:
    clustering = results["clustering"]
    assert clustering["pair_precision"] >= 0.68
    assert clustering["pair_recall"] >= 0.29
    assert clustering["largest_group"] <= 30  # plain connected components put 990 of 1,870 in one
