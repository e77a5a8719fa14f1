"""Following one job: a deadline, polling aimed at the job's end, rates, ETA and stall reports, without I/O.

`Waiter` holds the decisions; the facades only fetch and sleep (`following.loop`). Where a wait
stops is `ending`, the one place that says so for every follower of this package and its users.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Generic

from zilliz_import.errors import ApiError, InvalidArgumentError, JobFailedError, WaitTimeoutError
from zilliz_import.following.prediction import EndPrediction, lateness_budget
from zilliz_import.following.progress import (
    DEFAULT_STALL_AFTER,
    IMPORTING,
    Ending,
    JobProgress,
    P,
    ProgressEvent,
    ending,
    rows_of,
    state_name,
)

log = logging.getLogger("zilliz_import.wait")
FIRST_INTERVAL = 1.0  # the second look; jobs seldom leave Pending sooner
MIN_INTERVAL = 0.05
MAX_INTERVAL = 30.0
BACKOFF = 1.5  # without a rate, lateness is bounded by a share of the time already waited
UNFORESEEN = 2.5  # aiming at a predicted end, still look within this many times the time waited (failures)
FINISHING = 0.03  # at 99 % the last steps (sorting, indexes) show no rate: look often, but relatively
FINISHING_PERCENT = 99
RATE_STATE = IMPORTING  # Pending's 0-10 % says nothing about the import's speed


class Waiter(Generic[P]):
    """Decides, answer by answer, whether a job is done and when to ask again.

    `Completed`, `Failed` and (unless `through_uncommitted`) `Uncommitted` end the wait (see `ending`);
    any other state, known or not, keeps it going.
    Without a fixed `poll_interval` the schedule aims at the job's end, predicted from its state and
    percent (`following.prediction`): far from the predicted end a poll comes after a share (`APPROACH`)
    of the time left to it, near it (and past it, when the prediction missed) every `max_lateness`
    seconds. No poll comes later than `UNFORESEEN` times the time waited, so an end that progress does
    not foretell (a failure) is learnt within a share of the time waited; while the percent has not
    moved yet, polls back off by `BACKOFF` times the time waited; at `Uncommitted` (waiting through it)
    a poll comes every `FINISHING` share of the time waited.

    `max_lateness` is the budget of lateness near a predicted end; None means 1.5 s, or 1.5 % of the
    time waited when more. Its cost: a poll per `max_lateness` seconds from the predicted end (or
    `max_lateness` before it) to the true one, a few seconds on a minute-long job, plus a poll each time
    the way to it shrinks by `APPROACH`: 9-10 polls for a job of 15-60 s by default, fewer than a 5 s loop
    pays for a one-minute job (`make bench`); halving `max_lateness` costs a few polls more per job.
    """

    def __init__(
        self,
        job_id: str,
        *,
        timeout: float,
        poll_interval: float | None = None,
        on_progress: Callable[[ProgressEvent[P]], object] | None = None,
        stall_after: float = DEFAULT_STALL_AFTER,
        raise_on_failure: bool = False,
        through_uncommitted: bool = False,
        max_lateness: float | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if not timeout > 0:
            raise InvalidArgumentError(f"timeout must be positive, got {timeout!r}")
        if poll_interval is not None and not poll_interval > 0:
            raise InvalidArgumentError(f"poll_interval must be positive, got {poll_interval!r}")
        if max_lateness is not None and not max_lateness > 0:
            raise InvalidArgumentError(f"max_lateness must be positive, got {max_lateness!r}")
        self.job_id = job_id
        self.timeout = timeout
        self.poll_interval = poll_interval
        self.on_progress = on_progress
        self.stall_after = stall_after
        self.raise_on_failure = raise_on_failure
        self.through_uncommitted = through_uncommitted
        self.max_lateness = max_lateness
        self.clock = clock
        self.prediction = EndPrediction()
        self.started = clock()
        self.last: P | None = None
        self.requests = 0
        self._interval = FIRST_INTERVAL
        self._eta: float | None = None
        self._changed_at = self.started
        self._last_signature: tuple[object, ...] | None = None
        self._first_seen: tuple[float, int, int] | None = None  # (time, progress %, rows) of the first Importing answer

    def on_answer(self, progress: P) -> P | None:
        """Take one answer; returns it when the job has ended (or raises JobFailedError if asked to)."""
        now = self.clock()
        self.requests += 1
        signature = _signature(progress)
        if signature != self._last_signature:
            self._changed_at = now
        self.last, self._last_signature = progress, signature
        self.prediction.observe(now, state_name(progress), progress.progress)
        rate, self._eta = self._estimate(progress, now)
        self._interval = self._next_interval(progress, now)
        if self.on_progress is not None:
            stalled_for = now - self._changed_at
            event = ProgressEvent(
                self.job_id, progress, now - self.started, rate, self._eta, stalled_for, stalled_for >= self.stall_after
            )
            self.on_progress(event)
        end = ending(progress, through_uncommitted=self.through_uncommitted)
        if end is None:
            return None
        if self.raise_on_failure and end is Ending.FAILED:
            raise JobFailedError(progress)
        return progress

    def on_error(self, error: ApiError) -> None:
        """Take a failed poll: transient ones (retries already spent) are waited out, others raised."""
        self.requests += 1
        if not error.retriable:
            raise error
        log.warning("polling job %s failed, will try again: %s", self.job_id, error)
        self._interval = self._next_interval(None, self.clock())

    @property
    def interval(self) -> float:
        """Seconds this job's schedule wants until its next poll, deadline aside."""
        return self._interval

    @property
    def eta(self) -> float | None:
        """Estimated seconds to completion at the last answer, when the rate allows a guess."""
        return self._eta

    def delay(self) -> float:
        """Seconds to sleep before the next poll.

        Raises:
            WaitTimeoutError: The deadline has passed; it carries the last answer seen.
        """
        remaining = self.started + self.timeout - self.clock()
        if remaining <= 0:
            raise WaitTimeoutError(self.job_id, self.timeout, self.last)
        return min(self._interval, remaining)

    def _next_interval(self, progress: P | None, now: float) -> float:
        """Seconds until the next poll, after an answer or (`progress` None) after a failed poll."""
        if self.poll_interval is not None:
            return self.poll_interval
        waited = now - self.started
        if progress is not None and self.requests <= 1:
            return FIRST_INTERVAL
        # After a failed poll too: the end it may have hidden is still where the answers before it said.
        aimed = self.prediction.next_look(now, lateness_budget(self.max_lateness, waited))
        if aimed is not None:
            return _bounded(min(aimed, waited * UNFORESEEN))
        if progress is not None and progress.progress >= FINISHING_PERCENT:
            return _bounded(waited * FINISHING)
        return _bounded(waited * BACKOFF)

    def _estimate(self, progress: P, now: float) -> tuple[float | None, float | None]:
        """(rows per second, seconds to completion) from the change since the first Importing answer."""
        percent, rows = progress.progress, rows_of(progress)
        if state_name(progress) != RATE_STATE:
            return None, None
        if self._first_seen is None:
            self._first_seen = (now, percent, rows)
            return None, None
        since, first_percent, first_rows = self._first_seen
        span = now - since
        if span <= 0:
            return None, None
        rate = max(0.0, (rows - first_rows) / span)
        speed = (percent - first_percent) / span
        eta = (100 - percent) / speed if speed > 0 and percent < 100 else None
        return rate, eta


def _bounded(interval: float) -> float:
    return min(max(interval, MIN_INTERVAL), MAX_INTERVAL)


def _signature(progress: JobProgress) -> tuple[object, ...]:
    """What counts as a change of the job."""
    details = tuple((d.progress, rows_of(d), str(d.state)) for d in progress.details)
    return state_name(progress), progress.progress, rows_of(progress), details
