"""Where the real data lives (`../shared`, or `$FILIGRANE_SHARED`) and how figures are written.

One definition for the evaluations, the benchmarks and the tests, so they all read the same folder.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]


def shared_dir() -> Path:
    """`$FILIGRANE_SHARED`, else the `shared` folder beside the repository root."""
    override = os.environ.get("FILIGRANE_SHARED")
    return Path(override) if override else (REPO.parent / "shared").resolve()


def write_results(results: dict[str, Any], output: Path) -> None:
    """The figures of one evaluation, as the JSON record committed beside EVALUATION.md."""
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
