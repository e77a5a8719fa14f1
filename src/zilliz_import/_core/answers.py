"""What an answer means: the `data` of a success, or the typed error it stands for.

Plane-neutral: the `Plane` descriptor says how a plane's envelopes and data look.
"""

from __future__ import annotations

import email.utils
import json
import time
from collections.abc import Callable, Mapping
from contextvars import ContextVar
from typing import Any, Protocol

import httpx

from zilliz_import._core.classify import error_class, excerpt, from_envelope
from zilliz_import._core.plane import Plane
from zilliz_import._core.servers import answered_by, use_instead
from zilliz_import._core.settings import guess_hint, tls_failed
from zilliz_import.errors import ApiError, ClientTimeoutError, TransportError, UnexpectedResponseError, WrongServerError

FOREIGN_EXCERPT = 80  # enough to recognise the answer; the error's `body` keeps it all
PARSE_FAILURES = (ValueError, KeyError, TypeError, AttributeError, RecursionError)
last_response: ContextVar[httpx.Response | None] = ContextVar("zilliz_import_last_response", default=None)


class RawAnswer(Protocol):
    """An HTTP answer: httpx's, or the `Response` of either generated client."""

    @property
    def status_code(self) -> int:
        """The HTTP status."""

    @property
    def content(self) -> bytes:
        """The raw body."""

    @property
    def headers(self) -> Mapping[str, str]:
        """The headers."""


class Answer(RawAnswer, Protocol):
    """A generated client's `Response`: the raw answer and what its parser made of it."""

    @property
    def parsed(self) -> Any:
        """The parsed model, or None."""


HTTP_NOT_FOUND = 404


def remember(response: httpx.Response) -> None:
    """Httpx response hook: keeps the raw answer, so a body the parser rejects is not lost."""
    last_response.set(response)


async def remember_async(response: httpx.Response) -> None:
    """The same hook for the async client."""
    last_response.set(response)


def transport_error(operation: str, error: Exception, redact: Callable[[str], str], assumed_for: str = "") -> ApiError:
    """The typed error for an exception raised while sending or receiving (secrets redacted from its text).

    `assumed_for` is the endpoint as given when it named no scheme: the message then says that
    https:// was assumed, and how to ask for plain http.
    """
    connect = isinstance(error, httpx.ConnectError | httpx.ConnectTimeout)
    kind = ClientTimeoutError if isinstance(error, httpx.TimeoutException) else TransportError
    detail = f"{type(error).__name__}: {redact(str(error)) or type(error).__name__}"
    message = guess_hint(assumed_for, detail) if assumed_for and connect else detail
    failure = kind(message, operation=operation, may_have_reached_server=not connect)
    failure.retriable = not tls_failed(detail)  # a TLS mismatch stays one: trying again cannot help
    return failure


def wrong_server(
    operation: str, status: int, content: bytes, redact: Callable[[str], str], plane: Plane
) -> WrongServerError | None:
    """The error for an answer that shows it comes from the other plane, or None."""
    other = answered_by(status, content)
    if other is None or other == plane.name:
        return None
    why = f"{use_instead(other)}; it answered: {redact(excerpt(content[:FOREIGN_EXCERPT]))}"
    return WrongServerError(why, body=content, operation=operation, status=status)


def unexpected(
    operation: str, error: Exception | None = None, detail: str = "", redact: Callable[[str], str] = str
) -> UnexpectedResponseError:
    """The typed error for an answer the generated parser could not read, with the raw body kept.

    Its message quotes the body's start without the facade's secrets (`redact`); `body` keeps it all.
    """
    response = last_response.get()
    body = response.content if response is not None else b""
    status = response.status_code if response is not None else None
    why = f" ({detail or type(error).__name__})" if (detail or error is not None) else ""
    return UnexpectedResponseError(
        f"unexpected answer{why}: {redact(excerpt(body))}", body=body, operation=operation, status=status
    )


def interpret(operation: str, detailed: Answer, redact: Callable[[str], str], plane: Plane) -> Any:
    """The `data` of a success envelope, or raise the typed error the answer stands for.

    An error envelope decides by its `code` under any HTTP status; the status decides only without one.
    """
    parsed, status = detailed.parsed, int(detailed.status_code)
    if isinstance(parsed, plane.envelope):
        foreign = wrong_server(operation, status, detailed.content, redact, plane)
        if foreign is not None:
            raise foreign
        wrong = plane.problems(parsed)
        if wrong:
            raise refused(operation, detailed, redact, plane, "; ".join(wrong))
        retry_after = retry_after_seconds(detailed.headers.get("retry-after"))
        message = parsed.message if isinstance(parsed.message, str) else ""
        raise from_envelope(operation, status, int(parsed.code), redact(message), retry_after)
    if parsed is not None and hasattr(parsed, "data"):
        wrong = plane.problems(parsed.data)
        if wrong:
            raise wrong_server(operation, status, detailed.content, redact, plane) or unexpected(
                operation, detail="; ".join(wrong), redact=redact
            )
        return parsed.data
    raise refused(operation, detailed, redact, plane)


def refused(operation: str, answer: RawAnswer, redact: Callable[[str], str], plane: Plane, why: str = "") -> ApiError:
    """The typed error for an answer the generated parser did not type: by a loose envelope, else by status.

    Args:
        operation: The operation called.
        answer: The generated response, or the raw httpx one when the parser raised.
        redact: Removes the token from server text.
        plane: The server's plane (why a route may be missing).
        why: What the parser found wrong, for an `UnexpectedResponseError`.
    """
    status, content = int(answer.status_code), answer.content
    foreign = wrong_server(operation, status, content, redact, plane)
    if foreign is not None:
        return foreign
    retry_after = retry_after_seconds(answer.headers.get("retry-after"))
    envelope = _loose_envelope(content)
    if envelope is not None:
        return from_envelope(operation, status, envelope[0], redact(envelope[1]), retry_after)
    if error_class(status, None, "") is not None:
        return from_envelope(operation, status, 0, redact(excerpt(content)), retry_after)
    if status == HTTP_NOT_FOUND and operation in plane.missing_routes:
        why = plane.missing_routes[operation]
    return unexpected(operation, detail=why, redact=redact)


def unreadable(operation: str, error: Exception, redact: Callable[[str], str], plane: Plane) -> ApiError:
    """The typed error when the generated parser raised: an error status still decides (a 5xx HTML page)."""
    response = last_response.get()
    foreign = (
        None if response is None else wrong_server(operation, response.status_code, response.content, redact, plane)
    )
    if foreign is not None:
        return foreign
    if response is None or error_class(response.status_code, None, "") is None:
        return unexpected(operation, error, redact=redact)
    return refused(operation, response, redact, plane, type(error).__name__)


def _loose_envelope(content: bytes) -> tuple[int, str] | None:
    """(code, message) when an answer the spec does not type still carries an error envelope."""
    try:
        body = json.loads(content)
    except (ValueError, RecursionError):
        return None
    if not isinstance(body, dict):
        return None
    code, message = body.get("code"), body.get("message")
    if isinstance(code, str) and code.isdecimal():
        code = int(code)  # the control plane's pages type `code` as a string
    if type(code) is int and code != 0 and isinstance(message, str):
        return code, message
    return None


def retry_after_seconds(value: str | None) -> float | None:
    """Retry-After as seconds: either a number or an HTTP date."""
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        moment = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, moment.timestamp() - time.time())
