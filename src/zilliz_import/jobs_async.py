"""`AsyncImportJobs`: the generated client under asyncio, with typed errors, retries and waiting."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable, Mapping

from zilliz_import_client.models import CreateImportJobSuccessData, ImportJobProgress, ImportJobSummary

from zilliz_import.calls import remember_async
from zilliz_import.errors import WaitManyTimeoutError, WaitTimeoutError
from zilliz_import.jobs_base import BaseImportJobs, Files
from zilliz_import.options import CreateOptions
from zilliz_import.sending import AsyncSender
from zilliz_import.waiting import DEFAULT_STALL_AFTER, ProgressCallback


class AsyncImportJobs(BaseImportJobs, AsyncSender):
    """Asynchronous facade; one connection pool serves every call, `wait_many` included."""

    _response_hook = staticmethod(remember_async)

    async def create(
        self,
        collection_name: str,
        files: Files,
        *,
        partition_name: str | None = None,
        options: Mapping[str, str] | CreateOptions | None = None,
        auto_commit: bool | None = None,
    ) -> CreateImportJobSuccessData:
        """Start an import job; see `ImportJobs.create`."""
        result: CreateImportJobSuccessData = await self._run(
            self._create(collection_name, files, partition_name, options, auto_commit)
        )
        return result

    async def list(self, *, collection_name: str | None = None) -> list[ImportJobSummary]:
        """The jobs of the database, or of one collection."""
        records: list[ImportJobSummary] = (await self._run(self._list(collection_name))).records
        return records

    async def get_progress(self, job_id: str | int) -> ImportJobProgress:
        """One job's progress."""
        result: ImportJobProgress = await self._run(self._progress(job_id))
        return result

    async def commit(self, job_id: str | int) -> None:
        """Commit a two-phase job waiting at `Uncommitted`; see `ImportJobs.commit`."""
        await self._run(self._action("commit", job_id))

    async def abort(self, job_id: str | int) -> None:
        """Abort a job that has not completed; see `ImportJobs.abort`."""
        await self._run(self._action("abort", job_id))

    async def wait(
        self,
        job_id: str | int,
        *,
        timeout: float,
        poll_interval: float | None = None,
        on_progress: ProgressCallback | None = None,
        stall_after: float = DEFAULT_STALL_AFTER,
        raise_on_failure: bool = False,
        through_uncommitted: bool = False,
    ) -> ImportJobProgress:
        """Poll until the job ends; see `ImportJobs.wait`."""
        waiter = self._waiter(
            job_id, timeout=timeout, poll_interval=poll_interval, on_progress=on_progress,
            stall_after=stall_after, raise_on_failure=raise_on_failure, through_uncommitted=through_uncommitted,
        )  # fmt: skip
        return await self._follow(waiter, self.get_progress)

    async def wait_many(
        self,
        job_ids: Iterable[str | int],
        *,
        timeout: float,
        on_progress: ProgressCallback | None = None,
        stall_after: float = DEFAULT_STALL_AFTER,
        concurrency: int = 64,
        through_uncommitted: bool = False,
    ) -> dict[str, ImportJobProgress]:
        """Wait for many jobs at once, each polled on its own adaptive schedule, on one connection pool.

        Args:
            job_ids: The jobs.
            timeout: Seconds to wait for all of them.
            on_progress: Called with a `ProgressEvent` after every answer of any job.
            stall_after: Seconds without change after which events report a stall.
            concurrency: Polls in flight at most.
            through_uncommitted: Keep waiting at `Uncommitted`, for jobs that another process commits.

        Returns:
            The final progress of every job, by job ID: `Completed`, `Failed` or `Uncommitted`.

        Raises:
            WaitManyTimeoutError: The deadline passed; it holds the finished and the unfinished jobs.
        """
        waiters = [
            self._waiter(
                job_id, timeout=timeout, on_progress=on_progress, stall_after=stall_after,
                through_uncommitted=through_uncommitted,
            )
            for job_id in job_ids
        ]  # fmt: skip
        gate = asyncio.Semaphore(concurrency)
        outcomes = await asyncio.gather(
            *(self._follow(w, self.get_progress, gate) for w in waiters), return_exceptions=True
        )
        finished: dict[str, ImportJobProgress] = {}
        unfinished: dict[str, ImportJobProgress | None] = {}
        for waiter, outcome in zip(waiters, outcomes, strict=True):
            if isinstance(outcome, WaitTimeoutError):
                unfinished[waiter.job_id] = waiter.last
            elif isinstance(outcome, BaseException):
                raise outcome
            else:
                finished[waiter.job_id] = outcome
        if unfinished:
            raise WaitManyTimeoutError(timeout, finished, unfinished)
        return finished
