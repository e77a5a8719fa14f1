"""Job plans and their histories of progress answers, for the lifecycle and snapshot tests."""

from __future__ import annotations

import datetime
import random
from typing import Any

from hypothesis import strategies as st

from zilliz_import.mock.lifecycle import UNDECIDED, Decisions, JobPlan, plan_job
from zilliz_import.mock.snapshots import job_snapshot

path = st.sampled_from(["dir/a.parquet", "dir/b.json", "x/fail.parquet", "dir/c.npy", "reject/1.csv", "stall.json"])


units = st.lists(st.lists(path, min_size=1, max_size=3), min_size=1, max_size=6)


def make_plan(
    seed: int, files: list[list[str]], job_seconds: float = 1.0, *, two_phase: bool = False, v3: bool = False
) -> JobPlan:
    return plan_job(
        random.Random(seed),
        job_id="1",
        db_name="default",
        collection_name="c",
        files=files,
        job_seconds=job_seconds,
        created_at=datetime.datetime(2024, 4, 1, tzinfo=datetime.UTC),
        options={"auto_commit": "false"} if two_phase else None,
        v3=v3,
    )


def history(plan: JobPlan, moments: list[float], decisions: Decisions = UNDECIDED) -> list[dict[str, Any]]:
    return [job_snapshot(plan, t, decisions) for t in sorted(moments)]
