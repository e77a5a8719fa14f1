"""The structural diff of two OpenAPI documents names each kind of change, and nothing else."""

from __future__ import annotations

import copy
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
from api_diff_spec import spec_changes, type_label

SPEC: dict[str, Any] = yaml.safe_load(
    """
info: {title: t, version: 1.0.0}
paths:
  /jobs/create:
    post:
      operationId: createJob
      description: Starts a job.
      x-error-codes: {"1100": invalid parameter}
      parameters: [{name: Request-Timeout, in: header, schema: {type: integer}}]
      requestBody: {content: {application/json: {schema: {$ref: "#/components/schemas/CreateRequest"}}}}
      responses:
        "200": {description: ok, content: {application/json: {schema: {$ref: "#/components/schemas/Job"}}}}
        "401": {description: no}
components:
  schemas:
    CreateRequest:
      type: object
      required: [name]
      properties:
        name: {type: string, minLength: 1}
        partition: {type: [string, "null"]}
    Job:
      type: object
      properties:
        data:
          type: object
          properties:
            jobId: {type: string}
            state: {$ref: "#/components/schemas/State"}
    State: {type: string, enum: [Pending, Completed]}
    ErrorEnvelope:
      type: object
      x-error-codes: {"100": collection not found, "1800": not authenticated}
"""
)


def op(spec: dict[str, Any]) -> dict[str, Any]:
    operation: dict[str, Any] = spec["paths"]["/jobs/create"]["post"]
    return operation


def schemas(spec: dict[str, Any]) -> dict[str, Any]:
    found: dict[str, Any] = spec["components"]["schemas"]
    return found


def request_properties(spec: dict[str, Any]) -> dict[str, Any]:
    properties: dict[str, Any] = schemas(spec)["CreateRequest"]["properties"]
    return properties


ABORT = {"/jobs/abort": {"post": {"operationId": "abortJob", "responses": {}}}}
OTHER = {"$ref": "#/components/schemas/Other"}
NEW_SCHEMA = {"type": "object", "properties": {"a": {"type": "string"}}}
CHANGES = [
    ("removed operation", lambda s: s["paths"].clear(), ["- removed operation createJob"]),
    ("added operation", lambda s: s["paths"].update(ABORT), ["+ added operation abortJob: POST /jobs/abort"]),
    ("response code", lambda s: op(s)["responses"].pop("401"), ["- removed response createJob 401"]),
    (
        "response retyped",
        lambda s: op(s)["responses"]["200"]["content"]["application/json"].update(schema=OTHER),
        ["~ changed response createJob 200: Job -> Other"],
    ),
    (
        "parameter required",
        lambda s: op(s)["parameters"][0].update(required=True),
        ["~ changed parameter createJob header:Request-Timeout: optional integer -> required integer"],
    ),
    (
        "property removed",
        lambda s: schemas(s)["Job"]["properties"]["data"]["properties"].pop("state"),
        ["- removed property Job.data.state"],
    ),
    (
        "property made required",
        lambda s: schemas(s)["CreateRequest"]["required"].append("partition"),
        ["~ made required CreateRequest.partition"],
    ),
    (
        "property made optional",
        lambda s: schemas(s)["CreateRequest"].update(required=[]),
        ["~ made optional CreateRequest.name"],
    ),
    (
        "property retyped",
        lambda s: request_properties(s).update(name={"type": "integer"}),
        ["~ changed property CreateRequest.name: string -> integer"],
    ),
    (
        "optional property added",
        lambda s: request_properties(s).update(note={"type": "string"}),
        ["+ added property CreateRequest.note: string"],
    ),
    ("schema added with its properties", lambda s: schemas(s).update(New=NEW_SCHEMA), ["+ added schema New: object"]),
    ("enum value", lambda s: schemas(s)["State"]["enum"].append("Failed"), ["+ added enum value State 'Failed'"]),
    (
        "schema error codes",
        lambda s: schemas(s)["ErrorEnvelope"].update({"x-error-codes": {"100": "collection not found", "2100": "no"}}),
        ["- removed error code ErrorEnvelope 1800", "+ added error code ErrorEnvelope 2100: no"],
    ),
    (
        "operation error codes as a list",
        lambda s: op(s).update({"x-error-codes": [1100, 1802]}),
        ["~ changed error code createJob 1100: invalid parameter -> listed", "+ added error code createJob 1802"],
    ),
    (
        "descriptions and constraints only",
        lambda s: (op(s).update(description="Other words."), request_properties(s)["name"].update(minLength=2)),
        [],
    ),
]


@pytest.mark.parametrize(("change", "expected"), [pytest.param(c, e, id=i) for i, c, e in CHANGES])
def test_each_kind_of_change_is_named(change: Any, expected: list[str]) -> None:
    new = copy.deepcopy(SPEC)
    change(new)
    assert spec_changes(SPEC, new) == expected


def test_same_spec_has_no_changes() -> None:
    assert spec_changes(SPEC, copy.deepcopy(SPEC)) == []


def test_lines_come_removals_first_within_a_kind() -> None:
    new = copy.deepcopy(SPEC)
    properties = new["components"]["schemas"]["CreateRequest"]["properties"]
    properties["aaa"] = {"type": "string"}
    properties.pop("partition")
    properties["name"] = {"type": "integer"}
    assert spec_changes(SPEC, new) == [
        "- removed property CreateRequest.partition",
        "~ changed property CreateRequest.name: string -> integer",
        "+ added property CreateRequest.aaa: string",
    ]


def test_a_missing_base_spec_lists_only_the_top_level_facts() -> None:
    lines = spec_changes(None, SPEC)
    assert "+ added operation createJob: POST /jobs/create" in lines
    assert "+ added schema Job: object" in lines
    assert not [line for line in lines if "Job.data" in line or "createJob 200" in line]


@pytest.mark.parametrize(
    ("schema", "label"),
    [
        ({"$ref": "#/components/schemas/Count"}, "Count"),
        ({"type": ["string", "null"]}, "string | null"),
        ({"type": "string", "format": "date-time"}, "string(date-time)"),
        ({"type": "array", "items": {"type": "array", "items": {"type": "string"}}}, "array[array[string]]"),
        ({"anyOf": [{"$ref": "#/x/Known"}, {"type": "string"}]}, "Known | string"),
        ({"type": "object", "additionalProperties": {"type": "string"}}, "object | map[string]"),
        ({"const": 0}, "const 0"),
        (None, "any"),
    ],
)
def test_type_labels(schema: Any, label: str) -> None:
    assert type_label(schema) == label
