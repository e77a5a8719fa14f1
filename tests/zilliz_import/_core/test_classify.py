"""Errors by envelope under any HTTP status (standardErrorStatus servers), by status only without one."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from zilliz_import import (
    AuthenticationError,
    BackPressureError,
    FileTypeRefusedError,
    ImportJobs,
    InvalidRequestError,
    JobNotFoundError,
    PermissionDeniedError,
    RateLimitedError,
    RetryPolicy,
    ServerError,
    ServerTimeoutError,
    UnexpectedResponseError,
)
from zilliz_import._core.classify import CODE_CLASSES, STATUS_CLASSES, error_class

NO_RETRY = RetryPolicy.disabled()
LIMIT = "The number of jobs has reached the limit, please try again later: importing data failed"


def facade(status: int, body: Any, headers: dict[str, str] | None = None) -> ImportJobs:
    """A facade whose every request gets this one answer (a dict is sent as JSON, bytes as they are)."""
    content = body if isinstance(body, bytes) else httpx.Response(200, json=body).content
    transport = httpx.MockTransport(lambda request: httpx.Response(status, content=content, headers=headers))
    return ImportJobs("http://127.0.0.1:1", "root:Milvus", retry=NO_RETRY, transport=transport)


ENVELOPES = [
    (400, 1802, "missing required parameters, error: jobId", InvalidRequestError),
    (400, 1801, "can only accept json format request", InvalidRequestError),
    (400, 2100, "import job does not exist, jobID=7: importing data failed", JobNotFoundError),
    (400, 2100, "parse job id failed", InvalidRequestError),
    (400, 1100, "import request is empty: invalid parameter", InvalidRequestError),
    (401, 1800, "user hasn't authenticated", AuthenticationError),
    (403, 1401, "privilege not permitted", PermissionDeniedError),
    (408, 10001, "request timeout", ServerTimeoutError),
    (429, 1807, "rate limit exceeded", RateLimitedError),
    (499, 10000, "context canceled", ServerError),
    (499, 1800, "user hasn't authenticated", AuthenticationError),  # the code decides, not the status
    (499, 2100, "import job does not exist, jobID=7", JobNotFoundError),
    (500, 500, "runtime error: invalid memory address", ServerError),
    (500, 2101, LIMIT, BackPressureError),
    (200, 2100, LIMIT, BackPressureError),
    (200, 2101, "importing data failed on server side", ServerError),
    (503, 1100, "invalid parameter", InvalidRequestError),
    (200, 1800, "user hasn't authenticated", AuthenticationError),
    (200, 2100, "unexpected file type, files=[a.txt]: importing data failed", FileTypeRefusedError),
    (400, 2100, "inconsistency in file types, (a.json) vs (b.parquet): importing data failed", FileTypeRefusedError),
    (200, 2100, "for Parquet import, accepts only one file: importing data failed", FileTypeRefusedError),
    (200, 2101, "unexpected file type, files=[a.txt]", ServerError),  # only 2100 is a refused file
]


@pytest.mark.parametrize(("status", "code", "message", "expected"), ENVELOPES)
def test_the_envelope_decides_under_any_status(status: int, code: int, message: str, expected: type) -> None:
    with facade(status, {"code": code, "message": message}) as jobs, pytest.raises(expected) as caught:
        jobs.get_progress(7)
    assert type(caught.value) is expected
    assert (caught.value.status, caught.value.code, caught.value.message) == (status, code, message)


@pytest.mark.parametrize(
    ("status", "body", "expected"),
    [
        (400, b"Bad Request", InvalidRequestError),
        (401, b"<html>401 Authorization Required</html>", AuthenticationError),
        (403, b"", PermissionDeniedError),
        (408, b"timeout", ServerTimeoutError),
        (429, b"slow down", RateLimitedError),
        (499, b"", ServerError),
        (500, b"<html>Internal Server Error</html>", ServerError),
        (502, b"<html>Bad Gateway</html>", ServerError),
        (500, {"code": 0, "message": "not an error code"}, ServerError),
        (500, {"code": 500}, ServerError),  # an envelope without a message: the status decides
        (404, b"404 page not found", UnexpectedResponseError),
        (200, b"<html>ok</html>", UnexpectedResponseError),
        (302, b"", UnexpectedResponseError),
    ],
)
def test_without_an_envelope_the_status_decides(status: int, body: Any, expected: type) -> None:
    with facade(status, body) as jobs, pytest.raises(expected) as caught:
        jobs.list()
    assert type(caught.value) is expected and caught.value.status == status


def test_an_unknown_code_falls_back_to_the_status_then_to_invalid_request() -> None:
    assert error_class(503, 4242, "something new") is ServerError
    assert error_class(401, 4242, "something new") is AuthenticationError
    assert error_class(200, 4242, "something new") is None
    with facade(200, {"code": 4242, "message": "something new"}) as jobs, pytest.raises(InvalidRequestError):
        jobs.list()


def test_retry_after_is_kept_under_any_status() -> None:
    with facade(429, {"code": 1807, "message": "slow"}, {"Retry-After": "4"}) as jobs:
        with pytest.raises(RateLimitedError) as caught:
            jobs.list()
    assert caught.value.retry_after == 4


def test_retriable_errors_are_exactly_the_transient_ones() -> None:
    retriable = {kind for kind in {*CODE_CLASSES.values(), *STATUS_CLASSES.values()} if kind.retriable}
    assert retriable == {RateLimitedError, ServerTimeoutError, ServerError}
    assert BackPressureError.retriable and issubclass(BackPressureError, RateLimitedError)
    assert not JobNotFoundError.retriable and not InvalidRequestError.retriable
