"""The control-plane spec against its mock (sheet section 7): the suite passes, follows jobs, and can fail."""

from __future__ import annotations

import dataclasses
import os

import pytest

from tests.zilliz_import.contract.conftest import load_control_plane_schema, stepped_control_plane
from tests.zilliz_import.contract.planted_control_plane import BROKEN_VARIANTS, CONTROLS
from zilliz_import.contract import session
from zilliz_import.contract.answer import FINISHED
from zilliz_import.contract.runner import Budget, run_suite
from zilliz_import.contract.workflow import FollowPolicy

# Bounded so that `make test` stays under five minutes; `make contract` raises the examples.
# Each case runs the generator or the whole contract suite: `make test-slow`, run by CI after `make test`.
pytestmark = pytest.mark.slow

BOUNDED = Budget(examples=10, scenarios=6, steps=6, follow=FollowPolicy(jobs=6))


def failures_against(app: object) -> list[str]:
    """What the suite reports against an app, one line per failed part."""
    outcomes = run_suite(load_control_plane_schema(app=app), BOUNDED)
    return [f"{o.label}: {o.failure}" for o in outcomes if o.failure is not None]


def test_the_mock_passes_and_every_followed_job_is_seen_to_its_end() -> None:
    examples = int(os.environ.get("CONTRACT_MAX_EXAMPLES") or BOUNDED.examples)  # `make contract` raises it
    outcomes = run_suite(
        load_control_plane_schema(app=stepped_control_plane()), dataclasses.replace(BOUNDED, examples=examples)
    )
    assert [f"{o.label}: {o.failure}" for o in outcomes if o.failure] == []
    followed = [job for job in session.HISTORY.jobs.values() if len(job.seen) > 2]  # polled by the follow-up
    assert followed, "the follow-up polled no job"
    assert {"Importing", "Completed"} <= {state for job in followed for state, _ in job.seen}
    assert [job.job_id for job in followed if not job.seen or job.seen[-1][0] not in FINISHED] == []


@pytest.mark.parametrize("control", list(CONTROLS))
def test_control_passes_the_same_suite(control: str) -> None:
    assert failures_against(CONTROLS[control]()) == []


@pytest.mark.parametrize("variant", list(BROKEN_VARIANTS))
def test_broken_variant_is_reported(variant: str) -> None:
    make, check = BROKEN_VARIANTS[variant]
    failures = failures_against(make())
    assert failures, f"the suite did not notice: {variant}"
    assert any(check in failure for failure in failures), "\n".join(failures)
