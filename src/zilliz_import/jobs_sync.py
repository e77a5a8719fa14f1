"""`ImportJobs`: the generated client, synchronously, with typed errors, retries and waiting."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Mapping
from types import TracebackType
from typing import Any, Self

import httpx
from pyrate_limiter import Limiter
from zilliz_import_client.models import CreateImportJobSuccessData, ImportJobProgress, ImportJobSummary

from zilliz_import.calls import PARSE_FAILURES, Call, interpret, transport_error, unreadable
from zilliz_import.errors import ApiError
from zilliz_import.following import LIMITER_KEY, Request, request_ceiling
from zilliz_import.jobs_base import BaseImportJobs, Collections, Files
from zilliz_import.options import CreateOptions
from zilliz_import.retry import first_retry_delay, retrying
from zilliz_import.tracking import Tracker
from zilliz_import.waiting import DEFAULT_STALL_AFTER, ProgressCallback

log = logging.getLogger("zilliz_import")
TRANSPORT_FAILURES = (httpx.TransportError, OSError)


class ImportJobs(BaseImportJobs):
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
            ApiError: The server refused; retried only when no job can have started (back-pressure,
                429, connection refused).
        """
        call = self._create(collection_name, files, partition_name, options, auto_commit)
        result: CreateImportJobSuccessData = self._run(call)
        self._note_created(result.job_id, collection_name)
        return result

    def list(self, *, collection_name: str | None = None) -> list[ImportJobSummary]:
        """The jobs of the database, or of one collection."""
        records: list[ImportJobSummary] = self._run(self._list(collection_name)).records
        return records

    def get_progress(self, job_id: str | int) -> ImportJobProgress:
        """One job's progress."""
        result: ImportJobProgress = self._run(self._progress(job_id))
        return result

    def commit(self, job_id: str | int) -> None:
        """Commit a two-phase job waiting at `Uncommitted`: it moves to `Committing`, then `Completed`.

        Newest servers only. Committing a job that is already committing or completed changes nothing.

        Raises:
            JobNotFoundError: No job has this ID.
            InvalidRequestError: The job cannot be committed now (still importing, or failed).
            UnexpectedResponseError: The server has no such route (2.5, 2.6: HTTP 404).
        """
        self._run(self._action("commit", job_id))

    def abort(self, job_id: str | int) -> None:
        """Abort a job that has not completed (meant for one waiting at `Uncommitted`): it ends `Failed`.

        Newest servers only. Aborting a job that has already failed changes nothing.

        Raises:
            JobNotFoundError: No job has this ID.
            InvalidRequestError: The job cannot be aborted (completed, or committing).
            UnexpectedResponseError: The server has no such route (2.5, 2.6: HTTP 404).
        """
        self._run(self._action("abort", job_id))

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
    ) -> ImportJobProgress:
        """Poll until the job is `Completed`, `Failed` or `Uncommitted` and return that last answer.

        Args:
            job_id: The job.
            timeout: Seconds to wait in all.
            poll_interval: Fixed seconds between polls; adaptive when None.
            on_progress: Called with a `ProgressEvent` after every answer.
            stall_after: Seconds without change after which events report a stall.
            raise_on_failure: Raise `JobFailedError` for a failed job instead of returning it.
            through_uncommitted: Keep waiting at `Uncommitted`, for a job that another process commits.

        Returns:
            The final progress; check `state` (`Completed`, `Failed` or `Uncommitted`).

        Raises:
            WaitTimeoutError: The deadline passed; it carries the last progress seen.
            ApiError: A poll failed in a way waiting cannot fix (job not found, bad token, ...).
        """
        waiter = self._waiter(
            job_id, timeout=timeout, poll_interval=poll_interval, on_progress=on_progress,
            stall_after=stall_after, raise_on_failure=raise_on_failure, through_uncommitted=through_uncommitted,
        )  # fmt: skip
        while True:
            try:
                final = waiter.on_answer(self.get_progress(waiter.job_id))
            except ApiError as error:
                waiter.on_error(error)
            else:
                if final is not None:
                    return final
            time.sleep(waiter.delay())

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
    ) -> dict[str, ImportJobProgress]:
        """Wait for many jobs: one `list` per (database, collection) per tick, one `describe` per job at its end.

        Jobs are grouped by where they run: jobs this facade created are known, `collections` names the
        others, and one `list` without a collection finds the rest. A job that `list` does not show (the
        server forgot it, or it runs in another database) is polled with `describe` on its own schedule.
        Ticks come sooner as a group's jobs near their end, rarer while nothing moves (0.5 s to 30 s).

        `on_progress` gets a `ProgressEvent` after every answer about a job. From `list` records come
        `state`, `progress` (percent), `reason`, `collection_name` and the event's `elapsed`,
        `eta_seconds`, `stalled_for` and `stalled`; the progress's `imported_rows`, `total_rows`,
        `file_size`, `details` and `complete_time` are 0, `[]` and `""` there, and `rows_per_second` is
        None. The last event of each job carries its full `describe` answer.

        Args:
            job_ids: The jobs.
            timeout: Seconds to wait for all of them.
            on_progress: Called with a `ProgressEvent` after every answer about any job.
            stall_after: Seconds without change after which events report a stall.
            concurrency: Requests in flight at most (async facade; this one sends one at a time).
            through_uncommitted: Keep waiting at `Uncommitted`, for jobs that another process commits.
            collections: Job ID to its collection (in this facade's database) or to (database, collection).
            max_requests_per_second: A ceiling on the requests this wait sends (retries aside); none when None.

        Returns:
            The final `describe` answer of every job, by job ID: `Completed`, `Failed` or `Uncommitted`.

        Raises:
            WaitManyTimeoutError: The deadline passed; it holds the finished and the unfinished jobs.
            InvalidArgumentError: A malformed job ID, collection or ceiling.
            ApiError: A `describe` failed in a way waiting cannot fix (job not found, bad token, ...).
        """
        tracker = self._tracker(
            job_ids, collections, timeout=timeout, on_progress=on_progress, stall_after=stall_after,
            through_uncommitted=through_uncommitted,
        )  # fmt: skip
        ceiling = request_ceiling(max_requests_per_second)
        try:
            while True:
                for request in tracker.due():
                    self._ask(tracker, request, ceiling)
                if tracker.done:
                    return tracker.finished
                time.sleep(tracker.delay())
        finally:
            if ceiling is not None:
                ceiling.close()

    def close(self) -> None:
        """Close the connection pool."""
        self._generated.get_httpx_client().close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    def _ask(self, tracker: Tracker, request: Request, ceiling: Limiter | None) -> None:
        """Send one of the tracker's requests and hand it the answer or the error."""
        if ceiling is not None:
            ceiling.try_acquire(LIMITER_KEY)
        try:
            answer = self._run(self._tracking_call(request))
        except ApiError as error:
            tracker.on_error(request, error)
        else:
            tracker.on_answer(request, answer)

    def _run(self, call: Call) -> Any:
        policy, started = self.settings.retry, time.monotonic()
        try:
            return self._once(call)
        except ApiError as error:
            delay = first_retry_delay(policy, error, idempotent=call.idempotent, spent=time.monotonic() - started)
            if delay is None:
                raise
        time.sleep(delay)
        for attempt in retrying(policy, idempotent=call.idempotent, spent=time.monotonic() - started):
            with attempt:
                return self._once(call)
        raise AssertionError("unreachable: tenacity re-raises the last error")  # pragma: no cover

    def _once(self, call: Call) -> Any:
        log.debug("calling %s", call.name)
        try:
            detailed = call.module.sync_detailed(client=self._generated, **call.kwargs)
        except TRANSPORT_FAILURES as error:
            raise transport_error(call.name, error) from None
        except PARSE_FAILURES as error:
            raise unreadable(call.name, error, self._redact) from None
        return interpret(call.name, detailed, self._redact)
