"""Following many jobs three ways: the tracker (`wait_many`), a `Waiter` per job (wait_many before
the tracker), and a fixed 5-second polling loop like the SDK's examples.

Each mode gets a fresh mock process with the same seed, so all follow the same job histories. The
mock reports every job's true end (Unix time) and the requests it served; the client records when
it learned of each end. Jobs have 1-4 files and last 0.5-1x `--job-seconds`. Mode "wait" follows
each job with its own `wait`, as a user following one job does.
"""

from __future__ import annotations

import asyncio
import statistics
import time
from typing import Any

from benchmarks.mock_process import admin, mock_process
from zilliz_import import AsyncImportJobs, ProgressEvent
from zilliz_import.following.loop import follow_async
from zilliz_import.mock import DEFAULT_TOKEN

TERMINAL = ("Completed", "Failed")
MODES = ("tracker", "per-job", "fixed 5 s")
FIXED_INTERVAL = 5.0
WAIT = 3600.0
CREATE_CONCURRENCY = 50
# Both modes keep at most this many polls in flight: beyond the pool's 100 connections, httpcore's
# queue costs O(queued x connections) per event, and 1,000 queued requests wait for many seconds.
POLL_CONCURRENCY = 100
WAITS, WAIT_JOB_SECONDS = 8, 30.0  # issue #21: a few jobs of 15-30 s, each followed by its own `wait`


async def create_jobs(jobs: AsyncImportJobs, count: int) -> list[str]:
    """`count` jobs of 1-4 files each, created concurrently."""
    gate = asyncio.Semaphore(CREATE_CONCURRENCY)

    async def one(index: int) -> str:
        async with gate:
            files = [f"part-{index}-{k}.parquet" for k in range(1 + index % 4)]
            return (await jobs.create("bench", files)).job_id

    return list(await asyncio.gather(*(one(i) for i in range(count))))


async def fixed_poll(
    jobs: AsyncImportJobs, job_id: str, interval: float, gate: asyncio.Semaphore, learned: dict[str, float]
) -> None:
    """The SDK examples' loop: ask, and sleep `interval` until the job ends."""
    while True:
        async with gate:
            progress = await jobs.get_progress(job_id)
        if str(progress.state) in TERMINAL:
            break
        await asyncio.sleep(interval)
    learned[job_id] = time.time()


async def per_job(jobs: AsyncImportJobs, ids: list[str], seen: Any) -> None:
    """wait_many before the tracker: a `Waiter` per job, polls gated like it did."""
    gate = asyncio.Semaphore(POLL_CONCURRENCY)
    followers = [jobs._one_job(job_id, timeout=WAIT, on_progress=seen) for job_id in ids]
    await asyncio.gather(*(follow_async(one, jobs._send, gate=gate) for one in followers))


async def follow_all(url: str, count: int, mode: str, interval: float) -> dict[str, Any]:
    """Create `count` jobs and follow them to their end; the timings seen by the client."""
    learned: dict[str, float] = {}

    def seen(event: ProgressEvent) -> None:
        if event.state in TERMINAL:
            learned.setdefault(event.job_id, time.time())

    async with AsyncImportJobs(url, DEFAULT_TOKEN) as jobs:
        begin = time.time()
        ids = await create_jobs(jobs, count)
        cpu = time.process_time()
        if mode == "wait":
            await asyncio.gather(*(jobs.wait(job_id, timeout=WAIT, on_progress=seen) for job_id in ids))
        elif mode == "tracker":
            await jobs.wait_many(ids, timeout=WAIT, on_progress=seen, concurrency=POLL_CONCURRENCY)
        elif mode == "per-job":
            await per_job(jobs, ids, seen)
        else:
            gate = asyncio.Semaphore(POLL_CONCURRENCY)
            await asyncio.gather(*(fixed_poll(jobs, job_id, interval, gate, learned) for job_id in ids))
        end, cpu = time.time(), time.process_time() - cpu
    return {"ids": ids, "learned": learned, "begin": begin, "end": end, "cpu": cpu}


def follow(count: int, job_seconds: float, mode: str, interval: float = FIXED_INTERVAL) -> dict[str, float]:
    """One mode (of `MODES`, or "wait": each job its own `wait`; `interval` for the fixed loop) against a fresh
    mock: wall, CPU, requests, lateness."""
    with mock_process(job_seconds=job_seconds, seed=42, max_jobs=count * 2) as url:
        run = asyncio.run(follow_all(url, count, mode, interval))
        ends = admin(url, "jobs")["endsAt"]
        served = admin(url, "requests")["requests"]
    requests = served.get("describe", 0) + served.get("list", 0)
    delays = [run["learned"][job_id] - ends[job_id] for job_id in run["ids"]]
    longest = max(ends[job_id] for job_id in run["ids"]) - run["begin"]
    wall = run["end"] - run["begin"]
    return {
        "wall_seconds": wall,
        "longest_job_seconds": longest,
        "wall_over_longest": wall / longest,
        "cpu_seconds": run["cpu"],
        "requests": requests,
        "requests_per_job": requests / count,
        "median_delay_seconds": statistics.median(delays),
        "max_delay_seconds": max(delays),
        "min_delay_seconds": min(delays),
    }
