"""The targets of issues #6, #13 and #21, judged on one run's results, and the Markdown of BENCHMARKS.md."""

from __future__ import annotations

from typing import Any

HTTPX, FACADE, SDK = "httpx.Client keep-alive", "facade ImportJobs", "pymilvus get_import_progress"
TRACKER, PER_JOB, FIXED = "tracker", "per-job", "fixed 5 s"
SIM_FIXED, SIM_WAIT, SIM_MANY = "fixed 5 s", "wait", "wait_many x10"  # simulator.SCHEDULES
SIM_COLUMNS = (("requests_per_job", "requests per job", "{:.1f}"), ("median_delay_seconds", "median lateness", "{:.2f} s"),
               ("p95_delay_seconds", "p95 lateness", "{:.2f} s"), ("max_delay_seconds", "worst lateness", "{:.2f} s"))  # fmt: skip
FOLLOW_COLUMNS = (("requests_per_job", "requests per job", "{:.2f}"), ("median_delay_seconds", "median lateness", "{:.2f} s"),
                  ("max_delay_seconds", "worst lateness", "{:.2f} s"), ("cpu_seconds", "client CPU", "{:.1f} s"),
                  ("wall_over_longest", "wall / longest job", "{:.2f}"))  # fmt: skip


def targets(r: dict[str, Any]) -> dict[str, tuple[float | None, bool]]:
    """Each target's measured value or ratio and whether it is met."""
    plain, tls = r["latency_seconds"]["http"], r["latency_seconds"]["https"]
    facade = max(plain[FACADE] / plain[HTTPX], tls[FACADE] / tls[HTTPX])
    sdk = min(side[SDK] / side[FACADE] for side in (plain, tls)) if SDK in plain and SDK in tls else None
    judged = {
        "facade over httpx <= 1.15 (worse of http, https)": (facade, facade <= 1.15),
        "pymilvus over facade >= 2 (worse of http, https)": (sdk, sdk is not None and sdk >= 2),
        "parsing a 1,024-unit answer over json.loads <= 3": (
            r["parsing_seconds"]["ratio"],
            r["parsing_seconds"]["ratio"] <= 3,
        ),
    }
    judged |= _following_targets(r["following"])
    if "waits" in r:
        judged |= _punctual_targets(r["waits"], r["following"])
    if "simulator" in r:
        judged |= _simulated_targets(r["simulator"])
    return judged


def _punctual_targets(waits: dict[str, float], following: dict[str, Any]) -> dict[str, tuple[float | None, bool]]:
    """Issue 21's targets out of process: a few jobs each followed by `wait`, and `wait_many` at the fewest jobs."""
    few = following[sorted(following, key=int)[0]][TRACKER]
    n, label = (
        f"{int(sorted(following, key=int)[0]):,}",
        f"wait, {waits['jobs']:g} jobs of {waits['job_seconds'] / 2:g}-",
    )
    label += f"{waits['job_seconds']:g} s"
    rows = [(f"{label}: median lateness <= 1 s", waits["median_delay_seconds"], 1.0),
            (f"{label}: worst lateness <= 2.5 s", waits["max_delay_seconds"], 2.5),
            (f"{label}: requests per job <= 10", waits["requests_per_job"], 10.0),
            (f"wait_many at {n} jobs: worst lateness <= 2 s", few["max_delay_seconds"], 2.0),
            (f"wait_many at {n} jobs: requests per job <= 3", few["requests_per_job"], 3.0)]  # fmt: skip
    judged: dict[str, tuple[float | None, bool]] = {name: (value, value <= bound) for name, value, bound in rows}
    return judged


def _simulated_targets(table: dict[str, dict[str, dict[str, float]]]) -> dict[str, tuple[float | None, bool]]:
    """Issue 21's targets in the simulator: worst lateness within max(2 s, 2 %), requests within a 5 s loop's."""
    judged: dict[str, tuple[float | None, bool]] = {}
    for length, schedules in table.items():
        bound = max(2.0, 0.02 * float(length))
        for name in (SIM_WAIT, SIM_MANY):
            worst = schedules[name]["max_delay_seconds"]
            judged[f"simulator, {name}, {length} s jobs: worst lateness <= {bound:g} s"] = (worst, worst <= bound)
        if float(length) >= 60:
            ratio = schedules[SIM_WAIT]["requests_per_job"] / schedules[SIM_FIXED]["requests_per_job"]
            judged[f"simulator, wait, {length} s jobs: requests over a fixed 5 s loop's <= 1"] = (ratio, ratio <= 1)
    return judged


def _following_targets(following: dict[str, dict[str, dict[str, float]]]) -> dict[str, tuple[float | None, bool]]:
    """Issue 13's targets on the most jobs, and "no worse than the per-job schedule" on the fewest."""
    sizes = sorted(following, key=int)
    most, fewest = following[sizes[-1]], following[sizes[0]]
    ours, per_job, fixed = most[TRACKER], most[PER_JOB], most[FIXED]
    n, few = f"{int(sizes[-1]):,}", f"{int(sizes[0]):,}"
    cpu = ours["cpu_seconds"] / per_job["cpu_seconds"]
    judged = {
        f"tracker at {n} jobs: requests per job <= 1.2": (ours["requests_per_job"], ours["requests_per_job"] <= 1.2),
        f"tracker at {n} jobs: median lateness <= 0.5 s": (
            ours["median_delay_seconds"],
            ours["median_delay_seconds"] <= 0.5,
        ),
        f"tracker at {n} jobs: worst lateness <= 2 s": (ours["max_delay_seconds"], ours["max_delay_seconds"] <= 2),
        f"tracker at {n} jobs: CPU over per-job schedule's <= 0.5": (cpu, cpu <= 0.5),
        f"tracker at {n} jobs: wall over longest job <= 1.2": (
            ours["wall_over_longest"],
            ours["wall_over_longest"] <= 1.2,
        ),
        f"tracker at {n} jobs: requests over fixed 5 s polling < 1": (
            ours["requests"] / fixed["requests"],
            ours["requests"] < fixed["requests"],
        ),
        f"tracker at {n} jobs: median lateness over fixed 5 s polling < 1": (
            ours["median_delay_seconds"] / fixed["median_delay_seconds"],
            ours["median_delay_seconds"] < fixed["median_delay_seconds"],
        ),
    }
    for key, label in (("requests_per_job", "requests per job"), ("median_delay_seconds", "median lateness"),
                       ("max_delay_seconds", "worst lateness")):  # fmt: skip
        ratio = fewest[TRACKER][key] / fewest[PER_JOB][key] if fewest[PER_JOB][key] > 0 else float("inf")
        judged[f"tracker at {few} jobs: {label} over per-job schedule's <= 1"] = (ratio, ratio <= 1)
    return judged


def render(r: dict[str, Any], notes: str) -> str:
    """BENCHMARKS.md: the machine, every table of the run, the targets, and `notes`."""
    lines = ["# Benchmarks", "", "Regenerated by `make bench` (scripts/bench.py); one run, compared as ratios.", "",
             f"Machine: {r['machine']}", ""]  # fmt: skip
    lines += _latency(r["latency_seconds"])
    p = r["parsing_seconds"]
    lines += ["## Parsing a 1,024-unit progress answer", "",
              f"json.loads {p['json.loads'] * 1e3:.2f} ms; json.loads and the generated models "
              f"{p['json.loads + models'] * 1e3:.2f} ms; ratio {p['ratio']:.2f} (median of per-round ratios)", ""]  # fmt: skip
    lines += _following(r)
    lines += _waits(r["waits"]) if "waits" in r else []
    lines += _simulated(r["simulator"]) if "simulator" in r else []
    lines += [f"`make generate`: {r['generate_seconds']:.1f} s. Mock: {r['mock_requests_per_second']:,.0f} requests/s "
              "(100 keep-alive raw-socket clients).", "", "## Targets", "", "| target | measured | met |",
              "| --- | --- | --- |"]  # fmt: skip
    for name, (value, met) in r["targets"].items():
        shown = "not measured" if value is None else f"{value:.2f}"
        lines.append(f"| {name} | {shown} | {'yes' if met else 'NO'} |")
    return "\n".join([*lines, "", notes.strip(), ""])


def _latency(latency: dict[str, dict[str, float]]) -> list[str]:
    plain, tls = latency["http"], latency["https"]
    lines = ["## Latency per progress call (median, clients taking turns)", "",
             "| client | http | vs httpx | https | vs httpx |", "| --- | --- | --- | --- | --- |"]  # fmt: skip
    for name in plain:
        a, b = plain[name], tls.get(name, float("nan"))
        lines.append(
            f"| {name} | {a * 1e6:,.0f} µs | {a / plain[HTTPX]:.2f}x | {b * 1e6:,.0f} µs | {b / tls[HTTPX]:.2f}x |"
        )
    return [*lines, ""]


def _following(r: dict[str, Any]) -> list[str]:
    header = " | ".join(label for _, label, _ in FOLLOW_COLUMNS)
    lines = [f"## Following jobs of {r['job_seconds'] / 2:.0f}-{r['job_seconds']:.0f} s", "",
             "Requests are `list` and `describe` as the mock counted them; lateness is when the client learnt of a "
             "job's end minus the mock's true end.", "",
             f"| jobs | schedule | {header} |", "| --- | --- |" + " --- |" * len(FOLLOW_COLUMNS)]  # fmt: skip
    for count, modes in sorted(r["following"].items(), key=lambda item: int(item[0])):
        for mode, measured in modes.items():
            cells = " | ".join(form.format(measured[key]) for key, _, form in FOLLOW_COLUMNS)
            lines.append(f"| {int(count):,} | {mode} | {cells} |")
    return [*lines, ""]


def _waits(w: dict[str, Any]) -> list[str]:
    header = " | ".join(label for _, label, _ in FOLLOW_COLUMNS)
    cells = " | ".join(form.format(w[key]) for key, _, form in FOLLOW_COLUMNS)
    return [f"## Following one job each: {w['jobs']:g} jobs of {w['job_seconds'] / 2:g}-{w['job_seconds']:g} s, "
            "each its own `wait`", "", f"| jobs | {header} |", "| --- |" + " --- |" * len(FOLLOW_COLUMNS),
            f"| {w['jobs']:g} | {cells} |", ""]  # fmt: skip


def _simulated(table: dict[str, dict[str, dict[str, float]]]) -> list[str]:
    header = " | ".join(label for _, label, _ in SIM_COLUMNS)
    lines = ["## Schedule simulator (the mock's histories, an injected clock, no I/O)", "",
             "Job length is the mock's `--job-seconds` (jobs last 0.45-1.15 of it); `wait before #21` is the "
             "schedule `Waiter` had before issue 21; `wait_many x10` follows 10 jobs created together.", "",
             f"| job length | schedule | {header} |", "| --- | --- |" + " --- |" * len(SIM_COLUMNS)]  # fmt: skip
    for length, schedules in table.items():
        for name, measured in schedules.items():
            cells = " | ".join(form.format(measured[key]) for key, _, form in SIM_COLUMNS)
            lines.append(f"| {float(length):,g} s | {name} | {cells} |")
    return [*lines, ""]
