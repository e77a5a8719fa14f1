"""Job histories: the invariants of the real server hold at every moment, for any seed, file list and decisions."""

from __future__ import annotations

import datetime
import itertools
import random
import time
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from zilliz_import.mock.lifecycle import UNDECIDED, Decisions, JobPlan, ends_after, plan_job
from zilliz_import.mock.snapshots import job_snapshot
from zilliz_import.mock.store import JobStore

ORDER = {"Pending": 0, "Importing": 1, "Uncommitted": 2, "Committing": 3, "Completed": 4, "Failed": 4}
FILE_STATES = {"Pending", "InProgress", "Retry", "Completed", "Failed"}
path = st.sampled_from(["dir/a.parquet", "dir/b.json", "x/fail.parquet", "dir/c.npy", "reject/1.csv", "stall.json"])
units = st.lists(st.lists(path, min_size=1, max_size=3), min_size=1, max_size=6)


def make_plan(
    seed: int, files: list[list[str]], job_seconds: float = 1.0, *, two_phase: bool = False, v3: bool = False
) -> JobPlan:
    return plan_job(
        random.Random(seed),
        job_id="1",
        db_name="default",
        collection_name="c",
        files=files,
        job_seconds=job_seconds,
        created_at=datetime.datetime(2024, 4, 1, tzinfo=datetime.UTC),
        options={"auto_commit": "false"} if two_phase else None,
        v3=v3,
    )


def history(plan: JobPlan, moments: list[float], decisions: Decisions = UNDECIDED) -> list[dict[str, Any]]:
    return [job_snapshot(plan, t, decisions) for t in sorted(moments)]


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


@settings(max_examples=200, deadline=None)
@given(seed=st.integers(0, 2**32), files=units)
def test_every_job_ends_as_its_files_decide(seed: int, files: list[list[str]]) -> None:
    plan = make_plan(seed, files)
    words = " ".join(p for unit in files for p in unit)
    final = job_snapshot(plan, plan.finish + 1)
    if "reject" in words:
        assert final["state"] == "Failed" and final["details"] == []
    elif "fail" in words:
        assert final["state"] == "Failed" and any(d["state"] == "Failed" for d in final["details"])
    elif "stall" in words:
        assert (final["state"], final["progress"]) == ("Importing", 80)
        assert all(d["state"] == "Completed" for d in final["details"])
    else:
        assert final["state"] == "Completed"


@settings(max_examples=200, deadline=None)
@given(seed=st.integers(0, 2**32), files=units, two_phase=st.booleans())
def test_ends_after_is_the_moment_the_job_turns_terminal(seed: int, files: list[list[str]], two_phase: bool) -> None:
    plan = make_plan(seed, files, two_phase=two_phase)
    end = ends_after(plan)
    if end is None:
        assert job_snapshot(plan, plan.finish * 10)["state"] in ("Importing", "Uncommitted")
        return
    assert job_snapshot(plan, end - 1e-6)["state"] in ("Pending", "Importing")
    assert job_snapshot(plan, end + 1e-6)["state"] in ("Completed", "Failed")


def test_the_same_seed_gives_the_same_history() -> None:
    files = [["dir/a.parquet"], ["dir/b.parquet", "dir/c.parquet"]]
    moments = [i / 20 for i in range(40)]
    assert history(make_plan(7, files), moments) == history(make_plan(7, files), moments)
    assert history(make_plan(7, files), moments) != history(make_plan(8, files), moments)


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


def test_two_phase_job_waits_at_uncommitted_until_commit() -> None:
    plan = make_plan(4, [["dir/a.parquet"]], two_phase=True)
    assert ends_after(plan) is None
    waiting = job_snapshot(plan, plan.finish * 50)
    assert (waiting["state"], waiting["progress"], waiting["completeTime"]) == ("Uncommitted", 99, "")
    committed = Decisions(commit_at=plan.finish * 2)
    assert job_snapshot(plan, plan.finish * 2 + plan.commit_seconds / 2, committed)["state"] == "Committing"
    done = job_snapshot(plan, plan.finish * 3, committed)
    assert (done["state"], done["progress"]) == ("Completed", 100) and done["completeTime"]


def test_abort_fails_the_job_with_a_reason() -> None:
    plan = make_plan(4, [["dir/a.parquet"]], two_phase=True)
    aborted = job_snapshot(plan, plan.finish * 3, Decisions(abort_at=plan.finish * 2))
    assert (aborted["state"], aborted["progress"]) == ("Failed", 0) and "abort" in aborted["reason"]


def test_create_time_can_be_left_out() -> None:
    plan = make_plan(1, [["a"]])
    assert "createTime" in job_snapshot(plan, 0.0) and "createTime" not in job_snapshot(plan, 0.0, create_time=False)


def test_retry_state_appears_for_some_seeds() -> None:
    seen = set()
    for seed in range(40):
        plan = make_plan(seed, [["dir/a.parquet"]])
        seen |= {d["state"] for s in history(plan, [i / 50 for i in range(60)]) for d in s["details"]}
    assert {"Pending", "InProgress", "Retry", "Completed"} <= seen


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_store_finds_jobs_by_id_alone_and_lists_across_databases() -> None:
    clock = FakeClock()
    store = JobStore(seed=1, job_seconds=1.0, max_jobs=10, clock=clock)
    first = store.create(db_name="db1", collection_name="c", files=[["a.parquet"]])
    second = store.create(db_name="db2", collection_name="c", files=[["b.parquet"]])
    job = store.find(int(first))
    assert job is not None and store.progress(job)["state"] == "Pending"
    clock.now = 10.0
    assert store.progress(job)["state"] == "Completed"
    assert [r["jobId"] for r in store.records("default", "")] == [first, second]
    assert [r["jobId"] for r in store.records("db2", "c")] == [second]
    assert store.records("default", "c") == []
    assert [r["jobId"] for r in store.records("default", "", visible=lambda db: db == "db1")] == [first]


def test_store_counts_unfinished_jobs() -> None:
    clock = FakeClock()
    store = JobStore(seed=1, job_seconds=1.0, max_jobs=10, clock=clock)
    store.create(db_name="d", collection_name="c", files=[["a"]])
    store.create(db_name="d", collection_name="c", files=[["a"]], options={"auto_commit": "false"})
    assert store.unfinished() == 2
    clock.now = 10.0
    assert store.unfinished() == 1  # the two-phase job waits for its commit


def test_store_reports_true_end_times_in_unix_time() -> None:
    clock = FakeClock()
    store = JobStore(seed=1, job_seconds=1.0, max_jobs=10, clock=clock)
    done, stuck = (store.create(db_name="d", collection_name="c", files=[[name]]) for name in ("a", "stall"))
    clock.now = 0.4
    before = time.time()
    ends = store.end_times()
    end = ends_after(store._jobs[done].plan)
    assert ends[stuck] is None and end is not None
    assert before - 0.4 + end - 0.05 <= ends[done] <= time.time() - 0.4 + end  # type: ignore[operator]


def test_store_lists_by_collection_and_forgets_the_oldest_beyond_its_bound() -> None:
    store = JobStore(seed=1, job_seconds=1.0, max_jobs=3, clock=FakeClock())
    ids = [store.create(db_name="default", collection_name=f"c{i % 2}", files=[["a"]]) for i in range(5)]
    assert len(store) == 3
    assert store.find(int(ids[0])) is None
    assert [r["jobId"] for r in store.records("default", "c0")] == [ids[2], ids[4]]
    assert len(set(ids)) == 5 and all(i.isdigit() for i in ids)
