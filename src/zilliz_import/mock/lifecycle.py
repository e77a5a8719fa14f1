"""How one import job evolves: a plan drawn from a seed at creation, and its state at any elapsed time.

A snapshot is a pure function of (plan, elapsed seconds), so a job's history is reproducible from
the seed and progress can never go backwards while the job is alive.
"""

from __future__ import annotations

import datetime
import math
import random
from dataclasses import dataclass
from typing import Any

FAIL_MARKER = "fail"  # a path with this word fails during import, with a reason
REJECT_MARKER = "reject"  # ... fails before the import stage, with no details
STALL_MARKER = "stall"  # ... sticks at Importing 80 with every file Completed (a real server bug)
STALL_PROGRESS = 80


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
    """Everything that decides a job's history, fixed at creation."""

    job_id: str
    db_name: str
    collection_name: str
    created_at: datetime.datetime
    pending_until: float
    files: tuple[FilePlan, ...]
    finish: float
    fail_at: float | None
    reject: bool
    stall: bool

    @property
    def total_rows(self) -> int:
        """Rows of every file."""
        return sum(f.rows for f in self.files)

    @property
    def ends_after(self) -> float | None:
        """Seconds after creation when the job turns Completed or Failed; None for a job that stalls."""
        if self.reject:
            return self.pending_until
        if self.fail_at is not None:
            return self.fail_at
        return None if self.stall else self.finish


def plan_job(
    rng: random.Random,
    *,
    job_id: str,
    db_name: str,
    collection_name: str,
    files: list[list[str]],
    job_seconds: float,
    created_at: datetime.datetime,
) -> JobPlan:
    """Draw a job's history: durations scale with `job_seconds`, markers in paths force outcomes."""
    words = " ".join(p.lower() for unit in files for p in unit)
    pending_until = rng.uniform(0.05, 0.15) * job_seconds
    plans = tuple(_plan_file(rng, tuple(unit), pending_until, job_seconds) for unit in files)
    failing = [f for f in plans if f.fails]
    fail_at = min((f.start + f.end) / 2 for f in failing) if failing else None
    return JobPlan(
        job_id=job_id,
        db_name=db_name,
        collection_name=collection_name,
        created_at=created_at,
        pending_until=pending_until,
        files=plans,
        finish=max(f.end for f in plans) + rng.uniform(0.05, 0.1) * job_seconds,
        fail_at=fail_at,
        reject=REJECT_MARKER in words,
        stall=STALL_MARKER in words,
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


def rfc3339(moment: datetime.datetime) -> str:
    """RFC 3339 in the server's local zone, `Z` for UTC, as Go's time.RFC3339 writes it."""
    text = moment.astimezone().isoformat(timespec="seconds")
    return text.removesuffix("+00:00") + "Z" if text.endswith("+00:00") else text


def _at(plan: JobPlan, offset: float) -> str:
    return rfc3339(plan.created_at + datetime.timedelta(seconds=offset))


def file_snapshot(plan: JobPlan, unit: FilePlan, elapsed: float) -> dict[str, Any]:
    """One `details[]` item at `elapsed`."""
    if plan.fail_at is not None:
        elapsed = min(elapsed, plan.fail_at)  # the job stops when one of its files fails
    failed = unit.fails and plan.fail_at is not None and elapsed >= (unit.start + unit.end) / 2
    fraction = unit.done_fraction(elapsed)
    state = "Pending"
    if failed:
        state = "Failed"
    elif elapsed >= unit.end:
        state = "Completed"
    elif unit.retry is not None and unit.retry[0] < elapsed < unit.retry[1]:
        state = "Retry"
    elif elapsed > unit.start:
        state = "InProgress"
    item: dict[str, Any] = {
        "completeTime": _at(plan, unit.end) if state == "Completed" else "",
        "fileName": unit.name,
        "fileSize": unit.size,
        "importedRows": math.floor(unit.rows * fraction),
        "progress": 100 if state == "Completed" else min(99, math.floor(100 * fraction)),
        "state": state,
        "totalRows": unit.rows if state != "Pending" else 0,
    }
    if failed:
        item["reason"] = f"failed to parse file {unit.paths[0]!r}: unexpected end of data"
    return item


def job_snapshot(plan: JobPlan, elapsed: float) -> dict[str, Any]:
    """The `data` of a progress answer at `elapsed` seconds after creation."""
    data: dict[str, Any] = {
        "collectionName": plan.collection_name,
        "completeTime": "",
        "createTime": _at(plan, 0.0),
        "fileSize": sum(f.size for f in plan.files),
        "jobId": plan.job_id,
    }
    if elapsed < plan.pending_until:
        details = [file_snapshot(plan, f, elapsed) for f in plan.files]
        return data | _counts("Pending", min(9, math.floor(10 * elapsed / plan.pending_until)), 0, 0, details)
    if plan.reject:
        data["fileSize"] = 0
        return data | _counts("Failed", 0, 0, 0, []) | {"reason": "no binlog to import: the files are empty"}
    details = [file_snapshot(plan, f, elapsed) for f in plan.files]
    if plan.fail_at is not None and elapsed >= plan.fail_at:
        reason = next(d["reason"] for d in details if "reason" in d)
        return data | _counts("Failed", 0, 0, 0, details) | {"reason": reason}
    imported = sum(d["importedRows"] for d in details)
    known = sum(d["totalRows"] for d in details)
    progress = 10 + math.floor(89 * imported / plan.total_rows)
    if plan.stall:
        return data | _counts("Importing", min(STALL_PROGRESS, progress), imported, known, details)
    if elapsed < plan.finish:
        return data | _counts("Importing", progress, imported, known, details)
    return data | _counts("Completed", 100, imported, known, details) | {"completeTime": _at(plan, plan.finish)}


def _counts(state: str, progress: int, imported: int, total: int, details: list[dict[str, Any]]) -> dict[str, Any]:
    return {"state": state, "progress": progress, "importedRows": imported, "totalRows": total, "details": details}
