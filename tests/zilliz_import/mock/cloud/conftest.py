"""The control-plane mock (two clusters, short jobs) on both transports, and requests to it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from tests.zilliz_import.mock.conftest import TLS, Switch, call
from zilliz_import.mock import DEFAULT_API_KEY, DEFAULT_CLUSTER, ControlPlaneApp, MockConfig, MockServer

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
