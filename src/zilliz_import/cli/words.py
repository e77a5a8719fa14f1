"""What a job is doing, in words, for the moments its counts say nothing (sheet sections 2 and 3).

`details` is `[]` while a job is Pending and during pre-import (the server lists only import-stage
tasks), so rows and files read 0/0 then; a job at Importing with every file Completed is building
its indexes; an aborted job ends Failed with whatever counts it had.
"""

from __future__ import annotations

from typing import Any

from zilliz_import.following.progress import AWAITING_COMMIT, COMPLETED, FAILED, IMPORTING, state_name

PENDING, COMMITTING = "Pending", "Committing"


def reason_text(data: object) -> str:
    """The server's reason for a failure, or a placeholder."""
    reason = getattr(data, "reason", None)
    return reason if isinstance(reason, str) and reason else "no reason given"


def listed(data: Any) -> bool:
    """Whether the answer is a `list` record read as progress (during `watch`): it has no counts at all."""
    return bool(getattr(data, "counts_unknown", False))


def counts_known(data: Any) -> bool:
    """Whether the answer's row and file counts mean something: files are listed (and rows counted, where sent)."""
    total = getattr(data, "total_rows", None)
    return (
        not listed(data)
        and bool(data.details)
        and not (isinstance(total, int) and total == 0 and state_name(data) != COMPLETED)
    )


def doing(data: Any) -> str | None:
    """The job's activity in words where its state alone does not say it, else None."""
    state = state_name(data)
    if state == PENDING:
        return "waiting to start"
    if state == IMPORTING and not data.details and not listed(data):
        return "listing files"
    if state == IMPORTING and data.details and all(str(item.state) == COMPLETED for item in data.details):
        return "building indexes"
    if state == COMMITTING:
        return "committing"
    if state == AWAITING_COMMIT:
        return "waiting for a commit or an abort"
    return None


def state_text(data: Any) -> str:
    """The job state, with what it is doing, or the reason of a failure (said to be an abort when it was)."""
    state = state_name(data)
    if state == FAILED:
        reason = reason_text(data)
        return f"{state} (aborted: {reason})" if "abort" in reason.lower() else f"{state} ({reason})"
    words = doing(data)
    return f"{state} ({words})" if words else state
