"""The committed spec obeys the project's rules, and each rule can fail."""

from __future__ import annotations

import copy
import importlib.util
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]


def load_rules() -> ModuleType:
    spec = importlib.util.spec_from_file_location("spec_rules", ROOT / "scripts" / "spec_rules.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


rules = load_rules()


@pytest.fixture
def spec() -> dict[str, Any]:
    return copy.deepcopy(SPEC)


SPEC: dict[str, Any] = rules.load(ROOT / "openapi" / "openapi.yaml")
PROGRESS = SPEC["components"]["responses"]["JobProgress"]["content"]["application/json"]["examples"]


def test_committed_spec_has_no_violations() -> None:
    assert rules.all_errors(SPEC) == []


def test_examples_cover_every_state_and_error_of_progress() -> None:
    values = [e["value"] for e in PROGRESS.values()]
    states = {v["data"]["state"] for v in values if v["code"] == 0}
    codes = {v["code"] for v in values if v["code"] != 0}
    assert {"Pending", "Importing", "Completed", "Failed"} <= states
    assert {1801, 1802, 1807, 2100} <= codes


def test_seed_example_is_in_the_spec() -> None:
    from tests.generated.server_bodies import SEED_EXAMPLE

    assert PROGRESS["seedExample"]["value"] == SEED_EXAMPLE


def test_an_example_with_a_numeric_job_id_is_reported(spec: dict[str, Any]) -> None:
    examples = spec["components"]["responses"]["JobProgress"]["content"]["application/json"]["examples"]
    examples["seedExample"]["value"]["data"]["jobId"] = 448761313698322011
    errors = rules.example_errors(spec)
    assert len(errors) == 1 and "seedExample" in errors[0]


def test_an_example_with_a_bad_time_is_reported(spec: dict[str, Any]) -> None:
    examples = spec["components"]["responses"]["JobProgress"]["content"]["application/json"]["examples"]
    examples["pending"]["value"]["data"]["completeTime"] = "yesterday"
    assert any("pending" in e for e in rules.example_errors(spec))


def test_an_incomplete_operation_is_reported(spec: dict[str, Any]) -> None:
    operation = spec["paths"]["/v2/vectordb/jobs/import/list"]["post"]
    del operation["responses"]["401"], operation["summary"]
    assert sorted(rules.operation_errors(spec)) == [
        "POST /v2/vectordb/jobs/import/list: no 401 response",
        "POST /v2/vectordb/jobs/import/list: no summary",
    ]


def test_a_link_to_an_unknown_operation_is_reported(spec: dict[str, Any]) -> None:
    links = spec["paths"]["/v2/vectordb/jobs/import/create"]["post"]["responses"]["200"]["links"]
    links["GetProgressOfCreatedJob"]["operationId"] = "getProgres"
    assert rules.operation_errors(spec) == [
        "POST /v2/vectordb/jobs/import/create 200: link GetProgressOfCreatedJob names an unknown operation"
    ]


def test_success_and_error_codes_must_not_overlap(spec: dict[str, Any]) -> None:
    spec["components"]["schemas"]["ErrorEnvelope"]["properties"]["code"]["not"] = {"const": 200}
    assert len(rules.envelope_errors(spec)) == 1


def test_nullable_is_reported(spec: dict[str, Any]) -> None:
    spec["components"]["schemas"]["Reason"]["nullable"] = True
    assert rules.leftover_errors(spec) == ["#/components/schemas/Reason: 'nullable' is not OpenAPI 3.1"]


def test_error_code_list_and_table_must_agree(spec: dict[str, Any]) -> None:
    del spec["components"]["schemas"]["ErrorEnvelope"]["x-error-codes"]["1807"]
    assert rules.envelope_errors(spec) == [
        "ErrorEnvelope: x-error-codes "
        + str(sorted(set(SPEC["components"]["schemas"]["ErrorEnvelope"]["x-error-codes"]) - {"1807"}))
        + " differ from its table "
        + str(sorted(SPEC["components"]["schemas"]["ErrorEnvelope"]["x-error-codes"]))
    ]
