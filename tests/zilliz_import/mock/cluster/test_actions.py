"""Commit and abort as the newest server answers them (sheet, third edition, section 5), over both transports.

A clock the test moves decides each job's phase, so every state is reached on purpose, not by timing.
"""

from __future__ import annotations

import dataclasses

import pytest

from tests.zilliz_import.mock.conftest import CREATE, TWO_PHASE, Connect, call, created, envelope, progress
from zilliz_import.mock import releases

pytestmark = pytest.mark.anyio
OK = {"code": 0, "data": {}}
LATE = 100.0  # seconds: every phase of a job of `job_seconds=1` is over by then


class Clock:
    """Seconds the test sets."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def at(clock: Clock, seconds: float) -> Clock:
    clock.now = seconds
    return clock


@pytest.mark.parametrize("route", ["commit", "abort"])
async def test_an_unknown_job_is_not_found_in_other_words_than_get_progress(connect: Connect, route: str) -> None:
    async with connect() as (client, _):
        refused = envelope(await call(client, route, {"jobId": "12"}))
        progress_words = envelope(await call(client, "describe", {"jobId": "12"}))
    assert refused == (200, 2100, "import job not found, jobID=12: importing data failed")
    assert "does not exist" in progress_words[2]


@pytest.mark.parametrize("route", ["commit", "abort"])
@pytest.mark.parametrize("moment", [0.0, LATE], ids=["running", "completed"])
async def test_an_auto_commit_job_refuses_commit_and_abort_in_any_state(
    connect: Connect, route: str, moment: float
) -> None:
    clock = Clock()
    async with connect(clock=clock, job_seconds=1.0) as (client, _):
        job = await created(client, CREATE)
        at(clock, moment)
        before = await progress(client, job)
        status, code, message = envelope(await call(client, route, {"jobId": job}))
        after = await progress(client, job)
    assert (status, code) == (200, 2100) and message.endswith(": importing data failed")
    assert f"job {job}" in message and "auto_commit" in message
    assert after == before  # the job is left as it was


async def test_commit_before_uncommitted_says_expected_uncommitted_and_names_the_state(connect: Connect) -> None:
    clock = Clock()
    async with connect(clock=clock, job_seconds=1.0) as (client, _):
        job = await created(client, TWO_PHASE)
        pending = envelope(await call(client, "commit", {"jobId": job}))
        state = (await progress(client, job))["state"]
    assert pending == (200, 2100, f"job {job} is in state Pending, expected Uncommitted: importing data failed")
    assert state == "Pending"


async def test_commit_of_an_aborted_job_says_expected_uncommitted(connect: Connect) -> None:
    clock = Clock()
    async with connect(clock=clock, job_seconds=1.0) as (client, _):
        job = await created(client, TWO_PHASE)
        at(clock, LATE)
        assert (await call(client, "abort", {"jobId": job})).json() == OK
        at(clock, LATE + 1)
        refused = envelope(await call(client, "commit", {"jobId": job}))
    assert refused[:2] == (200, 2100) and "is in state Failed, expected Uncommitted" in refused[2]


async def test_a_second_commit_while_committing_and_a_commit_of_a_completed_job_answer_0(connect: Connect) -> None:
    clock = Clock()
    async with connect(clock=clock, job_seconds=1.0) as (client, _):
        job = await created(client, TWO_PHASE)
        at(clock, LATE)
        assert (await progress(client, job))["state"] == "Uncommitted"
        first = (await call(client, "commit", {"jobId": job})).json()
        committing = (await progress(client, job))["state"]
        second = (await call(client, "commit", {"jobId": job})).json()
        at(clock, 2 * LATE)
        done = (await progress(client, job))["state"]
        third = (await call(client, "commit", {"jobId": job})).json()
    assert (first, second, third) == (OK, OK, OK)
    assert (committing, done) == ("Committing", "Completed")


@pytest.mark.parametrize(("moment", "state"), [(LATE, "Committing"), (2 * LATE, "Completed")])
async def test_abort_of_a_committing_or_completed_job_is_not_allowed(
    connect: Connect, moment: float, state: str
) -> None:
    clock = Clock()
    async with connect(clock=clock, job_seconds=1.0) as (client, _):
        job = await created(client, TWO_PHASE)
        at(clock, LATE)
        await call(client, "commit", {"jobId": job})
        at(clock, moment)
        refused = envelope(await call(client, "abort", {"jobId": job}))
        after = (await progress(client, job))["state"]
    expected = f"job {job} is in terminal/committed state {state}, abort not allowed: importing data failed"
    assert refused == (200, 2100, expected)
    assert after == state


async def test_a_repeated_abort_succeeds_and_changes_nothing(connect: Connect) -> None:
    clock = Clock()
    async with connect(clock=clock, job_seconds=1.0) as (client, _):
        job = await created(client, TWO_PHASE)
        at(clock, 0.5)  # still importing: abort ends it at once
        assert (await call(client, "abort", {"jobId": job})).json() == OK
        at(clock, 0.6)
        first = await progress(client, job)
        again = (await call(client, "abort", {"jobId": job})).json()
        at(clock, LATE)
        later = await progress(client, job)
    assert first["state"] == "Failed" and first["reason"]
    assert again == OK and later == first


async def test_abort_of_a_two_phase_job_that_failed_by_itself_is_accepted(connect: Connect) -> None:
    clock = Clock()
    async with connect(clock=clock, job_seconds=1.0) as (client, _):
        job = await created(client, TWO_PHASE | {"files": [["dir/fail.parquet"]]})
        at(clock, LATE)
        failed = await progress(client, job)
        answer = (await call(client, "abort", {"jobId": job})).json()
        after = await progress(client, job)
    assert failed["state"] == "Failed" and answer == OK and after == failed


async def test_the_release_table_decides_the_rules(connect: Connect, monkeypatch: pytest.MonkeyPatch) -> None:
    """milvus#53159 (open) would let abort end an auto-commit job: one row of the table switches it."""
    newest = releases.RELEASES["newest"]
    lenient = dataclasses.replace(newest, actions=releases.ActionRules(refuses_auto_commit=False))
    monkeypatch.setitem(releases.RELEASES, "newest", lenient)
    async with connect() as (client, _):
        job = await created(client, CREATE)
        answer = (await call(client, "abort", {"jobId": job})).json()
        state = (await progress(client, job))["state"]
    assert answer == OK and state == "Failed"
