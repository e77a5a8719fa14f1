"""`PerJobWaits`: which jobs are due, what answers and errors do, and the timeout, on a fake clock."""

from __future__ import annotations

from typing import Any

import pytest
from zilliz_cloud_import_client.models import ImportJobProgress

from zilliz_import import ServerError, WaitManyTimeoutError
from zilliz_import.errors import AuthenticationError
from zilliz_import.following.per_job import PerJobWaits
from zilliz_import.following.waiter import Waiter


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def progress(job_id: str, state: str, percent: int) -> ImportJobProgress:
    return ImportJobProgress.from_dict({
        "jobId": job_id, "collectionName": "c", "fileName": "f", "fileSize": 1, "state": state, "progress": percent,
        "completeTime": "", "reason": "", "totalRows": 1, "details": [],
    })  # fmt: skip


def waits(clock: Clock, *ids: str, timeout: float = 60, **options: Any) -> PerJobWaits[ImportJobProgress]:
    waiters = [Waiter[ImportJobProgress](i, timeout=timeout, clock=clock, **options) for i in ids]
    return PerJobWaits(waiters, timeout, clock=clock)


def test_every_job_is_due_at_first_and_each_goes_on_its_own_schedule() -> None:
    clock = Clock()
    plan = waits(clock, "job-a", "job-b", poll_interval=5)
    a, b = plan.due()
    plan.on_answer(a, progress("job-a", "Importing", 50))
    clock.now += 2
    assert plan.due() == [b] and plan.delay() == 0
    plan.on_answer(b, progress("job-b", "Completed", 100))
    assert plan.due() == [] and plan.delay() == 3
    clock.now += 3
    assert plan.due() == [a] and not plan.done
    plan.on_answer(a, progress("job-a", "Failed", 60))
    assert plan.done and set(plan.result()) == {"job-a", "job-b"}


def test_a_transient_error_is_waited_out_and_a_lasting_one_raised() -> None:
    clock = Clock()
    plan = waits(clock, "job-a", poll_interval=1)
    (a,) = plan.due()
    plan.on_error(a, ServerError("down", operation="get_progress", status=503))
    assert not plan.done and plan.delay() == 1
    with pytest.raises(AuthenticationError):
        plan.on_error(a, AuthenticationError("illegal", operation="get_progress", code=21119))


def test_the_deadline_ends_the_wait_with_finished_and_unfinished_jobs() -> None:
    clock = Clock()
    plan = waits(clock, "job-a", "job-b", timeout=10, poll_interval=4)
    a, b = plan.due()
    plan.on_answer(a, progress("job-a", "Completed", 100))
    last = progress("job-b", "Importing", 40)
    plan.on_answer(b, last)
    clock.now += 10
    plan.on_answer(b, last)
    assert plan.done
    with pytest.raises(WaitManyTimeoutError) as caught:
        plan.result()
    assert list(caught.value.finished) == ["job-a"] and caught.value.unfinished == {"job-b": last}
