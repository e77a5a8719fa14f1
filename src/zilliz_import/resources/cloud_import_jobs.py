"""`CloudImportJobs` and `AsyncCloudImportJobs` side by side: calls built by `planes.control_plane`.

Following is `following.loop` driving a `Waiter` (one job) or `PerJobWaits` (several).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable, Iterator

from zilliz_cloud_import_client.models import CreatedImportJob, ImportJobPage, ImportJobProgress, ImportJobSummary

from zilliz_import._core.transport import AsyncTransport, SyncTransport
from zilliz_import.following.loop import follow, follow_async, polls_in_flight
from zilliz_import.following.progress import DEFAULT_STALL_AFTER, ProgressCallback
from zilliz_import.planes import control_plane
from zilliz_import.planes.control_plane import DEFAULT_PAGE_SIZE, created_job, next_page
from zilliz_import.planes.sources import Source
from zilliz_import.resources.control_plane_client import ControlPlaneClient


class CloudImportJobs(ControlPlaneClient, SyncTransport):
    """Synchronous facade over the generated control-plane client; a context manager.

    Example:
        with CloudImportJobs.from_env() as jobs:
            source = ObjectStorage(["s3://bucket/1.parquet"], access_key="...", secret_key="...")
            job_id = jobs.create("medium_articles", source).jobId
            final = jobs.wait(job_id, timeout=600)
    """

    def create(
        self, collection_name: str, source: Source, *, partition_name: str | None = None, db_name: str | None = None
    ) -> CreatedImportJob:
        """Start an import job of files in object storage or a volume; `.jobId` of the answer names it.

        Args:
            collection_name: The collection to import into.
            source: `ObjectStorage` (URLs and keys) or `Volume` (name and paths).
            partition_name: The partition, when not the default one.
            db_name: The database of the collection, when not `default`.

        Returns:
            The generated `CreatedImportJob`, with `jobId` set even when the server spelled it `jobID`.

        Raises:
            InvalidArgumentError: Arguments the server would refuse, caught before sending.
            ApiError: The server refused; retried only when no job can have started.
        """
        return created_job(self._run(self._create_call(collection_name, source, partition_name, db_name)))

    def list(self, *, page_size: int = DEFAULT_PAGE_SIZE) -> Iterator[ImportJobSummary]:
        """The cluster's jobs, oldest first, fetched a page at a time as the iteration goes.

        Raises:
            InvalidArgumentError: `page_size` is not a positive integer (raised at once, not when iterating).
        """
        control_plane.list_call(self.cluster_id, 1, page_size)  # checks the arguments before any iteration
        return self._records(page_size)

    def list_page(self, page: int = 1, *, page_size: int = DEFAULT_PAGE_SIZE) -> ImportJobPage:
        """One page of the cluster's jobs, counted from 1, with the total `count`."""
        result: ImportJobPage = self._run(control_plane.list_call(self.cluster_id, page, page_size))
        return result

    def get_progress(self, job_id: str) -> ImportJobProgress:
        """One job's progress.

        Raises:
            InvalidArgumentError: Not a control-plane job ID (`job-...`).
            JobNotFoundError: The cluster has no such job.
        """
        result: ImportJobProgress = self._run(control_plane.progress_call(self.cluster_id, job_id))
        return result

    def wait(
        self,
        job_id: str,
        *,
        timeout: float,
        poll_interval: float | None = None,
        on_progress: ProgressCallback | None = None,
        stall_after: float = DEFAULT_STALL_AFTER,
        raise_on_failure: bool = False,
        max_lateness: float | None = None,
    ) -> ImportJobProgress:
        """Poll until the job is `Completed` or `Failed` and return that last answer; see `ImportJobs.wait`.

        Polls aim at the end predicted from the job's state and percent; `max_lateness` (seconds) bounds
        how late a foretold end is learnt: by default 1.5, or 1.5 % of the time waited when more.

        Raises:
            WaitTimeoutError: The deadline passed; it carries the last progress seen.
            JobFailedError: The job failed and `raise_on_failure` was set.
            ApiError: A poll failed in a way waiting cannot fix (job not found, bad API key, ...).
        """
        one_job = self._one_job(
            job_id, timeout=timeout, poll_interval=poll_interval, on_progress=on_progress,
            stall_after=stall_after, raise_on_failure=raise_on_failure, max_lateness=max_lateness,
        )  # fmt: skip
        return follow(one_job, self._send)

    def wait_many(
        self,
        job_ids: Iterable[str],
        *,
        timeout: float,
        on_progress: ProgressCallback | None = None,
        stall_after: float = DEFAULT_STALL_AFTER,
        max_lateness: float | None = None,
    ) -> dict[str, ImportJobProgress]:
        """Wait for several jobs, each polled on its own schedule aimed at its predicted end (see `wait`).

        Returns:
            The final progress of every job, by job ID (`Completed` or `Failed`).

        Raises:
            WaitManyTimeoutError: The deadline passed; it holds the finished and the unfinished jobs.
        """
        waits = self._waits(
            job_ids, timeout=timeout, on_progress=on_progress, stall_after=stall_after, max_lateness=max_lateness
        )
        return follow(waits, self._send)

    def _records(self, page_size: int) -> Iterator[ImportJobSummary]:
        page: int | None = 1
        while page is not None:
            answer = self.list_page(page, page_size=page_size)
            yield from answer.records
            page = next_page(answer, page)


class AsyncCloudImportJobs(ControlPlaneClient, AsyncTransport):
    """Asynchronous control-plane facade; one connection pool serves every call, `wait_many` included."""

    async def create(
        self, collection_name: str, source: Source, *, partition_name: str | None = None, db_name: str | None = None
    ) -> CreatedImportJob:
        """Start an import job; see `CloudImportJobs.create`."""
        return created_job(await self._run(self._create_call(collection_name, source, partition_name, db_name)))

    def list(self, *, page_size: int = DEFAULT_PAGE_SIZE) -> AsyncIterator[ImportJobSummary]:
        """The cluster's jobs, oldest first, a page at a time: `async for job in jobs.list()`."""
        control_plane.list_call(self.cluster_id, 1, page_size)  # checks the arguments before any iteration
        return self._records(page_size)

    async def list_page(self, page: int = 1, *, page_size: int = DEFAULT_PAGE_SIZE) -> ImportJobPage:
        """One page of the cluster's jobs, counted from 1, with the total `count`."""
        result: ImportJobPage = await self._run(control_plane.list_call(self.cluster_id, page, page_size))
        return result

    async def get_progress(self, job_id: str) -> ImportJobProgress:
        """One job's progress; see `CloudImportJobs.get_progress`."""
        result: ImportJobProgress = await self._run(control_plane.progress_call(self.cluster_id, job_id))
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
        max_lateness: float | None = None,
    ) -> ImportJobProgress:
        """Poll until the job ends; see `CloudImportJobs.wait`."""
        one_job = self._one_job(
            job_id, timeout=timeout, poll_interval=poll_interval, on_progress=on_progress,
            stall_after=stall_after, raise_on_failure=raise_on_failure, max_lateness=max_lateness,
        )  # fmt: skip
        return await follow_async(one_job, self._send)

    async def wait_many(
        self,
        job_ids: Iterable[str],
        *,
        timeout: float,
        on_progress: ProgressCallback | None = None,
        stall_after: float = DEFAULT_STALL_AFTER,
        concurrency: int = 16,
        max_lateness: float | None = None,
    ) -> dict[str, ImportJobProgress]:
        """Wait for several jobs, each on its own schedule, at most `concurrency` polls in flight.

        See `CloudImportJobs.wait_many`.
        """
        waits = self._waits(
            job_ids, timeout=timeout, on_progress=on_progress, stall_after=stall_after, max_lateness=max_lateness
        )
        return await follow_async(waits, self._send, gate=polls_in_flight(concurrency))

    async def _records(self, page_size: int) -> AsyncIterator[ImportJobSummary]:
        page: int | None = 1
        while page is not None:
            answer = await self.list_page(page, page_size=page_size)
            for record in answer.records:
                yield record
            page = next_page(answer, page)
