"""The mock's jobs: created from a seed, found by ID alone, bounded in number, committed or aborted by users."""

from __future__ import annotations

import datetime
import random
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from zilliz_import.mock.lifecycle import UNDECIDED, Decisions, JobPlan, ends_after, phase_at, plan_job
from zilliz_import.mock.snapshots import job_snapshot

FIRST_JOB_ID = 448_761_313_698_322_011  # the seed page's job, so demos look familiar
RECORD_KEYS = ("collectionName", "jobId", "progress", "reason", "state")


@dataclass
class Job:
    """One job: its plan, when it started on the store's clock, and what users did to it since."""

    plan: JobPlan
    started: float
    decisions: Decisions = UNDECIDED

    def elapsed(self, now: float) -> float:
        """Seconds since creation."""
        return now - self.started

    def unfinished(self, now: float) -> bool:
        """Whether the job still counts against the server's limit of unfinished jobs."""
        end = ends_after(self.plan, self.decisions)
        return end is None or self.elapsed(now) < end


def decimal_job_id(rng: random.Random, previous: str | None) -> str:
    """Decimal int64s growing by a few thousand from the seed page's job, as the server's look."""
    return str(FIRST_JOB_ID if previous is None else int(previous) + rng.randint(1, 5_000))


class JobStore:
    """Thread-safe job table; the oldest job is forgotten when `max_jobs` is reached.

    Jobs are not scoped by database (reference sheet, section 1): a job is found by its ID alone, and
    its database only matters to `list` with a collection and to permission checks.
    """

    def __init__(
        self,
        *,
        seed: int,
        job_seconds: float,
        max_jobs: int,
        clock: Callable[[], float],
        v3: bool = False,
        make_id: Callable[[random.Random, str | None], str] | None = None,
    ) -> None:
        self._make_id = make_id or decimal_job_id
        self._seed = seed
        self._job_seconds = job_seconds
        self._max_jobs = max_jobs
        self._clock = clock
        self._v3 = v3
        self._lock = threading.Lock()
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        self._created = 0
        self._last_id: str | None = None

    def __len__(self) -> int:
        return len(self._jobs)

    def create(
        self,
        *,
        db_name: str,
        collection_name: str,
        files: list[list[str]],
        options: dict[str, str] | None = None,
        cluster_id: str = "",
    ) -> str:
        """Start a job and return its ID."""
        with self._lock:
            rng = random.Random(f"{self._seed}:{self._created}")
            self._created += 1
            job_id = self._last_id = self._make_id(rng, self._last_id)
            plan = plan_job(
                rng,
                job_id=job_id,
                db_name=db_name,
                collection_name=collection_name,
                files=files,
                job_seconds=self._job_seconds,
                created_at=datetime.datetime.now(datetime.UTC),
                options=options,
                v3=self._v3,
                cluster_id=cluster_id,
            )
            self._jobs[job_id] = Job(plan, self._clock())
            while len(self._jobs) > self._max_jobs:
                self._jobs.popitem(last=False)
            return job_id

    def find(self, job_id: int | str) -> Job | None:
        """The job with this ID, whatever its database."""
        with self._lock:
            return self._jobs.get(str(job_id))

    def progress(self, job: Job, *, create_time: bool = True) -> dict[str, Any]:
        """The job's progress `data` now."""
        return job_snapshot(job.plan, job.elapsed(self._clock()), job.decisions, create_time=create_time)

    def phase(self, job: Job) -> str:
        """The job's phase now (see `lifecycle.phase_at`)."""
        return phase_at(job.plan, job.elapsed(self._clock()), job.decisions)

    def decide(self, job: Job, **decisions: float | None) -> None:
        """Record a commit or an abort at the current moment (`commit_at=...` or `abort_at=...`)."""
        with self._lock:
            job.decisions = replace(job.decisions, **decisions)

    def unfinished(self) -> int:
        """Jobs not yet Completed or Failed."""
        with self._lock:
            jobs = list(self._jobs.values())
        now = self._clock()
        return sum(job.unfinished(now) for job in jobs)

    def jobs(self) -> list[Job]:
        """Every job remembered, oldest first."""
        with self._lock:
            return list(self._jobs.values())

    def record(self, job: Job) -> dict[str, Any]:
        """The job's `list` record now: `reason` only when non-empty."""
        snapshot = job_snapshot(job.plan, job.elapsed(self._clock()), job.decisions)
        return {key: snapshot[key] for key in RECORD_KEYS if key in snapshot}

    def records(
        self, db_name: str, collection_name: str, visible: Callable[[str], bool] = lambda db: True
    ) -> list[dict[str, Any]]:
        """The listing, oldest first: a collection's jobs in `db_name`, or, without one, every job.

        Args:
            db_name: The request's database; it resolves `collection_name` only.
            collection_name: Only this collection's jobs; every job of every database when empty.
            visible: Whether the caller may see jobs of a database; the others are left out.
        """
        return [
            self.record(job)
            for job in self.jobs()
            if visible(job.plan.db_name)
            and (not collection_name or (job.plan.collection_name, job.plan.db_name) == (collection_name, db_name))
        ]

    def end_times(self) -> dict[str, float | None]:
        """Each job's true end as Unix time (comparable across processes), None for one that never ends."""
        with self._lock:
            entries = list(self._jobs.items())
        offset = time.time() - self._clock()
        ends = {job_id: ends_after(job.plan, job.decisions) for job_id, job in entries}
        return {
            job_id: None if ends[job_id] is None else offset + job.started + (ends[job_id] or 0.0)
            for job_id, job in entries
        }

    def clear(self) -> None:
        """Forget every job (IDs keep increasing)."""
        with self._lock:
            self._jobs.clear()
