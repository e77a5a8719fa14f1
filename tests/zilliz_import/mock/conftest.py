"""A client per transport: the mock in-process (no socket) and over real HTTP, and the tests' shared helpers."""

from __future__ import annotations

import asyncio
import ssl
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
import trustme

from zilliz_import.mock import DEFAULT_TOKEN, MockApp, MockConfig, MockServer
from zilliz_import.mock.asgi import Receive, Scope, Send

PREFIX = "/v2/vectordb/jobs/import/"
TLS = ssl.create_default_context()  # loading the CA bundle costs 60 ms per client; load it once
PROGRESS_ROUTES = ["get_progress", "describe"]
CREATE = {"collectionName": "quick_setup", "files": [["dir/1.parquet"]]}
TWO_PHASE = CREATE | {"options": {"auto_commit": "false"}}
Connect = Callable[..., AbstractAsyncContextManager[tuple[httpx.AsyncClient, MockApp]]]


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


@pytest.fixture(params=["in-process", "http"])
def connect(request: pytest.FixtureRequest, shared_server: tuple[MockServer, Switch]) -> Connect:
    """Open a client to a fresh mock with the given settings (short jobs), in-process or over HTTP."""

    @asynccontextmanager
    async def opened(**settings: Any) -> AsyncIterator[tuple[httpx.AsyncClient, MockApp]]:
        app = MockApp(MockConfig(**({"job_seconds": 0.2} | settings)))
        if request.param == "in-process":
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://mock", verify=TLS) as client:
                yield client, app
            return
        server, switch = shared_server
        switch.target = app
        async with httpx.AsyncClient(base_url=server.url, verify=TLS) as client:
            yield client, app

    return opened


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


async def created(client: httpx.AsyncClient, body: dict[str, Any] = CREATE, **kwargs: Any) -> str:
    response = await call(client, "create", body, **kwargs)
    assert response.json()["code"] == 0, response.text
    return str(response.json()["data"]["jobId"])


async def progress(client: httpx.AsyncClient, job_id: str, **kwargs: Any) -> dict[str, Any]:
    body = (await call(client, "describe", {"jobId": job_id}, **kwargs)).json()
    assert body["code"] == 0, body
    return dict(body["data"])


async def until(client: httpx.AsyncClient, job_id: str, state: str, seconds: float = 5.0) -> dict[str, Any]:
    """Poll until the job reaches `state`; the mock's jobs last about 0.2 s here."""
    for _ in range(int(seconds / 0.02)):
        data = await progress(client, job_id)
        if data["state"] == state:
            return data
        await asyncio.sleep(0.02)
    raise AssertionError(f"job {job_id} never reached {state}; last {data['state']}")


@pytest.fixture
def tls_files(tmp_path: Path) -> tuple[str, str, str]:
    """(CA bundle, server chain, server key) of a throwaway CA, for 127.0.0.1."""
    authority = trustme.CA()
    leaf = authority.issue_cert("127.0.0.1", "localhost")
    paths = tuple(str(tmp_path / name) for name in ("ca.pem", "chain.pem", "key.pem"))
    authority.cert_pem.write_to_path(paths[0])
    leaf.private_key_and_cert_chain_pem.write_to_path(paths[1])
    leaf.private_key_pem.write_to_path(paths[2])
    return paths  # type: ignore[return-value]
