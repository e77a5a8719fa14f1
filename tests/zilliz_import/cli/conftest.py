"""The environment of the CLI's tests: a mock of each plane, named the way users name them."""

from __future__ import annotations

import pytest

from zilliz_import.mock import DEFAULT_API_KEY, DEFAULT_CLUSTER, MockServer


@pytest.fixture
def env(mock_server: MockServer, monkeypatch: pytest.MonkeyPatch) -> MockServer:
    monkeypatch.setenv("CLUSTER_ENDPOINT", mock_server.url)
    monkeypatch.setenv("TOKEN", "root:Milvus")
    monkeypatch.delenv("DB_NAME", raising=False)
    return mock_server


@pytest.fixture
def cloud_env(cloud_server: MockServer, monkeypatch: pytest.MonkeyPatch) -> MockServer:
    monkeypatch.setenv("CLOUD_PLATFORM_ENDPOINT", cloud_server.url)
    monkeypatch.setenv("TOKEN", DEFAULT_API_KEY)
    monkeypatch.setenv("CLUSTER_ID", DEFAULT_CLUSTER)
    monkeypatch.delenv("CLUSTER_ENDPOINT", raising=False)
    return cloud_server
