"""Progress answers: the invariants of the real server hold at every moment, for any seed, file list and decisions."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.zilliz_import.mock.conftest import Connect, created, progress, until
from tests.zilliz_import.mock.histories import history, make_plan, units
from zilliz_import.mock.lifecycle import UNDECIDED, Decisions, JobPlan
from zilliz_import.mock.snapshots import job_snapshot

pytestmark = pytest.mark.anyio
ORDER = {"Pending": 0, "Importing": 1, "Uncommitted": 2, "Committing": 3, "Completed": 4, "Failed": 4}
FILE_STATES = {"Pending", "InProgress", "Retry", "Completed", "Failed"}


def check_snapshot(data: dict[str, Any], *, v3: bool = False) -> None:
    assert 0 <= data["progress"] <= 100
    assert data["fileSize"] == sum(d["fileSize"] for d in data["details"])
    assert 0 <= data["importedRows"] <= data["totalRows"] or data["state"] == "Failed"
    assert ("reason" in data) == (data["state"] == "Failed")
    assert data.get("reason", "x") != ""
    assert (data["completeTime"] != "") == (data["state"] == "Completed")
    for item in data["details"]:
        assert item["state"] in FILE_STATES
        if not v3:
            assert 0 <= item["importedRows"] <= item["totalRows"] or item["importedRows"] == 0
            assert (item["completeTime"] != "") == (item["state"] == "Completed")
        else:
            assert (item["completeTime"], item["totalRows"]) == ("", 0)
        assert ("reason" in item) == (item["state"] == "Failed")
    if data["state"] == "Completed":
        assert data["progress"] == 100
        assert all(d["state"] == "Completed" for d in data["details"])
        assert data["importedRows"] == data["totalRows"] > 0
    if data["state"] in ("Uncommitted", "Committing"):
        assert data["progress"] == 99 and all(d["state"] == "Completed" for d in data["details"])
    if data["state"] == "Failed":
        assert (data["progress"], data["importedRows"], data["totalRows"]) == (0, 0, 0)
    if data["state"] == "Pending":
        assert data["progress"] < 10 and data["details"] == [] and data["fileSize"] == 0


def check_history(snapshots: list[dict[str, Any]]) -> None:
    for before, after in itertools.pairwise(snapshots):
        assert ORDER[before["state"]] <= ORDER[after["state"]], (before["state"], after["state"])
        if before["state"] in ("Completed", "Failed"):
            assert after == before, "a finished job never changes"
        if after["state"] != "Failed":
            assert before["progress"] <= after["progress"], "progress went backwards"
            assert before["importedRows"] <= after["importedRows"]
            if before["details"]:
                for b, a in zip(before["details"], after["details"], strict=True):
                    assert b["progress"] <= a["progress"] and b["importedRows"] <= a["importedRows"]


flags = st.fixed_dictionaries({"two_phase": st.booleans(), "v3": st.booleans()})


decided = st.tuples(st.none() | st.floats(0, 3), st.none() | st.floats(0, 3))


@settings(max_examples=300, deadline=None)
@given(
    seed=st.integers(0, 2**32),
    files=units,
    moments=st.lists(st.floats(0, 3), min_size=2, max_size=40),
    kinds=flags,
    commit_abort=decided,
)
def test_every_moment_satisfies_the_invariants(
    seed: int, files: list[list[str]], moments: list[float], kinds: dict[str, bool], commit_abort: tuple[Any, Any]
) -> None:
    two_phase, v3 = kinds["two_phase"], kinds["v3"]
    commit_at, abort_at = commit_abort
    plan = make_plan(seed, files, two_phase=two_phase, v3=v3)
    if commit_at is not None:  # a commit is only accepted once the job waits at Uncommitted
        commit_at = max(commit_at, plan.finish) if two_phase else None
    snapshots = history(plan, moments, Decisions(commit_at=commit_at, abort_at=abort_at))
    for data in snapshots:
        check_snapshot(data, v3=v3)
    check_history(snapshots)


def bands(plan: JobPlan, decisions: Decisions = UNDECIDED, until: float | None = None) -> list[tuple[str, int]]:
    end = until or plan.finish * 1.2
    return [(s["state"], s["progress"]) for s in history(plan, [i / 400 * end for i in range(401)], decisions)]


def test_v1_bands_pending_import_index_completed() -> None:
    plan = make_plan(3, [["dir/a.parquet"], ["dir/b.parquet"]])
    seen = bands(plan)
    assert seen[0] == ("Pending", 0) and seen[-1] == ("Completed", 100)
    importing = [p for state, p in seen if state == "Importing"]
    assert min(importing) == 10 and max(importing) >= 85 and max(importing) < 90
    index = job_snapshot(plan, (plan.import_until + plan.finish) / 2)
    assert 80 <= index["progress"] < 90 and all(d["state"] == "Completed" for d in index["details"])


def test_v3_bands_and_per_file_fields() -> None:
    plan = make_plan(3, [["dir/a.parquet"], ["dir/b.parquet"]], v3=True)
    seen = {p for state, p in bands(plan) if state == "Importing"}
    assert 45 in seen and min(seen) == 10 and not seen & set(range(46, 50))
    importing = job_snapshot(plan, (plan.import_from + plan.import_until) / 2)
    assert 50 <= importing["progress"] <= 60 and importing["totalRows"] == plan.total_rows
    assert all((d["completeTime"], d["totalRows"]) == ("", 0) for d in importing["details"])
    index = job_snapshot(plan, (plan.import_until + plan.finish) / 2)
    assert 60 <= index["progress"] < 90


def test_details_are_empty_while_pending_and_during_pre_import() -> None:
    plan = make_plan(5, [["dir/a.parquet"]])
    for moment in (0.0, plan.pending_until / 2, (plan.pending_until + plan.import_from) / 2):
        data = job_snapshot(plan, moment)
        assert (data["details"], data["fileSize"]) == ([], 0)
    assert job_snapshot(plan, (plan.pending_until + plan.import_from) / 2)["state"] == "Importing"


def test_create_time_can_be_left_out() -> None:
    plan = make_plan(1, [["a"]])
    assert "createTime" in job_snapshot(plan, 0.0) and "createTime" not in job_snapshot(plan, 0.0, create_time=False)


async def test_pending_job_has_no_details_and_no_size(connect: Connect) -> None:
    async with connect(job_seconds=60) as (client, _):
        data = await progress(client, await created(client))
    assert (data["state"], data["details"], data["fileSize"], data["completeTime"]) == ("Pending", [], 0, "")
    assert "reason" not in data


async def test_v3_imports_send_empty_per_file_times_and_may_leave_per_file_rows_at_zero(connect: Connect) -> None:
    async with connect(import_v3=True) as (client, _):
        data = await until(client, await created(client), "Completed")
    assert data["progress"] == 100 and data["totalRows"] > 0
    assert [(d["completeTime"], d["totalRows"], d["state"]) for d in data["details"]] == [("", 0, "Completed")]
