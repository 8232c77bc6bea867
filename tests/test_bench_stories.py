"""The stories benchmark's synthetic corpus exercises today's claim-group rules (it once formed no group)."""

from __future__ import annotations

from tests.conftest import require_shared


def test_the_planted_claims_form_groups_under_the_rules_for_real_collections() -> None:
    require_shared("eval", "europa-fr", "reference")  # the generator's filler words
    from bench.stories import run

    row = run(400)
    assert row["claim_groups"] > 50
    assert row["claim_pair_recall"] >= 0.9
    found, planted = (int(n) for n in row["claim_pairs_across_stories"].split(" of "))
    assert planted > 0 and found >= 0.9 * planted  # restatements across stories link under the stricter bar
    wrong, together = (int(n) for n in row["claim_pairs_not_planted"].split(" of "))
    assert wrong <= 0.1 * together
