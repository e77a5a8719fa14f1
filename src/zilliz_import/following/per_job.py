"""Followers that poll each job on its own `Waiter`'s schedule: `OneJob` for `wait`, `PerJobWaits` for several.

The control plane's `wait_many` uses `PerJobWaits`; a cluster's follows many jobs with one `list` per
collection instead (`Tracker`). Both keep the `Follower` protocol of `following.requests`.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, Generic

from zilliz_import.errors import ApiError, WaitManyTimeoutError, WaitTimeoutError
from zilliz_import.following.progress import P
from zilliz_import.following.requests import DescribeRequest, Request
from zilliz_import.following.waiter import Waiter


class OneJob(Generic[P]):
    """One job, asked about whenever the loop wakes: its `Waiter` says when that is, and when it ends."""

    def __init__(self, waiter: Waiter[P]) -> None:
        self.waiter = waiter
        self.final: P | None = None

    @property
    def done(self) -> bool:
        """Whether the job has ended."""
        return self.final is not None

    def due(self) -> list[Request]:
        """One `describe` of the job."""
        return [DescribeRequest(self.waiter.job_id)]

    def on_answer(self, request: Request, answer: Any) -> None:
        """Take the job's progress; `JobFailedError` propagates when the waiter raises it."""
        self.final = self.waiter.on_answer(answer)

    def on_error(self, request: Request, error: ApiError) -> None:
        """Take a failed poll: transient ones are waited out, others raised (see `Waiter.on_error`)."""
        self.waiter.on_error(error)

    def delay(self) -> float:
        """Seconds until the next poll; `WaitTimeoutError` past the deadline."""
        return self.waiter.delay()

    def result(self) -> P:
        """The job's final progress."""
        assert self.final is not None, "result() before the job ended"
        return self.final


class PerJobWaits(Generic[P]):
    """Which jobs to poll now, and what their answers mean, for one `wait_many`.

    The loop answers every due request before it asks again, so a job stays due until its answer comes.
    """

    def __init__(self, waiters: list[Waiter[P]], timeout: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.timeout = timeout
        self.clock = clock
        self.next_at = {w.job_id: clock() for w in waiters}
        self.waiters = {w.job_id: w for w in waiters}
        self.finished: dict[str, P] = {}
        self.timed_out: dict[str, P | None] = {}

    @property
    def done(self) -> bool:
        """Whether no job is left to poll."""
        return not self.next_at

    def due(self) -> list[Request]:
        """A `describe` of each job due for a poll now."""
        now = self.clock()
        return [DescribeRequest(job) for job, at in self.next_at.items() if at <= now]

    def on_answer(self, request: Request, answer: Any) -> None:
        """Take one job's answer: it ends the job's wait, or schedules its next poll."""
        waiter = self._waiter(request)
        final = waiter.on_answer(answer)
        if final is None:
            self._schedule(waiter)
        else:
            self.finished[waiter.job_id] = final
            del self.next_at[waiter.job_id]

    def on_error(self, request: Request, error: ApiError) -> None:
        """Take a failed poll: transient ones are waited out, others raised (see `Waiter.on_error`)."""
        waiter = self._waiter(request)
        waiter.on_error(error)
        self._schedule(waiter)

    def delay(self) -> float:
        """Seconds until the next job is due."""
        return max(0.0, min(self.next_at.values(), default=self.clock()) - self.clock())

    def result(self) -> dict[str, P]:
        """The final progress of every job, by job ID.

        Raises:
            WaitManyTimeoutError: Some jobs did not end in time; it holds the finished and the unfinished.
        """
        if self.timed_out:
            raise WaitManyTimeoutError(self.timeout, self.finished, self.timed_out)
        return self.finished

    def _waiter(self, request: Request) -> Waiter[P]:
        assert isinstance(request, DescribeRequest), "PerJobWaits asks only for describe"
        return self.waiters[request.job_id]

    def _schedule(self, waiter: Waiter[P]) -> None:
        try:
            self.next_at[waiter.job_id] = self.clock() + waiter.delay()
        except WaitTimeoutError:
            self.timed_out[waiter.job_id] = waiter.last
            del self.next_at[waiter.job_id]
