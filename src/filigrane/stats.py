"""Run figures on the ground floor: what each step saw (`StepStats`) and what a run did (`Summary`).

Both merge, so counts made in several workers add up to the figures of one run.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from filigrane.document import Document


@dataclass
class StepStats:
    """What one step saw and did; summed across workers by the engine."""

    name: str
    documents_in: int = 0
    documents_out: int = 0
    rejected: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0

    def merge(self, other: StepStats) -> None:
        self.documents_in += other.documents_in
        self.documents_out += other.documents_out
        self.rejected.update(other.rejected)
        self.seconds += other.seconds


@dataclass
class Summary:
    """The end-of-run figures the CLI prints and the JSON output carries."""

    documents_read: int = 0
    documents_analysed: int = 0
    #: Inputs already analysed by the same pipeline version (in the store): read, not re-analysed.
    documents_skipped: int = 0
    rejected_by_reason: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0
    words: int = 0
    steps: list[StepStats] = field(default_factory=list)

    @property
    def documents_rejected(self) -> int:
        return sum(self.rejected_by_reason.values())

    @property
    def documents_per_second(self) -> float:
        return self.documents_read / self.seconds if self.seconds else 0.0

    def count(self, doc: Document) -> None:
        self.documents_read += 1
        if doc.rejection is not None:
            self.rejected_by_reason[doc.rejection.reason] += 1
        else:
            self.documents_analysed += 1
            self.words += len(doc.text.split())

    def merge(self, other: Summary) -> None:
        """Add a worker's figures to these (its steps' counters to the steps of the same name)."""
        self.documents_read += other.documents_read
        self.documents_analysed += other.documents_analysed
        self.documents_skipped += other.documents_skipped
        self.rejected_by_reason.update(other.rejected_by_reason)
        self.words += other.words
        mine = {stats.name: stats for stats in self.steps}
        for stats in other.steps:
            if stats.name in mine:
                mine[stats.name].merge(stats)
            else:
                self.steps.append(StepStats(stats.name))
                self.steps[-1].merge(stats)

    def skip(self, count: int) -> None:
        """`count` inputs were read but not re-analysed (already in the store)."""
        self.documents_read += count
        self.documents_skipped += count

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents_read": self.documents_read,
            "documents_analysed": self.documents_analysed,
            "documents_skipped": self.documents_skipped,
            "documents_rejected": self.documents_rejected,
            "rejected_by_reason": dict(self.rejected_by_reason),
            "seconds": round(self.seconds, 3),
            "documents_per_second": round(self.documents_per_second, 2),
            "words": self.words,
            "steps": [
                {
                    "name": s.name,
                    "documents_in": s.documents_in,
                    "documents_out": s.documents_out,
                    "rejected": dict(s.rejected),
                    "seconds": round(s.seconds, 3),
                }
                for s in self.steps
            ],
        }
