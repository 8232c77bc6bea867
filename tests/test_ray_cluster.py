"""A two-node Ray cluster simulated on this machine (`ray.cluster_utils.Cluster`, 1 CPU a node)
gives the documents, reposts, stories and claim groups of the local executor."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import filigrane
from filigrane.engine.distributed import RayExecutor
from filigrane.engine.options import PipelineOptions
from filigrane.ingest.sources import expand_inputs
from tests.conftest import DEMO_CORPUS, require_shared

pytest.importorskip("ray", reason="the Ray engine's tests need Ray: pip install 'filigrane[ray]'")

#: Per node: one CPU and a small object store (sketches and figures travel through it, never documents).
NODE = {"num_cpus": 1, "object_store_memory": 80 * 1024 * 1024, "include_dashboard": False}


@pytest.fixture(scope="module")
def cluster() -> Iterator[str]:
    from ray.cluster_utils import Cluster

    simulated = Cluster(initialize_head=True, head_node_args=NODE)
    simulated.add_node(**{key: value for key, value in NODE.items() if key != "include_dashboard"})
    simulated.wait_for_nodes()
    try:
        yield str(simulated.address)
    finally:
        simulated.shutdown()


def _members(groups: list[dict[str, Any]]) -> set[frozenset[Any]]:
    """Each group as the set of its members (documents, or [document, claim] pairs)."""
    return {frozenset(group.get("documents") or (tuple(pair) for pair in group.get("claims", []))) for group in groups}


@pytest.mark.parametrize("real", [False, True], ids=["demo", "demo+seeds+europa-fr"])
def test_a_two_node_cluster_gives_the_documents_and_groups_of_a_local_run(
    cluster: str, demo_result: filigrane.Result, tmp_path: Path, real: bool
) -> None:
    """The demo corpus alone (no ../shared needed), then with the seeds and the europa-fr releases."""
    import ray

    inputs = [str(DEMO_CORPUS)]
    if real:
        inputs += [str(require_shared("corpus", "seeds")), str(require_shared("eval", "europa-fr", "html"))]
    folder = tmp_path / "out"
    executor = RayExecutor(PipelineOptions(), address=cluster)
    executor.run(expand_inputs(inputs), folder)
    assert not ray.is_initialized()  # the executor let go of the cluster it joined
    lines = [json.loads(line) for path in sorted((folder / "documents").glob("*.jsonl")) for line in path.open()]
    documents = [line["document"] for line in lines if "document" in line]
    corpus = json.loads((folder / "corpus.json").read_text(encoding="utf-8"))
    local = (filigrane.analyze(inputs) if real else demo_result).to_dict()
    ids = [doc["id"] for doc in documents]
    assert len(ids) == len(set(ids)) == len(local["documents"])
    assert sorted(documents, key=lambda doc: doc["id"]) == sorted(local["documents"], key=lambda doc: doc["id"])
    assert len(list((folder / "documents").glob("*.done"))) == 4  # two shards per CPU of the cluster
    for key in ("reposts", "stories", "claim_groups"):
        assert _members(corpus[key]) == _members(local[key]), key
    assert local["reposts"] and local["stories"]
