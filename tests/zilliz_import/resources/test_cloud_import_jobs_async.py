"""The async control-plane facade: in-process, and once over a real loopback socket."""

from __future__ import annotations

import httpx
import pytest

from tests.zilliz_import.cloud_sources import OBJECTS, VOLUME
from zilliz_import import AsyncCloudImportJobs, InvalidArgumentError, JobNotFoundError, ServerError
from zilliz_import.mock import DEFAULT_API_KEY, DEFAULT_CLUSTER, ControlPlaneApp, Fault, MockServer

pytestmark = pytest.mark.anyio


async def test_jobs_are_followed_to_completion(async_cloud_jobs: AsyncCloudImportJobs) -> None:
    ids = [(await async_cloud_jobs.create("c", source)).jobId for source in (OBJECTS, VOLUME)]
    assert all(isinstance(job_id, str) and job_id.startswith("job-") for job_id in ids)
    final = await async_cloud_jobs.wait(str(ids[0]), timeout=30)
    assert str(final.state) == "Completed"
    finals = await async_cloud_jobs.wait_many([str(i) for i in ids], timeout=30, concurrency=1)
    assert list(finals) == ids and all(p.progress == 100 for p in finals.values())


async def test_list_is_an_async_iterator_over_pages(async_cloud_jobs: AsyncCloudImportJobs) -> None:
    ids = [(await async_cloud_jobs.create(f"c{i}", OBJECTS)).jobId for i in range(3)]
    assert [record.job_id async for record in async_cloud_jobs.list(page_size=2)] == ids
    with pytest.raises(InvalidArgumentError):
        async_cloud_jobs.list(page_size=0)


async def test_errors_are_typed_and_reads_retried(
    cloud_app: ControlPlaneApp, async_cloud_jobs: AsyncCloudImportJobs
) -> None:
    with pytest.raises(JobNotFoundError):
        await async_cloud_jobs.get_progress("job-aaaaaaaaaaaaaaaaaaaaa")
    job_id = str((await async_cloud_jobs.create("c", OBJECTS)).jobId)
    cloud_app.faults.add(Fault("http_error", route="getProgress", status=502, count=2))
    assert (await async_cloud_jobs.get_progress(job_id)).job_id == job_id
    cloud_app.faults.add(Fault("http_error", route="create", status=502))
    with pytest.raises(ServerError):
        await async_cloud_jobs.create("c", OBJECTS)


async def test_over_a_real_socket(cloud_server: MockServer) -> None:
    async with AsyncCloudImportJobs(cloud_server.url, DEFAULT_API_KEY, cluster_id=DEFAULT_CLUSTER) as jobs:
        job_id = str((await jobs.create("c", OBJECTS)).jobId)
        assert str((await jobs.wait(job_id, timeout=30)).state) == "Completed"


async def test_a_poll_that_fails_for_good_ends_wait_many() -> None:
    transport = httpx.MockTransport(lambda request: httpx.Response(200, json={"code": 21119, "message": "illegal"}))
    async with AsyncCloudImportJobs("http://127.0.0.1:1", "k", cluster_id="in01-x", transport=transport) as jobs:
        with pytest.raises(Exception, match="illegal") as caught:
            await jobs.wait_many(["job-abc"], timeout=5)
    assert type(caught.value).__name__ == "AuthenticationError"
