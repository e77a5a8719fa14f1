"""Pytest fixtures for the mock; enable with `pytest_plugins = ["zilliz_import.mock.pytest_plugin"]`.

Override `mock_config` in a conftest.py to change the seed or the job length.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from zilliz_import.mock.cluster import MockApp
from zilliz_import.mock.config import MockConfig
from zilliz_import.mock.server import MockServer


@pytest.fixture
def mock_config() -> MockConfig:
    """Short jobs (about 50 ms) and a fixed seed."""
    return MockConfig(seed=0, job_seconds=0.05)


@pytest.fixture
def mock_app(mock_config: MockConfig) -> MockApp:
    """The mock as an in-process ASGI app (use with httpx.ASGITransport); fresh for each test."""
    return MockApp(mock_config)


@pytest.fixture
def mock_server(mock_app: MockApp) -> Iterator[MockServer]:
    """The same app served by uvicorn on a free loopback port; `mock_server.url` is the endpoint."""
    with MockServer(mock_app) as server:
        yield server
