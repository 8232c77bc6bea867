"""Background work: analyses of uploads and URLs, and re-checks of the store against a catalogue just
imported. The request returns at once, a page shows the progress.

Jobs run one after the other on a single worker thread (the analyser runs one analysis at a
time anyway) and are kept in memory: the results themselves are in the store.
"""

from __future__ import annotations

import logging
import threading
import uuid
from collections import OrderedDict
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Literal

from filigrane.store import Store
from filigrane.web.analysis import Analyser, Submission

#: Finished jobs remembered for their pages; older ones are forgotten first.
KEEP_JOBS = 200

logger = logging.getLogger(__name__)


@dataclass
class Job:
    """One batch: its inputs, how far it got, and (once done) the ids and rejections it produced.

    A `recheck` job matches the stored documents against the catalogue named in `inputs`:
    `analysed` counts the documents checked, `matched` and `documents` those that match. A `corpus`
    job updates the stories and claim groups over the whole store: `analysed` counts the documents
    they cover, `stories` and `claim_groups` what it found.
    """

    id: str
    inputs: list[str]
    state: Literal["queued", "running", "done", "failed"] = "queued"
    kind: Literal["analysis", "recheck", "corpus"] = "analysis"
    analysed: int = 0
    rejected: int = 0
    matched: int = 0
    stories: int = 0
    claim_groups: int = 0
    documents: list[dict[str, Any]] = field(default_factory=list)
    rejections: list[dict[str, Any]] = field(default_factory=list)
    error: str = ""

    @property
    def finished(self) -> bool:
        return self.state in ("done", "failed")


class Jobs:
    """Queue of background analyses on one worker thread."""

    def __init__(self, analyser: Analyser) -> None:
        self.analyser = analyser
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        self._lock = threading.Lock()
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="filigrane-job")

    def submit(self, submissions: Sequence[Submission], corpus: bool | None = None) -> Job:
        """Queue an analysis (`corpus`: as `Analyser.run`; no submissions and `corpus` updates the stories)."""
        job = self._add(Job(uuid.uuid4().hex[:12], [item.name for item in submissions]))
        self._executor.submit(self._run, job, list(submissions), corpus)
        return job

    def update_corpus(self) -> Job:
        """Queue an update of the stories and claim groups, unless one is already waiting (it will cover this)."""
        with self._lock:
            waiting = [job for job in self._jobs.values() if job.kind == "corpus" and job.state == "queued"]
        if waiting:
            return waiting[-1]
        job = self._add(Job(uuid.uuid4().hex[:12], [], kind="corpus"))
        self._executor.submit(self._run, job, [], True)
        return job

    def recheck(self, catalogue: str) -> Job:
        """Queue a re-check of the stored documents against the stored catalogue `catalogue`."""
        job = self._add(Job(uuid.uuid4().hex[:12], [catalogue], kind="recheck"))
        self._executor.submit(self._run_recheck, job, catalogue)
        return job

    def _add(self, job: Job) -> Job:
        with self._lock:
            self._jobs[job.id] = job
            while len(self._jobs) > KEEP_JOBS:
                self._jobs.popitem(last=False)
        return job

    def get(self, job_id: str) -> Job | None:
        with self._lock:
            return self._jobs.get(job_id)

    def shutdown(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)

    def _run(self, job: Job, submissions: list[Submission], corpus: bool | None) -> None:
        job.state = "running"

        def progress(analysed: int, rejected: int) -> None:
            job.analysed, job.rejected = analysed, rejected

        try:
            report = self.analyser.run(submissions, progress, corpus)
        except Exception:  # a failed job says so on its page; the server goes on
            logger.exception("job %s failed", job.id)
            job.state, job.error = "failed", "the analysis failed; the server log has the details"
            return
        job.documents = [
            {"id": doc["id"], "title": doc.get("title"), "source": doc["source"]} for doc in report["documents"]
        ]
        job.rejections = list(report["rejected"])
        job.analysed, job.rejected = len(job.documents), len(job.rejections)
        if job.kind == "corpus":  # the run's outputs name its own documents (none): count what is stored
            with Store(self.analyser.db) as store:
                job.stories, job.claim_groups = len(store.stories()), len(store.claim_groups())
                job.analysed = store.connection.execute("SELECT count(DISTINCT id) FROM documents").fetchone()[0]
        job.state = "done"

    def _run_recheck(self, job: Job, catalogue: str) -> None:
        job.state = "running"

        def progress(checked: int, matched: int) -> None:
            job.analysed, job.matched = checked, matched

        try:
            done = self.analyser.recheck(catalogue, progress)
        except Exception:  # a failed job says so on its page; the server goes on
            logger.exception("job %s failed", job.id)
            job.state, job.error = "failed", "the re-check failed; the server log has the details"
            return
        job.documents = done.matched
        job.analysed, job.matched = done.checked, len(done.matched)
        job.state = "done"
