"""The control plane's routes (reference sheet, section 7): paging, refusals, clusters, routes it lacks."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.zilliz_import.mock.cloud.conftest import OBJECT_IMPORT, VOLUME_IMPORT, created, send
from tests.zilliz_import.mock.conftest import PREFIX
from zilliz_import.mock import DEFAULT_API_KEY, DEFAULT_CLUSTER

pytestmark = pytest.mark.anyio


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


async def test_cluster_routes_that_the_control_plane_lacks_are_404(cloud: httpx.AsyncClient) -> None:
    for route in ("get_progress", "commit"):
        response = await cloud.post(PREFIX + route, json={}, headers={"Authorization": f"Bearer {DEFAULT_API_KEY}"})
        assert response.status_code == 404


async def test_the_control_plane_does_not_check_file_types_nor_fold_keys(cloud: httpx.AsyncClient) -> None:
    """Sheet section 1 checks file types on a cluster endpoint only; section 7 says nothing of key case."""
    assert await created(cloud, VOLUME_IMPORT | {"dataPaths": [["a.txt"], ["a.parquet", "b.parquet"]]})
    folded = await send(cloud, "create", {**OBJECT_IMPORT, "clusterId": None, "CLUSTERID": DEFAULT_CLUSTER})
    assert folded["code"] != 0
