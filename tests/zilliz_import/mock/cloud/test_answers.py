"""The control plane's progress answers: its own fields and state names until Completed, a failed job's reason."""

from __future__ import annotations

import asyncio

import httpx
import pytest

from tests.zilliz_import.mock.cloud.conftest import OBJECT_IMPORT, VOLUME_IMPORT, created, send
from zilliz_import.mock import DEFAULT_CLUSTER

pytestmark = pytest.mark.anyio


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
