"""What a follower asks for, and the protocol every follower keeps with the loop that drives it.

A follower (`OneJob`, `PerJobWaits`, `Tracker`) decides without I/O: the loop asks it what is `due`,
sends those requests, hands back each answer or error, and sleeps `delay()` seconds until it is `done`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

R_co = TypeVar("R_co", covariant=True)


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


class Follower(Protocol[R_co]):
    """Decisions of following one or many jobs, without I/O; see `following.loop`."""

    @property
    def done(self) -> bool:
        """Whether nothing is left to follow."""

    def due(self) -> list[Request]:
        """The requests to send now."""

    def on_answer(self, request: Request, answer: Any) -> None:
        """Take the answer to one of the requests."""

    def on_error(self, request: Request, error: Any) -> None:
        """Take a failed request (an `ApiError`, retries spent); raises what following cannot wait out."""

    def delay(self) -> float:
        """Seconds to sleep before the next request is due; raises the timeout once the deadline passed."""

    def result(self) -> R_co:
        """What following ends with, once `done`."""
