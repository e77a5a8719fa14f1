"""Where jobs run, for `Tracker`: the groups one `list` shows, from the caller or from this facade's creates."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping

from zilliz_import.errors import InvalidArgumentError
from zilliz_import.following.requests import Group

CREATED_REMEMBERED = 4096  # above a server's 1,024 unfinished jobs: wait_many knows where they are
Collections = Mapping[str | int, str | tuple[str, str]]


def group_of(where: object, db_name: str) -> Group | None:
    """A collection name (in `db_name`), or (database, collection), as a group; None if it is neither."""
    pair = (db_name, where) if isinstance(where, str) else where
    if isinstance(pair, tuple) and len(pair) == 2 and all(isinstance(p, str) for p in pair) and pair[1]:
        return Group(*pair)
    return None


def given_groups(collections: Collections, db_name: str, job_id: Callable[[str | int], str]) -> dict[str, Group]:
    """`collections` (job ID to a collection, or to (database, collection)) as groups.

    Raises:
        InvalidArgumentError: Not a mapping, a malformed job ID, or a name that is empty or not a string.
    """
    if not isinstance(collections, Mapping):
        raise InvalidArgumentError(f"collections must map job IDs to collections, got {collections!r}")
    groups = {}
    for key, where in collections.items():
        group = group_of(where, db_name)
        if group is None:
            raise InvalidArgumentError(f"collection of job {key} must be a name or (database, name): {where!r}")
        groups[job_id(key)] = group
    return groups


class CreatedJobs:
    """Where the jobs a facade created run, so that its `wait_many` need not ask (the newest few thousand)."""

    def __init__(self, limit: int = CREATED_REMEMBERED) -> None:
        self.limit = limit
        self._groups: OrderedDict[str, Group] = OrderedDict()

    def note(self, job_id: str, group: Group) -> None:
        """Remember where a created job runs."""
        self._groups[job_id] = group
        while len(self._groups) > self.limit:
            self._groups.popitem(last=False)

    def groups(self, job_ids: Iterable[str]) -> dict[str, Group]:
        """The known groups of `job_ids`."""
        return {job_id: self._groups[job_id] for job_id in job_ids if job_id in self._groups}

    def __len__(self) -> int:
        return len(self._groups)

    def __contains__(self, job_id: object) -> bool:
        return job_id in self._groups
