"""The committed spec obeys the project's rules, and each rule can fail."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from tests.openapi.loader import ROOT, rules


@pytest.fixture
def spec() -> dict[str, Any]:
    return copy.deepcopy(SPEC)


SPEC: dict[str, Any] = rules.load(ROOT / "openapi" / "openapi.yaml")
STATUSES = rules.REQUIRED_STATUSES["openapi.yaml"]
PROGRESS = SPEC["components"]["responses"]["JobProgress"]["content"]["application/json"]["examples"]


def test_committed_spec_has_no_violations() -> None:
    assert rules.all_errors(SPEC, STATUSES) == []


def test_examples_cover_every_state_and_error_of_progress() -> None:
    values = [e["value"] for e in PROGRESS.values()]
    states = {v["data"]["state"] for v in values if v["code"] == 0}
    codes = {v["code"] for v in values if v["code"] != 0}
    assert {"Pending", "Importing", "Completed", "Failed"} <= states
    assert {1100, 1801, 1802, 2100} <= codes


def test_seed_example_is_in_the_spec() -> None:
    from tests.generated.cluster.server_bodies import SEED_EXAMPLE

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
    assert sorted(rules.operation_errors(spec, STATUSES)) == [
        "POST /v2/vectordb/jobs/import/list: no 401 response",
        "POST /v2/vectordb/jobs/import/list: no summary",
    ]


def test_a_link_to_an_unknown_operation_is_reported(spec: dict[str, Any]) -> None:
    links = spec["paths"]["/v2/vectordb/jobs/import/create"]["post"]["responses"]["200"]["links"]
    links["GetProgressOfCreatedJob"]["operationId"] = "getProgres"
    assert rules.operation_errors(spec, STATUSES) == [
        "POST /v2/vectordb/jobs/import/create 200: link GetProgressOfCreatedJob names an unknown operation"
    ]


def test_a_link_reading_a_response_field_that_does_not_exist_is_reported(spec: dict[str, Any]) -> None:
    links = spec["paths"]["/v2/vectordb/jobs/import/create"]["post"]["responses"]["200"]["links"]
    links["CommitCreatedJob"]["requestBody"]["jobId"] = "$response.body#/data/jobID"
    assert rules.operation_errors(spec, STATUSES) == [
        "POST /v2/vectordb/jobs/import/create 200: link CommitCreatedJob: "
        "$response.body#/data/jobID names no field of the response body"
    ]


def test_success_and_error_codes_must_not_overlap(spec: dict[str, Any]) -> None:
    spec["components"]["schemas"]["ErrorEnvelope"]["properties"]["code"]["not"] = {"const": 200}
    assert len(rules.envelope_errors(spec)) == 1


def test_nullable_is_reported(spec: dict[str, Any]) -> None:
    spec["components"]["schemas"]["Reason"]["nullable"] = True
    assert rules.leftover_errors(spec) == ["#/components/schemas/Reason: 'nullable' is not OpenAPI 3.1"]


def test_error_code_list_and_table_must_agree(spec: dict[str, Any]) -> None:
    del spec["components"]["schemas"]["ErrorEnvelope"]["x-error-codes"]["2101"]
    assert rules.envelope_errors(spec) == [
        "ErrorEnvelope: x-error-codes "
        + str(sorted(set(SPEC["components"]["schemas"]["ErrorEnvelope"]["x-error-codes"]) - {"2101"}))
        + " differ from its table "
        + str(sorted(SPEC["components"]["schemas"]["ErrorEnvelope"]["x-error-codes"]))
    ]


CREATE = "/v2/vectordb/jobs/import/create"
LIST = "/v2/vectordb/jobs/import/list"


def test_an_operation_without_error_codes_is_reported(spec: dict[str, Any]) -> None:
    del spec["paths"][LIST]["post"]["x-error-codes"]
    assert rules.error_code_errors(spec) == [f"POST {LIST}: no x-error-codes"]


def test_an_operation_code_outside_the_union_is_reported(spec: dict[str, Any]) -> None:
    spec["paths"][LIST]["post"]["x-error-codes"]["1807"] = "rate limited"
    assert rules.error_code_errors(spec) == [f"POST {LIST}: x-error-codes ['1807'] are not in ErrorEnvelope's"]


def test_an_example_code_outside_its_operation_is_reported(spec: dict[str, Any]) -> None:
    del spec["paths"][CREATE]["post"]["x-error-codes"]["2101"]
    assert rules.error_code_errors(spec) == [
        f"POST {CREATE} 200: example 'busyNewest' has code 2101, not in its x-error-codes",
    ]


def test_a_shared_response_example_is_checked_against_each_operation(spec: dict[str, Any]) -> None:
    examples = spec["components"]["responses"]["ServerFailure"]["content"]["application/json"]["examples"]
    examples["panic"]["value"]["code"] = 200  # partition not found: create's alone
    errors = rules.error_code_errors(spec)
    assert len(errors) == 5 and all("500: example 'panic' has code 200" in e for e in errors)
    assert not any(e.startswith(f"POST {CREATE}") for e in errors), "create documents 200"


def test_a_union_code_no_operation_answers_is_reported(spec: dict[str, Any]) -> None:
    spec["components"]["schemas"]["ErrorEnvelope"]["x-error-codes"]["1807"] = "rate limited"
    assert rules.error_code_errors(spec) == ["ErrorEnvelope: x-error-codes ['1807'] belong to no operation"]


def test_no_operation_documents_the_rate_limit_code() -> None:
    for path, _, operation in rules.operations(SPEC):
        assert "1807" not in operation["x-error-codes"], path
        assert 1807 not in {code for _, _, code in rules.example_codes(SPEC, operation)}, path
    assert "1807" not in SPEC["components"]["schemas"]["ErrorEnvelope"]["x-error-codes"]


def test_every_operation_documents_both_status_modes() -> None:
    for path, method, operation in rules.operations(SPEC):
        assert set(operation["responses"]) == {"200", "400", "401", "403", "408", "429", "499", "500"}, path
        for status in set(operation["responses"]) - {"200"}:
            response = rules.resolve(SPEC, operation["responses"][status])[0]
            schema = response["content"]["application/json"]["schema"]
            assert schema == {"$ref": "#/components/schemas/ErrorEnvelope"}, (method, path, status)


def test_pending_and_pre_import_examples_have_no_details_and_no_size() -> None:
    for name in ("pending", "preImporting"):
        data = PROGRESS[name]["value"]["data"]
        assert (data["details"], data["fileSize"]) == ([], 0), name


def test_request_timeout_has_no_invented_bounds() -> None:
    schema = SPEC["components"]["parameters"]["RequestTimeout"]["schema"]
    assert schema == {"type": "integer"}


def test_commit_and_abort_are_linked_from_create() -> None:
    links = SPEC["paths"][CREATE]["post"]["responses"]["200"]["links"]
    assert {name: link["operationId"] for name, link in links.items()} == {
        "GetProgressOfCreatedJob": "getImportJobProgress",
        "DescribeCreatedJob": "describeImportJob",
        "CommitCreatedJob": "commitImportJob",
        "AbortCreatedJob": "abortImportJob",
    }
    assert all(set(link) == {"operationId", "description", "requestBody"} for link in links.values())


def test_known_option_keys_are_strings_and_unknown_keys_stay_allowed() -> None:
    options = SPEC["components"]["schemas"]["ImportOptions"]
    assert set(options["properties"]) == {
        "timeout", "auto_commit", "sep", "nullkey", "backup", "l0_import",
        "skip_disk_quota_check", "storage_version", "start_ts", "end_ts",
    }  # fmt: skip
    assert all(p["type"] == ["string", "null"] for p in options["properties"].values())
    assert options["additionalProperties"] == {"type": ["string", "null"]}
