"""The mock's control routes under /__mock__/, apart from the API: faults, reset, health and what it served."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Awaitable, Callable
from typing import Protocol

from zilliz_import.mock.asgi import BodyTooLarge, Scope
from zilliz_import.mock.faults import KINDS, Fault, FaultPlan
from zilliz_import.mock.replies import Reply, json_reply
from zilliz_import.mock.store import JobStore

ADMIN_PREFIX = "/__mock__/"


class MockState(Protocol):
    """What the control routes read and change: a mock's jobs, pending faults and API requests served."""

    @property
    def jobs(self) -> JobStore:
        """The mock's jobs."""

    @property
    def faults(self) -> FaultPlan:
        """The faults waiting for their calls."""

    @property
    def requests(self) -> Counter[str]:
        """API requests served, by route."""


async def admin_reply(app: MockState, scope: Scope, read_body: Callable[[], Awaitable[bytes]]) -> Reply:
    """Answer one control request.

    Args:
        app: The mock whose state the request reads or changes.
        scope: The ASGI scope of the request.
        read_body: Reads the request body (bounded like the API's).

    Returns:
        A JSON reply; HTTP 400 with `error` for a bad request, 404/405 for unknown routes or methods.
    """
    route, method = scope["path"].removeprefix(ADMIN_PREFIX), scope["method"]
    if route == "health" and method == "GET":
        return json_reply({"ok": True, "jobs": len(app.jobs)})
    if route == "reset" and method == "POST":
        app.jobs.clear()
        app.faults.clear()
        app.requests.clear()
        return json_reply({"ok": True})
    if route == "jobs" and method == "GET":
        return json_reply({"endsAt": app.jobs.end_times()})
    if route == "requests" and method == "GET":
        return json_reply({"requests": dict(app.requests)})
    if route == "faults":
        return await _faults_reply(app, method, read_body)
    return json_reply({"error": f"no admin route {method} {scope['path']}"}, 404)


async def _faults_reply(app: MockState, method: str, read_body: Callable[[], Awaitable[bytes]]) -> Reply:
    if method == "GET":
        return json_reply({"pending": app.faults.describe(), "kinds": KINDS})
    if method == "DELETE":
        app.faults.clear()
        return json_reply({"ok": True})
    if method != "POST":
        return json_reply({"error": f"method {method} not allowed on faults"}, 405)
    try:
        fault = Fault.from_json(json.loads(await read_body() or b"null"))
    except ValueError as error:
        return json_reply({"error": str(error)}, 400)
    except BodyTooLarge:
        return json_reply({"error": "request body too large"}, 413)
    app.faults.add(fault)
    return json_reply({"ok": True, "pending": app.faults.describe()})
