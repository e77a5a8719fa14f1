"""Keys bound as Go's encoding/json binds them: exact match first, else case-insensitive; later keys win."""

from __future__ import annotations

import json
from typing import Any

import pytest

from zilliz_import.mock.go_json import bind_object, go_fold, go_string
from zilliz_import.mock.replies import ApiError

FIELDS = {name: go_string("JobIDReq", name) for name in ("jobId", "dbName")}


def bound(raw: str) -> dict[str, Any]:
    return bind_object(raw.encode(), "JobIDReq", FIELDS)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ('{"jobId": "1"}', {"jobId": "1"}),
        ('{"jobID": "1"}', {"jobId": "1"}),  # what Milvus's own REST test client sends
        ('{"JobId": "1", "DBNAME": "d"}', {"jobId": "1", "dbName": "d"}),
        ('{"jobId": "1", "JOBID": "2"}', {"jobId": "2"}),  # a later key overwrites an earlier one
        ('{"JOBID": "2", "jobId": "1"}', {"jobId": "1"}),
        ('{"jobId": "1", "jobId": "2"}', {"jobId": "2"}),  # exact duplicates too
        ('{"jobId": "1", "jobid": null}', {"jobId": "1"}),  # null leaves a string as it was
        ('{"job_id": "1", "jobIdx": "2"}', {}),  # unknown keys are ignored
        ('{"jobId": "1", "other": {"jobId": "2"}}', {"jobId": "1"}),  # nested objects are not fields
        ('{"dbNa\u017fme": "x"}', {}),  # no field folds to that
        ('{"dbName": "x", "dbname": "y"}', {"dbName": "y"}),
    ],
)
def test_keys_fill_fields_like_go(raw: str, expected: dict[str, Any]) -> None:
    assert bound(raw) == expected


def test_go_folds_the_long_s_and_the_kelvin_sign_onto_ascii_letters() -> None:
    assert go_fold("file\u017f") == go_fold("FILES") == "FILES"
    assert go_fold("\u212aey") == go_fold("key")
    assert go_fold("jobId") != go_fold("jobld")


def test_a_wrong_type_under_a_folded_key_is_1801() -> None:
    with pytest.raises(ApiError) as refused:
        bound(json.dumps({"JOBID": 5}))
    assert refused.value.code == 1801 and "cannot unmarshal number" in refused.value.message
