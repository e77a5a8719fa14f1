"""Facades wired to the mock: sync over HTTP, async in-process."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import httpx
import pytest

from zilliz_import import AsyncImportJobs, ImportJobs, RetryPolicy
from zilliz_import.mock import DEFAULT_TOKEN, MockApp, MockServer

FAST_RETRY = RetryPolicy(max_attempts=3, initial_delay=0.01, max_delay=0.05, total_seconds=10)


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
