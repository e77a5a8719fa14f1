"""Deliberately broken variants of the mock, made at the HTTP boundary: each breaks the contract in one way.

A wrapper edits the mock's answers (or the requests it receives), so the variants stay valid however
the mock's internals change.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable
from typing import Any

from tests.zilliz_import.contract.conftest import stepped_mock
from zilliz_import.mock import DEFAULT_TOKEN
from zilliz_import.mock.asgi import ASGIApp, Message, Receive, Scope, Send

Mutation = Callable[[dict[str, Any], str], dict[str, Any]]  # (answer body, route) -> answer body
RequestEdit = Callable[[bytes], bytes]


def unchanged(body: dict[str, Any], route: str) -> dict[str, Any]:
    """Answers as the mock gives them."""
    return body


class RewritingApp:
    """Wraps the mock and rewrites the JSON bodies it answers (Content-Length kept right)."""

    def __init__(
        self,
        mutate: Mutation = unchanged,
        *,
        scope_hook: Callable[[Scope], None] | None = None,
        request_edit: RequestEdit | None = None,
        app: ASGIApp | None = None,
    ) -> None:
        self.app = app if app is not None else stepped_mock()
        self.mutate = mutate
        self.scope_hook = scope_hook
        self.request_edit = request_edit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if self.scope_hook is not None:
            self.scope_hook(scope)
        if self.request_edit is not None:
            receive = await self._edited(scope, receive)
        route = scope["path"].rsplit("/", 1)[-1]
        start: Message = {}
        chunks: list[bytes] = []

        async def rewrite(message: Message) -> None:
            if message["type"] == "http.response.start":
                start.update(message)
                return
            chunks.append(message.get("body", b""))
            if message.get("more_body"):
                return
            body = b"".join(chunks)
            with contextlib.suppress(ValueError):
                body = json.dumps(self.mutate(json.loads(body), route)).encode()
            headers = [(k, v) for k, v in start["headers"] if k != b"content-length"]
            headers.append((b"content-length", str(len(body)).encode()))
            await send({"type": "http.response.start", "status": start["status"], "headers": headers})
            await send({"type": "http.response.body", "body": body})

        await self.app(scope, receive, rewrite)

    async def _edited(self, scope: Scope, receive: Receive) -> Receive:
        """Read the whole request body, edit it, and hand the mock the edited one."""
        chunks, message = [], {"more_body": True}
        while message.get("more_body"):
            message = await receive()
            chunks.append(message.get("body", b""))
        assert self.request_edit is not None
        body = self.request_edit(b"".join(chunks))
        headers = [(k, v) for k, v in scope["headers"] if k.lower() != b"content-length"]
        scope["headers"] = [*headers, (b"content-length", str(len(body)).encode())]

        async def replay() -> Message:
            return {"type": "http.request", "body": body, "more_body": False}

        return replay


def job_views(body: dict[str, Any]) -> list[dict[str, Any]]:
    """The job objects of an answer: a progress answer's data, or a list's records."""
    data = body.get("data")
    if not isinstance(data, dict):
        return []
    records = data.get("records")
    return (
        [r for r in records if isinstance(r, dict)] if isinstance(records, list) else [data] if "state" in data else []
    )


def edit_jobs(edit: Callable[[dict[str, Any]], None], routes: tuple[str, ...] = ()) -> Mutation:
    """A mutation that applies `edit` to every job object (only on `routes` when given)."""

    def mutate(body: dict[str, Any], route: str) -> dict[str, Any]:
        if not routes or route in routes:
            for view in job_views(body):
                edit(view)
        return body

    return mutate


def accept_any_token(scope: Scope, token: str = DEFAULT_TOKEN) -> None:
    """Auth ignored: every request is treated as if it carried the right token."""
    headers = [(k, v) for k, v in scope["headers"] if k.lower() != b"authorization"]
    scope["headers"] = [*headers, (b"authorization", f"Bearer {token}".encode())]


class CrashingListApp(RewritingApp):
    """Answers HTTP 500 with a JSON envelope on `list`, as a crashed proxy would."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"].endswith("/list"):
            body = b'{"code":65535,"message":"internal error"}'
            headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
            await send({"type": "http.response.start", "status": 500, "headers": headers})
            await send({"type": "http.response.body", "body": body})
            return
        await super().__call__(scope, receive, send)
