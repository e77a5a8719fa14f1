"""Facades wired to the mocks (a cluster and the control plane): sync over HTTP, async in-process."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import httpx
import pytest

from tests.zilliz_import.cloud_sources import FAST_RETRY
from zilliz_import import AsyncCloudImportJobs, AsyncImportJobs, CloudImportJobs, ImportJobs
from zilliz_import.mock import (
    DEFAULT_API_KEY,
    DEFAULT_CLUSTER,
    DEFAULT_TOKEN,
    ControlPlaneApp,
    MockApp,
    MockConfig,
    MockServer,
)


@pytest.fixture
def jobs(mock_server: MockServer) -> Iterator[ImportJobs]:
    """The sync facade against the mock over real HTTP, with quick retries."""
    with ImportJobs(mock_server.url, DEFAULT_TOKEN, retry=FAST_RETRY, timeout=5) as facade:
        yield facade


@pytest.fixture
async def async_jobs(mock_app: MockApp) -> AsyncIterator[AsyncImportJobs]:
    """The async facade against the mock in-process (no socket), with quick retries."""
    transport = httpx.ASGITransport(app=mock_app)
    async with AsyncImportJobs("http://127.0.0.1", DEFAULT_TOKEN, retry=FAST_RETRY, transport=transport) as facade:
        yield facade


@pytest.fixture
def cloud_app() -> ControlPlaneApp:
    """The control-plane mock with short jobs (about 100 ms)."""
    return ControlPlaneApp(MockConfig(seed=0, job_seconds=0.1))


@pytest.fixture
def cloud_server(cloud_app: ControlPlaneApp) -> Iterator[MockServer]:
    """The control-plane mock on a free loopback port."""
    with MockServer(cloud_app) as server:
        yield server


@pytest.fixture
def cloud_jobs(cloud_server: MockServer) -> Iterator[CloudImportJobs]:
    """The sync control-plane facade over real HTTP, with quick retries."""
    with CloudImportJobs(
        cloud_server.url, DEFAULT_API_KEY, cluster_id=DEFAULT_CLUSTER, retry=FAST_RETRY, timeout=5
    ) as facade:
        yield facade


@pytest.fixture
async def async_cloud_jobs(cloud_app: ControlPlaneApp) -> AsyncIterator[AsyncCloudImportJobs]:
    """The async control-plane facade in-process (no socket), with quick retries."""
    transport = httpx.ASGITransport(app=cloud_app)
    async with AsyncCloudImportJobs(
        "http://127.0.0.1", DEFAULT_API_KEY, cluster_id=DEFAULT_CLUSTER, retry=FAST_RETRY, transport=transport
    ) as facade:
        yield facade
