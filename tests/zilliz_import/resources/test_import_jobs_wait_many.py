"""wait_many on both facades against the mock: one list per group per tick, one describe per job, and faults."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from pyrate_limiter import Limiter

from tests.zilliz_import.conftest import FAST_RETRY
from zilliz_import import AsyncImportJobs, ImportJobs, InvalidArgumentError, JobNotFoundError, ProgressEvent
from zilliz_import.mock import DEFAULT_TOKEN, Fault, MockApp, MockConfig, MockServer


@pytest.fixture
def mock_config() -> MockConfig:
    """Jobs of about 0.3 s, so that a wait sees them running first."""
    return MockConfig(seed=3, job_seconds=0.3)


def facade(server: MockServer, **options: Any) -> ImportJobs:
    return ImportJobs(server.url, DEFAULT_TOKEN, retry=FAST_RETRY, timeout=5, **options)


def create(jobs: ImportJobs, collections: list[str]) -> list[str]:
    return [jobs.create(name, [f"{name}-{i}.parquet"]).job_id for i, name in enumerate(collections)]


def test_jobs_of_many_collections_cost_one_describe_each(mock_app: MockApp, mock_server: MockServer) -> None:
    events: list[ProgressEvent] = []
    with facade(mock_server) as jobs:
        ids = create(jobs, ["a", "b", "c", "a", "b", "c"])
        mock_app.requests.clear()
        finals = jobs.wait_many(ids, timeout=60, on_progress=events.append)
    assert set(finals) == set(ids) and all(str(p.state) == "Completed" for p in finals.values())
    assert mock_app.requests["describe"] == len(ids), "one describe per job, at its end"
    assert mock_app.requests["list"] >= 3, "one list per collection per tick"
    assert {e.job_id for e in events if e.state == "Completed"} == set(ids)


def test_jobs_created_elsewhere_are_found_by_one_unfiltered_list(mock_app: MockApp, mock_server: MockServer) -> None:
    with facade(mock_server) as creator:
        ids = create(creator, ["a", "b"])
    with facade(mock_server) as jobs:
        finals = jobs.wait_many(ids, timeout=60)
    assert set(finals) == set(ids) and mock_app.requests["describe"] == len(ids)


@pytest.mark.anyio
async def test_the_async_facade_follows_the_same_way(mock_app: MockApp, async_jobs: AsyncImportJobs) -> None:
    ids = [(await async_jobs.create(name, ["f.parquet"])).job_id for name in ("a", "b", "a")]
    mock_app.requests.clear()
    finals = await async_jobs.wait_many(ids, timeout=60, collections={ids[0]: "a"})
    assert set(finals) == set(ids) and mock_app.requests["describe"] == len(ids)


def test_a_failed_list_is_retried_then_waited_out(mock_app: MockApp, mock_server: MockServer) -> None:
    with facade(mock_server) as jobs:
        ids = create(jobs, ["a", "a"])
        mock_app.faults.add(Fault("http_error", route="list", count=FAST_RETRY.max_attempts + 1, status=502))
        finals = jobs.wait_many(ids, timeout=60)
    assert all(str(p.state) == "Completed" for p in finals.values())
    assert mock_app.faults.describe() == [], "every planned failure was served and waited out"


def test_a_job_of_another_database_falls_back_to_describe(mock_app: MockApp, mock_server: MockServer) -> None:
    with facade(mock_server, db_name="other") as elsewhere:
        foreign = create(elsewhere, ["a"])[0]
    with facade(mock_server) as jobs:
        mine = create(jobs, ["a"])[0]
        finals = jobs.wait_many([mine, foreign], timeout=60, collections={foreign: "a"})
    assert str(finals[foreign].state) == "Completed" and str(finals[mine].state) == "Completed"
    assert mock_app.requests["describe"] >= 2


def test_a_job_the_server_forgot_is_reported(mock_server: MockServer) -> None:
    with facade(mock_server) as jobs, pytest.raises(JobNotFoundError):
        jobs.wait_many(["123", "456"], timeout=60, collections={"123": "a", "456": "a"})


def test_bad_collections_are_refused_before_any_request(mock_app: MockApp, mock_server: MockServer) -> None:
    with facade(mock_server) as jobs:
        for bad in ({"1": ""}, {"1": ("db",)}, {"1": 5}, ["a"]):
            with pytest.raises(InvalidArgumentError):
                jobs.wait_many(["1"], timeout=5, collections=bad)  # type: ignore[arg-type]
    assert sum(mock_app.requests.values()) == 0


def test_a_request_ceiling_paces_every_request(
    mock_app: MockApp, mock_server: MockServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    acquired: list[str] = []
    original = Limiter.try_acquire

    def counting(self: Limiter, name: str = "pyrate", *args: Any, **kwargs: Any) -> Any:
        acquired.append(name)
        return original(self, name, *args, **kwargs)

    monkeypatch.setattr(Limiter, "try_acquire", counting)
    with facade(mock_server) as jobs:
        ids = create(jobs, ["a", "b"])
        mock_app.requests.clear()
        finals = jobs.wait_many(ids, timeout=60, max_requests_per_second=100)
    assert set(finals) == set(ids)
    assert len(acquired) == mock_app.requests["list"] + mock_app.requests["describe"]


@pytest.mark.anyio
async def test_the_async_ceiling_paces_every_request_without_blocking_the_loop(
    mock_app: MockApp, async_jobs: AsyncImportJobs, monkeypatch: pytest.MonkeyPatch
) -> None:
    acquired: list[str] = []
    original = Limiter.try_acquire_async

    async def counting(self: Limiter, name: str = "pyrate", *args: Any, **kwargs: Any) -> bool:
        acquired.append(name)
        return await original(self, name, *args, **kwargs)

    monkeypatch.setattr(Limiter, "try_acquire_async", counting)
    ids = [(await async_jobs.create(name, ["f.parquet"])).job_id for name in ("a", "b")]
    mock_app.requests.clear()
    finals = await async_jobs.wait_many(ids, timeout=60, max_requests_per_second=100)
    assert set(finals) == set(ids)
    assert len(acquired) == mock_app.requests["list"] + mock_app.requests["describe"] > 0


@pytest.mark.parametrize(("through", "state"), [(False, "Uncommitted"), (True, "Completed")])
def test_uncommitted_ends_a_job_unless_waited_through(through: bool, state: str) -> None:
    app = MockApp(MockConfig(seed=1, job_seconds=0.2, release="newest"))
    with MockServer(app) as server, facade(server) as jobs:
        ids = [jobs.create("a", [f"{i}.parquet"], auto_commit=False).job_id for i in range(2)]
        if through:
            for job_id in ids:
                _commit_when_uncommitted(jobs, job_id)
        finals = jobs.wait_many(ids, timeout=60, through_uncommitted=through)
    assert {str(p.state) for p in finals.values()} == {state}


def _commit_when_uncommitted(jobs: ImportJobs, job_id: str) -> None:
    """Wait for the job to reach Uncommitted, then commit it (as another process would)."""
    assert str(jobs.wait(job_id, timeout=60).state) == "Uncommitted"
    jobs.commit(job_id)


def test_the_cli_watch_of_several_jobs_lists_instead_of_polling_each(
    mock_app: MockApp, mock_server: MockServer, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from zilliz_import.cli import main

    with facade(mock_server) as jobs:
        ids = create(jobs, ["a", "a", "b"])
    mock_app.requests.clear()
    monkeypatch.setenv("CLUSTER_ENDPOINT", mock_server.url)
    monkeypatch.setenv("TOKEN", DEFAULT_TOKEN)
    with pytest.raises(SystemExit) as done:
        main(["watch", "--max-rps", "200", *ids])
    assert done.value.code == 0 and "3 of 3 jobs completed" in capsys.readouterr().out
    assert mock_app.requests["describe"] == len(ids) and mock_app.requests["list"] >= 2


def test_a_refused_list_falls_back_to_describe() -> None:
    """2.5 refuses `list` without the import privilege (HTTP 403): the job is followed by `describe`."""
    sent: list[str] = []

    def server(request: httpx.Request) -> httpx.Response:
        route = request.url.path.rsplit("/", 1)[-1]
        sent.append(route)
        if route == "list":
            return httpx.Response(403, json={"code": 1401, "message": "permission deny"})
        body = {"code": 0, "data": {"jobId": "1", "collectionName": "a", "state": "Completed", "progress": 100,
                                    "importedRows": 1, "totalRows": 1, "fileSize": 1, "completeTime": "",
                                    "details": []}}  # fmt: skip
        return httpx.Response(200, json=body)

    transport = httpx.MockTransport(server)
    with ImportJobs("http://127.0.0.1:1", "t", retry=FAST_RETRY, transport=transport) as jobs:
        finals = jobs.wait_many(["1"], timeout=30, collections={"1": "a"})
    assert str(finals["1"].state) == "Completed" and sent == ["list", "describe"]


@pytest.mark.anyio
@pytest.mark.parametrize("concurrency", [0, -1, True, 1.5])
async def test_concurrency_must_be_a_positive_integer(mock_server: MockServer, concurrency: object) -> None:
    async with AsyncImportJobs(mock_server.url, DEFAULT_TOKEN) as jobs:
        with pytest.raises(InvalidArgumentError, match="concurrency"):
            await jobs.wait_many(["1"], timeout=1, concurrency=concurrency)  # type: ignore[arg-type]
