"""The benchmark's parts work against the real mock, and its targets are judged from the ratios."""

from __future__ import annotations

import copy
import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
from benchmarks.following import MODES, follow
from benchmarks.report import SDK, render, targets

LATENCY = {"raw socket (floor)": 0.4e-3, "httpx.Client keep-alive": 1.0e-3, "generated client": 1.08e-3,
           "facade ImportJobs": 1.12e-3, SDK: 2.5e-3}  # fmt: skip
PER_JOB = {"wall_seconds": 66.0, "longest_job_seconds": 60.0, "wall_over_longest": 1.1, "cpu_seconds": 20.0,
           "requests": 7000, "requests_per_job": 7.0, "median_delay_seconds": 0.8,
           "max_delay_seconds": 12.0}  # fmt: skip
TRACKER = PER_JOB | {"cpu_seconds": 3.0, "requests": 1100, "requests_per_job": 1.1, "median_delay_seconds": 0.3,
                     "max_delay_seconds": 1.5}  # fmt: skip
FIXED = PER_JOB | {"requests": 11000, "requests_per_job": 11.0, "median_delay_seconds": 2.5, "max_delay_seconds": 5.0}
FEW_PER_JOB = PER_JOB | {"requests": 70, "requests_per_job": 7.0, "median_delay_seconds": 1.0, "max_delay_seconds": 5.0}
FEW_TRACKER = FEW_PER_JOB | {
    "requests": 25,
    "requests_per_job": 2.5,
    "median_delay_seconds": 0.4,
    "max_delay_seconds": 1.5,
}
WAITS = PER_JOB | {"jobs": 8, "job_seconds": 30.0, "requests": 72, "requests_per_job": 9.0, "median_delay_seconds": 0.8,
                   "max_delay_seconds": 1.5}  # fmt: skip
RESULTS: dict[str, Any] = {
    "machine": "test", "job_seconds": 60.0,
    "latency_seconds": {"http": LATENCY, "https": LATENCY},
    "parsing_seconds": {"json.loads": 0.003, "json.loads + models": 0.008, "ratio": 2.7},
    "following": {"10": {"tracker": FEW_TRACKER, "per-job": FEW_PER_JOB, "fixed 5 s": FIXED},
                  "1000": {"tracker": TRACKER, "per-job": PER_JOB, "fixed 5 s": FIXED}},
    "generate_seconds": 3.0, "mock_requests_per_second": 3000.0, "waits": WAITS,
}  # fmt: skip


def test_targets_met_by_good_ratios() -> None:
    judged = targets(RESULTS)
    assert all(met for _, met in judged.values()), judged
    assert judged["facade over httpx <= 1.15 (worse of http, https)"][0] == pytest.approx(1.12)


@pytest.mark.parametrize(
    ("path", "value", "target"),
    [
        (("latency_seconds", "https", "facade ImportJobs"), 1.2e-3, "facade over httpx"),
        (("latency_seconds", "http", SDK), 2.0e-3, "pymilvus over facade"),
        (("parsing_seconds", "ratio"), 3.1, "parsing a 1,024-unit answer"),
        (("following", "1000", "tracker", "requests_per_job"), 1.25, "1,000 jobs: requests per job <= 1.2"),
        (("following", "1000", "tracker", "median_delay_seconds"), 0.6, "1,000 jobs: median lateness"),
        (("following", "1000", "tracker", "max_delay_seconds"), 2.1, "1,000 jobs: worst lateness"),
        (("following", "1000", "tracker", "cpu_seconds"), 10.5, "CPU over per-job"),
        (("following", "1000", "tracker", "wall_over_longest"), 1.25, "wall over longest"),
        (("following", "1000", "fixed 5 s", "requests"), 1000, "requests over fixed"),
        (("following", "1000", "fixed 5 s", "median_delay_seconds"), 0.29, "median lateness over fixed"),
        (("following", "10", "per-job", "requests_per_job"), 2.0, "10 jobs: requests per job over per-job"),
        (("following", "10", "tracker", "median_delay_seconds"), 1.1, "10 jobs: median lateness over per-job"),
        (("following", "10", "per-job", "max_delay_seconds"), 1.0, "10 jobs: worst lateness over per-job"),
        (("following", "10", "tracker", "requests_per_job"), 3.2, "wait_many at 10 jobs: requests per job <= 3"),
        (("following", "10", "tracker", "max_delay_seconds"), 2.1, "wait_many at 10 jobs: worst lateness <= 2 s"),
        (("waits", "median_delay_seconds"), 1.1, "wait, 8 jobs of 15-30 s: median lateness <= 1 s"),
        (("waits", "max_delay_seconds"), 2.6, "wait, 8 jobs of 15-30 s: worst lateness <= 2.5 s"),
        (("waits", "requests_per_job"), 10.5, "wait, 8 jobs of 15-30 s: requests per job <= 10"),
    ],
)
def test_each_target_fails_on_its_own_bad_ratio(path: tuple[str, ...], value: float, target: str) -> None:
    results = copy.deepcopy(RESULTS)
    node = results
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = value
    missed = [name for name, (_, met) in targets(results).items() if not met]
    assert len(missed) == 1 and target in missed[0], missed


def test_a_missing_sdk_is_a_missed_target_and_the_report_says_so() -> None:
    results = copy.deepcopy(RESULTS)
    del results["latency_seconds"]["http"][SDK]
    results["targets"] = targets(results)
    report = render(results, "## Notes\nnone")
    assert "| pymilvus over facade >= 2 (worse of http, https) | not measured | NO |" in report
    assert report.endswith("## Notes\nnone\n") and "Following jobs of 30-60 s" in report


def test_the_report_shows_every_schedule_at_every_size() -> None:
    results = copy.deepcopy(RESULTS)
    results["targets"] = targets(results)
    report = render(results, "")
    rows = [line for line in report.splitlines() if line.startswith(("| 10 |", "| 1,000 |"))]
    assert [row.split(" | ")[1] for row in rows] == list(MODES) * 2
    assert "| 1,000 | tracker | 1.10 | 0.30 s | 1.50 s | 3.0 s | 1.10 |" in rows
    assert "## Following one job each: 8 jobs of 15-30 s, each its own `wait`" in report
    assert "| 8 | 9.00 | 0.80 s | 1.50 s | 20.0 s | 1.10 |" in report


def test_following_a_few_short_jobs_reports_true_lateness() -> None:
    for mode in MODES:
        measured = follow(12, 1.5, mode, interval=0.5)
        assert measured["min_delay_seconds"] >= 0, "nobody learns of an end before it happens"
        assert measured["requests"] >= 12 and measured["requests_per_job"] == measured["requests"] / 12
        assert 1.0 <= measured["wall_over_longest"] < 3.0
        if mode == "fixed 5 s":
            assert measured["max_delay_seconds"] <= 0.5 + 0.5 and measured["requests"] >= 24
        if mode == "tracker":
            assert measured["requests"] < 2 * 12, "one describe per job and a few lists"


def test_each_job_followed_by_its_own_wait_reports_true_lateness() -> None:
    measured = follow(3, 1.5, "wait")
    assert measured["min_delay_seconds"] >= 0 and measured["requests"] >= 2 * 3
