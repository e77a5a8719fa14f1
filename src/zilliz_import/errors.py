"""Typed errors: every non-success answer or failure of a call becomes one of these, never None.

Which class an answer stands for is decided by the tables of `zilliz_import._core.classify`.
"""

from __future__ import annotations

from typing import Any


class ZillizImportError(Exception):
    """Base of every error this package raises."""


class ConfigurationError(ZillizImportError, ValueError):
    """The client was set up wrongly: no token, a malformed endpoint, cleartext to a remote host."""


class InvalidArgumentError(ZillizImportError, ValueError):
    """An argument the server would refuse anyway, caught before sending (a non-numeric job ID ...)."""


class ApiError(ZillizImportError):
    """A call that did not succeed.

    Attributes:
        operation: The operation called (`create`, `list`, `get_progress`, ...).
        status: The HTTP status, or None when no answer arrived.
        code: The envelope's `code`, or None when there was no envelope.
        message: The server's message, or a description of what went wrong.
    """

    retriable = False

    def __init__(self, message: str, *, operation: str, status: int | None = None, code: int | None = None) -> None:
        super().__init__(message)
        self.operation = operation
        self.status = status
        self.code = code
        self.message = message

    def __str__(self) -> str:
        return f"{self._where()}: {self.message}"

    def _where(self) -> str:
        """`operation`, with `HTTP status code N` when known: the start of the one-line message."""
        parts = [f"HTTP {self.status}"] if self.status is not None else []
        parts += [f"code {self.code}"] if self.code is not None else []
        return f"{self.operation}: {' '.join(parts)}" if parts else self.operation


class AuthenticationError(ApiError):
    """The token is missing or wrong (HTTP 401, code 1800 or a gateway code)."""


class PermissionDeniedError(ApiError):
    """The user may not do this (HTTP 403, code 1401)."""


class JobNotFoundError(ApiError):
    """No job has this ID (code 2100, "does not exist")."""


class InvalidRequestError(ApiError):
    """The server refused the request as malformed (1801, 1802, 1100, other 2100 ...)."""


class FileTypeRefusedError(InvalidRequestError):
    """`create` refused a unit of files the server cannot read (code 2100); no job was started.

    The server decides which files it reads (the client does not check, so a new format needs no new
    client): an unknown extension, mixed extensions in one unit, or several files where the format
    takes one. `unit` is the unit the refusal is about, as sent, when the answer lets it be found.
    """

    def __init__(self, message: str, *, unit: list[str] | None = None, **where: Any) -> None:
        super().__init__(message, **where)
        self.unit = unit

    def __str__(self) -> str:
        named = f"the server cannot read file unit {self.unit}: " if self.unit is not None else ""
        return f"{self._where()}: {named}{self.message}"


class JobActionRefusedError(InvalidRequestError):
    """`commit` or `abort` refused for the job's state, explained from a follow-up progress call.

    Attributes:
        job_id: The job.
        state: Its state when the refusal was explained (`Importing`, `Completed` ...).
        explanation: What happened and what to do, in one sentence.
    """

    def __init__(self, message: str, *, job_id: str, state: str, explanation: str, **where: Any) -> None:
        super().__init__(message, **where)
        self.job_id = job_id
        self.state = state
        self.explanation = explanation

    def __str__(self) -> str:
        return f"{self._where()}: {self.explanation} (the server said: {self.message})"


class JobNotUncommittedError(JobActionRefusedError):
    """The job is not waiting at `Uncommitted`: it is still importing, failed, or was not created two-phase.

    Only a job created with `auto_commit=False` stops at `Uncommitted` to be committed or aborted.
    """


class JobAlreadyEndedError(JobActionRefusedError):
    """`abort` came too late: the job already completed, or is committing."""


class RateLimitedError(ApiError):
    """Too many requests (HTTP 429 or code 1807). `retry_after` is the server's hint in seconds."""

    retriable = True

    def __init__(self, message: str, *, retry_after: float | None = None, **where: Any) -> None:
        super().__init__(message, **where)
        self.retry_after = retry_after


class BackPressureError(RateLimitedError):
    """The server runs as many unfinished import jobs as it allows; no job was started, try again later.

    Code 2100 (Milvus 2.5, 2.6) or 2101 (newest) with "The number of jobs has reached the limit".
    `create` retries it within its retry policy.
    """


class ServerTimeoutError(ApiError):
    """The server gave up on the request (HTTP 408, code 10001)."""

    retriable = True


class ServerError(ApiError):
    """The server or a gateway failed (HTTP 5xx or 499, code 500 for a handler panic, other 2101s)."""

    retriable = True


class UnexpectedResponseError(ApiError):
    """An answer that is not JSON or not of the documented shape; `body` keeps what arrived."""

    def __init__(self, message: str, *, body: bytes, **where: Any) -> None:
        super().__init__(message, **where)
        self.body = body


class WrongServerError(UnexpectedResponseError):
    """The endpoint answers as the other kind of server: a cluster given to the control plane's client, or the reverse.

    Its message names the client (and the `zilliz-import` command) that fits the endpoint.
    """


class TransportError(ApiError):
    """The request did not complete: connection refused, reset, or a broken answer.

    `may_have_reached_server` is False only when the connection was never made, which is when
    even a non-idempotent call such as `create` is safe to send again.
    """

    retriable = True

    def __init__(self, message: str, *, may_have_reached_server: bool, **where: Any) -> None:
        super().__init__(message, **where)
        self.may_have_reached_server = may_have_reached_server


class ClientTimeoutError(TransportError):
    """No answer within the client's own timeout."""


class JobFailedError(ZillizImportError):
    """Raised by `wait(..., raise_on_failure=True)` when the job ends `Failed`."""

    def __init__(self, progress: Any) -> None:
        reason = getattr(progress, "reason", None)
        super().__init__(
            f"import job {progress.job_id} failed: {reason if isinstance(reason, str) else 'no reason given'}"
        )
        self.progress = progress


class WaitTimeoutError(ZillizImportError, TimeoutError):
    """The deadline of `wait` passed; `last_progress` is the last answer seen (None if none came)."""

    def __init__(self, job_id: str, timeout: float, last_progress: Any) -> None:
        state = getattr(last_progress, "state", "unknown")
        percent = getattr(last_progress, "progress", "?")
        super().__init__(f"import job {job_id} not finished after {timeout:g}s (last seen: {state}, {percent}%)")
        self.job_id = job_id
        self.last_progress = last_progress


class WaitManyTimeoutError(WaitTimeoutError):
    """The deadline of `wait_many` passed; `finished` and `unfinished` map job IDs to their last progress."""

    def __init__(self, timeout: float, finished: dict[str, Any], unfinished: dict[str, Any]) -> None:
        ZillizImportError.__init__(
            self, f"{len(unfinished)} of {len(finished) + len(unfinished)} import jobs not finished after {timeout:g}s"
        )
        self.job_id = ", ".join(unfinished)
        self.last_progress = unfinished
        self.finished = finished
        self.unfinished = unfinished
