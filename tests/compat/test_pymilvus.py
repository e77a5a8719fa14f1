"""The official Python SDK (pymilvus, bench group) runs unchanged against the mock: cluster and control plane.

Run by `make compat`, which installs the bench group first; `make test` does not install pymilvus.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from types import ModuleType
from typing import Any

import pytest

from zilliz_import.mock import (
    DEFAULT_API_KEY,
    DEFAULT_CLUSTER,
    DEFAULT_TOKEN,
    READ_ONLY_TOKEN,
    ControlPlaneApp,
    MockApp,
    MockConfig,
    MockServer,
)

pytestmark = pytest.mark.compat
FILES = [["parquet-folder/1.parquet"], ["numpy-folder/id.npy", "numpy-folder/vector.npy"]]


@pytest.fixture(scope="module")
def sdk() -> Iterator[ModuleType]:
    """pymilvus.bulk_writer, imported without its `logging.basicConfig` leaking into other tests."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    from pymilvus import bulk_writer

    root.handlers[:], root.level = handlers, level
    yield bulk_writer


@pytest.fixture(params=["2.5", "2.6", "newest"])
def server(request: pytest.FixtureRequest) -> Iterator[MockServer]:
    """The mock of each release on a free loopback port, with short jobs."""
    with MockServer(MockApp(MockConfig(job_seconds=0.3, release=request.param))) as running:
        yield running


def answer(response: Any) -> dict[str, Any]:
    body = response.json()
    assert isinstance(body, dict) and body["code"] == 0, body
    return body


def test_bulk_import_list_and_progress_until_completed(sdk: ModuleType, server: MockServer) -> None:
    created = answer(sdk.bulk_import(url=server.url, collection_name="quick_setup", files=FILES, api_key=DEFAULT_TOKEN))
    job_id = created["data"]["jobId"]
    assert isinstance(job_id, str) and job_id.isdigit()
    listed = answer(sdk.list_import_jobs(url=server.url, collection_name="quick_setup", api_key=DEFAULT_TOKEN))
    assert [record["jobId"] for record in listed["data"]["records"]] == [job_id]
    deadline = time.monotonic() + 10
    while True:
        data = answer(sdk.get_import_progress(url=server.url, job_id=job_id, api_key=DEFAULT_TOKEN))["data"]
        if data["state"] in ("Completed", "Failed") or time.monotonic() > deadline:
            break
        time.sleep(0.05)
    assert (data["state"], data["progress"], data["jobId"]) == ("Completed", 100, job_id)
    assert [d["fileName"] for d in data["details"]] == [
        "[parquet-folder/1.parquet]",
        "[numpy-folder/id.npy numpy-folder/vector.npy]",
    ]
    assert data["importedRows"] == data["totalRows"] == sum(d["totalRows"] for d in data["details"]) > 0


def test_database_and_api_key_reach_the_mock(sdk: ModuleType, server: MockServer) -> None:
    created = answer(
        sdk.bulk_import(
            url=server.url, collection_name="quick_setup", db_name="analytics", files=FILES, api_key=DEFAULT_API_KEY
        )
    )
    job_id = created["data"]["jobId"]
    in_db = answer(
        sdk.list_import_jobs(
            url=server.url, collection_name="quick_setup", db_name="analytics", api_key=DEFAULT_API_KEY
        )
    )
    elsewhere = answer(sdk.list_import_jobs(url=server.url, collection_name="quick_setup", api_key=DEFAULT_API_KEY))
    assert [r["jobId"] for r in in_db["data"]["records"]] == [job_id]
    assert elsewhere["data"]["records"] == []
    found = answer(sdk.get_import_progress(url=server.url, job_id=job_id, api_key=DEFAULT_API_KEY))
    assert found["data"]["jobId"] == job_id  # jobs are found by ID alone, whatever the database


def test_errors_reach_the_sdk_as_the_server_sends_them(sdk: ModuleType, server: MockServer) -> None:
    with pytest.raises(Exception, match="code: 2100, message: import job does not exist, jobID=1"):
        sdk.get_import_progress(url=server.url, job_id="1", api_key=DEFAULT_TOKEN)
    with pytest.raises(Exception, match="status code: 401"):  # it drops the envelope of any non-200 status
        sdk.list_import_jobs(url=server.url, api_key="nobody:nothing")
    with pytest.raises(Exception, match="status code: 403"):
        sdk.bulk_import(url=server.url, collection_name="quick_setup", files=FILES, api_key=READ_ONLY_TOKEN)


@pytest.fixture
def control_plane() -> Iterator[MockServer]:
    """The mock control plane on a free loopback port, knowing the cluster `in01-mock`."""
    with MockServer(ControlPlaneApp(MockConfig(job_seconds=0.3))) as running:
        yield running


def test_control_plane_calls_run_unchanged(sdk: ModuleType, control_plane: MockServer) -> None:
    url = control_plane.url
    created = answer(
        sdk.bulk_import(
            url=url,
            api_key=DEFAULT_API_KEY,
            cluster_id=DEFAULT_CLUSTER,
            collection_name="medium_articles",
            object_url="s3://bucket/medium_articles/1.parquet",
            access_key="AKIAEXAMPLE",
            secret_key="secret-example",
        )
    )
    job_id = created["data"]["jobId"]
    assert job_id.startswith("job-")
    listed = answer(sdk.list_import_jobs(url=url, api_key=DEFAULT_API_KEY, cluster_id=DEFAULT_CLUSTER))["data"]
    assert (listed["count"], [r["jobId"] for r in listed["records"]]) == (1, [job_id])
    deadline = time.monotonic() + 10
    while True:
        data = answer(
            sdk.get_import_progress(url=url, api_key=DEFAULT_API_KEY, job_id=job_id, cluster_id=DEFAULT_CLUSTER)
        )["data"]
        if data["state"] in ("Completed", "Failed") or time.monotonic() > deadline:
            break
        time.sleep(0.05)
    assert (data["state"], data["progress"], data["reason"]) == ("Completed", 100, "")
    assert data["fileName"] == "s3://bucket/medium_articles/1.parquet"


def test_control_plane_refuses_an_illegal_key_through_the_sdk(sdk: ModuleType, control_plane: MockServer) -> None:
    with pytest.raises(Exception, match="code: 21119, message: The apikey is illegal"):
        sdk.list_import_jobs(url=control_plane.url, api_key="not-a-key", cluster_id=DEFAULT_CLUSTER)
