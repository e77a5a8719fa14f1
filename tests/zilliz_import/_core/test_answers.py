"""A 429 or 5xx is the error its status names, whether or not the generated parser can read the body.

The spec documents HTTP 429 and 500 with the error envelope, so the generated code parses their
bodies; a gateway's HTML page then fails inside it. `calls.unexpected` keeps such answers what they
were before: a rate limit or a server failure, not an unexpected answer.
"""

from __future__ import annotations

import asyncio

import httpx
import pytest

from zilliz_import import AsyncImportJobs, ImportJobs, RetryPolicy
from zilliz_import.errors import (
    ApiError,
    AuthenticationError,
    InvalidRequestError,
    RateLimitedError,
    ServerError,
    ServerTimeoutError,
    UnexpectedResponseError,
)

TOKEN = "alice:correct-horse-battery-staple"
HTML = b"<html><body>502 upstream says no</body></html>"


def answering(status: int, content: bytes, **headers: str) -> httpx.MockTransport:
    """A transport whose every answer is `status` with `content`."""
    return httpx.MockTransport(lambda request: httpx.Response(status, content=content, headers=headers))


def failure_of(transport: httpx.MockTransport) -> ApiError:
    """What `list` raises through the sync facade, with retries off."""
    with ImportJobs("https://example.com", TOKEN, retry=RetryPolicy.disabled(), transport=transport) as jobs:
        with pytest.raises(ApiError) as caught:
            jobs.list()
    return caught.value


def test_an_html_500_page_is_a_server_error() -> None:
    error = failure_of(answering(500, HTML, **{"Content-Type": "text/html"}))
    assert type(error) is ServerError and (error.status, error.code) == (500, None)
    assert "502 upstream says no" in str(error)


def test_a_plain_text_429_is_a_rate_limit_with_its_retry_after() -> None:
    error = failure_of(answering(429, b"Too Many Requests", **{"Retry-After": "7"}))
    assert isinstance(error, RateLimitedError) and error.retry_after == 7.0 and error.status == 429


@pytest.mark.parametrize(
    ("status", "body", "kind", "code"),
    [
        (500, b'{"code": 500, "message": "runtime error: index out of range"}', ServerError, 500),
        (500, b'{"code": 10001, "message": "request timeout"}', ServerTimeoutError, 10001),
        (429, b'{"code": 8, "message": "rate limit exceeded"}', RateLimitedError, 8),
        (500, b'{"error": "not an envelope"}', ServerError, None),
    ],
)
def test_json_bodies_under_429_and_500_keep_their_code(status: int, body: bytes, kind: type, code: int | None) -> None:
    error = failure_of(answering(status, body))
    assert type(error) is kind and (error.status, error.code) == (status, code)


def test_a_token_echoed_in_a_server_error_page_is_redacted() -> None:
    echo = httpx.MockTransport(
        lambda request: httpx.Response(500, content=f"<pre>{request.headers['authorization']}</pre>".encode())
    )
    error = failure_of(echo)
    assert isinstance(error, ServerError) and "correct-horse" not in str(error) and "***" in str(error)


def test_a_success_status_with_an_unreadable_body_stays_unexpected() -> None:
    assert type(failure_of(answering(200, HTML))) is UnexpectedResponseError


def test_envelopes_under_other_statuses_still_map_by_status_and_code() -> None:
    assert type(failure_of(answering(401, b'{"code": 1800, "message": "no"}'))) is AuthenticationError
    assert type(failure_of(answering(400, b'{"code": 1100, "message": "bad"}'))) is InvalidRequestError


def test_the_async_facade_maps_an_html_500_the_same_way() -> None:
    async def run() -> ApiError:
        transport = answering(500, HTML)
        async with AsyncImportJobs(
            "https://example.com", TOKEN, retry=RetryPolicy.disabled(), transport=transport
        ) as jobs:
            with pytest.raises(ApiError) as caught:
                await jobs.list()
        return caught.value

    error = asyncio.run(run())
    assert type(error) is ServerError and error.status == 500
