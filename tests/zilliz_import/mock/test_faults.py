"""Injected faults: each kind, for the next N calls of a route, in-process and over HTTP."""

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


async def test_latency_delays_then_answers(client: httpx.AsyncClient, mock_app: MockApp) -> None:
    mock_app.faults.add(Fault("latency", seconds=0.3))
    response = await call(client, "list", {})
    assert response.json()["code"] == 0
    assert response.elapsed.total_seconds() >= 0.29 or isinstance(client._transport, httpx.ASGITransport)


async def test_faults_apply_in_order_and_can_be_cleared(mock_app: MockApp) -> None:
    mock_app.faults.add(Fault("rate_limit", count=1))
    mock_app.faults.add(Fault("http_error", status=502, count=5))
    assert mock_app.faults.take("list") == Fault("rate_limit", count=1)
    assert mock_app.faults.take("list") == Fault("http_error", status=502, count=5)
    mock_app.faults.clear()
    assert mock_app.faults.take("list") is None


@pytest.mark.parametrize(
    "payload",
    [
        {"kind": "explode"},
        {"kind": "drop", "route": "delete"},
        {"kind": "drop", "count": 0},
        {"kind": "latency", "seconds": -1},
        {"kind": "http_error", "status": 404},
        {"kind": "drop", "count": "3"},
        {"kind": "drop", "colour": "red"},
        [],
    ],
)
def test_bad_fault_requests_are_refused_with_a_message(payload: object) -> None:
    with pytest.raises(ValueError, match=r"\w"):
        Fault.from_json(payload)


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


def test_admin_routes_over_http(mock_app: MockApp, mock_server: MockServer) -> None:
    with httpx.Client(base_url=mock_server.url) as client:
        assert client.post("/__mock__/faults", json={"kind": "nope"}).status_code == 400
        assert client.post("/__mock__/faults", content=b"{").status_code == 400
        client.post("/__mock__/faults", json={"kind": "rate_limit", "count": 4})
        assert client.get("/__mock__/faults").json()["pending"][0]["left"] == 4
        assert client.delete("/__mock__/faults").status_code == 200
        assert client.get("/__mock__/faults").json()["pending"] == []
        mock_app.jobs.create(db_name="default", collection_name="c", files=[["a"]])
        assert client.get("/__mock__/health").json() == {"ok": True, "jobs": 1}
        (job_id,) = client.get("/__mock__/jobs").json()["endsAt"]
        auth = {"Authorization": "Bearer root:Milvus"}
        for _ in range(3):
            client.post("/v2/vectordb/jobs/import/describe", json={"jobId": job_id}, headers=auth)
        assert client.get("/__mock__/requests").json()["requests"] == {"describe": 3}
        assert client.post("/__mock__/reset").status_code == 200
        assert client.get("/__mock__/health").json()["jobs"] == 0
        assert client.get("/__mock__/requests").json()["requests"] == {}
        assert client.get("/__mock__/jobs").json()["endsAt"] == {}
        assert client.get("/__mock__/nothing").status_code == 404
