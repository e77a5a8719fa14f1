"""The mock's ASGI application: the import routes as the Milvus proxy answers them, faults and timeouts included."""

from __future__ import annotations

import asyncio
import logging
from collections import Counter
from collections.abc import Callable
from typing import Any, Protocol

from zilliz_import.mock.admin import ADMIN_PREFIX, admin_reply
from zilliz_import.mock.asgi import BodyTooLarge, ClientGone, Receive, Scope, Send, header, read_body
from zilliz_import.mock.config import MockConfig
from zilliz_import.mock.faults import Fault, FaultPlan
from zilliz_import.mock.go_json import GO_INT
from zilliz_import.mock.handlers import Handlers
from zilliz_import.mock.releases import backpressure_error
from zilliz_import.mock.replies import (
    CODE_INVALID_PARAMETER,
    CODE_PANIC,
    CODE_RATE_LIMITED,
    CODE_TIMEOUT,
    CODE_UNAUTHENTICATED,
    ApiError,
    Reply,
    failure,
    success,
    text_reply,
)
from zilliz_import.mock.store import JobStore, decimal_job_id

log = logging.getLogger(__name__)
API_PREFIX = "/v2/vectordb/jobs/import/"
PANIC_TEXT = "runtime error: invalid memory address or nil pointer dereference"
GATEWAY_PAGES = {500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable"}


class RouteTable(Protocol):
    """Route name -> handler of (user, database header, body) returning the success envelope's `data`."""

    routes: dict[str, Callable[[str, str, bytes], dict[str, Any]]]


class MockApp:
    """An ASGI app modelling the import-job routes of a Milvus proxy, with jobs, auth and faults."""

    new_job_id = staticmethod(decimal_job_id)  # (rng, previous ID) -> the next job's ID

    def __init__(self, config: MockConfig | None = None) -> None:
        self.config = config or MockConfig()
        self.jobs = JobStore(
            seed=self.config.seed,
            job_seconds=self.config.job_seconds,
            max_jobs=self.config.max_jobs,
            clock=self.config.clock,
            v3=self.config.import_v3,
            make_id=self.new_job_id,
        )
        self.handlers: RouteTable = self.route_table()
        self.faults = FaultPlan()
        self.requests: Counter[str] = Counter()  # API requests by route, for benchmarks

    def route_table(self) -> RouteTable:
        """The API routes this server answers (subclasses serve other servers' routes)."""
        return Handlers(self.config, self.jobs)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Serve one ASGI connection (HTTP or lifespan)."""
        if scope["type"] == "lifespan":
            await _lifespan(receive, send)
        elif scope["type"] == "http":
            await self._http(scope, receive, send)

    async def _http(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope["path"]
        if path.startswith(ADMIN_PREFIX):
            exchange = Exchange(scope, receive)
            await (await admin_reply(self, scope, lambda: exchange.body(self.config.max_body_bytes))).send(send)
            return
        route = path.removeprefix(API_PREFIX) if path.startswith(API_PREFIX) else ""
        if route not in self.handlers.routes:
            await text_reply(404, "404 page not found").send(send)
        elif scope["method"] != "POST":
            await text_reply(405, "405 method not allowed", [(b"allow", b"POST")]).send(send)
        else:
            self.requests[route] += 1
            await self._api(route, Exchange(scope, receive), send)

    async def _api(self, route: str, exchange: Exchange, send: Send) -> None:
        fault = self.faults.take(route)
        if fault is not None and fault.kind == "drop":
            await _drop_connection(send)
            return
        try:
            seconds = self._timeout(exchange.scope)
            reply = await asyncio.wait_for(self._answer(route, fault, exchange), seconds)
        except TimeoutError:
            # with standard statuses, 408 is kept for an unfinished upload (status_projection.go)
            late = self.config.standard_error_status and exchange.body_read
            reply = self._failure(ApiError(CODE_TIMEOUT, "request timeout", 500 if late else 408))
        except ApiError as error:
            reply = self._failure(error)
        except ClientGone:
            return
        if fault is not None and fault.kind == "truncate":
            await _send_truncated(reply, send)
        else:
            await reply.send(send)

    async def _answer(self, route: str, fault: Fault | None, exchange: Exchange) -> Reply:
        if fault is not None:
            early = await self._fault_reply(fault)
            if early is not None:
                return early
        try:
            user = self._authenticate(exchange.scope)
            body = await exchange.body(self.config.max_body_bytes)
            if fault is not None and fault.kind == "latency":  # the server is slow once it has the request
                await asyncio.sleep(fault.seconds)
            db = header(exchange.scope, b"db-name") or "default"
            return success(self.handlers.routes[route](user, db, body))
        except ApiError as error:
            return self._failure(error)
        except BodyTooLarge:
            limit = self.config.max_body_bytes
            reply = text_reply(413, f"413 request body larger than {limit} bytes")
            reply.headers.append((b"connection", b"close"))
            return reply

    async def _fault_reply(self, fault: Fault) -> Reply | None:
        """The answer a fault replaces the real one with; None when the real answer follows."""
        if fault.kind == "panic":
            return self._failure(ApiError(CODE_PANIC, PANIC_TEXT, 500))
        if fault.kind == "backpressure":
            return self._failure(backpressure_error(self.config.server, self.config.max_import_jobs))
        if fault.kind == "rate_limit":
            return self._failure(ApiError(CODE_RATE_LIMITED, "rate limit exceeded[rate=1]"))
        return await _gateway_fault_reply(fault)

    def _failure(self, error: ApiError) -> Reply:
        return failure(error, standard=self.config.standard_error_status)

    def _authenticate(self, scope: Scope) -> str:
        scheme, _, token = (header(scope, b"authorization") or "").partition(" ")
        user = self.config.user_of(token.strip()) if scheme.lower() == "bearer" else None
        if user is None:
            raise ApiError(CODE_UNAUTHENTICATED, "user hasn't authenticated", 401)
        return user

    def _timeout(self, scope: Scope) -> float:
        """Seconds allowed for this request: `Request-Timeout`, where 0 or less times out at once.

        Raises:
            ApiError: 1100 for a value that is not an integer, on releases that refuse it.
        """
        value = (header(scope, b"request-timeout") or "").strip()
        if not value:
            return self.config.default_timeout
        if GO_INT.fullmatch(value):
            return max(0.0, float(value))
        if self.config.server.strict_request_timeout:
            raise ApiError(
                CODE_INVALID_PARAMETER,
                f"invalid parameter[expected=integer seconds][actual={value}]: Request-Timeout parse failed",
            )
        return self.config.default_timeout


class Exchange:
    """One request's scope and body, remembering whether the body was read (it decides 408 or 500)."""

    def __init__(self, scope: Scope, receive: Receive) -> None:
        self.scope = scope
        self._receive = receive
        self.body_read = False

    async def body(self, limit: int) -> bytes:
        """The request body, bounded by `limit` bytes."""
        body = await read_body(self.scope, self._receive, limit)
        self.body_read = True
        return body


async def _gateway_fault_reply(fault: Fault) -> Reply | None:
    """What a gateway in front of the server answers for a fault; None when the real answer follows."""
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


async def _drop_connection(send: Send) -> None:
    transport = _transport_of(send)
    if transport is None:
        raise ConnectionAbortedError("the mock dropped the connection (fault 'drop')")
    transport.abort()
    await asyncio.sleep(0)  # let the server notice the closed socket before it tries to answer


async def _send_truncated(reply: Reply, send: Send) -> None:
    await send({"type": "http.response.start", "status": reply.status, "headers": reply.header_list()})
    await send({"type": "http.response.body", "body": reply.body[: len(reply.body) // 2], "more_body": True})
    await _drop_connection(send)


async def _lifespan(receive: Receive, send: Send) -> None:
    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            await send({"type": "lifespan.startup.complete"})
        elif message["type"] == "lifespan.shutdown":
            await send({"type": "lifespan.shutdown.complete"})
            return
