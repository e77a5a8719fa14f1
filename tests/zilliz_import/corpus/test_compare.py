"""Comparing two answers: status, code, field set, JSON types and the masked message; values never."""

from __future__ import annotations

import json
from typing import Any

from zilliz_import.corpus.compare import differences, masked


def answer(status: int, body: Any) -> tuple[int, bytes]:
    return status, json.dumps(body).encode()


PROGRESS = {"code": 0, "data": {"jobId": "1", "progress": 10, "details": [{"fileName": "a", "fileSize": 3}]}}


def test_the_same_shape_with_other_values_does_not_differ() -> None:
    later = {"code": 0, "data": {"jobId": "2", "progress": 90, "details": [{"fileName": "b", "fileSize": 9}]}}
    assert differences(answer(200, PROGRESS), answer(200, later)) == []


def test_each_kind_of_difference_is_named() -> None:
    other = {"code": 0, "data": {"jobId": 1, "details": [{"fileName": "a", "fileSize": 3}], "createTime": ""}}
    assert differences(answer(200, PROGRESS), answer(500, other)) == [
        "HTTP status 200 -> 500",
        "fields missing: data.progress",
        "fields added: data.createTime",
        "type of data.jobId: string -> integer",
    ]


def test_codes_and_messages_are_compared_with_ids_and_numbers_masked() -> None:
    before = {"code": 2100, "message": "job 448761313698322011 not found"}
    same = {"code": 2100, "message": "job 512 not found"}
    assert differences(answer(200, before), answer(200, same)) == []
    other = {"code": 1100, "message": "invalid parameter"}
    assert differences(answer(200, before), answer(200, other)) == [
        "code 2100 -> 1100",
        "message 'job <n> not found' -> 'invalid parameter'",
    ]
    assert masked("job-0a1B2c failed after 3.5 s") == "job-<id> failed after <n> s"


def test_a_body_that_stops_being_json_is_reported() -> None:
    assert differences(answer(404, {"code": 0}), (404, b"404 page not found")) == ["body JSON -> not JSON"]
    assert differences((404, b"404 page not found"), (404, b"not found")) == []
