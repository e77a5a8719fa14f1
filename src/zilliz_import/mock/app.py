"""The ASGI app both servers build on: the import routes' request loop, with jobs, faults, timeouts and admin."""

from __future__ import annotations

import asyncio
import logging
import random
from abc import ABC, abstractmethod
from collections import Counter
from collections.abc import Callable
from typing import Any, Protocol

from zilliz_import.mock.admin import ADMIN_PREFIX, admin_reply
from zilliz_import.mock.asgi import BodyTooLarge, ClientGone, Exchange, Receive, Scope, Send, header, serve_lifespan
from zilliz_import.mock.config import MockConfig
from zilliz_import.mock.fault_replies import drop_connection, fault_reply, send_truncated
from zilliz_import.mock.faults import Fault, FaultPlan
from zilliz_import.mock.go_json import GO_INT
from zilliz_import.mock.replies import (
    CODE_INVALID_PARAMETER,
    CODE_TIMEOUT,
    ApiError,
    Reply,
    failure,
    success,
    text_reply,
)
from zilliz_import.mock.store import JobStore

log = logging.getLogger(__name__)
API_PREFIX = "/v2/vectordb/jobs/import/"


class RouteTable(Protocol):
    """Route name -> handler of (user, database header, body) returning the success envelope's `data`."""

    routes: dict[str, Callable[[str, str, bytes], dict[str, Any]]]


class BaseApp(ABC):
    """An ASGI app answering the routes under `/v2/vectordb/jobs/import/`, with jobs, faults and admin routes.

    Subclasses say which routes they serve, how a caller authenticates and what job IDs look like.
    """

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

    @staticmethod
    @abstractmethod
    def new_job_id(rng: random.Random, previous: str | None) -> str:
        """The next job's ID, drawn from `rng` after the `previous` one (None for the first)."""

    @abstractmethod
    def route_table(self) -> RouteTable:
        """The API routes this server answers."""

    @abstractmethod
    def _authenticate(self, scope: Scope) -> str:
        """The caller's user (or API key) from the request's credentials.

        Raises:
            ApiError: The credentials are missing or not valid.
        """

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Serve one ASGI connection (HTTP or lifespan)."""
        if scope["type"] == "lifespan":
            await serve_lifespan(receive, send)
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
            await drop_connection(send)
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
            await send_truncated(reply, send)
        else:
            await reply.send(send)

    async def _answer(self, route: str, fault: Fault | None, exchange: Exchange) -> Reply:
        if fault is not None:
            early = fault_reply(fault, self.config)
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

    def _failure(self, error: ApiError) -> Reply:
        return failure(error, standard=self.config.standard_error_status)

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
