"""One call of a generated operation: what to send, and what its answer means (data or a typed error).

The sync and async facades share everything here and differ only in how they await.
"""

from __future__ import annotations

import email.utils
import json
import time
from collections.abc import Callable, Mapping
from contextvars import ContextVar
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

import httpx
from zilliz_import_client.api.import_jobs import (
    create_import_job,
    describe_import_job,
    list_import_jobs,
)
from zilliz_import_client.models import ErrorEnvelope
from zilliz_import_client.types import Response

from zilliz_import.errors import (
    ApiError,
    ClientTimeoutError,
    TransportError,
    UnexpectedResponseError,
    excerpt,
    from_envelope,
)
from zilliz_import.shapes import problems

PARSE_FAILURES = (ValueError, KeyError, TypeError, AttributeError, RecursionError)
ENVELOPE_STATUSES = {401, 403, 408, 429}
HTTP_TOO_MANY_REQUESTS, HTTP_SERVER_ERROR = 429, 500
MIN_REDACTED = 4
last_response: ContextVar[httpx.Response | None] = ContextVar("zilliz_import_last_response", default=None)


@dataclass(frozen=True)
class Call:
    """A generated operation and its keyword arguments."""

    name: str
    module: ModuleType
    kwargs: dict[str, Any] = field(default_factory=dict)
    idempotent: bool = True


# get_progress is served by `describe`, the path the server does not mark deprecated (same handler).
OPERATIONS = {
    "create": create_import_job,
    "list": list_import_jobs,
    "describe": describe_import_job,
}


def remember(response: httpx.Response) -> None:
    """Httpx response hook: keeps the raw answer, so a body the parser rejects is not lost."""
    last_response.set(response)


async def remember_async(response: httpx.Response) -> None:
    """The same hook for the async client."""
    last_response.set(response)


def transport_error(operation: str, error: Exception) -> ApiError:
    """The typed error for an exception raised while sending or receiving."""
    connect = isinstance(error, httpx.ConnectError | httpx.ConnectTimeout)
    kind = ClientTimeoutError if isinstance(error, httpx.TimeoutException) else TransportError
    detail = str(error) or type(error).__name__
    return kind(f"{type(error).__name__}: {detail}", operation=operation, may_have_reached_server=not connect)


def unexpected(operation: str, error: Exception | None = None, detail: str = "") -> ApiError:
    """The typed error for an answer the generated parser could not read, with the raw body kept.

    A 429 or 5xx whose body the parser rejected (a gateway's HTML page) is still the rate limit or the
    server failure its status says: the spec documents these statuses, so the parser now reads them.
    """
    response = last_response.get()
    if error is not None and response is not None and _status_decides(response.status_code):
        token = response.request.headers.get("authorization", "").removeprefix("Bearer ")
        return status_error(operation, response.status_code, response.content, response.headers, _hiding(token))
    body = response.content if response is not None else b""
    status = response.status_code if response is not None else None
    why = f" ({detail or type(error).__name__})" if (detail or error is not None) else ""
    return UnexpectedResponseError(
        f"unexpected answer{why}: {excerpt(body)}", body=body, operation=operation, status=status
    )


def interpret(operation: str, detailed: Response[Any], redact: Callable[[str], str]) -> Any:
    """The `data` of a success envelope, or raise the typed error the answer stands for."""
    parsed, status = detailed.parsed, int(detailed.status_code)
    if isinstance(parsed, ErrorEnvelope):
        wrong = problems(parsed)
        if wrong:
            raise unexpected(operation, detail="; ".join(wrong))
        retry_after = retry_after_seconds(detailed.headers.get("retry-after"))
        raise from_envelope(operation, status, parsed.code, redact(parsed.message), retry_after)
    if parsed is not None and hasattr(parsed, "data"):
        wrong = problems(parsed.data)
        if wrong:
            raise unexpected(operation, detail="; ".join(wrong))
        return parsed.data
    if status in ENVELOPE_STATUSES or status >= 500:
        raise status_error(operation, status, detailed.content, detailed.headers, redact)
    raise unexpected(operation)


def status_error(
    operation: str, status: int, content: bytes, headers: Mapping[str, str], redact: Callable[[str], str]
) -> ApiError:
    """The typed error of an HTTP status, with the envelope's code and message when the body has them."""
    code, message = _loose_envelope(content) or (0, excerpt(content))
    return from_envelope(operation, status, code, redact(message), retry_after_seconds(headers.get("retry-after")))


def _status_decides(status: int) -> bool:
    """Whether the status alone says what went wrong, whatever the body (429 and 5xx)."""
    return status == HTTP_TOO_MANY_REQUESTS or status >= HTTP_SERVER_ERROR


def _hiding(token: str) -> Callable[[str], str]:
    """A redactor for the token the request carried (as the facade's, for tokens of 4 or more characters)."""
    return lambda text: text.replace(token, "***") if len(token) >= MIN_REDACTED else text


def _loose_envelope(content: bytes) -> tuple[int, str] | None:
    """(code, message) when an undocumented status still carries the error envelope."""
    try:
        body = json.loads(content)
    except (ValueError, RecursionError):
        return None
    if isinstance(body, dict) and isinstance(body.get("code"), int) and isinstance(body.get("message"), str):
        return body["code"], body["message"]
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
