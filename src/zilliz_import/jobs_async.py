"""`AsyncImportJobs`: the generated client under asyncio, with typed errors, retries and waiting."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable, Mapping

from pyrate_limiter import Limiter
from zilliz_import_client.models import CreateImportJobSuccessData, ImportJobProgress, ImportJobSummary

from zilliz_import.calls import remember_async
from zilliz_import.errors import ApiError
from zilliz_import.following import LIMITER_KEY, Request, polls_in_flight, request_ceiling
from zilliz_import.jobs_base import BaseImportJobs, Collections, Files
from zilliz_import.options import CreateOptions
from zilliz_import.sending import AsyncSender
from zilliz_import.tracking import Tracker
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
        self._note_created(result.job_id, collection_name)
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
        collections: Collections | None = None,
        max_requests_per_second: float | None = None,
    ) -> dict[str, ImportJobProgress]:
        """Wait for many jobs at once: one `list` per collection per tick, one `describe` per job at its end.

        See `ImportJobs.wait_many`; here up to `concurrency` requests of a tick are in flight at once.
        """
        tracker = self._tracker(
            job_ids, collections, timeout=timeout, on_progress=on_progress, stall_after=stall_after,
            through_uncommitted=through_uncommitted,
        )  # fmt: skip
        ceiling, gate = request_ceiling(max_requests_per_second), polls_in_flight(concurrency)
        try:
            while True:
                outcomes = await asyncio.gather(
                    *(self._ask(tracker, request, gate, ceiling) for request in tracker.due()), return_exceptions=True
                )
                for outcome in outcomes:
                    if isinstance(outcome, BaseException):
                        raise outcome
                if tracker.done:
                    return tracker.finished
                await asyncio.sleep(tracker.delay())
        finally:
            if ceiling is not None:
                ceiling.close()

    async def _ask(self, tracker: Tracker, request: Request, gate: asyncio.Semaphore, ceiling: Limiter | None) -> None:
        """Send one of the tracker's requests and hand it the answer or the error."""
        async with gate:
            if ceiling is not None:
                await ceiling.try_acquire_async(LIMITER_KEY)
            try:
                answer = await self._run(self._tracking_call(request))
            except ApiError as error:
                tracker.on_error(request, error)
                return
        tracker.on_answer(request, answer)
