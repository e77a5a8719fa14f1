"""What a `Tracker` asks for: groups of jobs, `list` and `describe` requests, `list` records as progress.

The optional ceiling on requests per second lives here too (pyrate-limiter: threads and asyncio alike).
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from dataclasses import dataclass

from pyrate_limiter import Duration, Limiter, Rate
from zilliz_import_client.models import ImportJobProgress, ImportJobSummary

from zilliz_import.errors import InvalidArgumentError

LIMITER_KEY = "zilliz_import"


@dataclass(frozen=True)
class Group:
    """Jobs that one `list` shows: a collection of a database ("" is the facade's)."""

    db_name: str
    collection_name: str


@dataclass(frozen=True)
class ListRequest:
    """Send `list` for `group`; None asks once without a collection, to learn unknown jobs' groups."""

    group: Group | None


@dataclass(frozen=True)
class DescribeRequest:
    """Send `describe` (get_progress) for one job."""

    job_id: str


Request = ListRequest | DescribeRequest
GroupOf = Mapping[str, Group]


def progress_of(record: ImportJobSummary) -> ImportJobProgress:
    """A `list` record as a progress answer: rows, sizes and details only `describe` tells (0, [], "")."""
    return ImportJobProgress(
        job_id=record.job_id, collection_name=record.collection_name, state=record.state,
        progress=record.progress, imported_rows=0, total_rows=0, file_size=0, complete_time="", details=[],
        reason=record.reason,
    )  # fmt: skip


def polls_in_flight(concurrency: int) -> asyncio.Semaphore:
    """The gate of `wait_many`'s polls in flight.

    Raises:
        InvalidArgumentError: Not a positive integer (0 would wait forever).
    """
    if isinstance(concurrency, bool) or not isinstance(concurrency, int) or concurrency < 1:
        raise InvalidArgumentError(f"concurrency must be a positive integer, got {concurrency!r}")
    return asyncio.Semaphore(concurrency)


def request_ceiling(max_requests_per_second: float | None) -> Limiter | None:
    """A limiter spacing requests evenly at `max_requests_per_second`, for threads and asyncio alike.

    Raises:
        InvalidArgumentError: Not a positive number.
    """
    if max_requests_per_second is None:
        return None
    if not max_requests_per_second > 0:
        raise InvalidArgumentError(f"max_requests_per_second must be positive, got {max_requests_per_second!r}")
    spacing_ms = max(1, round(int(Duration.SECOND) / max_requests_per_second))
    return Limiter(Rate(1, spacing_ms), buffer_ms=1)
