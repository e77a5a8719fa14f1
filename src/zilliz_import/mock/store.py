"""The mock's jobs: created from a seed, scoped by database, bounded in number."""

from __future__ import annotations

import datetime
import random
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from zilliz_import.mock.lifecycle import JobPlan, job_snapshot, plan_job

FIRST_JOB_ID = 448_761_313_698_322_011  # the seed page's job, so demos look familiar


class JobStore:
    """Thread-safe job table; the oldest job is forgotten when `max_jobs` is reached."""

    def __init__(self, *, seed: int, job_seconds: float, max_jobs: int, clock: Callable[[], float]) -> None:
        self._seed = seed
        self._job_seconds = job_seconds
        self._max_jobs = max_jobs
        self._clock = clock
        self._lock = threading.Lock()
        self._jobs: OrderedDict[str, tuple[JobPlan, float]] = OrderedDict()
        self._created = 0
        self._next_id = FIRST_JOB_ID

    def __len__(self) -> int:
        return len(self._jobs)

    def create(self, *, db_name: str, collection_name: str, files: list[list[str]]) -> str:
        """Start a job and return its ID (a decimal string)."""
        with self._lock:
            rng = random.Random(f"{self._seed}:{self._created}")
            self._created += 1
            job_id = str(self._next_id)
            self._next_id += rng.randint(1, 5_000)
            plan = plan_job(
                rng,
                job_id=job_id,
                db_name=db_name,
                collection_name=collection_name,
                files=files,
                job_seconds=self._job_seconds,
                created_at=datetime.datetime.now(datetime.UTC),
            )
            self._jobs[job_id] = (plan, self._clock())
            while len(self._jobs) > self._max_jobs:
                self._jobs.popitem(last=False)
            return job_id

    def progress(self, job_id: int, db_name: str) -> dict[str, Any] | None:
        """The job's progress `data`, or None when no such job exists in that database."""
        with self._lock:
            entry = self._jobs.get(str(job_id))
        if entry is None or entry[0].db_name != db_name:
            return None
        plan, started = entry
        return job_snapshot(plan, self._clock() - started)

    def records(self, db_name: str, collection_name: str) -> list[dict[str, Any]]:
        """The listing of a database, optionally of one collection, oldest first."""
        with self._lock:
            entries = list(self._jobs.values())
        now = self._clock()
        records = []
        for plan, started in entries:
            if plan.db_name != db_name or collection_name not in ("", plan.collection_name):
                continue
            snapshot = job_snapshot(plan, now - started)
            record = {key: snapshot[key] for key in ("collectionName", "jobId", "progress", "state")}
            if "reason" in snapshot:
                record["reason"] = snapshot["reason"]
            records.append(record)
        return records

    def end_times(self) -> dict[str, float | None]:
        """Each job's true end as Unix time (comparable across processes), None for one that never ends."""
        with self._lock:
            entries = list(self._jobs.items())
        offset = time.time() - self._clock()
        return {
            job_id: None if plan.ends_after is None else offset + started + plan.ends_after
            for job_id, (plan, started) in entries
        }

    def clear(self) -> None:
        """Forget every job (IDs keep increasing)."""
        with self._lock:
            self._jobs.clear()
