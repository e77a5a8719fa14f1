"""Job histories: the invariants of the real server hold at every moment, for any seed and file list."""

from __future__ import annotations

import datetime
import itertools
import random
import time
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from zilliz_import.mock.lifecycle import JobPlan, job_snapshot, plan_job
from zilliz_import.mock.store import JobStore

ORDER = {"Pending": 0, "Importing": 1, "Completed": 2, "Failed": 2}
FILE_STATES = {"Pending", "InProgress", "Retry", "Completed", "Failed"}
path = st.sampled_from(["dir/a.parquet", "dir/b.json", "x/fail.parquet", "dir/c.npy", "reject/1.csv", "stall.json"])
units = st.lists(st.lists(path, min_size=1, max_size=3), min_size=1, max_size=6)


def make_plan(seed: int, files: list[list[str]], job_seconds: float = 1.0) -> JobPlan:
    return plan_job(
        random.Random(seed),
        job_id="1",
        db_name="default",
        collection_name="c",
        files=files,
        job_seconds=job_seconds,
        created_at=datetime.datetime(2024, 4, 1, tzinfo=datetime.UTC),
    )


def history(plan: JobPlan, moments: list[float]) -> list[dict[str, Any]]:
    return [job_snapshot(plan, t) for t in sorted(moments)]


def check_snapshot(data: dict[str, Any]) -> None:
    assert 0 <= data["progress"] <= 100
    assert data["fileSize"] == sum(d["fileSize"] for d in data["details"])
    assert 0 <= data["importedRows"] <= data["totalRows"] or data["state"] == "Failed"
    assert ("reason" in data) == (data["state"] == "Failed")
    assert data.get("reason", "x") != ""
    assert (data["completeTime"] != "") == (data["state"] == "Completed")
    for item in data["details"]:
        assert item["state"] in FILE_STATES
        assert 0 <= item["importedRows"] <= item["totalRows"] or (
            item["state"] == "Pending" and item["importedRows"] == 0
        )
        assert (item["completeTime"] != "") == (item["state"] == "Completed")
        assert ("reason" in item) == (item["state"] == "Failed")
    if data["state"] == "Completed":
        assert data["progress"] == 100
        assert all(d["state"] == "Completed" for d in data["details"])
        assert data["importedRows"] == data["totalRows"] > 0
    if data["state"] == "Failed":
        assert (data["progress"], data["importedRows"], data["totalRows"]) == (0, 0, 0)
    if data["state"] == "Pending":
        assert data["progress"] < 10


def check_history(snapshots: list[dict[str, Any]]) -> None:
    for before, after in itertools.pairwise(snapshots):
        assert ORDER[before["state"]] <= ORDER[after["state"]], (before["state"], after["state"])
        if before["state"] in ("Completed", "Failed"):
            assert after["state"] == before["state"], "terminal states are final"
        if after["state"] != "Failed":
            assert before["progress"] <= after["progress"], "progress went backwards"
            assert before["importedRows"] <= after["importedRows"]
            for b, a in zip(before["details"], after["details"], strict=True):
                assert b["progress"] <= a["progress"] and b["importedRows"] <= a["importedRows"]


@settings(max_examples=300, deadline=None)
@given(seed=st.integers(0, 2**32), files=units, moments=st.lists(st.floats(0, 3), min_size=2, max_size=40))
def test_every_moment_satisfies_the_invariants(seed: int, files: list[list[str]], moments: list[float]) -> None:
    snapshots = history(make_plan(seed, files), moments)
    for data in snapshots:
        check_snapshot(data)
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
@given(seed=st.integers(0, 2**32), files=units)
def test_ends_after_is_the_moment_the_job_turns_terminal(seed: int, files: list[list[str]]) -> None:
    plan = make_plan(seed, files)
    if plan.ends_after is None:
        assert job_snapshot(plan, plan.finish * 10)["state"] == "Importing"
        return
    assert job_snapshot(plan, plan.ends_after - 1e-6)["state"] in ("Pending", "Importing")
    assert job_snapshot(plan, plan.ends_after + 1e-6)["state"] in ("Completed", "Failed")


def test_the_same_seed_gives_the_same_history() -> None:
    files = [["dir/a.parquet"], ["dir/b.parquet", "dir/c.parquet"]]
    moments = [i / 20 for i in range(40)]
    assert history(make_plan(7, files), moments) == history(make_plan(7, files), moments)
    assert history(make_plan(7, files), moments) != history(make_plan(8, files), moments)


def test_a_job_passes_through_pending_importing_and_completed() -> None:
    plan = make_plan(3, [["dir/a.parquet"], ["dir/b.parquet"]])
    states = [s["state"] for s in history(plan, [i / 100 * plan.finish * 1.1 for i in range(101)])]
    assert states[0] == "Pending" and states[-1] == "Completed"
    assert "Importing" in states


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


def test_store_follows_its_clock_and_scopes_by_database() -> None:
    clock = FakeClock()
    store = JobStore(seed=1, job_seconds=1.0, max_jobs=10, clock=clock)
    job = store.create(db_name="db1", collection_name="c", files=[["a.parquet"]])
    assert store.progress(int(job), "db1")["state"] == "Pending"  # type: ignore[index]
    assert store.progress(int(job), "default") is None
    clock.now = 10.0
    assert store.progress(int(job), "db1")["state"] == "Completed"  # type: ignore[index]
    assert store.records("default", "") == []
    assert [r["jobId"] for r in store.records("db1", "")] == [job]


def test_store_reports_true_end_times_in_unix_time() -> None:
    clock = FakeClock()
    store = JobStore(seed=1, job_seconds=1.0, max_jobs=10, clock=clock)
    done, stuck = (store.create(db_name="d", collection_name="c", files=[[name]]) for name in ("a", "stall"))
    clock.now = 0.4
    before = time.time()
    ends = store.end_times()
    plan = store._jobs[done][0]
    assert ends[stuck] is None and plan.ends_after is not None
    assert before - 0.4 + plan.ends_after - 0.05 <= ends[done] <= time.time() - 0.4 + plan.ends_after  # type: ignore[operator]


def test_store_lists_by_collection_and_forgets_the_oldest_beyond_its_bound() -> None:
    store = JobStore(seed=1, job_seconds=1.0, max_jobs=3, clock=FakeClock())
    ids = [store.create(db_name="default", collection_name=f"c{i % 2}", files=[["a"]]) for i in range(5)]
    assert len(store) == 3
    assert store.progress(int(ids[0]), "default") is None
    assert [r["jobId"] for r in store.records("default", "c0")] == [ids[2], ids[4]]
    assert len(set(ids)) == 5 and all(i.isdigit() for i in ids)
