"""The control-plane spec obeys the project's rules, says what section 7 of the sheet says, and each rule can fail."""

from __future__ import annotations

import copy
import re
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from tests.openapi.loader import ROOT, rules

PATH = ROOT / "openapi" / "control-plane.yaml"
SPEC: dict[str, Any] = rules.load(PATH)
STATUSES = rules.REQUIRED_STATUSES["control-plane.yaml"]
CREATE = "/v2/vectordb/jobs/import/create"
LIST = "/v2/vectordb/jobs/import/list"
SCHEMAS = SPEC["components"]["schemas"]


@pytest.fixture
def spec() -> dict[str, Any]:
    return copy.deepcopy(SPEC)


def examples_of(spec: dict[str, Any], path: str) -> dict[str, Any]:
    """The examples of an operation's 200 answer, by name."""
    response = rules.resolve(spec, spec["paths"][path]["post"]["responses"]["200"])[0]
    examples: dict[str, Any] = response["content"]["application/json"]["examples"]
    return examples


def progress_examples(spec: dict[str, Any]) -> dict[str, Any]:
    examples: dict[str, Any] = spec["components"]["responses"]["JobProgress"]["content"]["application/json"]["examples"]
    return examples


def validator(name: str) -> Draft202012Validator:
    """A validator of one component schema, with the spec's refs resolvable."""
    schema = {"$ref": f"#/components/schemas/{name}", "components": SPEC["components"]}
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def test_committed_spec_has_no_violations() -> None:
    assert rules.all_errors(SPEC, STATUSES) == []


def test_the_command_line_checks_both_specs_and_refuses_an_unknown_one(tmp_path: Any) -> None:
    assert rules.main(["spec_rules.py", str(ROOT / "openapi" / "openapi.yaml"), str(PATH)]) == 0
    stray = tmp_path / "other.yaml"
    stray.write_text("openapi: 3.1.0\n")
    assert rules.spec_errors(stray) == [
        f"{stray}: unknown spec; add its statuses to REQUIRED_STATUSES in scripts/spec_rules.py"
    ]
    assert rules.main(["spec_rules.py", str(PATH), str(stray)]) == 1


def test_operations_and_paths_are_the_sheets() -> None:
    ids = {path: op["operationId"] for path, _, op in rules.operations(SPEC)}
    assert ids == {
        CREATE: "createImportJob",
        LIST: "listImportJobs",
        "/v2/vectordb/jobs/import/getProgress": "getImportJobProgress",
        "/v2/vectordb/jobs/import/describe": "describeImportJob",
    }


def test_servers_are_both_regions_and_security_is_a_bearer_api_key() -> None:
    assert [s["url"] for s in SPEC["servers"]] == ["https://api.cloud.zilliz.com", "https://api.cloud.zilliz.com.cn"]
    assert SPEC["security"] == [{"apiKey": []}]
    assert SPEC["components"]["securitySchemes"]["apiKey"] | {"description": ""} == {
        "type": "http",
        "scheme": "bearer",
        "description": "",
    }


def test_every_operation_documents_200_and_500_with_the_envelope() -> None:
    for path, _, operation in rules.operations(SPEC):
        assert set(operation["responses"]) == {"200", "500"}, path
        failure = rules.resolve(SPEC, operation["responses"]["500"])[0]
        assert failure["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/ErrorEnvelope"}


def test_only_21119_is_documented_by_zilliz_and_the_others_say_so() -> None:
    for path, _, operation in rules.operations(SPEC):
        codes = operation["x-error-codes"]
        assert codes["21119"].endswith("(documented)"), path
        undocumented = {code for code, meaning in codes.items() if "not documented by Zilliz" in meaning}
        assert undocumented == set(codes) - {"21119"}, path
    table = re.findall(r"^\| (\d+) \|.*\| (yes|no) \|$", SCHEMAS["ErrorEnvelope"]["description"], flags=re.MULTILINE)
    assert dict(table) == {"500": "no", "1100": "no", "1801": "no", "1802": "no", "2100": "no", "21119": "yes"}


def test_only_the_progress_operations_answer_an_unknown_job() -> None:
    holders = {path for path, _, op in rules.operations(SPEC) if "2100" in op["x-error-codes"]}
    assert holders == {"/v2/vectordb/jobs/import/getProgress", "/v2/vectordb/jobs/import/describe"}


@pytest.mark.parametrize(
    ("body", "valid"),
    [
        ({"code": 21119, "message": "The apikey is illegal."}, True),
        ({"code": "21119", "message": "The apikey is illegal."}, True),
        ({"code": -7}, True),
        ({"code": 0, "message": "x"}, False),
        ({"code": "0", "message": "x"}, False),
        ({"message": "x"}, False),
    ],
)
def test_the_envelope_takes_any_non_zero_code_as_integer_or_string(body: dict[str, Any], valid: bool) -> None:
    assert validator("ErrorEnvelope").is_valid(body) is valid


def test_the_envelope_must_exclude_the_string_success_code_too(spec: dict[str, Any]) -> None:
    spec["components"]["schemas"]["ErrorEnvelope"]["properties"]["code"]["not"] = {"const": 0}
    assert rules.envelope_errors(spec) == ["ErrorEnvelope.code excludes ['0'], but success is [\"'0'\", '0']"]


def test_create_answers_either_spelling_of_the_job_id() -> None:
    examples = examples_of(SPEC, CREATE)
    assert examples["created"]["value"]["data"] == {"jobId": "job-01a2b3c4d5e6f7g8h9i0j"}
    assert examples["createdReferencePage"]["value"]["data"] == {"jobID": "job-01a2b3c4d5e6f7g8h9i0j"}
    assert examples["illegalKeyStringCode"]["value"]["code"] == "21119"


@pytest.mark.parametrize(
    ("job_id", "valid"),
    [("job-01a2b3c4d5e6f7g8h9i0j", True), ("448761313698322011", False), ("job-", False), ("job-a_b", False)],
)
def test_job_ids_are_job_dash_alphanumerics_never_decimal(job_id: str, valid: bool) -> None:
    assert validator("JobId").is_valid(job_id) is valid


def test_an_example_with_a_decimal_job_id_is_reported(spec: dict[str, Any]) -> None:
    examples_of(spec, CREATE)["created"]["value"]["data"]["jobId"] = "448761313698322011"
    errors = rules.example_errors(spec)
    assert len(errors) == 1 and "'created'" in errors[0]


def test_a_progress_example_without_reason_is_reported(spec: dict[str, Any]) -> None:
    del progress_examples(spec)["completed"]["value"]["data"]["reason"]
    errors = rules.example_errors(spec)
    assert len(errors) == 1 and "'completed'" in errors[0]


def test_progress_examples_cover_every_state_an_empty_reason_and_a_string_code() -> None:
    values = [e["value"] for e in progress_examples(SPEC).values()]
    successes = [v["data"] for v in values if v["code"] in (0, "0")]
    assert {d["state"] for d in successes} == {"Pending", "Importing", "Completed", "Failed"}
    assert all(d["reason"] == "" for d in successes if d["state"] != "Failed")
    assert "0" in {v["code"] for v in values}
    assert all("totalRows" not in f and "importedRows" not in f for d in successes for f in d["details"])


def test_states_are_open_sets_that_differ_between_listing_and_progress() -> None:
    assert SCHEMAS["KnownImportJobState"]["enum"] == ["Pending", "Importing", "Completed", "Failed"]
    assert SCHEMAS["KnownListedJobState"]["enum"] == ["Pending", "InProgress", "Completed", "Failed"]
    for name in ("ImportJobState", "ListedJobState"):
        assert {"type": "string"} in SCHEMAS[name]["anyOf"], name
    assert validator("ImportJobState").is_valid("PreImporting")


def test_create_links_to_both_progress_operations_with_the_requests_cluster() -> None:
    links = SPEC["paths"][CREATE]["post"]["responses"]["200"]["links"]
    assert {name: (link["operationId"], link["requestBody"]) for name, link in links.items()} == {
        "GetProgressOfCreatedJob": (
            "getImportJobProgress",
            {"jobId": "$response.body#/data/jobId", "clusterId": "$request.body#/clusterId"},
        ),
        "DescribeCreatedJob": (
            "describeImportJob",
            {"jobId": "$response.body#/data/jobId", "clusterId": "$request.body#/clusterId"},
        ),
    }


def test_a_link_reading_a_request_field_that_does_not_exist_is_reported(spec: dict[str, Any]) -> None:
    links = spec["paths"][CREATE]["post"]["responses"]["200"]["links"]
    links["DescribeCreatedJob"]["requestBody"]["clusterId"] = "$request.body#/clusterID"
    assert rules.operation_errors(spec, STATUSES) == [
        f"POST {CREATE} 200: link DescribeCreatedJob: $request.body#/clusterID names no field of the request body"
    ]


def test_a_link_sending_a_field_the_target_does_not_take_is_reported(spec: dict[str, Any]) -> None:
    links = spec["paths"][CREATE]["post"]["responses"]["200"]["links"]
    links["DescribeCreatedJob"]["requestBody"]["dbName"] = "$request.body#/dbName"
    assert rules.operation_errors(spec, STATUSES) == [
        f"POST {CREATE} 200: link DescribeCreatedJob sends dbName, which describeImportJob does not take"
    ]


def test_an_operation_without_its_500_is_reported(spec: dict[str, Any]) -> None:
    del spec["paths"][LIST]["post"]["responses"]["500"]
    assert rules.operation_errors(spec, STATUSES) == [f"POST {LIST}: no 500 response"]


def test_a_string_code_example_outside_its_operation_is_reported(spec: dict[str, Any]) -> None:
    examples_of(spec, CREATE)["illegalKeyStringCode"]["value"]["code"] = "2100"
    assert rules.error_code_errors(spec) == [
        f"POST {CREATE} 200: example 'illegalKeyStringCode' has code 2100, not in its x-error-codes"
    ]


def test_a_string_success_code_is_not_taken_for_an_error_example() -> None:
    codes = {code for _, _, op in rules.operations(SPEC) for _, _, code in rules.example_codes(SPEC, op)}
    assert "0" not in codes and 0 not in codes
    assert {"21119", 21119, 1802, 2100} <= codes


@pytest.mark.parametrize(
    ("body", "valid"),
    [
        ({"clusterId": "in01-x", "collectionName": "c", "objectUrl": "s3://b/1.parquet"}, True),
        ({"clusterId": "in01-x", "collectionName": "c", "volumeName": "v", "dataPaths": [["a.npy", "b.npy"]]}, True),
        ({"clusterId": "in01-x", "collectionName": "c", "objectUrls": None, "dataPaths": None, "dbName": ""}, True),
        ({"collectionName": "c", "objectUrl": "s3://b/1.parquet"}, False),
        ({"clusterId": "in01-x", "objectUrl": "s3://b/1.parquet"}, False),
        ({"clusterId": "in01-x", "collectionName": "c", "dataPaths": ["a.npy"]}, False),
    ],
)
def test_create_bodies(body: dict[str, Any], valid: bool) -> None:
    assert validator("CreateImportJobRequest").is_valid(body) is valid


@pytest.mark.parametrize(
    ("body", "valid"),
    [
        ({"clusterId": "in01-x", "pageSize": 10, "currentPage": 1}, True),
        ({"clusterId": "in01-x"}, True),
        ({"pageSize": 10}, False),
        ({"clusterId": "in01-x", "currentPage": 0}, False),
    ],
)
def test_list_bodies(body: dict[str, Any], valid: bool) -> None:
    assert validator("ListImportJobsRequest").is_valid(body) is valid
