"""Two-phase imports: a wait ends at Uncommitted (or waits through it when asked)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tests.generated.server_bodies import job_progress
from zilliz_import import AsyncImportJobs, ImportJobs, RetryPolicy

STEPS = [("Importing", 50), ("Uncommitted", 99), ("Uncommitted", 99), ("Committing", 99), ("Completed", 100)]


class Scripted:
    """Answers each progress request with the next state of a script (the last one repeats)."""

    def __init__(self, steps: list[tuple[str, int]]) -> None:
        self.steps: Iterator[tuple[str, int]] = iter(steps)
        self.last = steps[-1]
        self.paths: list[str] = []
        self.bodies: list[dict[str, Any]] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.paths.append(request.url.path.rsplit("/", 1)[-1])
        self.bodies.append(json.loads(request.content))
        self.last = next(self.steps, self.last)
        return httpx.Response(200, json=job_progress(*self.last, []))


def facade(server: Scripted) -> ImportJobs:
    return ImportJobs("http://127.0.0.1:1", "t", retry=RetryPolicy.disabled(), transport=httpx.MockTransport(server))


def test_wait_returns_at_uncommitted() -> None:
    server = Scripted(STEPS)
    with facade(server) as jobs:
        final = jobs.wait(7, timeout=30, poll_interval=0.01)
    assert (str(final.state), final.progress) == ("Uncommitted", 99)
    assert len(server.paths) == 2, "no poll after Uncommitted"


def test_wait_can_wait_through_uncommitted() -> None:
    server = Scripted(STEPS)
    with facade(server) as jobs:
        final = jobs.wait(7, timeout=30, poll_interval=0.01, through_uncommitted=True)
    assert str(final.state) == "Completed" and len(server.paths) == len(STEPS)


@pytest.mark.anyio
@pytest.mark.parametrize(("through", "expected"), [(False, "Uncommitted"), (True, "Completed")])
async def test_wait_many_ends_at_uncommitted_unless_asked(through: bool, expected: str) -> None:
    server = Scripted(STEPS)
    transport = httpx.MockTransport(server)
    async with AsyncImportJobs("http://127.0.0.1:1", "t", retry=RetryPolicy.disabled(), transport=transport) as jobs:
        finals = await jobs.wait_many(["7"], timeout=30, through_uncommitted=through)
    assert str(finals["7"].state) == expected
    assert len(server.paths) == (len(STEPS) if through else 2)
