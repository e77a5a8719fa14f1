"""The control-plane facade's errors, retries, job-ID checks and redaction of every secret."""

from __future__ import annotations

import json
import logging
from typing import Any

import httpx
import pytest

from tests.zilliz_import.cloud_sources import ACCESS_KEY, FAST_RETRY, OBJECTS, SECRET_KEY, SESSION_TOKEN
from zilliz_import import (
    AuthenticationError,
    CloudImportJobs,
    ConfigurationError,
    ImportJobs,
    InvalidArgumentError,
    InvalidRequestError,
    JobNotFoundError,
    ObjectStorage,
    RateLimitedError,
    RetryPolicy,
    ServerError,
    UnexpectedResponseError,
)
from zilliz_import.mock import DEFAULT_API_KEY, DEFAULT_CLUSTER, ControlPlaneApp, Fault, MockServer

NO_RETRY = RetryPolicy.disabled()
API_KEY = "cloud-api-key-0123456789"
SECRETS = (API_KEY, ACCESS_KEY, SECRET_KEY, SESSION_TOKEN)


def answering(body: Any, status: int = 200, seen: list[httpx.Request] | None = None) -> CloudImportJobs:
    """A facade whose every request gets `body` (JSON, or bytes as they are)."""

    def reply(request: httpx.Request) -> httpx.Response:
        (seen if seen is not None else []).append(request)
        content = body if isinstance(body, bytes) else json.dumps(body).encode()
        return httpx.Response(status, content=content)

    return CloudImportJobs(
        "http://127.0.0.1:1", API_KEY, cluster_id="in01-x", retry=NO_RETRY, transport=httpx.MockTransport(reply)
    )


def test_an_illegal_api_key_is_an_authentication_error(cloud_server: MockServer) -> None:
    with CloudImportJobs(cloud_server.url, "wrong-key", cluster_id=DEFAULT_CLUSTER, retry=NO_RETRY) as jobs:
        with pytest.raises(AuthenticationError) as caught:
            list(jobs.list())
    assert caught.value.code == 21119 and "wrong-key" not in str(caught.value)


def test_an_unknown_job_is_job_not_found(cloud_jobs: CloudImportJobs) -> None:
    with pytest.raises(JobNotFoundError):
        cloud_jobs.get_progress("job-aaaaaaaaaaaaaaaaaaaaa")


def test_an_unknown_cluster_is_an_invalid_request(cloud_server: MockServer) -> None:
    with CloudImportJobs(cloud_server.url, DEFAULT_API_KEY, cluster_id="in09-none", retry=NO_RETRY) as jobs:
        with pytest.raises(InvalidRequestError, match="in09-none"):
            jobs.create("c", OBJECTS)


@pytest.mark.parametrize("job_id", ["123", "", "job-", "job-abc def", "JOB-abc", 123])
def test_job_ids_are_checked_per_plane(cloud_jobs: CloudImportJobs, job_id: Any) -> None:
    with pytest.raises(InvalidArgumentError, match="control-plane job id"):
        cloud_jobs.get_progress(job_id)


def test_a_cluster_facade_refuses_a_control_plane_id_and_says_why() -> None:
    with ImportJobs("http://127.0.0.1:1", "t") as jobs, pytest.raises(InvalidArgumentError, match="CloudImportJobs"):
        jobs.get_progress("job-01a2b3c4d5e6f7g8h9i0j")


def test_a_decimal_id_on_the_control_plane_points_to_the_cluster_facade(cloud_jobs: CloudImportJobs) -> None:
    with pytest.raises(InvalidArgumentError, match="ImportJobs"):
        cloud_jobs.wait("42", timeout=1)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [({"access_key": "a"}, "together"), ({"secret_key": "s"}, "together")],
)
def test_half_a_key_pair_is_refused(kwargs: dict[str, str], match: str) -> None:
    with pytest.raises(InvalidArgumentError, match=match):
        ObjectStorage(["s3://b/1"], **kwargs)


def test_no_cluster_is_a_configuration_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CLUSTER_ID", raising=False)
    with pytest.raises(ConfigurationError, match="CLUSTER_ID"):
        CloudImportJobs.from_env(token="k")
    with pytest.raises(ConfigurationError, match="cluster"):
        CloudImportJobs("https://api.cloud.zilliz.com", "k", cluster_id=" ")


def test_from_env_defaults_to_zilliz_cloud(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CLOUD_PLATFORM_ENDPOINT", raising=False)
    monkeypatch.setenv("TOKEN", "from-token")
    monkeypatch.setenv("API_KEY", "from-api-key")
    monkeypatch.setenv("CLUSTER_ID", "in01-abc")
    jobs = CloudImportJobs.from_env()
    assert jobs.settings.endpoint == "https://api.cloud.zilliz.com" and jobs.cluster_id == "in01-abc"
    assert jobs.settings.token.reveal() == "from-token"  # TOKEN first, as the guides name it


def test_the_job_id_is_read_in_either_spelling() -> None:
    jobs = answering({"code": 0, "data": {"jobID": "job-fromthereferencepage1"}})
    assert jobs.create("c", OBJECTS).jobId == "job-fromthereferencepage1"


@pytest.mark.parametrize("code", [21119, "21119"])
def test_a_code_as_integer_or_string_is_read(code: object) -> None:
    jobs = answering({"code": code, "message": "The apikey is illegal."})
    with pytest.raises(AuthenticationError) as caught:
        jobs.list_page()
    assert caught.value.code == 21119


@pytest.mark.parametrize(
    "body",
    [
        {"code": 0, "data": {}},
        {"code": 0, "data": {"jobId": 7}},
        {"code": "x", "message": "m"},
        b"<html>gateway</html>",
    ],
)
def test_malformed_answers_are_unexpected(body: Any) -> None:
    with pytest.raises(UnexpectedResponseError):
        answering(body).create("c", OBJECTS)


def test_a_non_json_500_is_a_server_error() -> None:
    with pytest.raises(ServerError):
        answering(b"<html>oops</html>", status=500).get_progress("job-abc")


def test_a_transient_failure_of_a_read_is_retried(cloud_app: ControlPlaneApp, cloud_jobs: CloudImportJobs) -> None:
    job_id = cloud_jobs.create("c", OBJECTS).jobId
    cloud_app.faults.add(Fault("http_error", route="getProgress", status=503, count=2))
    assert cloud_jobs.get_progress(job_id).job_id == job_id


def test_create_is_not_sent_twice_after_a_failure_that_may_have_started_a_job(
    cloud_app: ControlPlaneApp, cloud_jobs: CloudImportJobs
) -> None:
    cloud_app.faults.add(Fault("http_error", route="create", status=503))
    with pytest.raises(ServerError):
        cloud_jobs.create("c", OBJECTS)
    assert list(cloud_jobs.list()) == []


def test_create_is_retried_after_a_429(cloud_app: ControlPlaneApp, cloud_jobs: CloudImportJobs) -> None:
    cloud_app.faults.add(Fault("too_many_requests", route="create", seconds=0))
    assert cloud_jobs.create("c", OBJECTS).jobId
    assert len(list(cloud_jobs.list())) == 1


def test_retries_stop_within_the_policy(cloud_app: ControlPlaneApp, cloud_server: MockServer) -> None:
    cloud_app.faults.add(Fault("too_many_requests", route="list", seconds=0, count=5))
    with CloudImportJobs(cloud_server.url, DEFAULT_API_KEY, cluster_id=DEFAULT_CLUSTER, retry=FAST_RETRY) as jobs:
        with pytest.raises(RateLimitedError):
            jobs.list_page()


def test_secrets_never_show_in_reprs_errors_or_logs(caplog: pytest.LogCaptureFixture) -> None:
    echoed = f"refused: key {API_KEY}, ak {ACCESS_KEY}, sk {SECRET_KEY}, token {SESSION_TOKEN}"
    seen: list[httpx.Request] = []
    jobs = answering({"code": 1100, "message": echoed}, seen=seen)
    source = ObjectStorage(["s3://b/1"], access_key=ACCESS_KEY, secret_key=SECRET_KEY, session_token=SESSION_TOKEN)
    caplog.set_level(logging.DEBUG)
    with pytest.raises(InvalidRequestError) as caught:
        jobs.create("c", source)
    shown = " ".join([str(caught.value), repr(caught.value), repr(jobs), repr(source), caplog.text])
    assert "***" in str(caught.value)
    assert not [secret for secret in SECRETS if secret in shown]
    sent = json.loads(seen[0].content)  # the keys did go to the server, where they belong
    assert (sent["accessKey"], sent["secretKey"], sent["token"]) == (ACCESS_KEY, SECRET_KEY, SESSION_TOKEN)


def test_secrets_echoed_in_an_unreadable_answer_are_redacted_from_its_message() -> None:
    jobs = answering(f"<html>{ACCESS_KEY} {API_KEY}</html>".encode(), status=404)
    with pytest.raises(UnexpectedResponseError) as caught:
        jobs.create("c", ObjectStorage(["s3://b/1"], access_key=ACCESS_KEY, secret_key=SECRET_KEY))
    assert ACCESS_KEY not in str(caught.value) and API_KEY not in str(caught.value)


def test_a_failed_poll_is_logged_without_secrets(caplog: pytest.LogCaptureFixture) -> None:
    calls = iter([(503, f"down, key {API_KEY}"), (200, "")])

    def reply(request: httpx.Request) -> httpx.Response:
        status, text = next(calls)
        if status != 200:
            return httpx.Response(status, json={"code": 500, "message": text})
        return httpx.Response(200, json={"code": 0, "data": {
            "jobId": "job-abc", "collectionName": "c", "fileName": "f", "fileSize": 1, "state": "Completed",
            "progress": 100, "completeTime": "", "reason": "", "totalRows": 1, "details": []}})  # fmt: skip

    jobs = CloudImportJobs("http://127.0.0.1:1", API_KEY, cluster_id="in01-x", retry=NO_RETRY,
                           transport=httpx.MockTransport(reply))  # fmt: skip
    caplog.set_level(logging.WARNING)
    assert str(jobs.wait("job-abc", timeout=10, poll_interval=0.01).state) == "Completed"
    assert "polling job job-abc failed" in caplog.text and API_KEY not in caplog.text


def test_list_ends_even_when_the_server_ignores_the_page_asked_for() -> None:
    seen: list[httpx.Request] = []
    record = {"collectionName": "c", "jobId": "job-aaaaaaaaaaaaaaaaaaaaa", "state": "Completed"}
    jobs = answering({"code": 0, "data": {"count": 3, "currentPage": 1, "pageSize": 1, "records": [record]}}, seen=seen)
    with jobs:
        assert len(list(jobs.list(page_size=1))) == 3
    assert len(seen) == 3
