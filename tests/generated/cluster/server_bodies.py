"""Bodies the real server sends, transcribed from shared/reference/server-behaviour.md and the seed page."""

from __future__ import annotations

import copy
from typing import Any

SEED_EXAMPLE: dict[str, Any] = {
    "code": 0,
    "data": {
        "collectionName": "quick_setup",
        "completeTime": "2024-04-01T06:17:55Z",
        "details": [
            {
                "completeTime": "2024-04-01T06:17:53Z",
                "fileName": 'id:448761313698322012 paths:"a6fb2d1c-7b1b-427c-a8a3-178944e3b66d/1.parquet" ',
                "fileSize": 3279917,
                "importedRows": 100000,
                "progress": 100,
                "state": "Completed",
                "totalRows": 100000,
            }
        ],
        "fileSize": 3279917,
        "importedRows": 100000,
        "jobId": "448761313698322011",
        "progress": 100,
        "state": "Completed",
        "totalRows": 100000,
    },
}


def file_progress(state: str, progress: int, *, reason: str = "", done: bool = False) -> dict[str, Any]:
    """One `details[]` item as a current server writes it."""
    item: dict[str, Any] = {
        "completeTime": "2024-04-01T14:16:10+08:00" if done else "",
        "fileName": "[dir/1.parquet]",
        "fileSize": 1024,
        "importedRows": progress * 10,
        "progress": progress,
        "state": state,
        "totalRows": 1000,
    }
    if reason:
        item["reason"] = reason
    return item


def job_progress(state: str, progress: int, details: list[dict[str, Any]], **extra: Any) -> dict[str, Any]:
    """A success body of get_progress/describe with the given job state."""
    data: dict[str, Any] = {
        "collectionName": "quick_setup",
        "completeTime": "",
        "details": details,
        "fileSize": sum(d["fileSize"] for d in details),
        "importedRows": sum(d["importedRows"] for d in details),
        "jobId": "448761313698322011",
        "progress": progress,
        "state": state,
        "totalRows": sum(d["totalRows"] for d in details),
    }
    data.update(extra)
    return {"code": 0, "data": data}


JOB_STATES_AND_PROGRESS = [
    ("Pending", 0),
    ("Pending", 10),
    ("Importing", 10),
    ("Importing", 80),
    ("Importing", 99),
    ("Completed", 100),
    ("Failed", 0),
    ("Uncommitted", 99),
    ("Committing", 99),
    ("None", 0),
]
FILE_STATES = ["None", "Pending", "InProgress", "Failed", "Completed", "Retry"]

SUCCESS_PROGRESS_BODIES: dict[str, dict[str, Any]] = {
    "seed example": SEED_EXAMPLE,
    **{
        f"job {state} at {progress}": job_progress(state, progress, [file_progress("Pending", 0)])
        for state, progress in JOB_STATES_AND_PROGRESS
    },
    **{f"file {state}": job_progress("Importing", 50, [file_progress(state, 50)]) for state in FILE_STATES},
    "failed with reason": job_progress("Failed", 0, [file_progress("Failed", 0, reason="bad file")], reason="bad file"),
    "failed before import, no details": job_progress("Failed", 0, [], reason="no binlog to import"),
    "completed, local zone": job_progress(
        "Completed", 100, [file_progress("Completed", 100, done=True)], completeTime="2024-04-01T14:17:55+08:00"
    ),
    "importing at 80 with every file completed": job_progress(
        "Importing", 80, [file_progress("Completed", 100, done=True)]
    ),
    "newer server with createTime": job_progress(
        "Importing", 40, [file_progress("InProgress", 40)], createTime="2024-04-01T14:15:02+08:00"
    ),
    "pending, no details and no size yet": job_progress("Pending", 0, [], createTime="2024-04-01T14:15:02+08:00"),
    "pre-import, no details yet": job_progress("Importing", 10, []),
    "V3 import done, per-file completeTime empty and totalRows 0": job_progress(
        "Completed",
        100,
        [dict(file_progress("Completed", 100), totalRows=0), dict(file_progress("Completed", 100), totalRows=0)],
        completeTime="2024-04-01T14:17:55+08:00",
        createTime="2024-04-01T14:15:02+08:00",
    ),
    "waiting for a commit": job_progress("Uncommitted", 99, [file_progress("Completed", 100, done=True)]),
}

# (HTTP status, body) of every row of the reference sheet's error table, plus the gateway's code.
ERROR_BODIES: dict[str, tuple[int, dict[str, Any]]] = {
    "empty body": (200, {"code": 1801, "message": "can only accept json format request"}),
    "malformed json": (
        200,
        {"code": 1801, "message": "can only accept json format request, error: invalid character 'x'"},
    ),
    "jobId missing": (200, {"code": 1802, "message": "missing required parameters, error: JobID"}),
    "jobId not decimal": (200, {"code": 2100, "message": "parse job id failed, error: invalid syntax"}),
    "job does not exist": (
        200,
        {"code": 2100, "message": "import job does not exist, jobID=1: importing data failed"},
    ),
    "Request-Timeout not an integer": (
        200,
        {"code": 1100, "message": 'Request-Timeout parse failed, err=strconv.Atoi: parsing "None": invalid syntax'},
    ),
    "handler panic": (500, {"code": 500, "message": "runtime error: invalid memory address"}),
    "unauthenticated": (401, {"code": 1800, "message": "user hasn't authenticated"}),
    "permission denied": (403, {"code": 1401, "message": "PrivilegeImport: privilege not permitted"}),
    "server timeout": (408, {"code": 10001, "message": "request timeout"}),
    "gateway api key": (401, {"code": 21119, "message": "The apikey is illegal."}),
}

# The same envelope under the statuses of `proxy.http.standardErrorStatus` (newest, opt-in).
STANDARD_STATUS_ERROR_BODIES: dict[str, tuple[int, dict[str, Any]]] = {
    "input error": (400, {"code": 2100, "message": "parse job id failed, error: invalid syntax"}),
    "job does not exist": (400, {"code": 2100, "message": "import job does not exist, jobID=1: importing data failed"}),
    "gateway rate limit": (429, {"code": 429, "message": "Too Many Requests"}),
    "client went away": (499, {"code": 10000, "message": "context canceled"}),
    "timeout after the body was read": (500, {"code": 10001, "message": "request timeout"}),
    "incomplete upload": (408, {"code": 10001, "message": "request timeout"}),
    "handler panic": (500, {"code": 500, "message": "runtime error: index out of range"}),
}


def with_extra_fields(body: dict[str, Any]) -> dict[str, Any]:
    """The same body with unknown fields added at every level, as a newer server might send."""
    body = copy.deepcopy(body)
    body["traceId"] = "abc"
    if "data" in body:
        body["data"]["newJobField"] = {"nested": [1, 2]}
        for item in body["data"].get("details", []):
            item["newFileField"] = 7
    return body
