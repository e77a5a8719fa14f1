"""`AsyncCloudImportJobs`: Zilliz Cloud's control plane under asyncio, with typed errors, retries and waiting."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterable

from zilliz_cloud_import_client.models import CreatedImportJob, ImportJobPage, ImportJobProgress, ImportJobSummary

from zilliz_import.calls import remember_async
from zilliz_import.cloud_base import DEFAULT_PAGE_SIZE, BaseCloudJobs, created_job, next_page
from zilliz_import.cloud_settings import Source
from zilliz_import.cloud_waiting import PerJobWaits
from zilliz_import.errors import ApiError
from zilliz_import.following import polls_in_flight
from zilliz_import.sending import AsyncSender
from zilliz_import.waiting import DEFAULT_STALL_AFTER, ProgressCallback, Waiter


class AsyncCloudImportJobs(BaseCloudJobs, AsyncSender):
    """Asynchronous control-plane facade; one connection pool serves every call, `wait_many` included."""

    _response_hook = staticmethod(remember_async)

    async def create(
        self, collection_name: str, source: Source, *, partition_name: str | None = None, db_name: str | None = None
    ) -> CreatedImportJob:
        """Start an import job; see `CloudImportJobs.create`."""
        return created_job(await self._run(self._create(collection_name, source, partition_name, db_name)))

    def list(self, *, page_size: int = DEFAULT_PAGE_SIZE) -> AsyncIterator[ImportJobSummary]:
        """The cluster's jobs, oldest first, a page at a time: `async for job in jobs.list()`."""
        self._list(1, page_size)  # checks the arguments before any iteration
        return self._records(page_size)

    async def list_page(self, page: int = 1, *, page_size: int = DEFAULT_PAGE_SIZE) -> ImportJobPage:
        """One page of the cluster's jobs, counted from 1, with the total `count`."""
        result: ImportJobPage = await self._run(self._list(page, page_size))
        return result

    async def get_progress(self, job_id: str) -> ImportJobProgress:
        """One job's progress; see `CloudImportJobs.get_progress`."""
        result: ImportJobProgress = await self._run(self._progress(job_id))
        return result

    async def wait(
        self,
        job_id: str,
        *,
        timeout: float,
        poll_interval: float | None = None,
        on_progress: ProgressCallback | None = None,
        stall_after: float = DEFAULT_STALL_AFTER,
        raise_on_failure: bool = False,
    ) -> ImportJobProgress:
        """Poll until the job ends; see `CloudImportJobs.wait`."""
        waiter = self._waiter(
            job_id, timeout=timeout, poll_interval=poll_interval, on_progress=on_progress,
            stall_after=stall_after, raise_on_failure=raise_on_failure,
        )  # fmt: skip
        return await self._follow(waiter, self.get_progress)

    async def wait_many(
        self,
        job_ids: Iterable[str],
        *,
        timeout: float,
        on_progress: ProgressCallback | None = None,
        stall_after: float = DEFAULT_STALL_AFTER,
        concurrency: int = 16,
    ) -> dict[str, ImportJobProgress]:
        """Wait for several jobs, each on its own schedule, at most `concurrency` polls in flight.

        See `CloudImportJobs.wait_many`.
        """
        waits = self._waits(job_ids, timeout=timeout, on_progress=on_progress, stall_after=stall_after)
        gate = polls_in_flight(concurrency)
        while True:
            await asyncio.gather(*(self._poll(waits, waiter, gate) for waiter in waits.due()))
            if waits.done:
                return waits.result()
            await asyncio.sleep(waits.delay())

    async def _poll(
        self, waits: PerJobWaits[ImportJobProgress], waiter: Waiter[ImportJobProgress], gate: asyncio.Semaphore
    ) -> None:
        try:
            async with gate:
                progress = await self.get_progress(waiter.job_id)
        except ApiError as error:
            waits.on_error(waiter, error)
        else:
            waits.on_answer(waiter, progress)

    async def _records(self, page_size: int) -> AsyncIterator[ImportJobSummary]:
        page: int | None = 1
        while page is not None:
            answer = await self.list_page(page, page_size=page_size)
            for record in answer.records:
                yield record
            page = next_page(answer, page)
