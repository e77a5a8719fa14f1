"""`ImportJobs` and `AsyncImportJobs` side by side: calls built by `planes.cluster`, following by `following.loop`."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from zilliz_import_client.models import CreateImportJobSuccessData, ImportJobProgress, ImportJobSummary

from zilliz_import._core.checks import Files
from zilliz_import.following.groups import Collections
from zilliz_import.following.loop import follow, follow_async, polls_in_flight, request_ceiling
from zilliz_import.following.progress import DEFAULT_STALL_AFTER, ProgressCallback
from zilliz_import.planes import cluster
from zilliz_import.planes.cluster_options import CreateOptions
from zilliz_import.resources.cluster_client import ClusterClient
from zilliz_import.resources.refusals import AsyncRefusals, SyncRefusals


class ImportJobs(ClusterClient, SyncRefusals):
    """Synchronous facade over the generated client; a context manager.

    Example:
        with ImportJobs.from_env() as jobs:
            job_id = jobs.create("quick_setup", ["data/1.parquet"]).job_id
            final = jobs.wait(job_id, timeout=600)
    """

    def create(
        self,
        collection_name: str,
        files: Files,
        *,
        partition_name: str | None = None,
        options: Mapping[str, str] | CreateOptions | None = None,
        auto_commit: bool | None = None,
    ) -> CreateImportJobSuccessData:
        """Start an import job; `.job_id` of the answer names it.

        Args:
            collection_name: The collection to import into.
            files: Units to import: a path, or a list of paths (the column files of one unit).
            partition_name: The partition, when not the default one.
            options: `CreateOptions`, or a mapping of option keys to strings (unknown keys pass through).
            auto_commit: False for a two-phase import: the job stops at `Uncommitted` until `commit` or `abort`.

        Raises:
            InvalidArgumentError: Arguments the server would refuse, caught before sending.
            FileTypeRefusedError: The server cannot read a unit's files; the error names the unit.
            ApiError: The server refused; retried only when no job can have started (back-pressure, 429, refused).
        """
        call = cluster.create_call(collection_name, files, partition_name, options, auto_commit)
        return self._created_job(self._create(call, files), collection_name)

    def list(self, *, collection_name: str | None = None) -> list[ImportJobSummary]:
        """The jobs of the database, or of one collection."""
        records: list[ImportJobSummary] = self._run(cluster.list_call(collection_name)).records
        return records

    def get_progress(self, job_id: str | int) -> ImportJobProgress:
        """One job's progress."""
        result: ImportJobProgress = self._run(cluster.progress_call(job_id))
        return result

    def commit(self, job_id: str | int) -> None:
        """Commit a two-phase job waiting at `Uncommitted`: it moves to `Committing`, then `Completed`.

        Newest servers only. Committing a two-phase job that is already committing or completed changes
        nothing. A refusal is explained from a follow-up progress call.

        Raises:
            JobNotFoundError: No job has this ID.
            JobNotUncommittedError: The job is not at `Uncommitted`: still importing, failed, or not
                created with `auto_commit=False`; it says which state the job is in.
            UnexpectedResponseError: The server has no such route (2.5, 2.6: HTTP 404).
        """
        self._act("commit", job_id)

    def abort(self, job_id: str | int) -> None:
        """Abort a job that has not completed (meant for one waiting at `Uncommitted`): it ends `Failed`.

        Newest servers only; only jobs created with `auto_commit=False`. Aborting a job that has already
        failed changes nothing. A refusal is explained from a follow-up progress call.

        Raises:
            JobNotFoundError: No job has this ID.
            JobAlreadyEndedError: Too late: the job is already `Completed` (or `Committing`).
            JobNotUncommittedError: The job was not created with `auto_commit=False`; says its state.
            UnexpectedResponseError: The server has no such route (2.5, 2.6: HTTP 404).
        """
        self._act("abort", job_id)

    def wait(
        self,
        job_id: str | int,
        *,
        timeout: float,
        poll_interval: float | None = None,
        on_progress: ProgressCallback | None = None,
        stall_after: float = DEFAULT_STALL_AFTER,
        raise_on_failure: bool = False,
        through_uncommitted: bool = False,
        max_lateness: float | None = None,
    ) -> ImportJobProgress:
        """Poll until the job is `Completed`, `Failed` or `Uncommitted` and return that last answer.

        Args:
            job_id: The job.
            timeout: Seconds to wait in all.
            poll_interval: Fixed seconds between polls; when None, aimed at the end predicted from the percent.
            on_progress: Called with a `ProgressEvent` after every answer.
            stall_after: Seconds without change after which events report a stall.
            raise_on_failure: Raise `JobFailedError` for a failed job instead of returning it.
            through_uncommitted: Keep waiting at `Uncommitted`, for a job that another process commits.
            max_lateness: Seconds late the end (foretold by the percent) may be learnt: 1.5 or 1.5 % of the time waited.

        Returns:
            The final progress; check `state` (`Completed`, `Failed` or `Uncommitted`).

        Raises:
            WaitTimeoutError: The deadline passed; it carries the last progress seen.
            ApiError: A poll failed in a way waiting cannot fix (job not found, bad token, ...).
        """
        one_job = self._one_job(
            job_id, timeout=timeout, poll_interval=poll_interval, on_progress=on_progress, max_lateness=max_lateness,
            stall_after=stall_after, raise_on_failure=raise_on_failure, through_uncommitted=through_uncommitted,
        )  # fmt: skip
        return follow(one_job, self._send)

    def wait_many(
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
        max_lateness: float | None = None,
    ) -> dict[str, ImportJobProgress]:
        """Wait for many jobs: one `list` per (database, collection) per tick, one `describe` per job at its end.

        Jobs are grouped by where they run (created by this facade, named in `collections`, else found by
        one unfiltered `list`); a job `list` does not show is polled with `describe`. Ticks follow the
        earliest predicted end of a group (0.5 s to 30 s). Events from `list` records carry state, percent
        and reason only (rows and details 0 or empty); each job's last event carries its `describe` answer.

        Args:
            job_ids: The jobs.
            timeout: Seconds to wait for all of them.
            on_progress: Called with a `ProgressEvent` after every answer about any job.
            stall_after: Seconds without change after which events report a stall.
            concurrency: Requests in flight at most (async facade; this one sends one at a time).
            through_uncommitted: Keep waiting at `Uncommitted`, for jobs that another process commits.
            collections: Job ID to its collection (in this facade's database) or to (database, collection).
            max_requests_per_second: A ceiling on the requests this wait sends (retries aside); none when None.
            max_lateness: Seconds late a foretold end may be learnt (see `wait`); ticks stay 0.5 s apart at least.

        Returns:
            The final `describe` answer of every job, by job ID: `Completed`, `Failed` or `Uncommitted`.

        Raises:
            WaitManyTimeoutError: The deadline passed; it holds the finished and the unfinished jobs.
            InvalidArgumentError: A malformed job ID, collection or ceiling.
            ApiError: A `describe` failed in a way waiting cannot fix (job not found, bad token, ...).
        """
        tracker = self._tracker(
            job_ids, collections, timeout=timeout, on_progress=on_progress, stall_after=stall_after,
            through_uncommitted=through_uncommitted, max_lateness=max_lateness,
        )  # fmt: skip
        return follow(tracker, self._send, ceiling=request_ceiling(max_requests_per_second))


class AsyncImportJobs(ClusterClient, AsyncRefusals):
    """Asynchronous facade; one connection pool serves every call, `wait_many` included."""

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
        call = cluster.create_call(collection_name, files, partition_name, options, auto_commit)
        return self._created_job(await self._create(call, files), collection_name)

    async def list(self, *, collection_name: str | None = None) -> list[ImportJobSummary]:
        """The jobs of the database, or of one collection."""
        records: list[ImportJobSummary] = (await self._run(cluster.list_call(collection_name))).records
        return records

    async def get_progress(self, job_id: str | int) -> ImportJobProgress:
        """One job's progress."""
        result: ImportJobProgress = await self._run(cluster.progress_call(job_id))
        return result

    async def commit(self, job_id: str | int) -> None:
        """Commit a two-phase job waiting at `Uncommitted`; see `ImportJobs.commit`."""
        await self._act("commit", job_id)

    async def abort(self, job_id: str | int) -> None:
        """Abort a job that has not completed; see `ImportJobs.abort`."""
        await self._act("abort", job_id)

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
        max_lateness: float | None = None,
    ) -> ImportJobProgress:
        """Poll until the job ends; see `ImportJobs.wait`."""
        one_job = self._one_job(
            job_id, timeout=timeout, poll_interval=poll_interval, on_progress=on_progress, max_lateness=max_lateness,
            stall_after=stall_after, raise_on_failure=raise_on_failure, through_uncommitted=through_uncommitted,
        )  # fmt: skip
        return await follow_async(one_job, self._send)

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
        max_lateness: float | None = None,
    ) -> dict[str, ImportJobProgress]:
        """Wait for many jobs at once: one `list` per collection per tick, one `describe` per job at its end.

        See `ImportJobs.wait_many`; here up to `concurrency` requests of a tick are in flight at once.
        """
        tracker = self._tracker(
            job_ids, collections, timeout=timeout, on_progress=on_progress, stall_after=stall_after,
            through_uncommitted=through_uncommitted, max_lateness=max_lateness,
        )  # fmt: skip
        gate, ceiling = polls_in_flight(concurrency), request_ceiling(max_requests_per_second)
        return await follow_async(tracker, self._send, gate=gate, ceiling=ceiling)
