"""The control plane's descriptor: its job-ID rule, its cluster, the requests it builds, paging."""

from __future__ import annotations

import pytest
from zilliz_cloud_import_client.models import ImportJobPage, ImportJobSummary

from zilliz_import import ConfigurationError, InvalidArgumentError, Volume
from zilliz_import._core.settings import ClientSettings
from zilliz_import.planes.control_plane import (
    CONTROL_PLANE,
    cloud_job_id_text,
    cluster_id_text,
    create_call,
    list_call,
    next_page,
    progress_call,
)


def page(count: int, records: int, page_size: int = 2) -> ImportJobPage:
    rows = [ImportJobSummary(job_id=f"job-{i}", collection_name="c", state="Completed") for i in range(records)]
    return ImportJobPage(count=count, current_page=1, page_size=page_size, records=rows)


def test_job_ids_are_job_dash_and_letters_and_digits() -> None:
    assert cloud_job_id_text(" job-AbC123 ") == "job-AbC123"
    for bad in ("job-", "job-a_b", "123", 5, None):
        with pytest.raises(InvalidArgumentError):
            cloud_job_id_text(bad)  # type: ignore[arg-type]


def test_a_decimal_id_is_refused_with_the_way_to_the_cluster_plane() -> None:
    with pytest.raises(InvalidArgumentError, match="ImportJobs"):
        cloud_job_id_text("123")


def test_a_cluster_is_required() -> None:
    assert cluster_id_text(" in01-x ") == "in01-x"
    for bad in ("", "  ", None):
        with pytest.raises(ConfigurationError, match="no cluster"):
            cluster_id_text(bad)


def test_every_request_names_the_cluster_and_nothing_goes_in_headers() -> None:
    assert create_call("in01-x", "c", Volume("v", ["a.parquet"]), None, None).kwargs["body"].cluster_id == "in01-x"
    assert progress_call("in01-x", "job-1").kwargs["body"].cluster_id == "in01-x"
    assert CONTROL_PLANE.headers(ClientSettings.build("http://127.0.0.1:1", "k")) == {}


@pytest.mark.parametrize(("number", "size"), [(0, 10), (1, 0), (True, 10), (1, 2.5)])
def test_pages_are_positive_integers(number: object, size: object) -> None:
    with pytest.raises(InvalidArgumentError):
        list_call("in01-x", number, size)  # type: ignore[arg-type]


def test_paging_stops_after_count_jobs_or_an_empty_page_counted_from_the_page_asked() -> None:
    assert next_page(page(count=5, records=2), asked=1) == 2
    assert next_page(page(count=5, records=1), asked=3) is None
    assert next_page(page(count=5, records=0), asked=1) is None
