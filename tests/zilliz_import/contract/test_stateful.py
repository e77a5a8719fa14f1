"""Stateful phase: create jobs, follow the spec's links into get_progress and describe, then follow every job."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.schemas import OpenApiSchema

from tests.zilliz_import.contract.conftest import STATEFUL_SETTINGS, operation_ids
from zilliz_import.contract import session
from zilliz_import.contract.answer import FINISHED
from zilliz_import.contract.workflow import FollowPolicy, following_machine


@pytest.mark.parametrize("schema_fixture", ["inprocess_schema", "http_schema"])
def test_links_from_create_to_progress_hold(schema_fixture: str, request: pytest.FixtureRequest) -> None:
    schema: OpenApiSchema = request.getfixturevalue(schema_fixture)
    session.reset()
    created: set[str] = set()
    followed: list[tuple[str, int]] = []

    class Workflow(following_machine(schema, FollowPolicy())):  # type: ignore[misc]
        def after_call(self, response: Any, case: Any) -> None:
            super().after_call(response, case)
            body = json.loads(response.content) if response.status_code == 200 else {}
            if case.operation.label.endswith("/create") and body.get("code") == 0:
                created.add(body["data"]["jobId"])
            elif (
                isinstance(case.body, dict)
                and isinstance(case.body.get("jobId"), str)
                and case.body["jobId"] in created
            ):
                followed.append((case.operation.label, body.get("code", -1)))

    Workflow.run(settings=settings(STATEFUL_SETTINGS, suppress_health_check=list(HealthCheck)))
    assert created, "the stateful phase never created a job"
    assert any(code == 0 for _, code in followed), f"no link was followed to a known job: {followed}"


def test_the_follow_up_sees_every_state_of_a_job(inprocess_schema: OpenApiSchema) -> None:
    session.reset()
    following_machine(inprocess_schema, FollowPolicy()).run(
        settings=settings(STATEFUL_SETTINGS, suppress_health_check=list(HealthCheck))
    )
    jobs = list(session.HISTORY.jobs.values())
    states = {state for job in jobs for state, _ in job.seen}
    two_phase = (
        {"Uncommitted", "Committing", "Failed"} if "commitImportJob" in operation_ids(inprocess_schema) else set()
    )
    assert {"Pending", "Importing", "Completed"} | two_phase <= states, states
    unfinished = [(job.job_id, job.seen[-3:]) for job in jobs if not job.seen or job.seen[-1][0] not in FINISHED]
    assert unfinished == [], "a job was not followed to its end"
    assert all(len(job.seen) > 3 for job in jobs), [(j.job_id, j.seen) for j in jobs if len(j.seen) <= 3]
