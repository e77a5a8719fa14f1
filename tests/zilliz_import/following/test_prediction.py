"""Predicting a job's end from its bands, and the window of looks around it, on synthetic and recorded histories."""

from __future__ import annotations

import pytest

from zilliz_import.following.per_job import OneJob
from zilliz_import.following.prediction import (
    APPROACH,
    BAND_ENDS,
    DEFAULT_LATENESS,
    LATENESS_SHARE,
    ROUNDING,
    EndPrediction,
    band_of,
    lateness_budget,
)
from zilliz_import.following.requests import DescribeRequest
from zilliz_import.following.waiter import Waiter

# Recorded from the mock (`--job-seconds 30`, seed 3, two files) every 0.5 s: (seconds, state, percent). It
# sits at 40 for five seconds while no file has started, then imports, builds its index (80-89) and ends.
RECORDED = [(0.0, "Pending", 0), (0.5, "Pending", 2), (1.0, "Pending", 4), (1.5, "Pending", 6), (2.0, "Pending", 9),
            (2.5, "Importing", 13), (3.0, "Importing", 20), (3.5, "Importing", 26), (4.0, "Importing", 33),
            (4.5, "Importing", 39), (5.0, "Importing", 40), (10.0, "Importing", 40), (10.5, "Importing", 41),
            (11.0, "Importing", 42), (11.5, "Importing", 44), (12.0, "Importing", 45), (12.5, "Importing", 47),
            (13.0, "Importing", 48), (13.5, "Importing", 50), (14.0, "Importing", 51), (14.5, "Importing", 53),
            (15.0, "Importing", 55), (15.5, "Importing", 56), (16.0, "Importing", 58), (16.5, "Importing", 59),
            (17.0, "Importing", 61), (17.5, "Importing", 62), (18.0, "Importing", 64), (18.5, "Importing", 65),
            (19.0, "Importing", 67), (19.5, "Importing", 68), (20.0, "Importing", 70), (20.5, "Importing", 71),
            (21.0, "Importing", 73), (21.5, "Importing", 74), (22.0, "Importing", 76), (22.5, "Importing", 77),
            (23.0, "Importing", 79), (23.5, "Importing", 80), (24.0, "Importing", 82), (24.5, "Importing", 84),
            (25.0, "Importing", 85), (25.5, "Importing", 87), (26.0, "Importing", 89),
            (26.5, "Completed", 100)]  # fmt: skip
RECORDED_END = 26.5


class Answer:
    def __init__(self, job_id: str, state: str, progress: int) -> None:
        self.job_id, self.state, self.progress, self.details, self.imported_rows = job_id, state, progress, (), 0


def recorded_at(at: float) -> Answer:
    """The recorded answer a poll at `at` gets: the last one recorded by then."""
    _, state, percent = [row for row in RECORDED if row[0] <= at][-1]
    return Answer("1", state, percent)


def predicted(*answers: tuple[float, str, int]) -> EndPrediction:
    prediction = EndPrediction()
    for at, state, percent in answers:
        prediction.observe(at, state, percent)
    return prediction


@pytest.mark.parametrize(
    ("state", "percent", "band"),
    [("Pending", 5, 0), ("Pending", 12, 0), ("Importing", 10, 1), ("Importing", 79, 2), ("Importing", 80, 3),
     ("Importing", 89, 3), ("Importing", 90, len(BAND_ENDS)), ("Committing", 99, len(BAND_ENDS))],
)  # fmt: skip
def test_bands_are_read_from_state_and_percent(state: str, percent: int, band: int) -> None:
    assert band_of(state, percent) == band


def test_the_budget_is_the_callers_or_a_share_of_the_time_waited() -> None:
    assert lateness_budget(0.3, 10_000) == 0.3
    assert lateness_budget(None, 10) == DEFAULT_LATENESS
    assert lateness_budget(None, 1000) == pytest.approx(LATENESS_SHARE * 1000)
    assert LATENESS_SHARE * 1000 > DEFAULT_LATENESS


def test_nothing_is_predicted_before_the_percent_moves_or_while_a_commit_is_awaited() -> None:
    assert EndPrediction().end is None
    assert predicted((0, "Pending", 0), (5, "Pending", 0)).end is None
    assert predicted((0, "Importing", 50), (5, "Importing", 60), (9, "Uncommitted", 99)).end is None
    assert predicted((0, "Pending", 0)).next_look(0, 1.0) is None


@pytest.mark.parametrize("last", [(7.0, "Importing", 90), (7.0, "Committing", 99)])
def test_a_finishing_job_may_end_at_any_moment(last: tuple[float, str, int]) -> None:
    assert predicted((0, "Importing", 50), last).end == 7.0


def test_a_steady_band_foretells_its_end_early_rather_than_late() -> None:
    # Synthetic: the index band at one percent a second, 80 at 100 s: the job ends at 110 s.
    prediction = predicted((40, "Importing", 40), (100, "Importing", 80), (105, "Importing", 85))
    end = prediction.end
    assert end is not None and 108.5 < end <= 110
    assert end == pytest.approx(105 + (90 - 85 - ROUNDING) / ((85 - 80 + ROUNDING) / 5))


def test_a_band_that_speeds_up_is_held_to_the_jobs_pace() -> None:
    # Synthetic: 0 to 40 % in 8 s, then the import band starts slowly (files starting one after another).
    prediction = predicted((0, "Pending", 0), (8, "Importing", 40), (12, "Importing", 41))
    pace = 12 / 41
    band_only = 12 + (80 - 41 - ROUNDING) / ((41 - 40 + ROUNDING) / 4) + 10 * pace
    assert prediction.end == pytest.approx(12 + (90 - 41 - ROUNDING) * pace) and prediction.end < band_only / 2


def test_looks_come_at_a_share_of_the_way_then_every_budget_and_again_after_a_miss() -> None:
    prediction = predicted((0, "Importing", 80), (10, "Importing", 84))  # about 12 s to go
    end = prediction.end
    assert end is not None
    assert prediction.next_look(10, 1.0) == pytest.approx(APPROACH * (end - 10)), "far: a share of the way"
    assert prediction.next_look(end - 0.5, 1.0) == 1.0, "near: every budget"
    assert prediction.next_look(end + 30, 1.0) == 1.0, "past a missed end: densely again"


def test_predictions_on_the_recorded_history_are_never_late_in_the_index_band() -> None:
    prediction = EndPrediction()
    for at, state, percent in RECORDED[:-1]:
        prediction.observe(at, state, percent)
        end = prediction.end
        if band_of(state, percent) == 3:
            assert end is not None and RECORDED_END - 2.5 <= end <= RECORDED_END, (at, end)


def test_a_waiter_follows_the_recorded_history_within_its_budget_and_cheaper_than_a_loop() -> None:
    now = [0.0]
    follower = OneJob(Waiter("1", timeout=600, clock=lambda: now[0]))
    while not follower.done:
        follower.on_answer(DescribeRequest("1"), recorded_at(now[0]))
        if not follower.done:
            now[0] += follower.delay()
    assert 0 <= now[0] - RECORDED_END <= DEFAULT_LATENESS
    assert follower.waiter.requests < RECORDED_END / DEFAULT_LATENESS, "fewer polls than a loop as punctual"
