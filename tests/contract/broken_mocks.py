"""Deliberately broken variants of the mock: each breaks the contract in one way the suite must report."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable
from typing import Any

from zilliz_import.mock import DEFAULT_TOKEN, MockApp, MockConfig
from zilliz_import.mock.asgi import Message, Receive, Scope, Send

Mutation = Callable[[dict[str, Any]], dict[str, Any]]


class RewritingApp:
    """Wraps the mock and rewrites the JSON bodies it answers (Content-Length kept right)."""

    def __init__(self, mutate: Mutation, *, scope_hook: Callable[[Scope], None] | None = None) -> None:
        self.app = MockApp(MockConfig(seed=3, job_seconds=0.05))
        self.mutate = mutate
        self.scope_hook = scope_hook

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if self.scope_hook is not None:
            self.scope_hook(scope)
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
                body = json.dumps(self.mutate(json.loads(body))).encode()
            headers = [(k, v) for k, v in start["headers"] if k != b"content-length"]
            headers.append((b"content-length", str(len(body)).encode()))
            await send({"type": "http.response.start", "status": start["status"], "headers": headers})
            await send({"type": "http.response.body", "body": body})

        await self.app(scope, receive, rewrite)


def progress_as_string(body: dict[str, Any]) -> dict[str, Any]:
    """A wrong type: `progress` sent as a string, as the published page's table suggests."""
    if isinstance(body.get("data"), dict) and "progress" in body["data"]:
        body["data"]["progress"] = str(body["data"]["progress"])
    return body


def without_complete_time(body: dict[str, Any]) -> dict[str, Any]:
    """A missing required field: `completeTime` left out until the job completes."""
    if isinstance(body.get("data"), dict) and body["data"].get("completeTime") == "":
        del body["data"]["completeTime"]
    return body


def undocumented_code(body: dict[str, Any]) -> dict[str, Any]:
    """An error code the spec does not document."""
    if body.get("code") == 2100:
        body["code"] = 2199
    return body


def server_error(body: dict[str, Any]) -> dict[str, Any]:
    """Unchanged bodies; the scope hook below makes listings fail with HTTP 500 instead."""
    return body


def accept_any_token(scope: Scope) -> None:
    """Auth ignored: every request is treated as if it carried the right token."""
    headers = [(k, v) for k, v in scope["headers"] if k.lower() != b"authorization"]
    scope["headers"] = [*headers, (b"authorization", f"Bearer {DEFAULT_TOKEN}".encode())]


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


BROKEN_VARIANTS: dict[str, Callable[[], Any]] = {
    "wrong type in a field": lambda: RewritingApp(progress_as_string),
    "missing required field": lambda: RewritingApp(without_complete_time),
    "auth ignored": lambda: RewritingApp(lambda body: body, scope_hook=accept_any_token),
    "undocumented error code": lambda: RewritingApp(undocumented_code),
    "server error": lambda: CrashingListApp(server_error),
}
