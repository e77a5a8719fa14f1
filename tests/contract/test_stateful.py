"""Stateful phase: create a job, then follow the spec's links into get_progress and describe."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.schemas import OpenApiSchema

from tests.contract.conftest import STATEFUL_SETTINGS


@pytest.mark.parametrize("schema_fixture", ["inprocess_schema", "http_schema"])
def test_links_from_create_to_progress_hold(schema_fixture: str, request: pytest.FixtureRequest) -> None:
    schema: OpenApiSchema = request.getfixturevalue(schema_fixture)
    created: set[str] = set()
    followed: list[tuple[str, int]] = []

    class Workflow(schema.as_state_machine()):  # type: ignore[misc]
        def after_call(self, response: Any, case: Any) -> None:
            body = json.loads(response.content) if response.status_code == 200 else {}
            if case.operation.label.endswith("/create") and body.get("code") == 0:
                created.add(body["data"]["jobId"])
            elif isinstance(case.body, dict) and case.body.get("jobId") in created:
                followed.append((case.operation.label, body.get("code", -1)))

    Workflow.run(settings=settings(STATEFUL_SETTINGS, suppress_health_check=list(HealthCheck)))
    assert created, "the stateful phase never created a job"
    assert any(code == 0 for _, code in followed), f"no link was followed to a known job: {followed}"
