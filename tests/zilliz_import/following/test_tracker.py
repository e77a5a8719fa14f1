"""The tracker's decisions, without I/O: what it asks each tick, what each answer or error means."""

from __future__ import annotations

import pytest
from zilliz_import_client.models import ImportJobProgress, ImportJobSummary

from tests.generated.cluster.server_bodies import job_progress
from zilliz_import import InvalidRequestError, ProgressEvent, ServerError, WaitManyTimeoutError
from zilliz_import.errors import JobNotFoundError
from zilliz_import.following.prediction import APPROACH, DEFAULT_LATENESS
from zilliz_import.following.requests import DescribeRequest, Group, ListRequest
from zilliz_import.following.tracker import CROWD, FEW, MAX_TICK, MIN_TICK, Tracker
from zilliz_import.planes.cluster import progress_of

A, B = Group("", "a"), Group("db2", "b")


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def record(job_id: str, state: str, progress: int, collection: str = "a") -> ImportJobSummary:
    return ImportJobSummary(job_id=job_id, collection_name=collection, state=state, progress=progress)


def described(job_id: str, state: str, progress: int = 100) -> ImportJobProgress:
    data = job_progress(state, progress, [])["data"] | {"jobId": job_id, "importedRows": 7}
    return ImportJobProgress.from_dict(data)


def tracker(clock: Clock, groups: dict[str, Group] | None = None, **options: object) -> Tracker:
    return Tracker(["1", "2", "3"], timeout=600, as_progress=progress_of, groups=groups, clock=clock, **options)  # type: ignore[arg-type]


def test_one_list_per_group_per_tick_and_nothing_else() -> None:
    clock = Clock()
    jobs = tracker(clock, {"1": A, "2": A, "3": B})
    assert sorted(jobs.due(), key=str) == sorted([ListRequest(A), ListRequest(B)], key=str)
    assert jobs.due() == [], "a group in flight is not asked again"
    jobs.on_list(ListRequest(A), [record("1", "Importing", 20), record("2", "Pending", 5)])
    jobs.on_list(ListRequest(B), [record("3", "Importing", 20, "b")])
    assert jobs.due() == [] and jobs.delay() == pytest.approx(1.0), "the first look again after one second"


def test_an_ended_job_gets_one_describe_and_its_answer_is_the_result() -> None:
    clock, events = Clock(), []
    jobs = tracker(clock, {"1": A, "2": A, "3": A}, on_progress=events.append)
    jobs.due()
    jobs.on_list(
        ListRequest(A), [record("1", "Completed", 100), record("2", "Importing", 50), record("3", "Failed", 0)]
    )
    assert sorted(jobs.due(), key=str) == [DescribeRequest("1"), DescribeRequest("3")]
    final = described("1", "Completed")
    jobs.on_describe(DescribeRequest("1"), final)
    jobs.on_describe(DescribeRequest("3"), described("3", "Failed", 0))
    assert jobs.finished["1"] is final and set(jobs.finished) == {"1", "3"} and not jobs.done
    finals = [e for e in events if e.job_id == "1"]
    assert len(finals) == 1 and finals[0].progress is final, "the list record of an end is no event; describe is"


def test_events_from_list_records_have_no_rows_and_no_rate() -> None:
    clock, events = Clock(), []
    jobs = tracker(clock, {"1": A, "2": A, "3": A}, on_progress=events.append)
    for step, percent in enumerate((20, 40, 60)):
        clock.now += 2 * step
        jobs.due()
        jobs.on_list(ListRequest(A), [record(j, "Importing", percent) for j in ("1", "2", "3")])
    last: ProgressEvent = events[-1]
    assert last.state == "Importing" and last.progress.progress == 60 and last.progress.imported_rows == 0
    assert last.rows_per_second is None and last.eta_seconds is not None and last.eta_seconds > 0
    assert len(events) == 9, "one event per job per answer"


def test_ticks_come_sooner_near_an_end_within_bounds() -> None:
    clock = Clock()
    jobs = tracker(clock, {"1": A, "2": A, "3": A})
    jobs.due()
    jobs.on_list(ListRequest(A), [record(j, "Importing", 10) for j in ("1", "2", "3")])
    clock.now += 10
    jobs.due()
    jobs.on_list(ListRequest(A), [record(j, "Pending", 10) for j in ("1", "2", "3")])
    slow = jobs.delay()
    clock.now += slow
    jobs.due()
    fast = [record("1", "Importing", 98), record("2", "Pending", 10), record("3", "Pending", 10)]
    jobs.on_list(ListRequest(A), fast)
    assert jobs.delay() == DEFAULT_LATENESS < slow, "a job about to end brings the tick down to its lateness budget"
    clock.now += 10_000
    assert jobs.delay() <= MAX_TICK


def test_a_tick_follows_the_earliest_predicted_end_within_the_floor() -> None:
    clock = Clock()
    jobs = tracker(clock, {"1": A, "2": A, "3": A}, max_lateness=0.1)
    for percent in (40, 60):
        jobs.due()
        jobs.on_list(ListRequest(A), [record("1", "Importing", percent), *(record(j, "Pending", 1) for j in "23")])
        clock.now += 10
    clock.now -= 10
    soonest = jobs._jobs["1"].waiter.prediction.end
    assert soonest is not None and jobs.delay() == pytest.approx(APPROACH * (soonest - clock.now))
    clock.now += jobs.delay()
    jobs.due()
    jobs.on_list(ListRequest(A), [record("1", "Importing", 89), *(record(j, "Pending", 1) for j in "23")])
    assert jobs.delay() == MIN_TICK, "a budget below the floor is held to the floor: one list serves every job"


def test_a_job_missing_from_list_falls_back_to_describe_on_its_own_schedule() -> None:
    clock = Clock()
    jobs = tracker(clock, {"1": A, "2": A, "3": A})
    jobs.due()
    jobs.on_list(ListRequest(A), [record("1", "Importing", 10), record("2", "Importing", 10)])
    assert jobs.due() == [DescribeRequest("3")]
    jobs.on_describe(DescribeRequest("3"), described("3", "Importing", 30))
    clock.now += 1
    assert sorted(jobs.due(), key=str) == sorted([ListRequest(A), DescribeRequest("3")], key=str)
    jobs.on_list(ListRequest(A), [record("1", "Importing", 10), record("2", "Importing", 10)])
    jobs.on_describe(DescribeRequest("3"), described("3", "Completed"))
    assert "3" in jobs.finished


def test_unknown_groups_are_learnt_from_one_unfiltered_list() -> None:
    clock = Clock()
    jobs = Tracker(["1", "2", "9"], timeout=600, as_progress=progress_of, db_name="mine", clock=clock)
    assert jobs.due() == [ListRequest(None)]
    jobs.on_list(ListRequest(None), [record("1", "Importing", 5, "a"), record("2", "Pending", 0, "b")])
    expected = [ListRequest(Group("mine", "a")), ListRequest(Group("mine", "b")), DescribeRequest("9")]
    assert sorted(jobs.due(), key=str) == sorted(expected, key=str)
    clock.now += 60
    assert ListRequest(None) not in jobs.due(), "discovery happens once"


def test_a_failed_list_is_waited_out_and_a_refused_one_falls_back_to_describe() -> None:
    clock = Clock()
    jobs = Tracker(["1", "2"], timeout=600, as_progress=progress_of, groups={"1": A, "2": B}, clock=clock)
    jobs.due()
    jobs.on_error(ListRequest(A), ServerError("busy", operation="list", code=500))
    jobs.on_error(ListRequest(B), InvalidRequestError("collection not found", operation="list", code=100))
    assert jobs.due() == [DescribeRequest("2")], "a refused list: its jobs go by describe"
    assert 0 < jobs.delay() <= 5.0
    clock.now += jobs.delay()
    assert jobs.due() == [ListRequest(A)], "a transient failure: the same group again later"


def test_a_describe_that_waiting_cannot_fix_is_raised() -> None:
    jobs = tracker(Clock(), {"1": A, "2": A, "3": A})
    jobs.due()
    jobs.on_list(ListRequest(A), [record("1", "Completed", 100)])
    with pytest.raises(JobNotFoundError):
        jobs.on_error(DescribeRequest("1"), JobNotFoundError("no such job", operation="describe", code=2100))


@pytest.mark.parametrize(("through", "due"), [(False, [DescribeRequest("1")]), (True, [])])
def test_uncommitted_ends_a_job_unless_asked_to_wait_through(through: bool, due: list[object]) -> None:
    jobs = Tracker(
        ["1"], timeout=600, as_progress=progress_of, groups={"1": A}, clock=Clock(), through_uncommitted=through
    )
    jobs.due()
    jobs.on_list(ListRequest(A), [record("1", "Uncommitted", 99)])
    assert jobs.due() == due


def test_the_deadline_takes_one_last_look_then_names_the_unfinished() -> None:
    clock = Clock()
    jobs = Tracker(["1", "2"], timeout=10, as_progress=progress_of, groups={"1": A, "2": A}, clock=clock)
    jobs.due()
    jobs.on_list(ListRequest(A), [record("1", "Importing", 50), record("2", "Importing", 50)])
    clock.now += 10
    assert jobs.delay() == 0 and jobs.due() == [ListRequest(A)]
    jobs.on_list(ListRequest(A), [record("1", "Completed", 100), record("2", "Importing", 60)])
    assert jobs.delay() == 0 and jobs.due() == [DescribeRequest("1")], "an end seen at the deadline is fetched"
    jobs.on_describe(DescribeRequest("1"), described("1", "Completed"))
    with pytest.raises(WaitManyTimeoutError) as caught:
        jobs.delay()
    assert set(caught.value.finished) == {"1"} and caught.value.unfinished["2"].progress == 60


def test_a_stale_list_end_goes_back_to_listing() -> None:
    jobs = Tracker(["1"], timeout=600, as_progress=progress_of, groups={"1": A}, clock=Clock())
    jobs.due()
    jobs.on_list(ListRequest(A), [record("1", "Completed", 100)])
    jobs.due()
    jobs.on_describe(DescribeRequest("1"), described("1", "Importing", 90))
    assert not jobs.done and jobs.due() == [] and jobs.delay() > 0


@pytest.mark.parametrize("crowd", [True, False])
def test_after_an_end_in_a_crowd_the_next_look_comes_within_a_share_of_the_time_since(crowd: bool) -> None:
    clock = Clock()
    ids = [str(i) for i in range(FEW + 2 if crowd else 2)]
    jobs = Tracker(ids, timeout=600, as_progress=progress_of, groups=dict.fromkeys(ids, A), clock=clock)
    others = [record(i, "Pending", 5) for i in ids[1:]]
    for first in [record("0", "Pending", 5)] * 4 + [record("0", "Completed", 100)]:
        clock.now += jobs.delay()
        jobs.due()
        jobs.on_list(ListRequest(A), [first, *others])
    assert jobs.due() == [DescribeRequest("0")]
    jobs.on_describe(DescribeRequest("0"), described("0", "Completed"))
    if not crowd:
        assert jobs.delay() > 10, "a few jobs: an end says nothing of the others, whose percent has not moved"
        return
    assert jobs.delay() == MIN_TICK, "an end was just seen: look again soon"
    clock.now += MIN_TICK
    jobs.due()
    jobs.on_list(ListRequest(A), others)
    clock.now += 40
    jobs.due()
    jobs.on_list(ListRequest(A), others)
    assert jobs.delay() == pytest.approx(0.25 * 40.5), "the longer since the last end, the rarer the looks"


def test_a_crowd_of_jobs_is_looked_at_more_often_than_one() -> None:
    def tick_after_three_looks(count: int) -> tuple[float, float]:
        clock = Clock()
        ids = [str(i) for i in range(count)]
        jobs = Tracker(ids, timeout=600, as_progress=progress_of, groups=dict.fromkeys(ids, A), clock=clock)
        for _ in range(3):
            clock.now += jobs.delay() + 5
            jobs.due()
            jobs.on_list(ListRequest(A), [record(i, "Pending", 5) for i in ids])
        return jobs.delay(), clock.now - 100.0

    crowd, waited = tick_after_three_looks(1000)
    few, _ = tick_after_three_looks(2)
    assert crowd == pytest.approx(CROWD * waited / 1000) and few > 10 * crowd
