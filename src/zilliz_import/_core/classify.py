"""What an answer means: the one table of envelope codes, messages and HTTP statuses to error classes."""

from __future__ import annotations

from typing import Any

from zilliz_import.errors import (
    ApiError,
    AuthenticationError,
    BackPressureError,
    FileTypeRefusedError,
    InvalidRequestError,
    JobNotFoundError,
    PermissionDeniedError,
    RateLimitedError,
    ServerError,
    ServerTimeoutError,
)

# What an error envelope's `code` means, whatever the HTTP status; refined by MESSAGE_CLASSES.
CODE_CLASSES: dict[int, type[ApiError]] = {
    100: InvalidRequestError,  # collection not found
    200: InvalidRequestError,  # partition not found (never success)
    500: ServerError,  # handler panic
    1100: InvalidRequestError,  # invalid parameter
    1401: PermissionDeniedError,
    1800: AuthenticationError,
    1801: InvalidRequestError,  # not JSON, or a numeric jobId
    1802: InvalidRequestError,  # missing parameter
    1807: RateLimitedError,  # not sent by the import routes; kept for gateways
    2100: InvalidRequestError,  # importing data failed: too many files, bad option ...
    2101: ServerError,  # importing data failed on server side (newest)
    10000: ServerError,  # the request was cancelled (HTTP 499 in standard mode)
    10001: ServerTimeoutError,
    21119: AuthenticationError,  # Zilliz Cloud's gateway: illegal API key
}
# (codes, words in the message, class): checked before CODE_CLASSES, first match wins.
MESSAGE_CLASSES: tuple[tuple[frozenset[int], str, type[ApiError]], ...] = (
    # newest Milvus files "job not found" under 2101 in its error table (pkg/util/merr/errors.go,
    # ErrImportSysFailed), though the released handlers still answer 2100: accept both
    (frozenset({2100, 2101}), "does not exist", JobNotFoundError),
    (frozenset({2100, 2101}), "number of jobs has reached the limit", BackPressureError),
    # create: a unit of files the server cannot read (importutilv2.GetFileType); no job was started
    (frozenset({2100}), "file type", FileTypeRefusedError),
    (frozenset({2100}), "accepts only one file", FileTypeRefusedError),
)
# What the HTTP status means when there is no envelope, or its code is in no table; 5xx is ServerError.
STATUS_CLASSES: dict[int, type[ApiError]] = {
    400: InvalidRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    408: ServerTimeoutError,
    429: RateLimitedError,
    499: ServerError,  # the server dropped the request (standardErrorStatus: cancelled)
}
SERVER_ERROR_MIN = 500
BODY_EXCERPT = 500


def error_class(status: int, code: int | None, message: str) -> type[ApiError] | None:
    """The class an answer stands for: by the envelope's code (and message), else by the HTTP status.

    Args:
        status: The HTTP status.
        code: The envelope's non-zero `code`, or None (or 0) when there is no error envelope.
        message: The envelope's message (ignored without a code).

    Returns:
        The class, or None when neither the code nor the status says anything (then the answer is unexpected).
    """
    if code:
        lowered = message.lower()
        for codes, words, kind in MESSAGE_CLASSES:
            if code in codes and words in lowered:
                return kind
        if code in CODE_CLASSES:
            return CODE_CLASSES[code]
    return STATUS_CLASSES.get(status) or (ServerError if status >= SERVER_ERROR_MIN else None)


def from_envelope(operation: str, status: int, code: int, message: str, retry_after: float | None = None) -> ApiError:
    """The typed error for an error envelope (or a bare HTTP status, with code 0).

    An envelope whose code no table knows, under a status that says nothing, is an `InvalidRequestError`.
    """
    kind = error_class(status, code, message) or InvalidRequestError
    where: dict[str, Any] = {"operation": operation, "status": status, "code": code or None}
    if issubclass(kind, RateLimitedError):
        return kind(message, retry_after=retry_after, **where)
    return kind(message, **where)


def excerpt(body: bytes) -> str:
    """The start of a raw body, for a one-line message."""
    text = body[:BODY_EXCERPT].decode("utf-8", errors="replace").replace("\n", " ").strip()
    return text + ("..." if len(body) > BODY_EXCERPT else "") if text else "(empty body)"
