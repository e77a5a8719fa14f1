"""What each injected fault sends, for the next N calls of a route, in-process and over HTTP."""

from __future__ import annotations

import httpx
import pytest

from tests.zilliz_import.mock.conftest import call
from zilliz_import.mock import Fault, MockApp, MockServer

pytestmark = pytest.mark.anyio


@pytest.mark.parametrize("status", [500, 502, 503])
async def test_http_error_with_a_non_json_body(client: httpx.AsyncClient, mock_app: MockApp, status: int) -> None:
    mock_app.faults.add(Fault("http_error", route="list", status=status, count=2))
    for _ in range(2):
        response = await call(client, "list", {})
        assert response.status_code == status
        assert response.headers["content-type"].startswith("text/html")
        with pytest.raises(ValueError):
            response.json()
    assert (await call(client, "list", {})).json()["code"] == 0, "the fault lasts exactly N calls"


async def test_429_carries_retry_after(client: httpx.AsyncClient, mock_app: MockApp) -> None:
    mock_app.faults.add(Fault("too_many_requests", seconds=3))
    response = await call(client, "describe", {"jobId": "1"})
    assert response.status_code == 429 and response.headers["retry-after"] == "3"


async def test_rate_limit_envelope(client: httpx.AsyncClient, mock_app: MockApp) -> None:
    mock_app.faults.add(Fault("rate_limit", route="get_progress"))
    assert (await call(client, "describe", {"jobId": "1"})).json()["code"] == 2100, "other routes unaffected"
    response = await call(client, "get_progress", {"jobId": "1"})
    assert response.status_code == 200 and response.json()["code"] == 1807


def test_drop_and_truncate_break_real_connections(mock_app: MockApp, mock_server: MockServer) -> None:
    with httpx.Client(base_url=mock_server.url) as client:
        add = client.post("/__mock__/faults", json={"kind": "drop", "route": "list"})
        assert add.status_code == 200 and add.json()["pending"][0]["left"] == 1
        with pytest.raises(httpx.TransportError):
            client.post("/v2/vectordb/jobs/import/list", json={}, headers={"Authorization": "Bearer root:Milvus"})
        client.post("/__mock__/faults", json={"kind": "truncate", "route": "list"})
        with pytest.raises(httpx.TransportError):
            client.post("/v2/vectordb/jobs/import/list", json={}, headers={"Authorization": "Bearer root:Milvus"})
        after = client.post("/v2/vectordb/jobs/import/list", json={}, headers={"Authorization": "Bearer root:Milvus"})
        assert after.json()["code"] == 0


async def test_drop_in_process_raises_a_connection_error(client: httpx.AsyncClient, mock_app: MockApp) -> None:
    mock_app.faults.add(Fault("drop"))
    with pytest.raises((ConnectionError, httpx.TransportError)):
        await call(client, "list", {})
