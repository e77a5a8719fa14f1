"""Two-phase imports: a wait ends at Uncommitted (or waits through it when asked); commit and abort."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tests.generated.cluster.server_bodies import job_progress
from zilliz_import import (
    AsyncImportJobs,
    ImportJobs,
    InvalidArgumentError,
    InvalidRequestError,
    JobNotFoundError,
    PermissionDeniedError,
    RetryPolicy,
    UnexpectedResponseError,
)

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


class Actions:
    """Answers commit and abort: success, or the envelope given for a job ID."""

    def __init__(self, refusals: dict[str, tuple[int, int, str]] | None = None) -> None:
        self.refusals = refusals or {}
        self.calls: list[tuple[str, Any]] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        job_id = json.loads(request.content)["jobId"]
        self.calls.append((request.url.path, job_id))
        if job_id in self.refusals:
            status, code, message = self.refusals[job_id]
            return httpx.Response(status, json={"code": code, "message": message})
        return httpx.Response(200, json={"code": 0, "data": {}})


def test_commit_and_abort_send_the_job_id_as_a_string() -> None:
    server = Actions()
    with ImportJobs("http://127.0.0.1:1", "t", transport=httpx.MockTransport(server)) as jobs:
        assert jobs.commit(448761313698322011) is None
        assert jobs.abort("7") is None
    assert server.calls == [
        ("/v2/vectordb/jobs/import/commit", "448761313698322011"),
        ("/v2/vectordb/jobs/import/abort", "7"),
    ]


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ((200, 2100, "import job does not exist, jobID=1: importing data failed"), JobNotFoundError),
        ((400, 2100, "import job does not exist, jobID=1: importing data failed"), JobNotFoundError),
        ((200, 2100, "cannot commit import job 1 in phase import: importing data failed"), InvalidRequestError),
        ((400, 1100, "strconv.ParseInt: parsing int64 jobId"), InvalidRequestError),
        ((403, 1401, "privilege not permitted"), PermissionDeniedError),
    ],
)
def test_commit_refusals_are_typed(answer: tuple[int, int, str], expected: type) -> None:
    server = Actions({"1": answer})
    with ImportJobs("http://127.0.0.1:1", "t", transport=httpx.MockTransport(server)) as jobs:
        with pytest.raises(expected):
            jobs.commit(1)
    commits = [path for path, _ in server.calls if path.endswith("/commit")]
    assert len(commits) == 1, "refusals are not retried (a 2100 is explained by one describe after it)"


def test_bad_job_ids_are_refused_before_sending() -> None:
    server = Actions()
    with ImportJobs("http://127.0.0.1:1", "t", transport=httpx.MockTransport(server)) as jobs:
        with pytest.raises(InvalidArgumentError):
            jobs.commit("job-abc")
        with pytest.raises(InvalidArgumentError):
            jobs.abort(-1)
    assert server.calls == []


def test_a_server_without_the_route_says_so() -> None:
    transport = httpx.MockTransport(lambda request: httpx.Response(404, text="404 page not found"))
    with ImportJobs("http://127.0.0.1:1", "t", retry=RetryPolicy.disabled(), transport=transport) as jobs:
        with pytest.raises(UnexpectedResponseError, match="no commit route; two-phase imports need a newest"):
            jobs.commit(1)
        with pytest.raises(UnexpectedResponseError, match="no abort route"):
            jobs.abort(1)
        with pytest.raises(UnexpectedResponseError) as listing:
            jobs.list()
    assert "route" not in str(listing.value)


def test_commit_is_retried_after_a_transient_failure() -> None:
    answers = iter([httpx.Response(503, text="busy"), httpx.Response(200, json={"code": 0, "data": {}})])
    sent: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return next(answers)

    quick = RetryPolicy(initial_delay=0.01, max_delay=0.02)
    with ImportJobs("http://127.0.0.1:1", "t", retry=quick, transport=httpx.MockTransport(handler)) as jobs:
        jobs.commit(1)
    assert len(sent) == 2, "a repeated commit is harmless, so a 503 is retried"
