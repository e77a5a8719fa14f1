"""The job table: found by ID alone, listed across databases or by collection, bounded, unfinished jobs counted."""

from __future__ import annotations

import time

from zilliz_import.mock.lifecycle import ends_after
from zilliz_import.mock.store import JobStore


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
