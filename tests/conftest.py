"""Shared fixtures: the real data in ../shared and one analysis of the seeds and demo corpus."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from eval.shared import shared_dir

import filigrane

REPO = Path(__file__).resolve().parents[1]
DEMO_CORPUS = REPO / "examples" / "demo-corpus"


def require_shared(*parts: str) -> Path:
    """The path under ../shared, or skip (fail in CI, where ../shared is always laid out)."""
    path = shared_dir().joinpath(*parts)
    if not path.exists():
        message = f"{path} not found: tests on real data need the ../shared folder beside the repo"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path


@pytest.fixture(autouse=True)
def private_store(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test (and every CLI it runs as a subprocess) stores into its own folder, never into ~."""
    data = tmp_path_factory.mktemp("data")
    monkeypatch.setenv("XDG_DATA_HOME", str(data))
    monkeypatch.setenv("FILIGRANE_DB", str(data / "filigrane" / "filigrane.db"))
    return data / "filigrane" / "filigrane.db"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return require_shared("corpus", "seeds")


@pytest.fixture(scope="session")
def seed_results(seeds_dir: Path) -> dict[str, filigrane.Document]:
    """The two seeds, fully analysed once (spaCy included), keyed by file name prefix."""
    result = filigrane.analyze([seeds_dir])
    assert not result.rejected
    return {Path(doc.source).name[:3]: doc for doc in result.documents}


@pytest.fixture(scope="session")
def demo_result() -> filigrane.Result:
    return filigrane.analyze([DEMO_CORPUS])
