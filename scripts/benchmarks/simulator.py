"""Schedules replayed on the mock's own job histories with an injected clock: no I/O, no sleeping.

Histories are drawn as the mock draws them (`mock.lifecycle.plan_job`, rendered by
`mock.snapshots.job_snapshot`), then followed through the client's own followers: `OneJob(Waiter)` as
`wait` does, `Tracker` as `wait_many` does (jobs created together, in one collection), and the
schedule `Waiter` had before issue #21 (`LegacyWaiter`). A request is answered at once, so lateness is the schedule's alone.
"""

from __future__ import annotations

import datetime
import math
import random
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from zilliz_import.following.per_job import OneJob
from zilliz_import.following.progress import JobProgress
from zilliz_import.following.requests import DescribeRequest, Follower, Group, ListRequest
from zilliz_import.following.tracker import Tracker
from zilliz_import.following.waiter import BACKOFF, FINISHING, FINISHING_PERCENT, FIRST_INTERVAL, Waiter, _bounded
from zilliz_import.mock.lifecycle import JobPlan, ends_after, plan_job
from zilliz_import.mock.snapshots import job_snapshot

LENGTHS = (10.0, 60.0, 600.0, 3600.0)
HISTORIES = 500  # per length: thousands in all, replayed in seconds
TRACKED = 10  # jobs created together and followed by one `wait_many`
FIXED = 5.0
WAIT = 10 * 3600.0
CREATED = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
GROUP = Group("", "sim")
SCHEDULES = ("fixed 5 s", "wait before #21", "wait", f"wait_many x{TRACKED}")


@dataclass(frozen=True)
class Answer:
    """What following reads of a progress answer or a `list` record (rows and files left out)."""

    job_id: str
    state: str
    progress: int
    collection_name: str = GROUP.collection_name
    details: tuple[Any, ...] = ()
    imported_rows: int = 0


@dataclass(frozen=True)
class Listing:
    """A `list` answer."""

    records: list[Answer] = field(default_factory=list)


class Clock:
    """The injected clock: seconds since the jobs were created."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


class LegacyWaiter(Waiter):
    """`Waiter`'s schedule before issue #21: backing off by the time waited, or sooner at a rate's ETA."""

    def _next_interval(self, progress: JobProgress | None, now: float) -> float:
        waited = now - self.started
        if progress is None:
            return _bounded(waited * BACKOFF)
        if self.requests <= 1:
            return FIRST_INTERVAL
        if progress.progress >= FINISHING_PERCENT:
            return _bounded(waited * FINISHING)
        if self.eta is not None:
            return _bounded(min(max(self.eta, waited * 0.1), waited * BACKOFF))
        return _bounded(waited * BACKOFF)


def histories(length: float, count: int, seed: int = 21) -> list[JobPlan]:
    """`count` histories of jobs of `length` seconds (as the mock's `--job-seconds`), 1-4 files each."""
    rng = random.Random(seed)
    return [
        plan_job(rng, job_id=str(i), db_name="", collection_name=GROUP.collection_name,
                 files=[[f"part-{i}-{k}.parquet"] for k in range(1 + i % 4)], job_seconds=length, created_at=CREATED)
        for i in range(count)
    ]  # fmt: skip


def answer(plan: JobPlan, at: float) -> Answer:
    """The job's state and percent `at` seconds after its creation."""
    data = job_snapshot(plan, at, create_time=False)
    return Answer(plan.job_id, data["state"], data["progress"])


def replay(follower: Follower[Any], plans: Sequence[JobPlan], clock: Clock) -> tuple[int, dict[str, float]]:
    """Drive `follower` to its end on `plans`: the requests it sent and when it learnt of each end."""
    by_id = {plan.job_id: plan for plan in plans}
    learned: dict[str, float] = {}
    requests = 0
    while True:
        for request in follower.due():
            requests += 1
            if isinstance(request, ListRequest):
                follower.on_answer(request, Listing([answer(plan, clock.now) for plan in plans]))
            else:
                assert isinstance(request, DescribeRequest)
                follower.on_answer(request, answer(by_id[request.job_id], clock.now))
            # A tracker finishes jobs one by one; any other follower here follows one job.
            ended = list(follower.finished) if isinstance(follower, Tracker) else [plans[0].job_id] * follower.done
            for job_id in ended:
                learned.setdefault(job_id, clock.now)
        if follower.done:
            return requests, learned
        clock.now += follower.delay()


def one_wait(plan: JobPlan, waiter: type[Waiter] = Waiter, **options: Any) -> tuple[int, float]:
    """Follow one job as `wait` does: (requests, lateness)."""
    clock = Clock()
    requests, learned = replay(OneJob(waiter(plan.job_id, timeout=WAIT, clock=clock, **options)), [plan], clock)
    return requests, learned[plan.job_id] - _end(plan)


def many_wait(plans: Sequence[JobPlan], **options: Any) -> list[tuple[float, float]]:
    """Follow jobs created together as `wait_many` does: (requests shared per job, lateness) of each."""
    clock = Clock()
    groups = dict.fromkeys((p.job_id for p in plans), GROUP)
    tracker = Tracker(list(groups), timeout=WAIT, as_progress=_same, groups=groups, clock=clock, **options)
    requests, learned = replay(tracker, plans, clock)
    return [(requests / len(plans), learned[p.job_id] - _end(p)) for p in plans]


def fixed(plan: JobPlan, interval: float = FIXED) -> tuple[int, float]:
    """The SDK examples' loop, in closed form: a poll at 0, `interval`, 2 `interval`, ... until the end."""
    end = _end(plan)
    polls = math.ceil(end / interval)
    return polls + 1, polls * interval - end


def simulate(lengths: Sequence[float] = LENGTHS, count: int = HISTORIES) -> dict[str, dict[str, dict[str, float]]]:
    """Every schedule on `count` histories of each length: requests per job, lateness median, p95, worst."""
    table: dict[str, dict[str, dict[str, float]]] = {}
    for length in lengths:
        plans = histories(length, count)
        groups = [plans[i : i + TRACKED] for i in range(0, len(plans) - TRACKED + 1, TRACKED)]
        runs: dict[str, list[tuple[float, float]]] = {
            SCHEDULES[0]: [fixed(p) for p in plans],
            SCHEDULES[1]: [one_wait(p, LegacyWaiter) for p in plans],
            SCHEDULES[2]: [one_wait(p) for p in plans],
            SCHEDULES[3]: [row for g in groups for row in many_wait(g)],
        }
        table[f"{length:g}"] = {name: summary(rows) for name, rows in runs.items()}
    return table


def summary(rows: Sequence[tuple[float, float]]) -> dict[str, float]:
    """Requests per job, lateness median, p95 and worst, and the worst lateness over the job's length."""
    late = sorted(lateness for _, lateness in rows)
    return {
        "requests_per_job": statistics.fmean(requests for requests, _ in rows),
        "median_delay_seconds": statistics.median(late),
        "p95_delay_seconds": late[min(len(late) - 1, math.ceil(0.95 * len(late)) - 1)],
        "max_delay_seconds": late[-1],
    }


def _end(plan: JobPlan) -> float:
    end = ends_after(plan)
    assert end is not None, "simulated jobs all end"
    return end


def _same(record: Any) -> JobProgress:
    return record  # type: ignore[no-any-return]
