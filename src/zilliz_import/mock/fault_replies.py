"""What an injected fault sends instead of the real answer: error envelopes, gateway pages, broken connections."""

from __future__ import annotations

import asyncio
from typing import Any

from zilliz_import.mock.asgi import Send
from zilliz_import.mock.config import MockConfig
from zilliz_import.mock.faults import Fault
from zilliz_import.mock.releases import backpressure_error
from zilliz_import.mock.replies import CODE_PANIC, CODE_RATE_LIMITED, ApiError, Reply, failure, text_reply

PANIC_TEXT = "runtime error: invalid memory address or nil pointer dereference"
GATEWAY_PAGES = {500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable"}


def fault_reply(fault: Fault, config: MockConfig) -> Reply | None:
    """The answer a fault replaces the real one with; None when the real answer follows.

    Envelopes (panic, back-pressure, rate limit) take the configured statuses; the rest are what a
    gateway in front of the server answers.
    """
    if fault.kind == "panic":
        error = ApiError(CODE_PANIC, PANIC_TEXT, 500)
    elif fault.kind == "backpressure":
        error = backpressure_error(config.server, config.max_import_jobs)
    elif fault.kind == "rate_limit":
        error = ApiError(CODE_RATE_LIMITED, "rate limit exceeded[rate=1]")
    else:
        return _gateway_reply(fault)
    return failure(error, standard=config.standard_error_status)


def _gateway_reply(fault: Fault) -> Reply | None:
    if fault.kind == "http_error":
        page = GATEWAY_PAGES.get(fault.status, "Server Error")
        html = f"<html><head><title>{fault.status} {page}</title></head><body>{page}</body></html>"
        return Reply(fault.status, html.encode(), b"text/html")
    elif fault.kind == "too_many_requests":
        retry_after = [(b"retry-after", str(round(fault.seconds)).encode())]
        return text_reply(429, "Too Many Requests", retry_after)
    return None


def _transport_of(send: Send) -> Any:
    """Uvicorn's socket transport behind `send`, or None when served in-process."""
    return getattr(getattr(send, "__self__", None), "transport", None)


async def drop_connection(send: Send) -> None:
    """Close the connection without answering (fault `drop`); in-process, raise ConnectionAbortedError."""
    transport = _transport_of(send)
    if transport is None:
        raise ConnectionAbortedError("the mock dropped the connection (fault 'drop')")
    transport.abort()
    await asyncio.sleep(0)  # let the server notice the closed socket before it tries to answer


async def send_truncated(reply: Reply, send: Send) -> None:
    """Send the headers and half the body, then close the connection (fault `truncate`)."""
    await send({"type": "http.response.start", "status": reply.status, "headers": reply.header_list()})
    await send({"type": "http.response.body", "body": reply.body[: len(reply.body) // 2], "more_body": True})
    await drop_connection(send)
