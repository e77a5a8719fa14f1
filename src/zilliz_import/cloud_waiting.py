"""Waiting for several jobs, each polled on its own `Waiter`'s schedule: the decisions, without I/O.

The control plane's `wait_many` uses it. A cluster's `wait_many` follows many jobs with one list per
collection instead; the control plane's paged `list` (no progress percent) could serve the same purpose
later.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Generic

from zilliz_import.errors import ApiError, WaitManyTimeoutError, WaitTimeoutError
from zilliz_import.waiting import P, Waiter


class PerJobWaits(Generic[P]):
    """Which jobs to poll now, and what their answers mean, for one `wait_many`."""

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

    def due(self) -> list[Waiter[P]]:
        """The waiters whose job is due for a poll now."""
        now = self.clock()
        return [self.waiters[job] for job, at in self.next_at.items() if at <= now]

    def on_answer(self, waiter: Waiter[P], progress: P) -> None:
        """Take one job's answer: it ends the job's wait, or schedules its next poll."""
        final = waiter.on_answer(progress)
        if final is None:
            self._schedule(waiter)
        else:
            self.finished[waiter.job_id] = final
            del self.next_at[waiter.job_id]

    def on_error(self, waiter: Waiter[P], error: ApiError) -> None:
        """Take a failed poll: transient ones are waited out, others raised (see `Waiter.on_error`)."""
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

    def _schedule(self, waiter: Waiter[P]) -> None:
        try:
            self.next_at[waiter.job_id] = self.clock() + waiter.delay()
        except WaitTimeoutError:
            self.timed_out[waiter.job_id] = waiter.last
            del self.next_at[waiter.job_id]
