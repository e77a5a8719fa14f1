"""What following reads of a job and reports: its progress, where a wait ends, the events a callback gets.

Plane-neutral: states are the server's strings (`Completed`, `Failed`, ...), and a progress answer is
anything with a job ID, a state, a percent and per-file details, of either plane.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any, Generic, Protocol

from typing_extensions import TypeVar

COMPLETED, FAILED = "Completed", "Failed"
AWAITING_COMMIT = "Uncommitted"  # two-phase: nothing moves until a commit or an abort
IMPORTING = "Importing"
TERMINAL_STATES = frozenset({COMPLETED, FAILED})
"""The states a job never leaves: `Completed` and `Failed`."""
DEFAULT_STALL_AFTER = 120.0


class JobProgress(Protocol):
    """What waiting reads of a progress answer: a cluster's, or the control plane's (which has no row counts)."""

    @property
    def job_id(self) -> str:
        """The job."""

    @property
    def state(self) -> object:
        """The job state, known or not."""

    @property
    def progress(self) -> int:
        """Percent done."""

    @property
    def details(self) -> Sequence[Any]:
        """Per-file progress."""


P = TypeVar("P", bound=JobProgress, default=JobProgress)


class Ending(Enum):
    """How a wait ended."""

    COMPLETED = COMPLETED
    FAILED = FAILED
    UNCOMMITTED = AWAITING_COMMIT


def state_name(progress: JobProgress) -> str:
    """The job state as a plain string, known or not."""
    state = progress.state
    return str(state.value) if isinstance(state, Enum) else str(state)


def ending(progress: JobProgress | str, *, through_uncommitted: bool = False) -> Ending | None:
    """Where a wait stops: `Completed`, `Failed`, and `Uncommitted` unless asked to wait through it.

    Args:
        progress: A job's progress, or its state as a string.
        through_uncommitted: Keep waiting at `Uncommitted` (another process will commit or abort the job).

    Returns:
        How the wait ends, or None when it goes on (any other state, known or not).
    """
    state = progress if isinstance(progress, str) else state_name(progress)
    if state == AWAITING_COMMIT and through_uncommitted:
        return None
    return Ending(state) if state in Ending._value2member_map_ else None


@dataclass(frozen=True)
class ProgressEvent(Generic[P]):
    """What the progress callback is told after every answer.

    `wait` builds every event from a `describe` answer. `wait_many` builds them from `list` records
    (state, percent and reason only: rows, sizes, files are 0 or empty and `rows_per_second` None)
    until a job's end, whose event carries its `describe` answer; see `ImportJobs.wait_many`.

    Attributes:
        job_id: The job.
        progress: The server's answer (a generated `ImportJobProgress`, of the cluster or the control plane).
        elapsed: Seconds since waiting began.
        rows_per_second: Import rate so far, when known.
        eta_seconds: Estimated seconds to completion, when the rate allows a guess.
        stalled_for: Seconds since the answer last changed.
        stalled: Whether `stalled_for` has reached the wait's `stall_after`.
    """

    job_id: str
    progress: P
    elapsed: float
    rows_per_second: float | None
    eta_seconds: float | None
    stalled_for: float
    stalled: bool

    @property
    def state(self) -> str:
        """The job state as a string."""
        return state_name(self.progress)


ProgressCallback = Callable[[ProgressEvent[Any]], object]


def rows_of(progress: object) -> int:
    """Rows imported so far; 0 where the answer has no row counts (the control plane's)."""
    rows = getattr(progress, "imported_rows", 0)
    return rows if isinstance(rows, int) else 0
