"""Every non-success becomes the right typed exception, with operation, status, code and message."""

from __future__ import annotations

import socket

import httpx
import pytest

from zilliz_import import (
    AsyncImportJobs,
    AuthenticationError,
    ClientTimeoutError,
    CloudImportJobs,
    ImportJobs,
    InvalidArgumentError,
    InvalidRequestError,
    JobNotFoundError,
    PermissionDeniedError,
    RateLimitedError,
    RetryPolicy,
    ServerError,
    ServerTimeoutError,
    TransportError,
    UnexpectedResponseError,
)
from zilliz_import._core.classify import from_envelope
from zilliz_import.errors import WrongServerError
from zilliz_import.mock import READ_ONLY_TOKEN, Fault, MockApp, MockServer

NO_RETRY = RetryPolicy.disabled()


def facade(server: MockServer, token: str = "root:Milvus", **options: object) -> ImportJobs:
    return ImportJobs(server.url, token, retry=NO_RETRY, **options)  # type: ignore[arg-type]


def test_wrong_token_is_authentication_error(mock_server: MockServer) -> None:
    with facade(mock_server, "root:wrong") as jobs, pytest.raises(AuthenticationError) as caught:
        jobs.list()
    assert (caught.value.status, caught.value.code, caught.value.operation) == (401, 1800, "list")
    assert "user hasn't authenticated" in str(caught.value)


def test_read_only_user_creating_is_permission_denied(mock_server: MockServer) -> None:
    with facade(mock_server, READ_ONLY_TOKEN) as jobs, pytest.raises(PermissionDeniedError) as caught:
        jobs.create("quick_setup", ["a.parquet"])
    assert (caught.value.status, caught.value.code) == (403, 1401)


def test_unknown_job_is_job_not_found(jobs: ImportJobs) -> None:
    with pytest.raises(JobNotFoundError) as caught:
        jobs.get_progress(42)
    assert (caught.value.status, caught.value.code, caught.value.operation) == (200, 2100, "get_progress")


@pytest.mark.parametrize(("collection", "files", "code"), [("1bad", ["a"], 100), ("c", ["a"] * 1025, 2100)])
def test_server_side_refusals_are_invalid_request(
    jobs: ImportJobs, collection: str, files: list[str], code: int
) -> None:
    with pytest.raises(InvalidRequestError) as caught:
        jobs.create(collection, files)
    assert caught.value.code == code


@pytest.mark.parametrize("job_id", ["abc", "-1", "1.5", "", True, -3])
def test_bad_job_ids_are_refused_before_sending(jobs: ImportJobs, job_id: object) -> None:
    with pytest.raises(InvalidArgumentError, match="job id must be a decimal integer"):
        jobs.get_progress(job_id)  # type: ignore[arg-type]


@pytest.mark.parametrize("job_id", [2**63, "9223372036854775808", "99999999999999999999", "9" * 5000])
def test_job_ids_beyond_int64_are_out_of_range(jobs: ImportJobs, job_id: object) -> None:
    with pytest.raises(InvalidArgumentError, match=r"is out of range: job IDs are int64, at most 9223372036854775807"):
        jobs.get_progress(job_id)  # type: ignore[arg-type]


def test_the_largest_int64_job_id_is_sent(jobs: ImportJobs) -> None:
    """Control: the bound is the int64 maximum itself, not one below."""
    with pytest.raises(JobNotFoundError):
        jobs.get_progress(str(2**63 - 1))


def test_errors_of_get_progress_name_the_method_called(jobs: ImportJobs) -> None:
    with pytest.raises(JobNotFoundError) as caught:
        jobs.get_progress("42")
    assert caught.value.operation == "get_progress" and str(caught.value).startswith("get_progress: HTTP 200 code 2100")


def test_an_error_without_status_or_code_has_one_colon() -> None:
    error = TransportError("ConnectError: refused", operation="get_progress", may_have_reached_server=False)
    assert str(error) == "get_progress: ConnectError: refused"


@pytest.mark.parametrize("files", [[], [[]], [""], [["a", ""]]])
def test_bad_files_are_refused_before_sending(jobs: ImportJobs, files: list[object]) -> None:
    with pytest.raises(InvalidArgumentError):
        jobs.create("c", files)  # type: ignore[arg-type]


@pytest.mark.parametrize(("kind", "expected", "status"), [
    ("rate_limit", RateLimitedError, 200),
    ("too_many_requests", RateLimitedError, 429),
])  # fmt: skip
def test_rate_limits(mock_app: MockApp, mock_server: MockServer, kind: str, expected: type, status: int) -> None:
    mock_app.faults.add(Fault(kind, seconds=3))
    with facade(mock_server) as jobs, pytest.raises(expected) as caught:
        jobs.list()
    assert caught.value.status == status
    if kind == "too_many_requests":
        assert caught.value.retry_after == 3


@pytest.mark.parametrize("status", [500, 502, 503])
def test_gateway_failures_are_server_errors_keeping_the_page(
    mock_app: MockApp, mock_server: MockServer, status: int
) -> None:
    mock_app.faults.add(Fault("http_error", status=status))
    with facade(mock_server) as jobs, pytest.raises(ServerError) as caught:
        jobs.list()
    assert caught.value.status == status and "<html>" in caught.value.message


def test_server_timeout_is_408(mock_app: MockApp, mock_server: MockServer) -> None:
    mock_app.faults.add(Fault("latency", seconds=2))
    with facade(mock_server, timeout=1.5) as jobs, pytest.raises(ServerTimeoutError) as caught:
        jobs.list()  # Request-Timeout: 1 is sent, so the server gives up first
    assert (caught.value.status, caught.value.code) == (408, 10001)


def test_client_timeout(mock_app: MockApp, mock_server: MockServer) -> None:
    mock_app.faults.add(Fault("latency", seconds=3))
    with facade(mock_server, timeout=0.3) as jobs, pytest.raises(ClientTimeoutError) as caught:
        jobs.list()
    assert caught.value.may_have_reached_server


@pytest.mark.parametrize("kind", ["drop", "truncate"])
def test_broken_connections_are_transport_errors(mock_app: MockApp, mock_server: MockServer, kind: str) -> None:
    mock_app.faults.add(Fault(kind))
    with facade(mock_server) as jobs, pytest.raises(TransportError) as caught:
        jobs.list()
    assert caught.value.may_have_reached_server and caught.value.status is None


def test_connection_refused_never_reached_the_server() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # closed again below: nothing listens there
    with ImportJobs(f"http://127.0.0.1:{port}", "t", retry=NO_RETRY) as jobs, pytest.raises(TransportError) as caught:
        jobs.list()
    assert not caught.value.may_have_reached_server


def test_wrong_path_is_an_unexpected_response_keeping_the_body(mock_server: MockServer) -> None:
    with ImportJobs(mock_server.url + "/prefix", "root:Milvus", retry=NO_RETRY) as jobs:
        with pytest.raises(UnexpectedResponseError) as caught:
            jobs.list()
    assert caught.value.status == 404 and caught.value.body == b"404 page not found"


@pytest.mark.parametrize("body", [b"<html>ok</html>", b"[]", b'{"code": 0}', b'{"code": 0, "data": {"jobId": 5}}', b""])
def test_malformed_success_answers_are_unexpected_responses(body: bytes) -> None:
    transport = httpx.MockTransport(lambda request: httpx.Response(200, content=body))
    with ImportJobs("http://127.0.0.1:1", "t", retry=NO_RETRY, transport=transport) as jobs:
        with pytest.raises(UnexpectedResponseError) as caught:
            jobs.create("c", ["a"])
    assert caught.value.body == body and caught.value.status == 200


def test_wrong_types_inside_a_parsed_body_are_unexpected() -> None:
    body = {"code": 0, "data": {"collectionName": "c", "completeTime": "", "details": [], "fileSize": 0,
            "importedRows": "many", "jobId": "1", "progress": 5, "state": "Importing", "totalRows": 0}}  # fmt: skip
    transport = httpx.MockTransport(lambda request: httpx.Response(200, json=body))
    with ImportJobs("http://127.0.0.1:1", "t", retry=NO_RETRY, transport=transport) as jobs:
        with pytest.raises(UnexpectedResponseError, match="imported_rows is str"):
            jobs.get_progress(1)


@pytest.mark.anyio
async def test_async_facade_maps_errors_in_process(mock_app: MockApp) -> None:
    mock_app.faults.add(Fault("http_error", status=502))
    transport = httpx.ASGITransport(app=mock_app)
    async with AsyncImportJobs("http://127.0.0.1", "root:Milvus", retry=NO_RETRY, transport=transport) as jobs:
        with pytest.raises(ServerError):
            await jobs.list()
        with pytest.raises(JobNotFoundError):
            await jobs.get_progress("7")


@pytest.mark.parametrize(
    ("status", "code", "message", "kind"),
    [
        (401, 21119, "The apikey is illegal.", AuthenticationError),
        (200, 1800, "user hasn't authenticated", AuthenticationError),
        (200, 1801, "can only accept json", InvalidRequestError),
        (200, 1802, "missing required parameters", InvalidRequestError),
        (200, 2100, "parse job id failed", InvalidRequestError),
        (200, 2100, "import job does not exist, jobID=1", JobNotFoundError),
        (200, 200, "partition not found", InvalidRequestError),
        (200, 10001, "request timeout", ServerTimeoutError),
        (503, 0, "Service Unavailable", ServerError),
    ],
)
def test_envelope_classification(status: int, code: int, message: str, kind: type) -> None:
    error = from_envelope("describe", status, code, message)
    assert type(error) is kind
    assert error.message == message and error.operation == "describe"


@pytest.mark.parametrize("code", [2100, 2101])
def test_job_not_found_under_either_import_code(code: int) -> None:
    error = from_envelope("get_progress", 200, code, "import job does not exist, jobID=7: importing data failed")
    assert isinstance(error, JobNotFoundError) and not error.retriable
    other = from_envelope("get_progress", 200, 2101, "no vchannels: importing data failed on server side")
    assert type(other) is ServerError


@pytest.mark.parametrize("timeout", [0, -1.0])
def test_waits_without_time_are_the_packages_invalid_argument(
    jobs: ImportJobs, cloud_jobs: CloudImportJobs, timeout: float
) -> None:
    waits = [
        lambda: jobs.wait("1", timeout=timeout),
        lambda: jobs.wait_many(["1"], timeout=timeout),
        lambda: cloud_jobs.wait("job-abc", timeout=timeout),
        lambda: cloud_jobs.wait_many(["job-abc"], timeout=timeout),
    ]
    for wait in waits:
        with pytest.raises(InvalidArgumentError, match="timeout must be positive"):
            wait()


def test_a_control_plane_given_to_the_cluster_facade_is_a_wrong_server(cloud_server: MockServer) -> None:
    with ImportJobs(cloud_server.url, "mock-api-key", retry=NO_RETRY) as jobs:
        for call in (jobs.list, lambda: jobs.get_progress("1"), lambda: jobs.create("c", ["a.parquet"])):
            with pytest.raises(WrongServerError, match="looks like a Zilliz Cloud control-plane endpoint"):
                call()


def test_a_cluster_given_to_the_control_plane_facade_is_a_wrong_server(mock_server: MockServer) -> None:
    with CloudImportJobs(mock_server.url, "mock-api-key", cluster_id="in01-mock", retry=NO_RETRY) as jobs:
        for call in (lambda: list(jobs.list()), lambda: jobs.get_progress("job-abc")):
            with pytest.raises(WrongServerError, match="looks like a cluster endpoint") as caught:
                call()
            assert isinstance(caught.value, UnexpectedResponseError) and caught.value.body


def test_the_https_guess_is_said_when_the_server_speaks_plain_http(mock_server: MockServer) -> None:
    bare = mock_server.url.removeprefix("http://")
    with ImportJobs(bare, "root:Milvus") as jobs, pytest.raises(TransportError) as caught:
        jobs.list()
    expected = f"https:// was assumed for {bare} and the server does not speak TLS; for plain http pass http://{bare}"
    assert str(caught.value) == f"list: {expected}" and not caught.value.retriable
