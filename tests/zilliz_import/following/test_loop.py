"""What the tracker asks for: list records read as progress, and the request ceiling's checks."""

from __future__ import annotations

import pytest
from zilliz_import_client.models import ImportJobSummary

from zilliz_import import InvalidArgumentError
from zilliz_import.following.loop import request_ceiling
from zilliz_import.planes.cluster import progress_of


def test_a_list_record_becomes_a_progress_with_what_list_tells() -> None:
    progress = progress_of(ImportJobSummary(job_id="5", collection_name="c", state="Failed", progress=0, reason="x"))
    assert (progress.job_id, progress.state, progress.reason, progress.details, progress.total_rows) == (
        "5", "Failed", "x", [], 0,
    )  # fmt: skip


@pytest.mark.parametrize("bad", [0, -1.0, float("nan")])
def test_a_ceiling_must_be_positive(bad: float) -> None:
    with pytest.raises(InvalidArgumentError):
        request_ceiling(bad)
    assert request_ceiling(None) is None
