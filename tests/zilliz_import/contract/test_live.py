"""The spec against a real endpoint: `make contract-live` with CLUSTER_ENDPOINT and TOKEN set.

Read-only by default (list, get_progress, describe); CONTRACT_LIVE_CREATE=1 adds `create` and the
stateful workflow, which start real import jobs.
"""

from __future__ import annotations

import time

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.generation.case import Case
from schemathesis.specs.openapi.schemas import OpenApiSchema

from tests.zilliz_import.contract.conftest import CASES, STATEFUL_SETTINGS, live_creates_jobs
from zilliz_import.contract.workflow import FollowPolicy, following_machine

pytestmark = pytest.mark.live
schema = schemathesis.pytest.from_fixture("live_schema")


@schema.parametrize()
def test_spec_matches_live_endpoint(case: Case) -> None:
    CASES[case.operation.label] += 1
    case.call_and_validate()


def test_links_hold_on_the_live_endpoint(live_schema: OpenApiSchema) -> None:
    if not live_creates_jobs():
        pytest.skip("the stateful workflow creates jobs; set CONTRACT_LIVE_CREATE=1 to allow it")
    follow = FollowPolicy(polls=60, jobs=3, pause=lambda: time.sleep(2))  # real jobs take minutes: follow a few
    machine = following_machine(live_schema, follow)
    machine.run(settings=settings(STATEFUL_SETTINGS, suppress_health_check=list(HealthCheck)))
