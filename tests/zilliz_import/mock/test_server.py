"""MockServer in a background thread: https with a given certificate, reached by the facade."""

from __future__ import annotations

import pytest

from zilliz_import.mock import DEFAULT_TOKEN, MockServer


def test_facade_talks_to_the_https_mock_trusting_ssl_cert_file(
    tls_files: tuple[str, str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from zilliz_import import ImportJobs

    ca, chain, key = tls_files
    monkeypatch.setenv("SSL_CERT_FILE", ca)  # httpx reads it when the client is made
    with MockServer(certfile=chain, keyfile=key) as server, ImportJobs(server.url, DEFAULT_TOKEN) as jobs:
        assert server.url.startswith("https://")
        job_id = jobs.create("quick_setup", ["a.parquet"]).job_id
        assert jobs.get_progress(job_id).job_id == job_id
