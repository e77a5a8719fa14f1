"""The mock's ASGI application: the four import routes as the Milvus proxy answers them."""

from __future__ import annotations

import asyncio
import logging
from collections import Counter
from typing import Any

from zilliz_import.mock.admin import ADMIN_PREFIX, admin_reply
from zilliz_import.mock.asgi import BodyTooLarge, ClientGone, Receive, Scope, Send, header, read_body
from zilliz_import.mock.config import MockConfig
from zilliz_import.mock.decoding import GO_INT, decode_create, decode_job_id, decode_list
from zilliz_import.mock.faults import Fault, FaultPlan
from zilliz_import.mock.replies import (
    CODE_IMPORT_FAILED,
    CODE_PERMISSION_DENIED,
    CODE_RATE_LIMITED,
    CODE_TIMEOUT,
    CODE_UNAUTHENTICATED,
    ApiError,
    Reply,
    failure,
    success,
    text_reply,
)
from zilliz_import.mock.store import JobStore

log = logging.getLogger(__name__)
API_PREFIX = "/v2/vectordb/jobs/import/"
API_ROUTES = {API_PREFIX + name: name for name in ("create", "list", "get_progress", "describe")}
GATEWAY_PAGES = {500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable"}


class MockApp:
    """An ASGI app modelling the import-job routes of a Milvus proxy, with jobs, auth and faults."""

    def __init__(self, config: MockConfig | None = None) -> None:
        self.config = config or MockConfig()
        self.jobs = JobStore(
            seed=self.config.seed,
            job_seconds=self.config.job_seconds,
            max_jobs=self.config.max_jobs,
            clock=self.config.clock,
        )
        self.faults = FaultPlan()
        self.requests: Counter[str] = Counter()  # API requests by route, for benchmarks

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Serve one ASGI connection (HTTP or lifespan)."""
        if scope["type"] == "lifespan":
            await _lifespan(receive, send)
        elif scope["type"] == "http":
            await self._http(scope, receive, send)

    async def _http(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope["path"]
        if path.startswith(ADMIN_PREFIX):
            await (await admin_reply(self, scope, lambda: self._body(scope, receive))).send(send)
            return
        route = API_ROUTES.get(path)
        if route is None:
            await text_reply(404, "404 page not found").send(send)
        elif scope["method"] != "POST":
            await text_reply(405, "405 method not allowed", [(b"allow", b"POST")]).send(send)
        else:
            self.requests[route] += 1
            await self._api(route, scope, receive, send)

    async def _api(self, route: str, scope: Scope, receive: Receive, send: Send) -> None:
        fault = self.faults.take(route)
        if fault is not None and fault.kind == "drop":
            await _drop_connection(send)
            return
        try:
            reply = await asyncio.wait_for(self._answer(route, fault, scope, receive), self._timeout(scope))
        except TimeoutError:
            reply = failure(ApiError(CODE_TIMEOUT, "request timeout", 408))
        except ClientGone:
            return
        if fault is not None and fault.kind == "truncate":
            await _send_truncated(reply, send)
        else:
            await reply.send(send)

    async def _answer(self, route: str, fault: Fault | None, scope: Scope, receive: Receive) -> Reply:
        if fault is not None:
            early = await _fault_reply(fault)
            if early is not None:
                return early
        try:
            user = self._authenticate(scope)
            body = await self._body(scope, receive)
            return success(self._handle(route, user, body, header(scope, b"db-name") or "default"))
        except ApiError as error:
            return failure(error)
        except BodyTooLarge:
            limit = self.config.max_body_bytes
            reply = text_reply(413, f"413 request body larger than {limit} bytes")
            reply.headers.append((b"connection", b"close"))
            return reply

    def _authenticate(self, scope: Scope) -> str:
        scheme, _, token = (header(scope, b"authorization") or "").partition(" ")
        user = self.config.user_of(token.strip()) if scheme.lower() == "bearer" else None
        if user is None:
            raise ApiError(CODE_UNAUTHENTICATED, "user hasn't authenticated", 401)
        return user

    def _handle(self, route: str, user: str, body: bytes, db_name: str) -> dict[str, Any]:
        if route == "create":
            request = decode_create(body)
            if user in self.config.read_only_users:
                raise ApiError(
                    CODE_PERMISSION_DENIED,
                    f"PrivilegeImport: permission deny to {user} in the `{db_name}` database: privilege not permitted",
                    403,
                )
            db = request.db_name or db_name
            job_id = self.jobs.create(db_name=db, collection_name=request.collection_name, files=request.files)
            return {"jobId": job_id}
        if route == "list":
            body_db, collection = decode_list(body)
            return {"records": self.jobs.records(body_db or db_name, collection)}
        wanted = decode_job_id(body)
        progress = self.jobs.progress(wanted, db_name)
        if progress is None:
            raise ApiError(CODE_IMPORT_FAILED, f"import job does not exist, jobID={wanted}: importing data failed")
        return progress

    def _timeout(self, scope: Scope) -> float:
        value = (header(scope, b"request-timeout") or "").strip()
        seconds = int(value) if GO_INT.fullmatch(value) else 0
        return float(seconds) if seconds > 0 else self.config.default_timeout

    async def _body(self, scope: Scope, receive: Receive) -> bytes:
        return await read_body(scope, receive, self.config.max_body_bytes)


async def _fault_reply(fault: Fault) -> Reply | None:
    """The answer a fault replaces the real one with; None when the real answer follows."""
    if fault.kind == "latency":
        await asyncio.sleep(fault.seconds)
    elif fault.kind == "http_error":
        page = GATEWAY_PAGES.get(fault.status, "Server Error")
        html = f"<html><head><title>{fault.status} {page}</title></head><body>{page}</body></html>"
        return Reply(fault.status, html.encode(), b"text/html")
    elif fault.kind == "too_many_requests":
        retry_after = [(b"retry-after", str(round(fault.seconds)).encode())]
        return text_reply(429, "Too Many Requests", retry_after)
    elif fault.kind == "rate_limit":
        return failure(ApiError(CODE_RATE_LIMITED, "rate limit exceeded[rate=1]"))
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
