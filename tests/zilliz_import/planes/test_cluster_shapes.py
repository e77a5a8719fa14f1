"""Type checks the generated parser leaves out: every wrong type is named with its path."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from zilliz_import_client.models import (
    CreateImportJobSuccessData,
    ErrorEnvelope,
    ImportJobProgress,
    ListImportJobsSuccessData,
)

from tests.generated.cluster.server_bodies import SEED_EXAMPLE, file_progress, job_progress
from zilliz_import.planes.cluster_shapes import problems


def progress_with(path: tuple[str | int, ...], value: Any) -> ImportJobProgress:
    data = copy.deepcopy(job_progress("Importing", 40, [file_progress("InProgress", 40), file_progress("Pending", 0)]))
    target = data["data"]
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    return ImportJobProgress.from_dict(data["data"])


def test_well_formed_answers_have_no_problems() -> None:
    assert problems(ImportJobProgress.from_dict(SEED_EXAMPLE["data"])) == []
    assert problems(progress_with(("state",), "SomethingNew")) == [], "unknown states are strings, and allowed"


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        (("progress",), True, "data.progress is bool, not an integer"),
        (("importedRows",), "10", "data.imported_rows is str, not an integer"),
        (("jobId",), 448761313698322011, "data.job_id is int, not a string"),
        (("details", 1, "totalRows"), 1.5, "data.details[1].total_rows is float, not an integer"),
        (("details", 0, "fileName"), None, "data.details[0].file_name is NoneType, not a string"),
        (("details", 0, "state"), 3, "data.details[0].state is int, not a string"),
    ],
)
def test_each_wrong_type_is_named_with_its_path(path: tuple[str | int, ...], value: Any, message: str) -> None:
    assert problems(progress_with(path, value)) == [message]


def test_listings_creations_and_envelopes_are_checked_too() -> None:
    listing = ListImportJobsSuccessData.from_dict(
        {"records": [{"jobId": "1", "collectionName": "c", "state": "Pending", "progress": "0"}]}
    )
    assert problems(listing) == ["data.records[0].progress is str, not an integer"]
    assert problems(CreateImportJobSuccessData.from_dict({"jobId": 7})) == ["data.job_id is int, not a string"]
    assert problems(ErrorEnvelope(code=True, message="x")) == ["code is not an integer"]  # type: ignore[arg-type]
    assert problems(object()) == ["unexpected data of type object"]
