"""The contract suite against every release profile of the mock, with bounded examples so CI stays fast."""

from __future__ import annotations

import pytest

from tests.zilliz_import.contract.conftest import PROFILES, profile_schema
from zilliz_import.contract.runner import Budget, run_suite
from zilliz_import.contract.workflow import FollowPolicy

BOUNDED = Budget(examples=10, scenarios=5, steps=6, follow=FollowPolicy(jobs=5))


@pytest.mark.parametrize("profile", list(PROFILES))
def test_profile_passes_the_contract_suite(profile: str) -> None:
    failures = [f"{o.label}: {o.failure}" for o in run_suite(profile_schema(profile), BOUNDED) if o.failure]
    assert failures == [], "\n".join(failures)
