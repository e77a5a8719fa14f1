"""The control plane's app: `job-...` IDs, API keys only (21119), the shared faults on its routes."""

from __future__ import annotations

import re
from typing import Any

import httpx
import pytest

from tests.zilliz_import.mock.cloud.conftest import OBJECT_IMPORT, VOLUME_IMPORT, created
from tests.zilliz_import.mock.conftest import call, envelope
from zilliz_import.mock import DEFAULT_API_KEY, DEFAULT_CLUSTER, ControlPlaneApp, Fault

pytestmark = pytest.mark.anyio
JOB_ID = re.compile(r"job-[a-z0-9]{21}")


@pytest.mark.parametrize("body", [OBJECT_IMPORT, VOLUME_IMPORT])
async def test_create_answers_a_job_id_that_is_not_decimal(cloud: httpx.AsyncClient, body: dict[str, Any]) -> None:
    assert JOB_ID.fullmatch(await created(cloud, body))


@pytest.mark.parametrize("token", [None, "root:Milvus", "wrong-key"])
async def test_an_illegal_api_key_is_21119(cloud: httpx.AsyncClient, token: str | None) -> None:
    response = await call(cloud, "list", {"clusterId": DEFAULT_CLUSTER}, token=token)
    assert envelope(response) == (200, 21119, "The apikey is illegal.")


async def test_faults_apply_to_the_control_plane_routes(cloud: httpx.AsyncClient, cloud_app: ControlPlaneApp) -> None:
    cloud_app.faults.add(Fault("panic", route="getProgress"))
    response = await call(cloud, "getProgress", {"jobId": "x", "clusterId": DEFAULT_CLUSTER}, token=DEFAULT_API_KEY)
    assert envelope(response)[:2] == (500, 500)
