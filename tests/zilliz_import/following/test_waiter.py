"""Waiting: terminal states, deadline, adaptive polling, unknown states, stall reports, wait_many."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from zilliz_import_client.models import ImportJobProgress

from tests.generated.cluster.server_bodies import job_progress
from zilliz_import import AsyncImportJobs, ImportJobs, JobFailedError, ProgressEvent, ServerError, WaitTimeoutError
from zilliz_import.following.prediction import APPROACH, DEFAULT_LATENESS, ROUNDING
from zilliz_import.following.progress import Ending, ending
from zilliz_import.following.waiter import FIRST_INTERVAL, MAX_INTERVAL, Waiter
from zilliz_import.mock import DEFAULT_TOKEN, MockApp, MockServer
from zilliz_import.mock.asgi import Receive, Scope, Send


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def answer(state: str, progress: int, rows: int = 0) -> ImportJobProgress:
    body = job_progress(state, progress, [])
    body["data"]["importedRows"] = rows
    return ImportJobProgress.from_dict(body["data"])


def test_completed_failed_and_uncommitted_end_the_wait() -> None:
    waiter = Waiter("1", timeout=60, clock=Clock())
    for state in ("Pending", "Importing", "Sorting", "Committing", "None", "SomethingNew"):
        assert waiter.on_answer(answer(state, 50)) is None
    assert waiter.on_answer(answer("Failed", 0)) is not None
    assert Waiter("1", timeout=60).on_answer(answer("Completed", 100)) is not None
    uncommitted = answer("Uncommitted", 99)
    assert Waiter("1", timeout=60).on_answer(uncommitted) is uncommitted


def test_a_waiter_can_wait_through_uncommitted() -> None:
    waiter = Waiter("1", timeout=60, through_uncommitted=True, clock=Clock())
    for state in ("Uncommitted", "Committing"):
        assert waiter.on_answer(answer(state, 99)) is None
    assert waiter.on_answer(answer("Completed", 100)) is not None


@pytest.mark.parametrize(
    ("state", "through", "expected"),
    [
        ("Completed", False, Ending.COMPLETED),
        ("Failed", True, Ending.FAILED),
        ("Uncommitted", False, Ending.UNCOMMITTED),
        ("Uncommitted", True, None),
        ("Committing", False, None),
        ("Importing", False, None),
        ("SomethingNew", False, None),
    ],
)
def test_ending_is_decided_in_one_place(state: str, through: bool, expected: Ending | None) -> None:
    assert ending(state, through_uncommitted=through) is expected
    assert ending(answer(state, 50), through_uncommitted=through) is expected


def test_uncommitted_is_not_raised_as_a_failure() -> None:
    assert Waiter("1", timeout=60, raise_on_failure=True).on_answer(answer("Uncommitted", 99)) is not None


def test_failure_is_returned_unless_asked_to_raise() -> None:
    failed = answer("Failed", 0)
    assert Waiter("1", timeout=60).on_answer(failed) is failed
    with pytest.raises(JobFailedError, match="import job 448761313698322011 failed"):
        Waiter("1", timeout=60, raise_on_failure=True).on_answer(failed)


def test_deadline_raises_with_the_last_progress() -> None:
    clock = Clock()
    waiter = Waiter("9", timeout=5, clock=clock)
    waiter.on_answer(answer("Importing", 80))
    clock.now += 6
    with pytest.raises(WaitTimeoutError) as caught:
        waiter.delay()
    assert caught.value.last_progress.progress == 80 and caught.value.job_id == "9"


def test_polling_starts_quick_and_slows_down_while_nothing_changes() -> None:
    clock = Clock()
    waiter = Waiter("1", timeout=3600, clock=clock)
    delays = []
    for _ in range(16):
        waiter.on_answer(answer("Importing", 40))
        delays.append(waiter.delay())
        clock.now += delays[-1]
    assert delays[0] == FIRST_INTERVAL
    assert all(a <= b for a, b in itertools.pairwise(delays)) and delays[-1] == MAX_INTERVAL


def test_polling_aims_at_the_end_the_percent_predicts() -> None:
    clock = Clock()
    waiter = Waiter("1", timeout=3600, clock=clock)
    waiter.on_answer(answer("Importing", 10))
    clock.now += 10
    waiter.on_answer(answer("Importing", 60))  # 5 % per second: 30 % to go, 6 s at that pace
    assert waiter.prediction.end == pytest.approx(clock.now + (90 - 60 - ROUNDING) * 0.2)
    assert waiter.delay() == pytest.approx(APPROACH * (90 - 60 - ROUNDING) * 0.2), "a share of the way to the end"
    clock.now += waiter.delay()
    waiter.on_answer(answer("Importing", 80))
    clock.now += waiter.delay()
    waiter.on_answer(answer("Importing", 89))
    assert waiter.delay() == DEFAULT_LATENESS, "near the predicted end: every max_lateness"


def test_max_lateness_sets_the_looks_near_the_end_and_survives_a_failed_poll() -> None:
    clock = Clock()
    waiter = Waiter("1", timeout=3600, max_lateness=0.4, clock=clock)
    for percent in (80, 85, 89):
        waiter.on_answer(answer("Importing", percent))
        clock.now += 1
    assert waiter.delay() == 0.4
    waiter.on_error(ServerError("busy", operation="get_progress", status=503))
    assert waiter.delay() == 0.4, "a failed poll near the end does not back off"


def test_fixed_interval_is_kept() -> None:
    clock = Clock()
    waiter = Waiter("1", timeout=3600, poll_interval=5, clock=clock)
    for progress in (10, 10, 50):
        waiter.on_answer(answer("Importing", progress))
        assert waiter.delay() == 5
        clock.now += 5


def test_a_stall_is_reported_to_the_callback() -> None:
    clock, events = Clock(), []
    waiter = Waiter("1", timeout=3600, stall_after=30, on_progress=events.append, clock=clock)
    for _ in range(4):
        waiter.on_answer(answer("Importing", 80, rows=800))
        clock.now += 15
    assert [e.stalled for e in events] == [False, False, True, True]
    assert events[-1].stalled_for == 45
    waiter.on_answer(answer("Importing", 81, rows=810))
    assert not events[-1].stalled


def test_events_carry_rate_and_eta() -> None:
    clock, events = Clock(), []
    waiter = Waiter("1", timeout=3600, on_progress=events.append, clock=clock)
    waiter.on_answer(answer("Importing", 20, rows=2000))
    clock.now += 4
    waiter.on_answer(answer("Importing", 60, rows=6000))
    assert events[1].rows_per_second == 1000 and events[1].eta_seconds == pytest.approx(4)
    assert events[1].elapsed == 4 and events[1].state == "Importing"


@pytest.mark.parametrize("bad", [{"timeout": 0}, {"timeout": 1, "poll_interval": 0}, {"timeout": 1, "max_lateness": 0}])
def test_bad_wait_arguments(bad: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        Waiter("1", **bad)


def test_wait_follows_a_real_job_to_completion(jobs: ImportJobs) -> None:
    events: list[ProgressEvent] = []
    job_id = jobs.create("quick_setup", ["a.parquet", "b.parquet"]).job_id
    final = jobs.wait(job_id, timeout=30, on_progress=events.append)
    assert str(final.state) == "Completed" and final.progress == 100
    assert events[-1].progress is final and len(events) >= 1


def test_wait_returns_a_failed_job(jobs: ImportJobs) -> None:
    final = jobs.wait(jobs.create("c", ["x/fail.parquet"]).job_id, timeout=30)
    assert str(final.state) == "Failed" and isinstance(final.reason, str)


def test_wait_gives_up_at_the_deadline_on_a_stuck_job(jobs: ImportJobs) -> None:
    job_id = jobs.create("c", ["stall.json"]).job_id
    with pytest.raises(WaitTimeoutError) as caught:
        jobs.wait(job_id, timeout=0.6, poll_interval=0.05)
    assert str(caught.value.last_progress.state) == "Importing"


class ClientPorts:
    """Records the client port of every request: one connection pool means few distinct ports."""

    def __init__(self, app: MockApp) -> None:
        self.app, self.ports = app, set()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            self.ports.add(scope["client"][1])
        await self.app(scope, receive, send)


@pytest.mark.anyio
async def test_wait_many_over_a_hundred_jobs_on_one_pool(mock_app: MockApp) -> None:
    recorder = ClientPorts(mock_app)
    with MockServer(recorder) as server:  # type: ignore[arg-type]
        async with AsyncImportJobs(server.url, DEFAULT_TOKEN) as jobs:
            ids = [(await jobs.create("c", [f"f{i}.parquet"])).job_id for i in range(100)]
            finals = await jobs.wait_many(ids, timeout=60, concurrency=20)
    assert set(finals) == set(ids)
    assert {str(p.state) for p in finals.values()} == {"Completed"}
    assert len(recorder.ports) <= 20, f"{len(recorder.ports)} connections for one pool of 20"


@pytest.mark.anyio
async def test_wait_many_timeout_names_the_unfinished(async_jobs: AsyncImportJobs) -> None:
    from zilliz_import import WaitManyTimeoutError

    done = (await async_jobs.create("c", ["a.parquet"])).job_id
    stuck = (await async_jobs.create("c", ["stall.parquet"])).job_id
    with pytest.raises(WaitManyTimeoutError) as caught:
        await async_jobs.wait_many([done, stuck], timeout=1.0)
    assert set(caught.value.finished) == {done} and set(caught.value.unfinished) == {stuck}
