"""Every error row of the reference sheet, answered as the real server answers it, on both transports."""

from __future__ import annotations

import socket

import httpx
import pytest

from tests.zilliz_import.mock.conftest import call, envelope
from zilliz_import.mock import DEFAULT_API_KEY, READ_ONLY_TOKEN, Fault, MockApp, MockServer

pytestmark = pytest.mark.anyio
PROGRESS_ROUTES = ["get_progress", "describe"]
CREATE = {"collectionName": "quick_setup", "files": [["dir/1.parquet"]]}


@pytest.mark.parametrize("route", PROGRESS_ROUTES)
async def test_empty_body_is_1801(client: httpx.AsyncClient, route: str) -> None:
    status, code, message = envelope(await call(client, route, content=b""))
    assert (status, code) == (200, 1801)
    assert message.startswith("can only accept json format request")


@pytest.mark.parametrize("route", [*PROGRESS_ROUTES, "create", "list"])
@pytest.mark.parametrize("raw", [b"{", b"not json", b"[1,2]", b'"text"', b"\xff\xfe"])
async def test_malformed_json_is_1801(client: httpx.AsyncClient, route: str, raw: bytes) -> None:
    status, code, message = envelope(await call(client, route, content=raw))
    assert (status, code) == (200, 1801)
    assert message.startswith("can only accept json format request, error: ")


@pytest.mark.parametrize("route", PROGRESS_ROUTES)
async def test_job_id_as_a_number_like_the_seed_example_is_1801(client: httpx.AsyncClient, route: str) -> None:
    status, code, message = envelope(await call(client, route, {"jobId": 44870776388440916}))
    assert (status, code) == (200, 1801)
    assert "cannot unmarshal number" in message


@pytest.mark.parametrize("route", PROGRESS_ROUTES)
@pytest.mark.parametrize("body", [{}, {"jobId": ""}, {"jobId": None}, None, {"jobid_typo": "1"}])
async def test_missing_job_id_is_1802(client: httpx.AsyncClient, route: str, body: object) -> None:
    content = b"null" if body is None else None
    status, code, message = envelope(await call(client, route, body, content=content))
    assert (status, code) == (200, 1802)
    assert message.startswith("missing required parameters")


@pytest.mark.parametrize("route", PROGRESS_ROUTES)
@pytest.mark.parametrize("job_id", ["abc", "12x", "1.5", " 1", "0x10", "9223372036854775808", "٣"])
async def test_job_id_not_a_decimal_int64_is_2100_parse_failed(
    client: httpx.AsyncClient, route: str, job_id: str
) -> None:
    status, code, message = envelope(await call(client, route, {"jobId": job_id}))
    assert (status, code) == (200, 2100)
    assert message.startswith("parse job id failed")


@pytest.mark.parametrize("route", PROGRESS_ROUTES)
@pytest.mark.parametrize("job_id", ["1", "-5", "+7", "9223372036854775807", "448761313698322011"])
async def test_unknown_job_is_2100_does_not_exist(client: httpx.AsyncClient, route: str, job_id: str) -> None:
    status, code, message = envelope(await call(client, route, {"jobId": job_id}))
    assert (status, code) == (200, 2100)
    assert message.startswith(f"import job does not exist, jobID={int(job_id)}")


@pytest.mark.parametrize("route", [*PROGRESS_ROUTES, "create", "list"])
@pytest.mark.parametrize("token", [None, "", "root:wrong", "nobody:Milvus", "not-a-key"])
async def test_missing_or_wrong_token_is_401_1800(client: httpx.AsyncClient, route: str, token: str | None) -> None:
    status, code, message = envelope(await call(client, route, {"jobId": "1"}, token=token))
    assert (status, code) == (401, 1800)
    assert message.startswith("user hasn't authenticated")


async def test_wrong_auth_scheme_is_401(client: httpx.AsyncClient) -> None:
    response = await client.post("/v2/vectordb/jobs/import/list", json={}, headers={"Authorization": "Basic cm9vdA=="})
    assert envelope(response)[:2] == (401, 1800)


async def test_api_key_and_username_password_both_authenticate(client: httpx.AsyncClient) -> None:
    for token in (DEFAULT_API_KEY, "root:Milvus"):
        assert (await call(client, "list", {}, token=token)).json()["code"] == 0


async def test_read_only_user_is_403_1401_on_create(client: httpx.AsyncClient) -> None:
    status, code, message = envelope(await call(client, "create", CREATE, token=READ_ONLY_TOKEN))
    assert (status, code) == (403, 1401)
    assert message.endswith("privilege not permitted")


@pytest.mark.parametrize("timeout", ["1", "+1"])
async def test_server_side_timeout_is_408_10001(client: httpx.AsyncClient, mock_app: MockApp, timeout: str) -> None:
    mock_app.faults.add(Fault("latency", route="list", seconds=1.5))
    response = await call(client, "list", {}, headers={"Request-Timeout": timeout})
    status, code, message = envelope(response)
    assert (status, code) == (408, 10001)
    assert message.startswith("request timeout")


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({"files": [["a.parquet"]]}, 1802),
        ({"collectionName": "", "files": [["a.parquet"]]}, 1802),
        ({"collectionName": "c"}, 1802),
        ({"collectionName": "c", "files": None}, 1802),
        ({"collectionName": "c", "files": []}, 1100),
        ({"collectionName": "c", "files": [[]]}, 1100),
        ({"collectionName": "c", "files": [[""]]}, 1100),
        ({"collectionName": "c", "files": [["a"]] * 1025}, 2100),
        ({"collectionName": "c", "files": "a.parquet"}, 1801),
        ({"collectionName": "c", "files": ["a.parquet"]}, 1801),
        ({"collectionName": "c", "files": [[1]]}, 1801),
        ({"collectionName": 5, "files": [["a"]]}, 1801),
        ({"collectionName": "c", "files": [["a"]], "options": {"timeout": 300}}, 1801),
        ({"collectionName": "c", "files": [["a"]], "dbName": 1}, 1801),
        ({"collectionName": "1bad", "files": [["a"]]}, 100),
        ({"collectionName": "x" * 256, "files": [["a"]]}, 100),
    ],
)
async def test_create_refuses_bad_requests_like_the_server(client: httpx.AsyncClient, body: object, code: int) -> None:
    assert envelope(await call(client, "create", body))[:2] == (200, code)


async def test_unknown_request_fields_are_ignored(client: httpx.AsyncClient) -> None:
    extra = {"clusterId": "", "projectId": "", "regionId": "", "objectUrls": None, "dataPaths": None}
    created = (await call(client, "create", CREATE | extra)).json()
    assert created["code"] == 0
    progress = (await call(client, "describe", {"jobId": created["data"]["jobId"]} | extra)).json()
    assert progress["code"] == 0 and progress["data"]["jobId"] == created["data"]["jobId"]


@pytest.mark.parametrize("method", ["GET", "PUT", "DELETE", "PATCH"])
async def test_other_methods_are_405_with_allow(client: httpx.AsyncClient, method: str) -> None:
    response = await client.request(method, "/v2/vectordb/jobs/import/describe")
    assert response.status_code == 405
    assert response.headers["allow"] == "POST"


async def test_unknown_path_is_404(client: httpx.AsyncClient) -> None:
    assert (await client.post("/v2/vectordb/jobs/import/nope", json={})).status_code == 404


async def test_oversized_body_is_refused_with_413_in_process(mock_app: MockApp) -> None:
    too_big = b'{"jobId": "' + b"1" * mock_app.config.max_body_bytes + b'"}'
    transport = httpx.ASGITransport(app=mock_app)
    async with httpx.AsyncClient(transport=transport, base_url="http://mock") as client:
        response = await call(client, "describe", content=too_big)
    assert response.status_code == 413


def test_oversized_body_is_refused_before_it_is_sent(mock_server: MockServer) -> None:
    """Only the headers and a few bytes go out; the answer must come without the rest of the body."""
    with socket.create_connection((mock_server.host, mock_server.port), timeout=10) as sock:
        sock.sendall(
            b"POST /v2/vectordb/jobs/import/describe HTTP/1.1\r\nHost: mock\r\n"
            b'Authorization: Bearer root:Milvus\r\nContent-Length: 1000000000\r\n\r\n{"jobId": "'
        )
        answer = sock.recv(4096)
    assert answer.startswith(b"HTTP/1.1 413 ")


async def test_success_keys_are_in_alphabetical_order(client: httpx.AsyncClient) -> None:
    created = (await call(client, "create", CREATE)).json()
    response = await call(client, "get_progress", {"jobId": created["data"]["jobId"]})
    data = response.json()["data"]
    assert list(data) == sorted(data)
    assert response.headers["content-type"].startswith("application/json")
