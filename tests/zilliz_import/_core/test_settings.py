"""The token stays secret (reprs, logs at DEBUG, exceptions); no cleartext to remote hosts; TLS and timeouts."""

from __future__ import annotations

import logging
import ssl

import httpx
import pytest
from zilliz_import_client import AuthenticatedClient

from zilliz_import import AuthenticationError, ConfigurationError, ImportJobs, JobNotFoundError, RetryPolicy
from zilliz_import._core.settings import ClientSettings, Secret
from zilliz_import.mock import Fault, MockApp, MockServer

TOKEN = "root:Milvus"
WRONG = "alice:correct-horse-battery-staple"


def test_token_is_not_in_reprs(mock_server: MockServer) -> None:
    with ImportJobs(mock_server.url, TOKEN) as jobs:
        assert TOKEN not in repr(jobs) and TOKEN not in str(jobs.settings) and TOKEN not in repr(jobs.settings)
        assert "Milvus" not in repr(jobs._generated)
    assert repr(Secret("abc")) == "Secret('***')" and f"{Secret('abc')}" == "Secret('***')"


def test_generated_client_repr_hides_the_token() -> None:
    client = AuthenticatedClient(base_url="https://example.com", token="s3cret-value")
    client.get_httpx_client()
    assert "s3cret-value" not in repr(client)


def test_token_never_reaches_logs_even_at_debug(
    mock_app: MockApp, mock_server: MockServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)  # every logger: ours, httpx, httpcore
    mock_app.faults.add(Fault("http_error", count=1))
    with ImportJobs(mock_server.url, TOKEN, retry=RetryPolicy(initial_delay=0.01)) as jobs:
        jobs.list()
        job_id = jobs.create("c", ["a.parquet"]).job_id
        jobs.wait(job_id, timeout=30)
        with pytest.raises(JobNotFoundError):
            jobs.get_progress(1)
    with ImportJobs(mock_server.url, WRONG) as jobs, pytest.raises(AuthenticationError):
        jobs.list()
    text = "\n".join(f"{r.name} {r.getMessage()} {r.args}" for r in caplog.records)
    assert caplog.records, "something was logged"
    assert "Milvus" not in text and "correct-horse" not in text


def test_a_message_echoing_the_token_is_redacted() -> None:
    echo = httpx.MockTransport(
        lambda request: httpx.Response(
            401, json={"code": 1800, "message": f"bad token {request.headers['authorization']}"}
        )
    )
    with ImportJobs("https://example.com", WRONG, transport=echo) as jobs, pytest.raises(AuthenticationError) as caught:
        jobs.list()
    assert "correct-horse" not in str(caught.value) and "***" in str(caught.value)


@pytest.mark.parametrize("endpoint", ["http://example.com", "http://10.0.0.5:19530", "example.com:80/x?y=1"])
def test_cleartext_to_a_remote_host_is_refused(endpoint: str) -> None:
    with pytest.raises(ConfigurationError):
        ImportJobs(endpoint, TOKEN)


@pytest.mark.parametrize("endpoint", ["http://127.0.0.1:19530", "http://localhost", "http://[::1]:19530"])
def test_cleartext_to_loopback_is_allowed(endpoint: str) -> None:
    assert ImportJobs(endpoint, TOKEN).settings.endpoint == endpoint


def test_cleartext_can_be_allowed_explicitly() -> None:
    assert ImportJobs("http://example.com", TOKEN, allow_insecure_http=True).settings.endpoint == "http://example.com"


@pytest.mark.parametrize(
    "endpoint",
    [
        "",
        "ftp://example.com",
        "https://",
        "https://exa mple.com",
        "https://h:99999",
        "http://127.0.0.1:19530/v2/vectordb",
        "http:/x",
        "https://user:pw@example.com",
        None,
    ],
)
def test_malformed_endpoints_are_refused(endpoint: str) -> None:
    with pytest.raises(ConfigurationError, match="endpoint"):
        ImportJobs(endpoint, TOKEN)


@pytest.mark.parametrize("token", ["", "   ", None, 5])
def test_missing_token_is_refused(token: str) -> None:
    with pytest.raises(ConfigurationError, match="no token"):
        ImportJobs("https://example.com", token)


def test_from_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLUSTER_ENDPOINT", "in01-abc.zillizcloud.com")
    monkeypatch.setenv("TOKEN", "key-123456")
    monkeypatch.setenv("DB_NAME", "analytics")
    jobs = ImportJobs.from_env()
    assert jobs.settings.endpoint == "https://in01-abc.zillizcloud.com" and jobs.settings.db_name == "analytics"
    monkeypatch.delenv("TOKEN")
    with pytest.raises(ConfigurationError, match="no token"):
        ImportJobs.from_env()


def test_tls_is_verified_and_timeouts_are_finite() -> None:
    jobs = ImportJobs("https://example.com", TOKEN)
    client = jobs._generated.get_httpx_client()
    timeout = client.timeout
    assert all(t is not None and t > 0 for t in (timeout.connect, timeout.read, timeout.write, timeout.pool))
    context = client._transport._pool._ssl_context  # type: ignore[attr-defined]
    assert context.verify_mode == ssl.CERT_REQUIRED and context.check_hostname
    assert ClientSettings.build("https://x.com", TOKEN, timeout=10).server_timeout() == 8


@pytest.mark.parametrize("token", ["sk-SECRET\nTOKEN", "clé-secrète", "tab\there"])
def test_a_token_that_cannot_travel_in_a_header_is_refused(token: str) -> None:
    with pytest.raises(ConfigurationError, match="printable ASCII"):
        ImportJobs("https://example.com", token)


def test_transport_errors_are_redacted() -> None:
    from zilliz_import._core.answers import transport_error
    from zilliz_import._core.settings import Secret, redact

    error = transport_error(
        "list", httpx.ConnectError("refused for Bearer sk-LONGSECRET"), lambda t: redact(t, [Secret("sk-LONGSECRET")])
    )
    assert "sk-LONGSECRET" not in str(error) and "***" in str(error)


def test_a_secret_inside_another_is_redacted_whole() -> None:
    from zilliz_import._core.settings import Secret, redact

    assert redact("sk=AKIAXYZsecretpart", [Secret("AKIAXYZ"), Secret("AKIAXYZsecretpart")]) == "sk=***"
