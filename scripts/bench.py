"""Side-by-side benchmarks against the mock over loopback, measured in one run and compared as ratios.

Usage: python scripts/bench.py [--json PATH] [--markdown PATH] [--calls N] [--jobs N,N,...] [--job-seconds S]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "scripts"), str(ROOT)]
from benchmarks.following import MODES, WAIT_JOB_SECONDS, WAITS, follow
from benchmarks.latency import latency
from benchmarks.parsing import parsing
from benchmarks.report import render, targets
from benchmarks.simulator import simulate
from benchmarks.tooling import generate_seconds, mock_requests_per_second

NOTES_FILE = ROOT / "scripts" / "benchmarks" / "NOTES.md"


def machine() -> str:
    """Cores, CPU model, memory and Python of this machine."""
    cpuinfo = Path("/proc/cpuinfo").read_text().splitlines() if Path("/proc/cpuinfo").exists() else []
    model = next(
        (line.split(":", 1)[1].strip() for line in cpuinfo if line.startswith("model name")), platform.processor()
    )
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (
        f"{os.cpu_count()} cores ({model}), {memory:.0f} GiB, Python {platform.python_version()}, {platform.system()}"
    )


def counts(text: str) -> list[int]:
    """`--jobs`: comma-separated numbers of jobs, smallest first."""
    return sorted(int(part) for part in text.split(","))


def run(args: argparse.Namespace) -> dict[str, Any]:
    """Every measurement, in one process, one after the other."""
    results: dict[str, Any] = {"machine": machine(), "jobs": args.jobs, "job_seconds": args.job_seconds}
    print("==> latency per progress call, over http then https")
    results["latency_seconds"] = {"http": latency(args.calls), "https": latency(args.calls, tls=True)}
    print("==> parsing a 1,024-unit progress answer")
    results["parsing_seconds"] = parsing()
    results["following"] = {}
    for count in args.jobs:
        for mode in MODES:
            print(f"==> following {count} jobs: {mode}")
            results["following"].setdefault(str(count), {})[mode] = follow(count, args.job_seconds, mode)
    print(f"==> following {WAITS} jobs of {WAIT_JOB_SECONDS / 2:g}-{WAIT_JOB_SECONDS:g} s, each with its own wait")
    results["waits"] = follow(WAITS, WAIT_JOB_SECONDS, "wait") | {"jobs": WAITS, "job_seconds": WAIT_JOB_SECONDS}
    print("==> the schedule simulator")
    results["simulator"] = simulate()
    print("==> make generate, and the mock's throughput")
    results["generate_seconds"] = generate_seconds()
    results["mock_requests_per_second"] = mock_requests_per_second()
    results["targets"] = targets(results)
    return results


def main() -> int:
    """Run, print the report, write JSON and Markdown when asked; exit 1 if a measurement is missing."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--json", type=Path, help="write the results here")
    parser.add_argument("--markdown", type=Path, help="write the report here (BENCHMARKS.md)")
    parser.add_argument("--calls", type=int, default=1000, help="calls per client for latency (default 1000)")
    parser.add_argument("--jobs", type=counts, default=[10, 100, 1000], help="jobs to follow (default 10,100,1000)")
    parser.add_argument("--job-seconds", type=float, default=60.0, help="longest job length (default 60)")
    args = parser.parse_args()
    if min(args.calls, *args.jobs) < 1 or args.job_seconds <= 0:
        parser.error("--calls and --jobs must be at least 1, --job-seconds positive")
    results = run(args)
    report = render(results, NOTES_FILE.read_text())
    print(report)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n")
    if args.markdown:
        args.markdown.write_text(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
