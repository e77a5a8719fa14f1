"""Bodies the control plane sends, transcribed from section 7 of shared/reference/server-behaviour.md.

Not from the mock: the spec, the mock and these bodies are independent readings of the sheet.
"""

from __future__ import annotations

from typing import Any

JOB_ID = "job-01a2b3c4d5e6f7g8h9i0j"
CLUSTER_ID = "in01-0123456789abcdef"
ILLEGAL_KEY = "The apikey is illegal."


def file_progress(state: str, progress: int, *, reason: str = "", done: bool = False) -> dict[str, Any]:
    """One `details[]` item: no per-file row counts on the control plane."""
    return {
        "fileName": "dir/1.parquet",
        "fileSize": 1024,
        "state": state,
        "progress": progress,
        "completeTime": "2024-04-01T15:18:26Z" if done else "",
        "reason": reason,
    }


def job_progress(state: str, progress: int, details: list[dict[str, Any]], **extra: Any) -> dict[str, Any]:
    """A success body of getProgress/describe: `reason` always present, `""` unless the job failed."""
    data: dict[str, Any] = {
        "jobId": JOB_ID,
        "collectionName": "medium_articles",
        "fileName": "dir/",
        "fileSize": sum(d["fileSize"] for d in details),
        "state": state,
        "progress": progress,
        "completeTime": "",
        "reason": "",
        "totalRows": 0,
        "details": details,
    }
    data.update(extra)
    return {"code": 0, "data": data}


SUCCESS_PROGRESS_BODIES: dict[str, dict[str, Any]] = {
    "pending, no details": job_progress("Pending", 0, []),
    "importing, one file done": job_progress(
        "Importing", 50, [file_progress("Completed", 100, done=True), file_progress("Importing", 0)], totalRows=5000
    ),
    "completed": job_progress(
        "Completed",
        100,
        [file_progress("Completed", 100, done=True)],
        completeTime="2024-04-01T15:18:39Z",
        totalRows=5979,
    ),
    "completed, local zone": job_progress(
        "Completed", 100, [file_progress("Completed", 100, done=True)], completeTime="2024-04-01T23:18:39+08:00"
    ),
    "failed with a reason": job_progress(
        "Failed", 0, [file_progress("Failed", 0, reason="bad file")], reason="the field 'vector' is missing"
    ),
    "success code as a string": dict(job_progress("Pending", 0, []), code="0"),
    "unknown job state": job_progress("PreImporting", 10, []),
    "listing's state spelling in a progress answer": job_progress("InProgress", 40, [file_progress("InProgress", 40)]),
    "empty state": job_progress("", 0, []),
}

# (HTTP status, body). Only 21119 is documented by Zilliz; the others are what to expect (the cluster's codes).
ERROR_BODIES: dict[str, tuple[int, dict[str, Any]]] = {
    "illegal api key": (200, {"code": 21119, "message": ILLEGAL_KEY}),
    "illegal api key, code as a string": (200, {"code": "21119", "message": ILLEGAL_KEY}),
    "malformed json": (200, {"code": 1801, "message": "can only accept json format request"}),
    "jobId missing": (200, {"code": 1802, "message": "missing required parameters: jobId"}),
    "unknown cluster": (200, {"code": 1100, "message": "invalid parameter: cluster in01-ffff not found"}),
    "unknown job": (200, {"code": 2100, "message": f"import job does not exist, jobID={JOB_ID}"}),
    "handler panic": (500, {"code": 500, "message": "runtime error: invalid memory address"}),
    "string code of another kind": (200, {"code": "80001", "message": "something new"}),
}

CREATED_BODIES: dict[str, dict[str, Any]] = {
    "SDK guides' jobId": {"code": 0, "data": {"jobId": JOB_ID}},
    "reference page's jobID": {"code": 0, "data": {"jobID": JOB_ID}},
    "code as a string": {"code": "0", "data": {"jobId": JOB_ID}},
}

LIST_BODY: dict[str, Any] = {
    "code": 0,
    "data": {
        "count": 3,
        "currentPage": 1,
        "pageSize": 10,
        "records": [
            {"collectionName": "medium_articles", "jobId": JOB_ID, "state": "InProgress"},
            {"collectionName": "medium_articles", "jobId": "job-k1l2m3n4o5p6q7r8s9t0u", "state": "Completed"},
            {"collectionName": "medium_articles", "jobId": "job-zzzzzzzzzzzzzzzzzzzzz", "state": "Queued"},
        ],
    },
}
