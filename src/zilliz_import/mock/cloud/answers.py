"""The control plane's answers, rendered from the cluster's progress: other fields, other state names.

Reference sheet, section 7: the progress answer has a top-level `fileName`, `reason` always present
(`""` on success), `totalRows` but no `importedRows`, and `details[]` without row counts; `list`
reports `InProgress` where the cluster says `Importing`.
"""

from __future__ import annotations

from typing import Any

FILE_STATES = {"InProgress": "Importing", "Retry": "Importing", "None": "Pending"}
LIST_STATES = {"Importing": "InProgress", "Uncommitted": "InProgress", "Committing": "InProgress"}
JOB_STATES = {"Uncommitted": "Importing", "Committing": "Importing"}


def progress_answer(cluster: dict[str, Any], paths: list[list[str]]) -> dict[str, Any]:
    """The `data` of getProgress/describe from the cluster's progress `data` of the same job.

    Args:
        cluster: The cluster endpoint's progress `data` (see `snapshots.job_snapshot`).
        paths: The job's file units, as created; the top-level `fileName` lists them.
    """
    return {
        "collectionName": cluster["collectionName"],
        "completeTime": cluster["completeTime"],
        "details": [_file(item) for item in cluster["details"]],
        "fileName": ",".join(path for unit in paths for path in unit),
        "fileSize": cluster["fileSize"],
        "jobId": cluster["jobId"],
        "progress": cluster["progress"],
        "reason": cluster.get("reason", ""),
        "state": JOB_STATES.get(cluster["state"], cluster["state"]),
        "totalRows": cluster["totalRows"],
    }


def _file(item: dict[str, Any]) -> dict[str, Any]:
    return {
        "completeTime": item["completeTime"],
        "fileName": item["fileName"].removeprefix("[").removesuffix("]"),
        "fileSize": item["fileSize"],
        "progress": item["progress"],
        "reason": item.get("reason", ""),
        "state": FILE_STATES.get(item["state"], item["state"]),
    }


def list_record(cluster_record: dict[str, Any]) -> dict[str, Any]:
    """One `records[]` item of `list` from the cluster's record of the same job."""
    state = cluster_record["state"]
    return {
        "collectionName": cluster_record["collectionName"],
        "jobId": cluster_record["jobId"],
        "state": LIST_STATES.get(state, state),
    }
