"""Job plans and phases: outcomes decided by the files, the moment a job ends, seeds, commit and abort."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.zilliz_import.mock.histories import history, make_plan, units
from zilliz_import.mock.lifecycle import Decisions, ends_after
from zilliz_import.mock.snapshots import job_snapshot


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


def test_retry_state_appears_for_some_seeds() -> None:
    seen = set()
    for seed in range(40):
        plan = make_plan(seed, [["dir/a.parquet"]])
        seen |= {d["state"] for s in history(plan, [i / 50 for i in range(60)]) for d in s["details"]}
    assert {"Pending", "InProgress", "Retry", "Completed"} <= seen
