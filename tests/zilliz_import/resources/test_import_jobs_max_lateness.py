"""`max_lateness` reaches the schedule of `wait` and `wait_many` on both planes, sync and async."""

from __future__ import annotations

from typing import Any

import pytest

from zilliz_import import (
    AsyncCloudImportJobs,
    AsyncImportJobs,
    CloudImportJobs,
    ImportJobs,
    InvalidArgumentError,
)
from zilliz_import.mock import DEFAULT_TOKEN, MockServer

UNREACHABLE = "http://127.0.0.1:1"  # a refused budget must be refused before anything is sent


@pytest.mark.parametrize("method", ["wait", "wait_many"])
def test_a_budget_that_is_not_positive_is_refused_on_both_planes(method: str) -> None:
    job: Any = "1" if method == "wait" else ["1"]
    with ImportJobs(UNREACHABLE, "t") as cluster, CloudImportJobs(UNREACHABLE, "k", cluster_id="in01-x") as cloud:
        for facade, job_id in ((cluster, job), (cloud, "job-1" if method == "wait" else ["job-1"])):
            with pytest.raises(InvalidArgumentError, match="max_lateness"):
                getattr(facade, method)(job_id, timeout=10, max_lateness=0)


@pytest.mark.anyio
@pytest.mark.parametrize("method", ["wait", "wait_many"])
async def test_a_budget_that_is_not_positive_is_refused_by_the_async_facades(method: str) -> None:
    async with (
        AsyncImportJobs(UNREACHABLE, "t") as cluster,
        AsyncCloudImportJobs(UNREACHABLE, "k", cluster_id="in01-x") as cloud,
    ):
        for facade, job_id in ((cluster, "1"), (cloud, "job-1")):
            with pytest.raises(InvalidArgumentError, match="max_lateness"):
                await getattr(facade, method)(job_id if method == "wait" else [job_id], timeout=10, max_lateness=-1)


def test_a_job_followed_with_a_tight_budget_ends_as_with_the_default(mock_server: MockServer) -> None:
    with ImportJobs(mock_server.url, DEFAULT_TOKEN) as jobs:
        job_id = jobs.create("c", ["a.parquet"]).job_id
        final = jobs.wait(job_id, timeout=60, max_lateness=0.05)
        assert str(final.state) == "Completed" and final.progress == 100
        finals = jobs.wait_many([job_id], timeout=60, max_lateness=0.05)
        assert str(finals[job_id].state) == "Completed"
