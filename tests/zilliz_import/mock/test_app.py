"""The request loop both servers share: routing, methods, Request-Timeout and injected latency, on both transports."""

from __future__ import annotations

import httpx
import pytest

from tests.zilliz_import.mock.conftest import CREATE, PREFIX, Connect, call, envelope
from zilliz_import.mock import Fault, MockApp

pytestmark = pytest.mark.anyio


@pytest.mark.parametrize("method", ["GET", "PUT", "DELETE", "PATCH"])
async def test_other_methods_are_405_with_allow(client: httpx.AsyncClient, method: str) -> None:
    response = await client.request(method, "/v2/vectordb/jobs/import/describe")
    assert response.status_code == 405
    assert response.headers["allow"] == "POST"


async def test_unknown_path_is_404(client: httpx.AsyncClient) -> None:
    assert (await client.post("/v2/vectordb/jobs/import/nope", json={})).status_code == 404


async def test_routes_are_only_under_the_import_prefix(connect: Connect) -> None:
    async with connect() as (client, _):
        response = await client.post(PREFIX.removesuffix("/") + "x/create", json=CREATE)
    assert response.status_code == 404


@pytest.mark.parametrize("timeout", ["1", "+1"])
async def test_server_side_timeout_is_408_10001(client: httpx.AsyncClient, mock_app: MockApp, timeout: str) -> None:
    mock_app.faults.add(Fault("latency", route="list", seconds=1.5))
    response = await call(client, "list", {}, headers={"Request-Timeout": timeout})
    status, code, message = envelope(response)
    assert (status, code) == (408, 10001)
    assert message.startswith("request timeout")


@pytest.mark.parametrize(("standard", "status"), [(False, 408), (True, 500)])
async def test_timeout_after_the_body_was_read(connect: Connect, standard: bool, status: int) -> None:
    async with connect(standard_error_status=standard) as (client, app):
        app.faults.add(Fault("latency", route="list", seconds=1.5))
        response = await call(client, "list", {}, headers={"Request-Timeout": "1"})
    assert envelope(response)[:2] == (status, 10001)


@pytest.mark.parametrize("standard", [False, True])
@pytest.mark.parametrize("value", ["0", "-5"])
async def test_request_timeout_zero_or_negative_times_out_at_once(connect: Connect, standard: bool, value: str) -> None:
    async with connect(standard_error_status=standard) as (client, _):
        response = await call(client, "list", {}, headers={"Request-Timeout": value})
    assert envelope(response)[:2] == (408, 10001)


async def test_latency_delays_then_answers(client: httpx.AsyncClient, mock_app: MockApp) -> None:
    mock_app.faults.add(Fault("latency", seconds=0.3))
    response = await call(client, "list", {})
    assert response.json()["code"] == 0
    assert response.elapsed.total_seconds() >= 0.29 or isinstance(client._transport, httpx.ASGITransport)
