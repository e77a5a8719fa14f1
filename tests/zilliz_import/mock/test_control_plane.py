"""The control plane (reference sheet, section 7): routes, answers, IDs, paging and errors, on both transports."""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from tests.zilliz_import.mock.conftest import PREFIX, TLS, Switch, call, envelope
from zilliz_import.mock import DEFAULT_API_KEY, DEFAULT_CLUSTER, ControlPlaneApp, Fault, MockConfig, MockServer

pytestmark = pytest.mark.anyio
OBJECT_IMPORT = {
    "clusterId": DEFAULT_CLUSTER,
    "collectionName": "medium_articles",
    "objectUrl": "s3://bucket/dir/1.parquet",
    "accessKey": "AKIAEXAMPLE",
    "secretKey": "secret-example",
}
VOLUME_IMPORT = {
    "clusterId": DEFAULT_CLUSTER,
    "collectionName": "medium_articles",
    "volumeName": "my_volume",
    "dataPaths": [["dir/1.parquet"], ["cols/id.npy", "cols/vec.npy"]],
}
JOB_ID = re.compile(r"job-[a-z0-9]{21}")


@pytest.fixture
def cloud_app() -> ControlPlaneApp:
    return ControlPlaneApp(MockConfig(job_seconds=0.2, clusters=frozenset({DEFAULT_CLUSTER, "in02-other"})))


@pytest.fixture(params=["in-process", "http"])
async def cloud(
    request: pytest.FixtureRequest, cloud_app: ControlPlaneApp, shared_server: tuple[MockServer, Switch]
) -> AsyncIterator[httpx.AsyncClient]:
    if request.param == "in-process":
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=cloud_app), base_url="http://mock") as c:
            yield c
        return
    server, switch = shared_server
    switch.target = cloud_app
    async with httpx.AsyncClient(base_url=server.url, verify=TLS) as c:
        yield c


async def send(client: httpx.AsyncClient, route: str, body: Any) -> dict[str, Any]:
    answer = (await call(client, route, body, token=DEFAULT_API_KEY)).json()
    assert isinstance(answer, dict)
    return answer


async def created(client: httpx.AsyncClient, body: dict[str, Any] = OBJECT_IMPORT) -> str:
    answer = await send(client, "create", body)
    assert answer["code"] == 0, answer
    return str(answer["data"]["jobId"])


@pytest.mark.parametrize("body", [OBJECT_IMPORT, VOLUME_IMPORT])
async def test_create_answers_a_job_id_that_is_not_decimal(cloud: httpx.AsyncClient, body: dict[str, Any]) -> None:
    assert JOB_ID.fullmatch(await created(cloud, body))


@pytest.mark.parametrize("route", ["getProgress", "describe"])
async def test_progress_has_the_control_plane_fields_until_completed(cloud: httpx.AsyncClient, route: str) -> None:
    job = await created(cloud, VOLUME_IMPORT)
    for _ in range(200):
        data = (await send(cloud, route, {"jobId": job, "clusterId": DEFAULT_CLUSTER}))["data"]
        assert set(data) == {
            "collectionName", "completeTime", "details", "fileName", "fileSize", "jobId", "progress", "reason",
            "state", "totalRows",
        }  # fmt: skip
        assert data["state"] in ("Pending", "Importing", "Completed") and data["reason"] == ""
        if data["state"] == "Completed":
            break
        await asyncio.sleep(0.02)
    assert (data["progress"], data["jobId"], data["fileName"]) == (100, job, "dir/1.parquet,cols/id.npy,cols/vec.npy")
    assert [set(d) for d in data["details"]] == [
        {"completeTime", "fileName", "fileSize", "progress", "reason", "state"}
    ] * 2
    assert [d["fileName"] for d in data["details"]] == ["dir/1.parquet", "cols/id.npy cols/vec.npy"]
    assert data["fileSize"] == sum(d["fileSize"] for d in data["details"]) and data["totalRows"] > 0


async def test_a_failed_job_has_a_reason(cloud: httpx.AsyncClient) -> None:
    job = await created(cloud, OBJECT_IMPORT | {"objectUrl": "s3://bucket/fail.parquet"})
    await asyncio.sleep(0.3)
    data = (await send(cloud, "getProgress", {"jobId": job, "clusterId": DEFAULT_CLUSTER}))["data"]
    assert data["state"] == "Failed" and data["reason"]


async def test_list_pages_a_clusters_jobs_with_the_list_state_names(cloud: httpx.AsyncClient) -> None:
    jobs = [await created(cloud) for _ in range(3)]
    await created(cloud, OBJECT_IMPORT | {"clusterId": "in02-other"})
    first = (await send(cloud, "list", {"clusterId": DEFAULT_CLUSTER, "pageSize": 2, "currentPage": 1}))["data"]
    second = (await send(cloud, "list", {"clusterId": DEFAULT_CLUSTER, "pageSize": 2, "currentPage": 2}))["data"]
    assert (first["count"], first["currentPage"], first["pageSize"]) == (3, 1, 2)
    assert [r["jobId"] for r in first["records"] + second["records"]] == jobs
    assert {r["state"] for r in first["records"]} <= {"Pending", "InProgress", "Completed", "Failed"}
    assert set(first["records"][0]) == {"collectionName", "jobId", "state"}


@pytest.mark.parametrize(
    ("route", "body", "code"),
    [
        ("create", {k: v for k, v in OBJECT_IMPORT.items() if k != "clusterId"}, 1802),
        ("create", OBJECT_IMPORT | {"clusterId": "in09-unknown"}, 1100),
        ("create", OBJECT_IMPORT | {"collectionName": ""}, 1802),
        ("create", {"clusterId": DEFAULT_CLUSTER, "collectionName": "c"}, 1802),
        ("list", {}, 1802),
        ("list", {"clusterId": DEFAULT_CLUSTER, "pageSize": 101}, 1100),
        ("list", {"clusterId": DEFAULT_CLUSTER, "currentPage": -1}, 1100),
        ("list", {"clusterId": DEFAULT_CLUSTER, "pageSize": 0}, 1100),
        ("list", {"clusterId": DEFAULT_CLUSTER, "currentPage": None}, 1100),
        ("getProgress", {"clusterId": DEFAULT_CLUSTER}, 1802),
        ("getProgress", {"clusterId": DEFAULT_CLUSTER, "jobId": "job-aaaaaaaaaaaaaaaaaaaaa"}, 2100),
        ("getProgress", {"clusterId": DEFAULT_CLUSTER, "jobId": 5}, 1801),
        ("create", OBJECT_IMPORT | {"token": {}}, 1801),
        ("create", OBJECT_IMPORT | {"secretKey": 7}, 1801),
    ],
)
async def test_refusals(cloud: httpx.AsyncClient, route: str, body: dict[str, Any], code: int) -> None:
    answer = await send(cloud, route, body)
    assert answer["code"] == code and answer["message"]


async def test_a_job_is_not_found_under_another_cluster(cloud: httpx.AsyncClient) -> None:
    job = await created(cloud)
    answer = await send(cloud, "getProgress", {"jobId": job, "clusterId": "in02-other"})
    assert answer["code"] == 2100


@pytest.mark.parametrize("token", [None, "root:Milvus", "wrong-key"])
async def test_an_illegal_api_key_is_21119(cloud: httpx.AsyncClient, token: str | None) -> None:
    response = await call(cloud, "list", {"clusterId": DEFAULT_CLUSTER}, token=token)
    assert envelope(response) == (200, 21119, "The apikey is illegal.")


async def test_faults_apply_to_the_control_plane_routes(cloud: httpx.AsyncClient, cloud_app: ControlPlaneApp) -> None:
    cloud_app.faults.add(Fault("panic", route="getProgress"))
    response = await call(cloud, "getProgress", {"jobId": "x", "clusterId": DEFAULT_CLUSTER}, token=DEFAULT_API_KEY)
    assert envelope(response)[:2] == (500, 500)


async def test_cluster_routes_that_the_control_plane_lacks_are_404(cloud: httpx.AsyncClient) -> None:
    for route in ("get_progress", "commit"):
        response = await cloud.post(PREFIX + route, json={}, headers={"Authorization": f"Bearer {DEFAULT_API_KEY}"})
        assert response.status_code == 404
