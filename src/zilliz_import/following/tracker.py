"""Following many cluster jobs with one `list` per (database, collection) per tick, decided without I/O.

Each job keeps a `Waiter` (fed its `list` records, then its final `describe`); see `Tracker`.
"""

from __future__ import annotations

import dataclasses
import logging
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from zilliz_import.errors import ApiError, InvalidArgumentError, WaitManyTimeoutError
from zilliz_import.following.progress import DEFAULT_STALL_AFTER, JobProgress, ProgressCallback, ProgressEvent, ending
from zilliz_import.following.requests import DescribeRequest, Group, GroupOf, ListRequest, Request
from zilliz_import.following.waiter import BACKOFF, FIRST_INTERVAL, Waiter

log = logging.getLogger("zilliz_import.wait")
MIN_TICK = 0.5  # one `list` answers every job of a group: lateness is bounded by the tick, requests by its inverse
MAX_TICK = 30.0
FAILED_LIST_TICK = 5.0  # the longest a failed `list` keeps a group unseen before the next try
CROWD = 50.0  # a tick is at most CROWD x the time waited / the group's jobs: among many, the first end comes soon
SINCE_END = 0.25  # jobs started together end together: after an end, look again within this share of the time since
FEW = (
    20  # up to this many jobs in a group, its ticks follow their predicted ends alone (CROWD, SINCE_END are for crowds)
)


@dataclass
class _Job:
    waiter: Waiter
    group: Group | None  # None: not known yet (discovery), or followed by `describe` alone
    by_describe: bool = False  # `list` cannot show it: its own schedule, one `describe` each time
    final_pending: bool = False  # `list` shows it ended: one `describe` for the full answer
    next_at: float = 0.0
    in_flight: bool = False


@dataclass
class _Tick:
    next_at: float = 0.0
    in_flight: bool = False
    last_end: float | None = None  # when this group's `list` last showed a job ended


class Tracker:
    """Decides which requests follow a set of jobs, tick by tick, and what each answer means.

    Jobs are grouped by (database, collection): learned from the caller (`groups`), or else from one
    unfiltered `list` at the start; `as_progress` reads a `list` record as a progress answer. Each tick
    sends one `list` per group; a job that `list` shows ended gets one `describe` for its final answer;
    a job `list` does not show (the server forgot it, or it is in another database) is followed by
    `describe` on its own adaptive schedule. A group's
    next tick is the soonest poll its jobs' `Waiter`s want, each aimed at its job's predicted end (so
    the earliest predicted end leads, looked at every `max_lateness` near it); above `FEW` jobs also (jobs
    that start together end together) a `SINCE_END` share of the time since `list` last showed an end,
    or `CROWD` times the time waited over the number of its jobs (one `list` serves them all, and among
    many jobs the first end comes early); within `MIN_TICK` and `MAX_TICK`.
    """

    def __init__(
        self,
        job_ids: Iterable[str],
        *,
        timeout: float,
        as_progress: Callable[[Any], JobProgress],
        groups: GroupOf | None = None,
        db_name: str = "",
        on_progress: ProgressCallback | None = None,
        stall_after: float = DEFAULT_STALL_AFTER,
        through_uncommitted: bool = False,
        max_lateness: float | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if not timeout > 0:
            raise InvalidArgumentError(f"timeout must be positive, got {timeout!r}")
        self.timeout, self.db_name, self.through_uncommitted = timeout, db_name, through_uncommitted
        self.max_lateness = max_lateness
        self.on_progress, self.clock, self.as_progress = on_progress, clock, as_progress
        self.started = clock()
        self.finished: dict[str, Any] = {}
        self._last_look = False
        self._listing = False  # events from `list` records have no rows: their rate is unknown
        known = groups or {}
        self._jobs = {
            job_id: _Job(self._waiter(job_id, stall_after), known.get(job_id)) for job_id in dict.fromkeys(job_ids)
        }
        unknown = [job for job in self._jobs.values() if job.group is None]
        if len(unknown) == 1:  # one job alone: its own `describe` is cheaper than a list of every job
            unknown[0].by_describe = True
        self._ticks: dict[Group | None, _Tick] = {job.group: _Tick() for job in self._jobs.values()}

    @property
    def done(self) -> bool:
        """Whether every job has ended."""
        return not self._jobs

    def due(self) -> list[Request]:
        """The requests to send now; they count as in flight until their answer or error comes back."""
        now, members = self.clock(), self._membership()
        ticks = [g for g, t in self._ticks.items() if not t.in_flight and t.next_at <= now and g in members]
        jobs = [j for j, job in self._jobs.items() if self._own_poll(job) and not job.in_flight and job.next_at <= now]
        for group in ticks:
            self._ticks[group].in_flight = True
        for job_id in jobs:
            self._jobs[job_id].in_flight = True
        return [*(ListRequest(g) for g in ticks), *(DescribeRequest(j) for j in jobs)]

    def on_answer(self, request: Request, answer: Any) -> None:
        """Take the answer to `request`: `list`'s data (with `.records`) or `describe`'s progress."""
        if isinstance(request, ListRequest):
            self.on_list(request, answer.records)
        else:
            self.on_describe(request, answer)

    def on_list(self, request: ListRequest, records: Sequence[Any]) -> None:
        """Take a `list` answer: discovered groups, ended jobs, jobs it does not show, the group's next tick."""
        now, group = self.clock(), request.group
        shown = {record.job_id: record for record in records}
        members = self._membership().get(group, [])
        for job_id in members:
            job, record = self._jobs[job_id], shown.get(job_id)
            if record is None:
                self._follow_alone(job, now)
            elif group is None:
                job.group = Group(self.db_name, record.collection_name)
                self._ticks.setdefault(job.group, _Tick())
            else:
                self._on_record(job, record, now)
        tick = self._ticks[group]
        tick.in_flight, tick.next_at = False, now + self._tick_interval(group, members, now)

    def on_describe(self, request: DescribeRequest, progress: Any) -> None:
        """Take a `describe` answer: the job's end, or (a stale `list`, a job followed alone) its next poll."""
        job = self._jobs[request.job_id]
        job.in_flight, job.final_pending = False, False
        if job.waiter.on_answer(progress) is not None:
            self.finished[request.job_id] = progress
            del self._jobs[request.job_id]
        else:
            job.next_at = self.clock() + job.waiter.interval

    def on_error(self, request: Request, error: ApiError) -> None:
        """Take a failed request (its retries spent): transient ones are waited out, others handled or raised.

        Raises:
            ApiError: A `describe` failed in a way waiting cannot fix (job not found, bad token, ...).
        """
        now = self.clock()
        if isinstance(request, DescribeRequest):
            job = self._jobs[request.job_id]
            job.in_flight = False
            job.waiter.on_error(error)
            job.next_at = now + job.waiter.interval
            return
        tick = self._ticks[request.group]
        tick.in_flight = False
        if not error.retriable:
            log.warning("list of %s refused, following its jobs one by one: %s", request.group, error)
            for job_id in self._membership().get(request.group, []):
                self._follow_alone(self._jobs[job_id], now)
            return
        log.warning("list of %s failed, will try again: %s", request.group, error)
        tick.next_at = now + min(FAILED_LIST_TICK, max(MIN_TICK, (now - self.started) * BACKOFF))

    def result(self) -> dict[str, Any]:
        """The final `describe` answer of every job, by job ID."""
        return self.finished

    def delay(self) -> float:
        """Seconds to sleep before the next request is due.

        Raises:
            WaitManyTimeoutError: The deadline has passed; it holds the finished and the unfinished jobs.
        """
        now = self.clock()
        remaining = self.started + self.timeout - now
        if remaining <= 0:
            return self._at_deadline(now)
        members = self._membership()
        times = [t.next_at for g, t in self._ticks.items() if not t.in_flight and g in members]
        times += [job.next_at for job in self._jobs.values() if self._own_poll(job) and not job.in_flight]
        return min(max(0.0, min(times, default=now + remaining) - now), remaining)

    def _at_deadline(self, now: float) -> float:
        """One last look at every job (as `Waiter` polls once more at its deadline), final describes, the end."""
        if not self._last_look:
            self._last_look = True
            for tick in self._ticks.values():
                tick.next_at = now
            for job in self._jobs.values():
                job.next_at = now
            return 0.0
        if any(job.final_pending and not job.in_flight and job.next_at <= now for job in self._jobs.values()):
            return 0.0
        unfinished = {job_id: job.waiter.last for job_id, job in self._jobs.items()}
        raise WaitManyTimeoutError(self.timeout, dict(self.finished), unfinished)

    def _on_record(self, job: _Job, record: Any, now: float) -> None:
        if ending(str(record.state), through_uncommitted=self.through_uncommitted) is not None:
            job.final_pending, job.next_at = True, now
            self._ticks[job.group].last_end = now
            return
        self._listing = True
        try:
            job.waiter.on_answer(self.as_progress(record))
        finally:
            self._listing = False

    def _follow_alone(self, job: _Job, now: float) -> None:
        if not job.by_describe:
            log.info("job %s is not in the list of %s: following it by describe", job.waiter.job_id, job.group)
        job.by_describe, job.next_at = True, now

    def _membership(self) -> dict[Group | None, list[str]]:
        """The jobs each group's `list` follows now (groups without any are left out)."""
        members: dict[Group | None, list[str]] = {}
        for job_id, job in self._jobs.items():
            if not self._own_poll(job):
                members.setdefault(job.group, []).append(job_id)
        return members

    @staticmethod
    def _own_poll(job: _Job) -> bool:
        return job.by_describe or job.final_pending

    def _tick_interval(self, group: Group | None, members: list[str], now: float) -> float:
        if group is None:
            return 0.0  # discovery is done once; what it learnt is listed right away
        jobs = [self._jobs[job_id] for job_id in members if job_id in self._jobs]
        # Unlike one job's poll, a tick is not floored at a share of the time waited: `MIN_TICK` bounds it,
        # so the soonest estimated end among many jobs brings the look that catches it.
        wanted = [job.waiter.interval for job in jobs if not self._own_poll(job)]
        last_end = self._ticks[group].last_end
        if last_end is not None and len(wanted) > FEW:
            wanted.append((now - last_end) * SINCE_END)
        if len(wanted) > FEW:
            wanted.append(CROWD * max(now - self.started, FIRST_INTERVAL) / len(wanted))
        return min(max(min(wanted, default=MAX_TICK), MIN_TICK), MAX_TICK)

    def _waiter(self, job_id: str, stall_after: float) -> Waiter:
        callback = None if self.on_progress is None else self._relay
        return Waiter(job_id, timeout=self.timeout, on_progress=callback, stall_after=stall_after, clock=self.clock,
                      through_uncommitted=self.through_uncommitted, max_lateness=self.max_lateness)  # fmt: skip

    def _relay(self, event: ProgressEvent) -> None:
        assert self.on_progress is not None
        self.on_progress(dataclasses.replace(event, rows_per_second=None) if self._listing else event)
