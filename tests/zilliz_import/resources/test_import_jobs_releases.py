"""The facade against the mock in each release profile, with HTTP statuses off and on (newest)."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from zilliz_import import (
    AsyncImportJobs,
    AuthenticationError,
    BackPressureError,
    ImportJobs,
    InvalidRequestError,
    JobNotFoundError,
    PermissionDeniedError,
    RetryPolicy,
    ServerError,
    UnexpectedResponseError,
)
from zilliz_import.mock import DEFAULT_TOKEN, READ_ONLY_TOKEN, Fault, MockApp, MockConfig, MockServer

PROFILES = {  # name: (release, standardErrorStatus)
    "2.5": ("2.5", False),
    "2.6": ("2.6", False),
    "newest": ("newest", False),
    "newest-statuses": ("newest", True),
}
BACKPRESSURE_CODE = {"2.5": 2100, "2.6": 2100, "newest": 2101}
NO_RETRY = RetryPolicy.disabled()


@pytest.fixture(params=list(PROFILES))
def profile(request: pytest.FixtureRequest) -> Iterator[tuple[str, MockApp, MockServer]]:
    """A mock of one release (one unfinished job at most, two files per create) served over HTTP."""
    release, statuses = PROFILES[request.param]
    config = MockConfig(
        seed=3, job_seconds=0.3, release=release, standard_error_status=statuses, max_import_jobs=1, max_files=2
    )
    app = MockApp(config)
    with MockServer(app) as server:
        yield request.param, app, server


def status_for(profile_name: str, plain: int, standard: int) -> int:
    """The HTTP status an error comes with: 200 by default, the standard one with statuses on."""
    return standard if profile_name.endswith("statuses") else plain


def test_refusals_are_typed_alike_in_every_profile(profile: tuple[str, MockApp, MockServer]) -> None:
    name, _, server = profile
    with ImportJobs(server.url, DEFAULT_TOKEN, retry=NO_RETRY) as jobs:
        with pytest.raises(JobNotFoundError) as unknown:
            jobs.get_progress(12345)
        with pytest.raises(InvalidRequestError) as too_many:
            jobs.create("c", ["a.parquet", "b.parquet", "c.parquet"])
    assert (unknown.value.code, unknown.value.status) == (2100, status_for(name, 200, 400))
    assert (too_many.value.code, too_many.value.status) == (2100, status_for(name, 200, 400))
    assert "should not exceed 2, but got 3" in too_many.value.message
    with ImportJobs(server.url, "root:wrong", retry=NO_RETRY) as jobs, pytest.raises(AuthenticationError) as bad:
        jobs.list()
    assert (bad.value.code, bad.value.status) == (1800, 401)
    with (
        ImportJobs(server.url, READ_ONLY_TOKEN, retry=NO_RETRY) as jobs,
        pytest.raises(PermissionDeniedError) as denied,
    ):
        jobs.create("c", ["a.parquet"])
    assert (denied.value.code, denied.value.status) == (1401, 403)


def test_back_pressure_is_its_own_retriable_error(profile: tuple[str, MockApp, MockServer]) -> None:
    name, _, server = profile
    with ImportJobs(server.url, DEFAULT_TOKEN, retry=NO_RETRY) as jobs:
        jobs.create("c", ["a.parquet"])
        with pytest.raises(BackPressureError) as caught:
            jobs.create("c", ["b.parquet"])
    release = PROFILES[name][0]
    assert caught.value.code == BACKPRESSURE_CODE[release]
    assert caught.value.status == status_for(name, 200, 500) and caught.value.retriable


def test_create_survives_back_pressure_that_clears(profile: tuple[str, MockApp, MockServer]) -> None:
    _, _, server = profile
    patient = RetryPolicy(max_attempts=10, initial_delay=0.1, max_delay=0.4, total_seconds=20)
    with ImportJobs(server.url, DEFAULT_TOKEN, retry=patient) as jobs:
        first = jobs.create("c", ["a.parquet"]).job_id
        second = jobs.create("c", ["b.parquet"]).job_id  # refused until the first job has finished
        assert str(jobs.get_progress(first).state) == "Completed"
        assert {r.job_id for r in jobs.list()} == {first, second}, "exactly one job per create"


def test_a_panic_is_a_server_error_that_create_does_not_replay(profile: tuple[str, MockApp, MockServer]) -> None:
    _, app, server = profile
    app.faults.add(Fault("panic", route="create", count=1))
    with ImportJobs(server.url, DEFAULT_TOKEN, retry=RetryPolicy(initial_delay=0.01)) as jobs:
        with pytest.raises(ServerError) as caught:
            jobs.create("c", ["a.parquet"])
        assert jobs.list() == [], "no job was created, and create was not sent again"
    assert (caught.value.code, caught.value.status) == (500, 500)


def test_a_two_phase_job_waits_at_uncommitted_only_where_the_release_has_it(
    profile: tuple[str, MockApp, MockServer],
) -> None:
    name, _, server = profile
    with ImportJobs(server.url, DEFAULT_TOKEN, retry=NO_RETRY) as jobs:
        job_id = jobs.create("c", ["a.parquet"], auto_commit=False).job_id
        final = jobs.wait(job_id, timeout=30, poll_interval=0.05)
        if PROFILES[name][0] != "newest":
            assert (str(final.state), final.progress) == ("Completed", 100), "older servers ignore auto_commit"
            with pytest.raises(UnexpectedResponseError, match="no commit route") as caught:
                jobs.commit(job_id)
            assert caught.value.status == 404
            return
        assert (str(final.state), final.progress) == ("Uncommitted", 99)
        jobs.commit(job_id)
        jobs.commit(job_id)  # a repeated commit changes nothing
        assert str(jobs.wait(job_id, timeout=30, poll_interval=0.05).state) == "Completed"


def test_abort_ends_a_two_phase_job_failed(profile: tuple[str, MockApp, MockServer]) -> None:
    name, _, server = profile
    with ImportJobs(server.url, DEFAULT_TOKEN, retry=NO_RETRY) as jobs:
        job_id = jobs.create("c", ["a.parquet"], auto_commit=False).job_id
        if PROFILES[name][0] != "newest":
            with pytest.raises(UnexpectedResponseError, match="no abort route"):
                jobs.abort(job_id)
            return
        assert str(jobs.wait(job_id, timeout=30, poll_interval=0.05).state) == "Uncommitted"
        jobs.abort(job_id)
        assert str(jobs.wait(job_id, timeout=30, poll_interval=0.05).state) == "Failed"
        with pytest.raises(InvalidRequestError) as too_late:
            jobs.commit(job_id)
        with pytest.raises(JobNotFoundError):
            jobs.abort(12345)
    assert too_late.value.code == 2100 and too_late.value.status == status_for(name, 200, 400)


@pytest.mark.anyio
async def test_wait_many_ends_at_uncommitted_and_commit_completes_every_job(mock_app: MockApp) -> None:
    transport = httpx.ASGITransport(app=mock_app)
    async with AsyncImportJobs("http://127.0.0.1", DEFAULT_TOKEN, transport=transport) as jobs:
        ids = [(await jobs.create("c", [f"f{i}.parquet"], auto_commit=False)).job_id for i in range(3)]
        waiting = await jobs.wait_many(ids, timeout=30)
        assert {str(p.state) for p in waiting.values()} == {"Uncommitted"}
        for job_id in ids:
            await jobs.commit(job_id)
        finals = await jobs.wait_many(ids, timeout=30)
    assert {str(p.state) for p in finals.values()} == {"Completed"}
