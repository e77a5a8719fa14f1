"""A job's progress answer at a moment, as the server renders it: states, bands, rows, sizes, times.

Progress bands (reference sheet, section 3): v1 imports report Pending 0-10, pre-import 10-40 and
import 40-80 (the sheet's 10-80 for PreImporting..Sorting), index build 80-90; V3 imports report
Pending 0-10, pre-import 10-15, reshard 15-45, planning 45, import 50-60, index 60-90. Both report 99
while a two-phase job waits for or runs its commit, and 100 when Completed.
"""

from __future__ import annotations

import datetime
import math
from typing import Any

from zilliz_import.mock.lifecycle import ABORT_REASON, UNDECIDED, Decisions, FilePlan, JobPlan, ends_after, phase_at

V1_BANDS = {"pending": (0, 10), "preimport": (10, 40), "import": (40, 80), "index": (80, 90)}
V3_BANDS = {"pending": (0, 10), "preimport": (10, 45), "import": (50, 60), "index": (60, 90)}
PLANNING = 45  # V3's planning step, the last fifth of what the sheet calls reshard and planning
STATES = {
    "pending": "Pending",
    "preimport": "Importing",
    "import": "Importing",
    "index": "Importing",
    "uncommitted": "Uncommitted",
    "committing": "Committing",
    "completed": "Completed",
    "failed": "Failed",
}


def rfc3339(moment: datetime.datetime) -> str:
    """RFC 3339 in the server's local zone, `Z` for UTC, as Go's time.RFC3339 writes it."""
    text = moment.astimezone().isoformat(timespec="seconds")
    return text.removesuffix("+00:00") + "Z" if text.endswith("+00:00") else text


def _at(plan: JobPlan, offset: float) -> str:
    return rfc3339(plan.created_at + datetime.timedelta(seconds=offset))


def file_snapshot(plan: JobPlan, unit: FilePlan, elapsed: float) -> dict[str, Any]:
    """One `details[]` item at `elapsed` (already clamped to the job's end by the caller)."""
    failed = unit.fails and plan.fail_at is not None and elapsed >= unit.fails_at
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
    done = state == "Completed"
    item: dict[str, Any] = {
        "completeTime": _at(plan, unit.end) if done and not plan.v3 else "",
        "fileName": unit.name,
        "fileSize": unit.size,
        "importedRows": math.floor(unit.rows * fraction),
        "progress": 100 if done else min(99, math.floor(100 * fraction)),
        "state": state,
        "totalRows": unit.rows if state != "Pending" and not plan.v3 else 0,
    }
    if failed:
        item["reason"] = f"failed to parse file {unit.paths[0]!r}: unexpected end of data"
    return item


def job_snapshot(
    plan: JobPlan, elapsed: float, decisions: Decisions = UNDECIDED, *, create_time: bool = True
) -> dict[str, Any]:
    """The `data` of a progress answer at `elapsed` seconds after creation."""
    phase = phase_at(plan, elapsed, decisions)
    end = ends_after(plan, decisions)
    frozen = elapsed if end is None else min(elapsed, end)
    details = _details(plan, phase, frozen)
    data: dict[str, Any] = {
        "collectionName": plan.collection_name,
        "completeTime": "",
        "details": details,
        "fileSize": sum(d["fileSize"] for d in details),
        "jobId": plan.job_id,
        "state": STATES[phase],
    }
    if create_time:
        data["createTime"] = _at(plan, 0.0)
    if phase == "failed":
        return data | {"progress": 0, "importedRows": 0, "totalRows": 0, "reason": _reason(plan, details)}
    imported = sum(d["importedRows"] for d in details)
    total = plan.total_rows if plan.v3 and details else sum(d["totalRows"] for d in details)
    data |= {"progress": _progress(plan, phase, elapsed, imported), "importedRows": imported, "totalRows": total}
    if phase == "completed":
        data["completeTime"] = _at(plan, frozen)
    return data


def _details(plan: JobPlan, phase: str, elapsed: float) -> list[dict[str, Any]]:
    """Only import-stage tasks are listed: none while Pending, in pre-import or rejected there."""
    if elapsed < plan.import_from or phase == "pending" or (phase == "failed" and plan.reject):
        return []
    return [file_snapshot(plan, unit, elapsed) for unit in plan.files]


def _reason(plan: JobPlan, details: list[dict[str, Any]]) -> str:
    failed = [d["reason"] for d in details if "reason" in d]
    if failed:
        return str(failed[0])
    return "no binlog to import: the files are empty" if plan.reject else ABORT_REASON


def _progress(plan: JobPlan, phase: str, elapsed: float, imported: int) -> int:
    if phase in ("uncommitted", "committing"):
        return 99
    if phase == "completed":
        return 100
    low, high = (V3_BANDS if plan.v3 else V1_BANDS)[phase]
    if phase == "import":
        return low + math.floor((high - low) * imported / plan.total_rows)
    start, end = {
        "pending": (0.0, plan.pending_until),
        "preimport": (plan.pending_until, plan.import_from),
        "index": (plan.import_until, plan.finish),
    }[phase]
    if plan.stall and phase == "index":
        return low
    share = min(0.999, max(0.0, (elapsed - start) / (end - start)))
    if plan.v3 and phase == "preimport" and share >= 0.8:
        return PLANNING
    return low + math.floor((high - low) * share)
