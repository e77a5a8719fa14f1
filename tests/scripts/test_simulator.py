"""The schedule simulator: the mock's histories replayed through the client's followers on an injected clock.

Deterministic (a seeded draw, no I/O, no sleeping), so its figures may be held here.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
from benchmarks.report import _simulated, _simulated_targets
from benchmarks.simulator import (
    SCHEDULES,
    LegacyWaiter,
    _end,
    fixed,
    histories,
    many_wait,
    one_wait,
    simulate,
    summary,
)

from zilliz_import.following.prediction import lateness_budget


@pytest.mark.parametrize("length", [10.0, 60.0, 600.0])
def test_every_simulated_wait_learns_of_the_end_within_its_budget(length: float) -> None:
    for plan in histories(length, 60):
        requests, lateness = one_wait(plan)
        assert 0 <= lateness <= lateness_budget(None, _end(plan)) + 1e-9, (plan.job_id, lateness)
        assert requests >= 2


def test_the_new_schedule_is_more_punctual_than_before_and_cheaper_than_a_loop() -> None:
    plans = histories(60.0, 100)
    new, before, loop = (summary([run(p) for p in plans]) for run in (one_wait, _before, fixed))
    assert new["max_delay_seconds"] < before["max_delay_seconds"] / 5
    assert new["requests_per_job"] <= loop["requests_per_job"]


def test_wait_many_learns_of_every_end_within_its_budget_for_about_three_requests_a_job() -> None:
    plans = histories(60.0, 50)
    rows = [row for start in range(0, 50, 10) for row in many_wait(plans[start : start + 10])]
    assert len(rows) == 50 and all(0 <= lateness <= 1.5 + 1e-9 for _, lateness in rows)
    assert summary(rows)["requests_per_job"] < 3.5


def test_the_same_draw_gives_the_same_table() -> None:
    first, second = simulate((10.0,), 20), simulate((10.0,), 20)
    assert first == second and list(first["10"]) == list(SCHEDULES)


def test_the_table_and_its_targets_are_reported() -> None:
    table = simulate((10.0, 60.0), 20)
    judged = _simulated_targets(table)
    assert "simulator, wait, 60 s jobs: requests over a fixed 5 s loop's <= 1" in judged
    assert not any("10 s jobs: requests" in name for name in judged), "no request target below a minute"
    assert all(met for _, met in judged.values()), judged
    lines = _simulated(table)
    assert sum(line.startswith("| 60 s |") for line in lines) == len(SCHEDULES)


def test_a_late_schedule_fails_the_simulated_target() -> None:
    table = simulate((10.0,), 20)
    table["10"]["wait"]["max_delay_seconds"] = 2.5
    assert not _simulated_targets(table)["simulator, wait, 10 s jobs: worst lateness <= 2 s"][1]


def _before(plan: object) -> tuple[int, float]:
    return one_wait(plan, LegacyWaiter)  # type: ignore[arg-type]
