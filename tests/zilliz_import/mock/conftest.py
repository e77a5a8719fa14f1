"""A client per transport: the mock in-process (no socket) and over real HTTP."""

from __future__ import annotations

import ssl
from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import pytest

from zilliz_import.mock import DEFAULT_TOKEN, MockApp, MockServer
from zilliz_import.mock.asgi import Receive, Scope, Send

PREFIX = "/v2/vectordb/jobs/import/"
TLS = ssl.create_default_context()  # loading the CA bundle costs 60 ms per client; load it once


class Switch:
    """An ASGI app that forwards to whichever app the current test set, so one server serves all tests."""

    def __init__(self) -> None:
        self.target: MockApp = MockApp()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await self.target(scope, receive, send)


@pytest.fixture(scope="session")
def shared_server() -> Iterator[tuple[MockServer, Switch]]:
    """One uvicorn server on a free port for the whole session (starting one per test costs 0.2 s)."""
    switch = Switch()
    with MockServer(switch) as server:
        yield server, switch


@pytest.fixture(params=["in-process", "http"])
async def client(
    request: pytest.FixtureRequest, mock_app: MockApp, shared_server: tuple[MockServer, Switch]
) -> AsyncIterator[httpx.AsyncClient]:
    """An httpx client that reaches `mock_app` in-process or through a uvicorn server on a free port."""
    if request.param == "in-process":
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=mock_app), base_url="http://mock", verify=TLS
        ) as c:
            yield c
        return
    server, switch = shared_server
    switch.target = mock_app
    async with httpx.AsyncClient(base_url=server.url, verify=TLS) as c:
        yield c


async def call(
    client: httpx.AsyncClient,
    route: str,
    body: Any = None,
    *,
    token: str | None = DEFAULT_TOKEN,
    content: bytes | None = None,
    headers: dict[str, str] | None = None,
) -> httpx.Response:
    """POST to one import route with a bearer token (None: no Authorization header)."""
    sent = dict(headers or {})
    if token is not None:
        sent["Authorization"] = f"Bearer {token}".strip()
    if content is None and body is not None:
        return await client.post(PREFIX + route, json=body, headers=sent)
    return await client.post(PREFIX + route, content=content or b"", headers=sent)


def envelope(response: httpx.Response) -> tuple[int, int, str]:
    """(HTTP status, code, message) of an error answer."""
    body = response.json()
    assert set(body) == {"code", "message"}, body
    return response.status_code, body["code"], body["message"]
