"""The benchmark's parts work against the real mock, and its targets are judged from the ratios."""

from __future__ import annotations

import copy
import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
from benchmarks.following import follow
from benchmarks.report import SDK, render, targets

LATENCY = {"raw socket (floor)": 0.4e-3, "httpx.Client keep-alive": 1.0e-3, "generated client": 1.08e-3,
           "facade ImportJobs": 1.12e-3, SDK: 2.5e-3}  # fmt: skip
FOLLOWED = {"wall_seconds": 66.0, "longest_job_seconds": 60.0, "wall_over_longest": 1.1, "cpu_seconds": 3.0,
            "requests": 9000, "requests_per_job": 9.0, "median_delay_seconds": 0.7,
            "max_delay_seconds": 5.0}  # fmt: skip
RESULTS: dict[str, Any] = {
    "machine": "test", "jobs": 1000, "job_seconds": 60.0,
    "latency_seconds": {"http": LATENCY, "https": LATENCY},
    "parsing_seconds": {"json.loads": 0.03, "json.loads + models": 0.08, "ratio": 2.7},
    "wait_many": FOLLOWED, "fixed_5s_polling": FOLLOWED | {"requests": 11000, "median_delay_seconds": 2.5},
    "generate_seconds": 3.0, "mock_requests_per_second": 3000.0,
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
        (("parsing_seconds", "ratio"), 3.1, "parsing over json.loads"),
        (("wait_many", "wall_over_longest"), 1.25, "wall over longest"),
        (("wait_many", "requests"), 11000, "requests over fixed"),
        (("wait_many", "median_delay_seconds"), 2.6, "median delay over fixed"),
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
    assert report.endswith("## Notes\nnone\n") and "Following 1,000 jobs of 30-60 s" in report


def test_following_a_few_short_jobs_reports_true_lateness() -> None:
    for interval in (None, 0.5):
        measured = follow(12, 1.5, interval)
        assert measured["min_delay_seconds"] >= 0, "nobody learns of an end before it happens"
        assert measured["requests"] >= 12 and measured["requests_per_job"] == measured["requests"] / 12
        assert 1.0 <= measured["wall_over_longest"] < 3.0
        if interval is not None:
            assert measured["max_delay_seconds"] <= interval + 0.5
