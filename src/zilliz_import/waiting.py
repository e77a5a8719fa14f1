"""Waiting for a job: where a wait ends, a deadline, adaptive polling, rates, ETA and stall reports.

`Waiter` holds the decisions; the sync and async facades only fetch and sleep. `ending` is the one
place that says where a wait stops, for every waiter of this package and its users.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

from zilliz_import_client.models import ImportJobProgress, KnownImportJobState

from zilliz_import.errors import ApiError, JobFailedError, WaitTimeoutError

log = logging.getLogger("zilliz_import.wait")
TERMINAL_STATES = frozenset({KnownImportJobState.COMPLETED.value, KnownImportJobState.FAILED.value})  # no change after
AWAITING_COMMIT = KnownImportJobState.UNCOMMITTED.value  # two-phase: nothing moves until a commit or an abort
FIRST_INTERVAL = 1.0  # the second look; jobs seldom leave Pending sooner
MIN_INTERVAL = 0.05
MAX_INTERVAL = 30.0
BACKOFF = 1.5  # without a rate, lateness is bounded by a share of the time already waited
ETA_FLOOR = 0.1  # a rate that slows near the end would otherwise bring polls ever closer
FINISHING = 0.03  # at 99 % the last steps (sorting, indexes) show no rate: look often, but relatively
FINISHING_PERCENT = 99
RATE_STATE = KnownImportJobState.IMPORTING.value  # Pending's 0-10 % says nothing about the import's speed
DEFAULT_STALL_AFTER = 120.0


class Ending(Enum):
    """How a wait ended."""

    COMPLETED = KnownImportJobState.COMPLETED.value
    FAILED = KnownImportJobState.FAILED.value
    UNCOMMITTED = AWAITING_COMMIT


def state_name(progress: ImportJobProgress) -> str:
    """The job state as a plain string, known or not."""
    state = progress.state
    return state.value if isinstance(state, KnownImportJobState) else str(state)


def ending(progress: ImportJobProgress | str, *, through_uncommitted: bool = False) -> Ending | None:
    """Where a wait stops: `Completed`, `Failed`, and `Uncommitted` unless asked to wait through it.

    Args:
        progress: A job's progress, or its state as a string.
        through_uncommitted: Keep waiting at `Uncommitted` (another process will commit or abort the job).

    Returns:
        How the wait ends, or None when it goes on (any other state, known or not).
    """
    state = progress if isinstance(progress, str) else state_name(progress)
    if state == AWAITING_COMMIT and through_uncommitted:
        return None
    return Ending(state) if state in Ending._value2member_map_ else None


@dataclass(frozen=True)
class ProgressEvent:
    """What the progress callback is told after every answer.

    `wait` builds every event from a `describe` answer. `wait_many` builds them from `list` records
    (state, percent and reason only: rows, sizes, files are 0 or empty and `rows_per_second` None)
    until a job's end, whose event carries its `describe` answer; see `ImportJobs.wait_many`.

    Attributes:
        job_id: The job.
        progress: The server's answer (a generated `ImportJobProgress`).
        elapsed: Seconds since waiting began.
        rows_per_second: Import rate so far, when known.
        eta_seconds: Estimated seconds to completion, when the rate allows a guess.
        stalled_for: Seconds since the answer last changed.
        stalled: Whether `stalled_for` has reached the wait's `stall_after`.
    """

    job_id: str
    progress: ImportJobProgress
    elapsed: float
    rows_per_second: float | None
    eta_seconds: float | None
    stalled_for: float
    stalled: bool

    @property
    def state(self) -> str:
        """The job state as a string."""
        return state_name(self.progress)


ProgressCallback = Callable[[ProgressEvent], object]


class Waiter:
    """Decides, answer by answer, whether a job is done and when to ask again.

    `Completed`, `Failed` and (unless `through_uncommitted`) `Uncommitted` end the wait (see `ending`);
    any other state, known or not, keeps it going.
    Without a fixed `poll_interval` the next poll comes after `BACKOFF` times the time waited so far,
    or sooner, at the estimated completion, once two `Importing` answers give a rate; at 99 % it
    comes every `FINISHING` share of the time waited. So requests grow with the logarithm of the
    job's length, and lateness stays a small share of it.
    """

    def __init__(
        self,
        job_id: str,
        *,
        timeout: float,
        poll_interval: float | None = None,
        on_progress: ProgressCallback | None = None,
        stall_after: float = DEFAULT_STALL_AFTER,
        raise_on_failure: bool = False,
        through_uncommitted: bool = False,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if not timeout > 0:
            raise ValueError(f"timeout must be positive, got {timeout!r}")
        if poll_interval is not None and not poll_interval > 0:
            raise ValueError(f"poll_interval must be positive, got {poll_interval!r}")
        self.job_id = job_id
        self.timeout = timeout
        self.poll_interval = poll_interval
        self.on_progress = on_progress
        self.stall_after = stall_after
        self.raise_on_failure = raise_on_failure
        self.through_uncommitted = through_uncommitted
        self.clock = clock
        self.started = clock()
        self.last: ImportJobProgress | None = None
        self.requests = 0
        self._interval = FIRST_INTERVAL
        self._eta: float | None = None
        self._changed_at = self.started
        self._last_signature: tuple[object, ...] | None = None
        self._first_seen: tuple[float, int, int] | None = None  # (time, progress %, rows) of the first Importing answer

    def on_answer(self, progress: ImportJobProgress) -> ImportJobProgress | None:
        """Take one answer; returns it when the job has ended (or raises JobFailedError if asked to)."""
        now = self.clock()
        self.requests += 1
        signature = _signature(progress)
        if signature != self._last_signature:
            self._changed_at = now
        self.last, self._last_signature = progress, signature
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

    def _next_interval(self, progress: ImportJobProgress | None, now: float) -> float:
        """Seconds until the next poll, after an answer or (`progress` None) after a failed poll."""
        if self.poll_interval is not None:
            return self.poll_interval
        waited = now - self.started
        if progress is None:
            return _bounded(waited * BACKOFF)
        if self.requests <= 1:
            return FIRST_INTERVAL
        if progress.progress >= FINISHING_PERCENT:
            return _bounded(waited * FINISHING)
        if self._eta is not None:
            return _bounded(min(max(self._eta, waited * ETA_FLOOR), waited * BACKOFF))
        return _bounded(waited * BACKOFF)

    def _estimate(self, progress: ImportJobProgress, now: float) -> tuple[float | None, float | None]:
        """(rows per second, seconds to completion) from the change since the first Importing answer."""
        percent, rows = progress.progress, progress.imported_rows
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


def _signature(progress: ImportJobProgress) -> tuple[object, ...]:
    """What counts as a change of the job."""
    details = tuple((d.progress, d.imported_rows, str(d.state)) for d in progress.details)
    return state_name(progress), progress.progress, progress.imported_rows, details
