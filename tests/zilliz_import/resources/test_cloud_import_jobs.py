"""The sync control-plane facade against the control-plane mock over a real loopback socket."""

from __future__ import annotations

import json
import re

import httpx
import pytest
from zilliz_cloud_import_client.models import ImportJobProgress

from tests.zilliz_import.cloud_sources import OBJECTS, VOLUME
from zilliz_import import (
    CloudImportJobs,
    InvalidArgumentError,
    ObjectStorage,
    ProgressEvent,
    Volume,
    WaitManyTimeoutError,
)
from zilliz_import.mock import DEFAULT_API_KEY, DEFAULT_CLUSTER, ControlPlaneApp, MockConfig, MockServer

JOB_ID = re.compile(r"job-[a-z0-9]{21}")


def test_an_object_storage_job_is_followed_to_completion(cloud_jobs: CloudImportJobs) -> None:
    job_id = cloud_jobs.create("medium_articles", OBJECTS).jobId
    assert isinstance(job_id, str) and JOB_ID.fullmatch(job_id)
    events: list[ProgressEvent[ImportJobProgress]] = []
    final = cloud_jobs.wait(job_id, timeout=30, on_progress=events.append)
    assert isinstance(final, ImportJobProgress)
    assert final.job_id == job_id and str(final.state) == "Completed" and final.progress == 100
    assert final.file_name == "s3://bucket/dir/1.parquet" and final.total_rows > 0
    assert events and events[-1].progress is final


def test_a_volume_job_names_its_units(cloud_jobs: CloudImportJobs) -> None:
    job_id = cloud_jobs.create("medium_articles", VOLUME, partition_name="p", db_name="db1").jobId
    final = cloud_jobs.wait(job_id, timeout=30)
    assert [d.file_name for d in final.details] == ["cols/id.npy cols/vec.npy", "rows/2.parquet"]


def test_several_urls_go_as_units(cloud_jobs: CloudImportJobs) -> None:
    source = ObjectStorage(["s3://b/1.parquet", ["s3://b/id.npy", "s3://b/vec.npy"]], session_token="session")
    final = cloud_jobs.wait(cloud_jobs.create("c", source).jobId, timeout=30)
    assert final.file_name == "s3://b/1.parquet,s3://b/id.npy,s3://b/vec.npy" and len(final.details) == 2


def test_list_walks_every_page(cloud_jobs: CloudImportJobs) -> None:
    ids = [cloud_jobs.create(f"c{i}", OBJECTS).jobId for i in range(5)]
    listing = cloud_jobs.list(page_size=2)
    first = next(listing)
    assert first.job_id == ids[0]
    assert [first.job_id, *(r.job_id for r in listing)] == ids
    page = cloud_jobs.list_page(3, page_size=2)
    assert page.count == 5 and [r.job_id for r in page.records] == ids[4:]


def test_list_of_a_cluster_without_jobs_is_empty(cloud_jobs: CloudImportJobs) -> None:
    assert list(cloud_jobs.list()) == []


@pytest.mark.parametrize("page_size", [0, -1, True, 1.5])
def test_bad_page_sizes_are_refused_before_iterating(cloud_jobs: CloudImportJobs, page_size: object) -> None:
    with pytest.raises(InvalidArgumentError, match="page_size"):
        cloud_jobs.list(page_size=page_size)  # type: ignore[arg-type]


def test_wait_many_follows_every_job(cloud_jobs: CloudImportJobs) -> None:
    ids = [cloud_jobs.create("c", OBJECTS).jobId, cloud_jobs.create("c", VOLUME).jobId]
    finals = cloud_jobs.wait_many([*ids, ids[0]], timeout=30)
    assert list(finals) == ids and all(str(p.state) == "Completed" for p in finals.values())


def test_wait_many_times_out_with_the_unfinished_jobs() -> None:
    with (
        MockServer(ControlPlaneApp(MockConfig(job_seconds=600))) as server,
        CloudImportJobs(server.url, DEFAULT_API_KEY, cluster_id=DEFAULT_CLUSTER) as jobs,
    ):
        job_id = jobs.create("c", OBJECTS).jobId
        with pytest.raises(WaitManyTimeoutError) as caught:
            jobs.wait_many([job_id], timeout=0.3)
    assert list(caught.value.unfinished) == [job_id] and caught.value.finished == {}
    assert caught.value.unfinished[job_id] is not None


def test_from_env_reads_the_guides_names(cloud_server: MockServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLOUD_PLATFORM_ENDPOINT", cloud_server.url)
    monkeypatch.delenv("TOKEN", raising=False)
    monkeypatch.setenv("API_KEY", DEFAULT_API_KEY)
    monkeypatch.setenv("CLUSTER_ID", DEFAULT_CLUSTER)
    with CloudImportJobs.from_env(timeout=5) as jobs:
        assert jobs.cluster_id == DEFAULT_CLUSTER and list(jobs.list()) == []


def test_list_asks_for_a_page_only_when_the_iteration_reaches_it() -> None:
    asked: list[int] = []

    def reply(request: httpx.Request) -> httpx.Response:
        page = json.loads(request.content)["currentPage"]
        asked.append(page)
        records = [{"collectionName": "c", "jobId": f"job-p{page}n{i}", "state": "Completed"} for i in range(2)]
        data = {"count": 6, "currentPage": page, "pageSize": 2, "records": records}
        return httpx.Response(200, json={"code": 0, "data": data})

    jobs = CloudImportJobs("http://127.0.0.1:1", "key", cluster_id="in01-x", transport=httpx.MockTransport(reply))
    listing = jobs.list(page_size=2)
    assert asked == []
    assert next(listing).job_id == "job-p1n0" and asked == [1]
    assert len(list(listing)) == 5 and asked == [1, 2, 3]  # page 3 holds the last of the 6: no page 4


def test_a_bare_string_is_not_split_into_one_file_per_character() -> None:
    with pytest.raises(InvalidArgumentError, match="files must be"):
        ObjectStorage("s3://bucket/x.parquet")
    with pytest.raises(InvalidArgumentError, match="files must be"):
        Volume("v", "a/b.npy")
