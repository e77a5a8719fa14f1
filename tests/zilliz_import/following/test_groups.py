"""Where jobs run, for the tracker: groups named by the caller, and the ones this facade created."""

from __future__ import annotations

from typing import Any

import pytest

from zilliz_import import InvalidArgumentError
from zilliz_import.following.groups import CreatedJobs, given_groups, group_of
from zilliz_import.following.requests import Group
from zilliz_import.planes.cluster import job_id_text


def test_a_name_is_in_the_facades_database_and_a_pair_names_both() -> None:
    assert group_of("c", "db") == Group("db", "c")
    assert group_of(("other", "c"), "db") == Group("other", "c")
    assert group_of(("other", ""), "db") is None and group_of(5, "db") is None


def test_given_groups_check_each_job_id_and_collection() -> None:
    assert given_groups({7: "c", "8": ("d", "e")}, "", job_id_text) == {"7": Group("", "c"), "8": Group("d", "e")}


@pytest.mark.parametrize("bad", [["c"], {"7": ""}, {"x": "c"}, {"7": ("d",)}])
def test_bad_collections_are_refused(bad: Any) -> None:
    with pytest.raises(InvalidArgumentError):
        given_groups(bad, "", job_id_text)


def test_created_jobs_remember_the_newest_up_to_their_limit() -> None:
    created = CreatedJobs(limit=2)
    for job_id in ("1", "2", "3"):
        created.note(job_id, Group("", f"c{job_id}"))
    assert len(created) == 2 and "1" not in created
    assert created.groups(["1", "2", "3"]) == {"2": Group("", "c2"), "3": Group("", "c3")}
