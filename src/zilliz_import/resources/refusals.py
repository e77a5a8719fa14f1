"""What the cluster's refusals mean: the unit a file-type refusal is about, and why a commit or abort was refused.

The client does not check file types itself (a new format must need no new client): it names the
unit the server refused. A refused `commit` or `abort` (code 2100) is explained from the code and a
follow-up progress call, never from the wording of the server's message, so that the client and the
mock stay two independent descriptions of the server.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from typing import Any

from zilliz_import_client.models import ImportJobProgress

from zilliz_import._core.checks import Files, file_units
from zilliz_import._core.plane import Call
from zilliz_import._core.transport import AsyncTransport, SyncTransport
from zilliz_import.errors import (
    ApiError,
    FileTypeRefusedError,
    InvalidRequestError,
    JobAlreadyEndedError,
    JobNotFoundError,
    JobNotUncommittedError,
)
from zilliz_import.planes import cluster

CODE_IMPORT_FAILED = 2100
WAITING = "Uncommitted"
TOO_LATE_TO_ABORT = frozenset({"Committing", "Completed"})
TWO_PHASE = (
    "only a job created with auto_commit=False (zilliz-import create --no-auto-commit) waits at Uncommitted "
    "to be committed or aborted"
)
SEPARATORS = re.compile(r"[\s\[\](),]+")


def name_unit(error: FileTypeRefusedError, units: list[list[str]]) -> FileTypeRefusedError:
    """The refusal with the unit it is about: the unit the message quotes, else the only kind a one-file rule refuses.

    Args:
        error: The server's refusal.
        units: The units `create` sent, in order.
    """
    words = set(SEPARATORS.split(error.message))
    quoted = [unit for unit in units if "[" + " ".join(unit) + "]" in error.message]
    scores = [sum(path in words for path in unit) for unit in units]
    several = [unit for unit in units if len(unit) > 1]  # what "accepts only one file" can be about
    # "for Parquet import, accepts only one file": the format it names, when a unit's paths end with it
    several.sort(key=lambda unit: not any(unit[0].lower().endswith("." + word.lower()) for word in words if word))
    if quoted:
        error.unit = quoted[0]
    elif max(scores, default=0) > 0:
        error.unit = units[scores.index(max(scores))]
    elif several:
        error.unit = several[0]
    return error


def needs_state(error: ApiError) -> bool:
    """Whether a refused commit or abort is explained by the job's state: code 2100 not typed otherwise."""
    return type(error) is InvalidRequestError and error.code == CODE_IMPORT_FAILED


def explain(action: str, job_id: str, error: ApiError, state: str) -> ApiError:
    """The typed refusal of a commit or abort, from the job's state after it (`error` itself if that says nothing).

    Args:
        action: `commit` or `abort`.
        job_id: The job.
        error: The server's refusal (code 2100).
        state: The job's state, from a progress call made after the refusal.
    """
    where: dict[str, Any] = {"operation": error.operation, "status": error.status, "code": error.code}
    if action == "abort" and state in TOO_LATE_TO_ABORT:
        ended = "already ended Completed" if state == "Completed" else "is already Committing (it ends Completed)"
        why = f"import job {job_id} {ended}: too late to abort"
        return JobAlreadyEndedError(error.message, job_id=job_id, state=state, explanation=why, **where)
    if state != WAITING:
        why = f"import job {job_id} is {state}, not {WAITING}: {action} refused; {TWO_PHASE}"
        return JobNotUncommittedError(error.message, job_id=job_id, state=state, explanation=why, **where)
    return error


def not_found(error: ApiError) -> JobNotFoundError:
    """The refusal of a job that progress does not know either."""
    return JobNotFoundError(
        f"{error.message} (no job has this ID)", operation=error.operation, status=error.status, code=error.code
    )


def _state(progress: ImportJobProgress) -> str:
    return str(getattr(progress.state, "value", progress.state))


class SyncRefusals(SyncTransport):
    """`create`, `commit` and `abort` whose refusals come back named and explained (synchronous)."""

    def _create(self, call: Call, files: Files) -> Any:
        try:
            return self._run(call)
        except FileTypeRefusedError as error:
            raise name_unit(error, file_units(files)) from None

    def _act(self, action: str, job_id: str | int) -> None:
        try:
            self._run(cluster.action_call(action, job_id))
        except InvalidRequestError as error:
            if not needs_state(error):
                raise
            raise explained(action, str(job_id), error, lambda: self._run(cluster.progress_call(job_id))) from None


class AsyncRefusals(AsyncTransport):
    """`create`, `commit` and `abort` whose refusals come back named and explained (asyncio)."""

    async def _create(self, call: Call, files: Files) -> Any:
        try:
            return await self._run(call)
        except FileTypeRefusedError as error:
            raise name_unit(error, file_units(files)) from None

    async def _act(self, action: str, job_id: str | int) -> None:
        try:
            await self._run(cluster.action_call(action, job_id))
        except InvalidRequestError as error:
            if not needs_state(error):
                raise
            progress = self._run(cluster.progress_call(job_id))
            raise await explained_async(action, str(job_id), error, progress) from None


def explained(action: str, job_id: str, error: ApiError, progress: Callable[[], ImportJobProgress]) -> ApiError:
    """Ask for the job's progress, then explain the refusal (the refusal as it came when progress fails too)."""
    try:
        return explain(action, job_id, error, _state(progress()))
    except JobNotFoundError:
        return not_found(error)
    except ApiError:
        return error


async def explained_async(
    action: str, job_id: str, error: ApiError, progress: Awaitable[ImportJobProgress]
) -> ApiError:
    """`explained` under asyncio."""
    try:
        return explain(action, job_id, error, _state(await progress))
    except JobNotFoundError:
        return not_found(error)
    except ApiError:
        return error
