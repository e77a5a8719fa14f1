"""The cluster's descriptor: its job-ID rule, its headers, the requests it builds, list records as progress."""

from __future__ import annotations

import pytest
from zilliz_import_client.models import ImportJobSummary

from zilliz_import import InvalidArgumentError
from zilliz_import._core.settings import ClientSettings
from zilliz_import.planes.cluster import CLUSTER, action_call, create_call, fixed_headers, job_id_text, progress_of


def test_a_list_record_becomes_a_progress_with_what_list_tells() -> None:
    progress = progress_of(ImportJobSummary(job_id="5", collection_name="c", state="Failed", progress=0, reason="x"))
    assert (progress.job_id, progress.state, progress.reason, progress.details, progress.total_rows) == (
        "5", "Failed", "x", [], 0,
    )  # fmt: skip


@pytest.mark.parametrize(("given", "expected"), [(7, "7"), (" 42 ", "42"), (2**63 - 1, str(2**63 - 1))])
def test_job_ids_become_decimal_strings(given: object, expected: str) -> None:
    assert job_id_text(given) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize("bad", [-1, 2**63, "9" * 20, "1e3", "", True, None, 1.0])
def test_other_job_ids_are_refused(bad: object) -> None:
    with pytest.raises(InvalidArgumentError):
        job_id_text(bad)  # type: ignore[arg-type]


def test_a_control_plane_id_is_refused_with_the_way_to_its_plane() -> None:
    with pytest.raises(InvalidArgumentError, match="CloudImportJobs"):
        job_id_text("job-abc")


def test_the_descriptor_sends_the_database_and_the_server_timeout_on_every_call() -> None:
    settings = ClientSettings.build("http://127.0.0.1:1", "t", db_name="db1", timeout=10)
    assert fixed_headers(settings) == {"Request-Timeout": "8", "DB-Name": "db1"}
    assert CLUSTER.job_id is job_id_text and CLUSTER.environment.__name__ == "cluster_env"


def test_create_is_never_retried_and_commit_is() -> None:
    assert not create_call("c", ["a.parquet"], None, None, None).idempotent
    assert action_call("commit", 5).idempotent and action_call("abort", "6").kwargs["body"].job_id == "6"
