"""The generated control-plane client parses every body of section 7, and the `code` alone decides the model."""

from __future__ import annotations

import datetime
import json
from types import ModuleType
from typing import Any

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st
from zilliz_cloud_import_client import AuthenticatedClient
from zilliz_cloud_import_client.api.import_jobs import (
    create_import_job,
    describe_import_job,
    get_import_job_progress,
    list_import_jobs,
)
from zilliz_cloud_import_client.models import (
    CreateImportJobRequest,
    CreateImportJobSuccess,
    ErrorEnvelope,
    ImportFileProgress,
    ImportJobProgress,
    ImportJobProgressSuccess,
    JobProgressRequest,
    KnownImportJobState,
    KnownListedJobState,
    ListImportJobsRequest,
    ListImportJobsSuccess,
)
from zilliz_cloud_import_client.types import UNSET

from tests.generated.control_plane.server_bodies import (
    CLUSTER_ID,
    CREATED_BODIES,
    ERROR_BODIES,
    JOB_ID,
    LIST_BODY,
    SUCCESS_PROGRESS_BODIES,
    file_progress,
    job_progress,
)

PROGRESS_OPERATIONS = [get_import_job_progress, describe_import_job]
CREATE_REQUEST = CreateImportJobRequest(
    cluster_id=CLUSTER_ID, collection_name="medium_articles", object_url="s3://bucket/dir/1.parquet"
)
ALL_OPERATIONS: dict[str, tuple[ModuleType, Any]] = {
    "create": (create_import_job, CREATE_REQUEST),
    "list": (list_import_jobs, ListImportJobsRequest(cluster_id=CLUSTER_ID)),
    "getProgress": (get_import_job_progress, JobProgressRequest(job_id=JOB_ID, cluster_id=CLUSTER_ID)),
    "describe": (describe_import_job, JobProgressRequest(job_id=JOB_ID, cluster_id=CLUSTER_ID)),
}


def same_instants(body: Any) -> Any:
    """`body` with non-empty `completeTime`s as datetimes: `Z` and `+00:00` name the same instant."""
    if isinstance(body, dict):
        return {
            k: datetime.datetime.fromisoformat(v) if k == "completeTime" and v else same_instants(v)
            for k, v in body.items()
        }
    if isinstance(body, list):
        return [same_instants(item) for item in body]
    return body


def recording(status: int, body: Any, seen: list[httpx.Request] | None = None) -> AuthenticatedClient:
    """A client whose every request gets `body` back with HTTP `status`; requests go to `seen`."""
    content = json.dumps(body).encode()

    def handler(request: httpx.Request) -> httpx.Response:
        if seen is not None:
            seen.append(request)
        return httpx.Response(status, content=content, headers={"Content-Type": "application/json"})

    return AuthenticatedClient(
        base_url="https://api.cloud.zilliz.com",
        token="mock-api-key",
        httpx_args={"transport": httpx.MockTransport(handler)},
    )


def parse_progress(operation: ModuleType, status: int, body: Any) -> Any:
    """What a progress operation returns for one server answer."""
    return operation.sync(client=recording(status, body), body=JobProgressRequest(job_id=JOB_ID, cluster_id=CLUSTER_ID))


@pytest.mark.parametrize("operation", PROGRESS_OPERATIONS, ids=lambda m: m.__name__.rsplit(".", 1)[-1])
@pytest.mark.parametrize("name", list(SUCCESS_PROGRESS_BODIES))
def test_every_progress_body_parses_as_success_without_losing_data(operation: ModuleType, name: str) -> None:
    body = SUCCESS_PROGRESS_BODIES[name]
    parsed = parse_progress(operation, 200, body)
    assert isinstance(parsed, ImportJobProgressSuccess)
    assert (parsed.code, parsed.data.job_id, parsed.data.state) == (body["code"], JOB_ID, body["data"]["state"])
    assert len(parsed.data.details) == len(body["data"]["details"])
    assert same_instants(parsed.to_dict()) == same_instants(body)


@pytest.mark.parametrize("operation", PROGRESS_OPERATIONS, ids=lambda m: m.__name__.rsplit(".", 1)[-1])
@pytest.mark.parametrize("name", list(ERROR_BODIES))
def test_every_error_body_parses_as_the_envelope_keeping_the_codes_type(operation: ModuleType, name: str) -> None:
    status, body = ERROR_BODIES[name]
    parsed = parse_progress(operation, status, body)
    assert isinstance(parsed, ErrorEnvelope)
    assert (parsed.code, parsed.message) == (body["code"], body["message"])
    assert type(parsed.code) is type(body["code"])


@pytest.mark.parametrize("operation", list(ALL_OPERATIONS))
@pytest.mark.parametrize("name", ["illegal api key", "illegal api key, code as a string", "handler panic"])
def test_the_key_error_and_a_panic_parse_as_the_envelope_on_every_operation(operation: str, name: str) -> None:
    module, request = ALL_OPERATIONS[operation]
    status, body = ERROR_BODIES[name]
    parsed = module.sync(client=recording(status, body), body=request)
    assert isinstance(parsed, ErrorEnvelope) and parsed.code == body["code"]


def test_reason_is_an_empty_string_on_success_and_the_text_on_failure() -> None:
    done = parse_progress(get_import_job_progress, 200, SUCCESS_PROGRESS_BODIES["completed"])
    failed = parse_progress(get_import_job_progress, 200, SUCCESS_PROGRESS_BODIES["failed with a reason"])
    assert isinstance(done, ImportJobProgressSuccess) and isinstance(failed, ImportJobProgressSuccess)
    assert (done.data.reason, done.data.details[0].reason) == ("", "")
    assert (failed.data.reason, failed.data.details[0].reason) == ("the field 'vector' is missing", "bad file")


def test_reason_is_declared_always_present_so_callers_never_meet_unset() -> None:
    assert ImportJobProgress.__annotations__["reason"] == "str"
    with pytest.raises(KeyError):
        ImportJobProgress.from_dict(
            {k: v for k, v in SUCCESS_PROGRESS_BODIES["completed"]["data"].items() if k != "reason"}
        )


def test_progress_fields_have_their_documented_types() -> None:
    parsed = parse_progress(describe_import_job, 200, SUCCESS_PROGRESS_BODIES["completed"])
    assert isinstance(parsed, ImportJobProgressSuccess)
    data = parsed.data
    assert data.state is KnownImportJobState.COMPLETED
    assert data.complete_time == datetime.datetime(2024, 4, 1, 15, 18, 39, tzinfo=datetime.UTC)
    assert (data.file_name, data.file_size, data.total_rows, data.progress) == ("dir/", 1024, 5979, 100)
    assert data.details[0].state is KnownImportJobState.COMPLETED


def test_files_have_no_row_counts_and_keep_unknown_fields() -> None:
    body = job_progress("Importing", 50, [dict(file_progress("Importing", 50), totalRows=7)])
    parsed = parse_progress(get_import_job_progress, 200, body)
    assert isinstance(parsed, ImportJobProgressSuccess)
    assert not hasattr(ImportFileProgress, "total_rows") and not hasattr(ImportFileProgress, "imported_rows")
    assert parsed.data.details[0].additional_properties == {"totalRows": 7}


def test_an_empty_complete_time_stays_an_empty_string() -> None:
    parsed = parse_progress(get_import_job_progress, 200, SUCCESS_PROGRESS_BODIES["pending, no details"])
    assert isinstance(parsed, ImportJobProgressSuccess)
    assert (parsed.data.complete_time, parsed.data.details, parsed.data.state) == ("", [], KnownImportJobState.PENDING)


@pytest.mark.parametrize("state", ["PreImporting", "InProgress", "Sorting", ""])
def test_unknown_states_are_kept_as_strings_for_the_job_and_its_files(state: str) -> None:
    parsed = parse_progress(describe_import_job, 200, job_progress(state, 5, [file_progress(state, 5)]))
    assert isinstance(parsed, ImportJobProgressSuccess)
    assert parsed.data.state == state and not isinstance(parsed.data.state, KnownImportJobState)
    assert parsed.data.details[0].state == state


def test_a_success_code_without_data_is_never_taken_for_an_error() -> None:
    for code in (0, "0"):
        with pytest.raises((KeyError, TypeError, ValueError)):
            parse_progress(get_import_job_progress, 200, {"code": code, "message": "ok"})


@given(
    code=st.integers(-(2**31), 2**31).filter(lambda c: c != 0) | st.text(max_size=8).filter(lambda c: c != "0"),
    with_data=st.booleans(),
)
def test_any_other_code_integer_or_string_parses_as_an_error(code: int | str, with_data: bool) -> None:
    body: dict[str, Any] = {"code": code, "message": "failed"}
    if with_data:
        body["data"] = SUCCESS_PROGRESS_BODIES["completed"]["data"]
    parsed = parse_progress(describe_import_job, 200, body)
    assert isinstance(parsed, ErrorEnvelope) and parsed.code == code


def test_an_error_without_a_message_still_parses_as_an_error() -> None:
    parsed = parse_progress(describe_import_job, 200, {"code": 21119})
    assert isinstance(parsed, ErrorEnvelope) and (parsed.code, parsed.message) == (21119, UNSET)


@pytest.mark.parametrize("name", list(CREATED_BODIES))
def test_create_answers_either_spelling_of_the_job_id(name: str) -> None:
    body = CREATED_BODIES[name]
    created = create_import_job.sync(client=recording(200, body), body=CREATE_REQUEST)
    assert isinstance(created, CreateImportJobSuccess) and created.code == body["code"]
    spelled = {"jobId": created.data.jobId, "jobID": created.data.jobID}
    assert {k: v for k, v in spelled.items() if v is not UNSET} == body["data"]
    assert created.to_dict() == body


def test_list_answers_parse_with_paging_and_open_states() -> None:
    listed = list_import_jobs.sync(client=recording(200, LIST_BODY), body=ListImportJobsRequest(cluster_id=CLUSTER_ID))
    assert isinstance(listed, ListImportJobsSuccess)
    page = listed.data
    assert (page.count, page.current_page, page.page_size) == (3, 1, 10)
    assert [r.state for r in page.records] == [KnownListedJobState.INPROGRESS, KnownListedJobState.COMPLETED, "Queued"]
    assert listed.to_dict() == LIST_BODY
    past_end = {"code": 0, "data": {"count": 3, "currentPage": 2, "pageSize": 10, "records": []}}
    empty = list_import_jobs.sync(client=recording(200, past_end), body=ListImportJobsRequest(cluster_id=CLUSTER_ID))
    assert isinstance(empty, ListImportJobsSuccess) and empty.data.records == []


def test_requests_go_to_their_paths_with_the_api_key_and_only_the_fields_given() -> None:
    seen: list[httpx.Request] = []
    for module, request in ALL_OPERATIONS.values():
        module.sync(client=recording(200, {"code": 21119, "message": "x"}, seen), body=request)
    assert [r.url.path.rsplit("/", 1)[-1] for r in seen] == ["create", "list", "getProgress", "describe"]
    assert {r.headers["Authorization"] for r in seen} == {"Bearer mock-api-key"}
    assert [json.loads(r.content) for r in seen] == [
        {"clusterId": CLUSTER_ID, "collectionName": "medium_articles", "objectUrl": "s3://bucket/dir/1.parquet"},
        {"clusterId": CLUSTER_ID},
        {"jobId": JOB_ID, "clusterId": CLUSTER_ID},
        {"jobId": JOB_ID, "clusterId": CLUSTER_ID},
    ]


def test_volume_imports_and_paging_are_sent_as_given() -> None:
    seen: list[httpx.Request] = []
    volume = CreateImportJobRequest(
        cluster_id=CLUSTER_ID, collection_name="c", volume_name="v", data_paths=[["a.npy", "b.npy"]]
    )
    create_import_job.sync(client=recording(200, CREATED_BODIES["SDK guides' jobId"], seen), body=volume)
    page = ListImportJobsRequest(cluster_id=CLUSTER_ID, page_size=50, current_page=3)
    list_import_jobs.sync(client=recording(200, LIST_BODY, seen), body=page)
    assert json.loads(seen[0].content) == {
        "clusterId": CLUSTER_ID,
        "collectionName": "c",
        "volumeName": "v",
        "dataPaths": [["a.npy", "b.npy"]],
    }
    assert json.loads(seen[1].content) == {"clusterId": CLUSTER_ID, "pageSize": 50, "currentPage": 3}


@pytest.mark.parametrize("operation", list(ALL_OPERATIONS))
def test_a_non_json_server_error_page_fails_inside_the_generated_parser(operation: str) -> None:
    # HTTP 500 is documented, so the generated code parses its body; the hand-written layer turns this
    # failure into its own error. This test pins the boundary.
    module, request = ALL_OPERATIONS[operation]

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(500, content=b"<html>Internal Server Error</html>", headers={"Content-Type": "text/html"})

    client = AuthenticatedClient(
        base_url="http://127.0.0.1:1", token="t", httpx_args={"transport": httpx.MockTransport(handler)}
    )
    with pytest.raises(ValueError):
        module.sync(client=client, body=request)


@pytest.mark.parametrize("status", [401, 403, 429, 502])
def test_statuses_zilliz_does_not_document_are_left_unparsed(status: int) -> None:
    # Only 200 and 500 are documented: a gateway's other statuses come back unparsed, with the raw body.
    body = {"code": 21119, "message": "The apikey is illegal."}
    request = JobProgressRequest(job_id=JOB_ID, cluster_id=CLUSTER_ID)
    detailed = describe_import_job.sync_detailed(client=recording(status, body), body=request)
    assert (detailed.status_code, detailed.parsed) == (status, None)
    assert json.loads(detailed.content) == body
