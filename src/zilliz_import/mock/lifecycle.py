"""How one import job evolves: a plan drawn from a seed at creation, and the phase it is in at any time.

A job's history is a pure function of (plan, decisions, elapsed seconds): the plan is drawn once from
the seed, and the only later inputs are a user's `commit` or `abort`. So histories are reproducible and
progress never goes backwards while a job is alive.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass

FAIL_MARKER = "fail"  # a path with this word fails during import, with a reason
REJECT_MARKER = "reject"  # ... fails at the end of pre-import, with no details
STALL_MARKER = "stall"  # ... sticks at the start of the index build with every file Completed
ABORT_REASON = "import job aborted by the user"


@dataclass(frozen=True)
class FilePlan:
    """One unit of `files`: its size, rows and when (seconds after creation) it runs."""

    paths: tuple[str, ...]
    size: int
    rows: int
    start: float
    end: float
    retry: tuple[float, float] | None
    fails: bool

    @property
    def name(self) -> str:
        """The file list as the server formats it (Go's `%v` of a string slice)."""
        return "[" + " ".join(self.paths) + "]"

    @property
    def fails_at(self) -> float:
        """When this unit fails, if it does: half way through its window."""
        return (self.start + self.end) / 2

    def done_fraction(self, elapsed: float) -> float:
        """Share of rows imported at `elapsed`; frozen while in a retry window."""
        if elapsed <= self.start:
            return 0.0
        clock = elapsed
        if self.retry is not None and elapsed > self.retry[0]:
            clock = elapsed - (min(elapsed, self.retry[1]) - self.retry[0])
        busy = (self.end - self.start) - (self.retry[1] - self.retry[0] if self.retry else 0.0)
        return min(1.0, (clock - self.start) / busy)


@dataclass(frozen=True)
class JobPlan:
    """Everything that decides a job's history, fixed at creation (times in seconds after it).

    Phases: Pending until `pending_until`; pre-import (no details yet) until `import_from`; the files;
    the index build until `finish`; then Completed, or Uncommitted when `two_phase` until a commit.
    """

    job_id: str
    db_name: str
    collection_name: str
    created_at: datetime.datetime
    pending_until: float
    import_from: float
    files: tuple[FilePlan, ...]
    finish: float
    commit_seconds: float
    reject: bool
    stall: bool
    two_phase: bool
    v3: bool
    cluster_id: str = ""  # the control plane's cluster; "" on a cluster endpoint

    @property
    def total_rows(self) -> int:
        """Rows of every file."""
        return sum(f.rows for f in self.files)

    @property
    def import_until(self) -> float:
        """When the last file is done."""
        return max(f.end for f in self.files)

    @property
    def fail_at(self) -> float | None:
        """When a failing file stops the job, or None."""
        return min((f.fails_at for f in self.files if f.fails), default=None)


@dataclass(frozen=True)
class Decisions:
    """What users did to a job after creating it (seconds after creation)."""

    commit_at: float | None = None
    abort_at: float | None = None


UNDECIDED = Decisions()


def plan_job(
    rng: random.Random,
    *,
    job_id: str,
    db_name: str,
    collection_name: str,
    files: list[list[str]],
    job_seconds: float,
    created_at: datetime.datetime,
    options: dict[str, str] | None = None,
    v3: bool = False,
    cluster_id: str = "",
) -> JobPlan:
    """Draw a job's history: durations scale with `job_seconds`, markers in paths force outcomes."""
    words = " ".join(p.lower() for unit in files for p in unit)
    pending_until = rng.uniform(0.05, 0.15) * job_seconds
    import_from = pending_until + rng.uniform(0.05, 0.1 if not v3 else 0.2) * job_seconds
    plans = tuple(_plan_file(rng, tuple(unit), import_from, job_seconds) for unit in files)
    return JobPlan(
        job_id=job_id,
        db_name=db_name,
        collection_name=collection_name,
        created_at=created_at,
        pending_until=pending_until,
        import_from=import_from,
        files=plans,
        finish=max(f.end for f in plans) + rng.uniform(0.05, 0.1) * job_seconds,
        commit_seconds=rng.uniform(0.02, 0.05) * job_seconds,
        reject=REJECT_MARKER in words,
        stall=STALL_MARKER in words,
        two_phase=(options or {}).get("auto_commit", "").strip().lower() == "false",
        v3=v3,
        cluster_id=cluster_id,
    )


def _plan_file(rng: random.Random, paths: tuple[str, ...], after: float, job_seconds: float) -> FilePlan:
    rows = rng.randint(1_000, 200_000)
    start = after + rng.uniform(0.0, 0.2) * job_seconds
    end = start + rng.uniform(0.3, 0.6) * job_seconds
    retry = None
    if rng.random() < 0.25:
        pause_start = start + (end - start) * rng.uniform(0.3, 0.5)
        retry = (pause_start, pause_start + (end - start) * 0.15)
    return FilePlan(
        paths=paths,
        size=rows * rng.randint(20, 200),
        rows=rows,
        start=start,
        end=end,
        retry=retry,
        fails=any(FAIL_MARKER in p.lower() for p in paths),
    )


def ends_after(plan: JobPlan, decisions: Decisions = UNDECIDED) -> float | None:
    """Seconds after creation when the job turns Completed or Failed; None while nothing will end it."""
    failures = [t for t in (plan.fail_at, decisions.abort_at) if t is not None]
    if plan.reject:
        failures.append(plan.import_from)
    if failures:
        return min(failures)
    if plan.stall:
        return None
    if not plan.two_phase:
        return plan.finish
    return None if decisions.commit_at is None else decisions.commit_at + plan.commit_seconds


def phase_at(plan: JobPlan, elapsed: float, decisions: Decisions = UNDECIDED) -> str:
    """The job's phase: pending, preimport, import, index, uncommitted, committing, completed or failed."""
    end = ends_after(plan, decisions)
    if end is not None and elapsed >= end:
        return "completed" if end == _success_end(plan, decisions) else "failed"
    if elapsed < plan.pending_until:
        return "pending"
    if elapsed < plan.import_from:
        return "preimport"
    if elapsed < plan.import_until:
        return "import"
    if plan.stall or elapsed < plan.finish:
        return "index"
    return "committing" if decisions.commit_at is not None else "uncommitted"


def _success_end(plan: JobPlan, decisions: Decisions) -> float | None:
    if plan.reject or plan.fail_at is not None or decisions.abort_at is not None or plan.stall:
        return None
    if not plan.two_phase:
        return plan.finish
    return None if decisions.commit_at is None else decisions.commit_at + plan.commit_seconds
