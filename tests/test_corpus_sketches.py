"""Corpus steps in two halves: sketches made anywhere (here: two "workers", pickled) and combined
once give the same reposts, stories and claim groups as the steps observing the stream."""

from __future__ import annotations

import pickle
from typing import Any

import pytest

import filigrane
from filigrane.corpus_records import CorpusOutputs
from filigrane.document import Document
from filigrane.engine.options import PipelineOptions
from filigrane.engine.pipeline import Pipeline
from filigrane.stats import StepStats, Summary
from filigrane.steps import CorpusStep
from tests.conftest import DEMO_CORPUS, require_shared


@pytest.fixture(scope="module")
def analysed() -> list[Document]:
    """The demo corpus, the seeds and the europa-fr releases, analysed once without corpus steps."""
    inputs = [DEMO_CORPUS, require_shared("corpus", "seeds"), require_shared("eval", "europa-fr", "html")]
    result = filigrane.analyze(inputs, PipelineOptions(corpus=False))
    assert len(result.documents) >= 10 + 2 + 103
    return result.documents


def corpus_steps() -> list[CorpusStep[Any]]:
    return [step for step in Pipeline.default(PipelineOptions()).steps if isinstance(step, CorpusStep)]


def observed(documents: list[Document]) -> CorpusOutputs:
    """One process: each step observes the documents as they go by, then finishes."""
    steps = corpus_steps()
    outputs = CorpusOutputs()
    for doc in documents:
        for step in steps:
            step.see(doc)
    for step in steps:
        outputs.update(step.finish(outputs))
    return outputs


def combined(documents: list[Document], workers: int = 2) -> CorpusOutputs:
    """Each "worker" sketches its share with steps of its own; the sketches travel pickled; one
    combiner takes them back in corpus order."""
    shares = [documents[n::workers] for n in range(workers)]
    sketched: list[dict[int, list[Any]]] = []
    for share in shares:
        steps = corpus_steps()
        sketched.append(
            pickle.loads(pickle.dumps({n: [step.sketch(doc) for doc in share] for n, step in enumerate(steps)}))
        )
    outputs = CorpusOutputs()
    for n, step in enumerate(corpus_steps()):
        in_order = [sketched[i % workers][n][i // workers] for i in range(len(documents))]
        outputs.update(step.combine(in_order, outputs))
    return outputs


def members(outputs: CorpusOutputs) -> dict[str, Any]:
    return {
        "reposts": sorted(sorted(group.documents) for group in outputs["reposts"]),
        "stories": sorted(sorted(story.documents) for story in outputs["stories"]),
        "claim_groups": sorted(sorted(group.claims) for group in outputs["claim_groups"]),
    }


@pytest.mark.shared
def test_sketches_combined_elsewhere_give_the_same_corpus_outputs(analysed: list[Document]) -> None:
    local, distributed = observed(analysed), combined(analysed)
    assert local == distributed
    found = members(local)
    assert found["reposts"] and found["stories"] and found["claim_groups"]  # not vacuous


def test_stats_merge_across_workers() -> None:
    first, second = Summary(), Summary()
    first.documents_read, second.documents_read = 3, 4
    first.rejected_by_reason.update({"empty": 1})
    second.rejected_by_reason.update({"empty": 2, "binary": 1})
    first.steps = [StepStats("clean", 3, 3), StepStats("nlp", 3, 2)]
    second.steps = [StepStats("clean", 4, 4), StepStats("reposts", 4, 4)]
    first.merge(second)
    assert first.documents_read == 7 and dict(first.rejected_by_reason) == {"empty": 3, "binary": 1}
    assert [(s.name, s.documents_in, s.documents_out) for s in first.steps] == [
        ("clean", 7, 7), ("nlp", 3, 2), ("reposts", 4, 4),
    ]  # fmt: skip
    assert second.steps[1].documents_in == 4  # the worker's own figures are left alone
