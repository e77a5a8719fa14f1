"""Retries: transient failures are retried within bounds; create only when no job can have started."""

from __future__ import annotations

import httpx
import pytest

from zilliz_import import (
    BackPressureError,
    ImportJobs,
    InvalidRequestError,
    RateLimitedError,
    RetryPolicy,
    ServerError,
    TransportError,
)
from zilliz_import._core.retry import first_retry_delay, is_retriable
from zilliz_import.errors import ClientTimeoutError, JobNotFoundError
from zilliz_import.mock import MockApp, MockServer
from zilliz_import.mock.faults import Fault

QUICK = RetryPolicy(max_attempts=4, initial_delay=0.01, max_delay=0.02, total_seconds=10)


def pending(app: MockApp) -> list[int]:
    return [fault["left"] for fault in app.faults.describe()]


@pytest.mark.parametrize("kind", ["http_error", "rate_limit", "too_many_requests", "drop", "truncate"])
def test_transient_failures_of_reads_are_retried(mock_app: MockApp, mock_server: MockServer, kind: str) -> None:
    mock_app.faults.add(Fault(kind, route="list", count=2, seconds=0))
    with ImportJobs(mock_server.url, "root:Milvus", retry=QUICK) as jobs:
        assert jobs.list() == []
    assert pending(mock_app) == [], "both faulty answers were consumed by retries"


def test_server_timeouts_are_retried(mock_app: MockApp, mock_server: MockServer) -> None:
    mock_app.faults.add(Fault("latency", route="list", seconds=1.5))
    with ImportJobs(mock_server.url, "root:Milvus", retry=QUICK, timeout=1.5) as jobs:
        assert jobs.list() == []


def test_attempts_are_bounded(mock_app: MockApp, mock_server: MockServer) -> None:
    mock_app.faults.add(Fault("http_error", route="list", count=10))
    with ImportJobs(mock_server.url, "root:Milvus", retry=QUICK) as jobs, pytest.raises(ServerError):
        jobs.list()
    assert pending(mock_app) == [10 - QUICK.max_attempts]


def test_total_time_is_bounded(mock_app: MockApp, mock_server: MockServer) -> None:
    mock_app.faults.add(Fault("http_error", route="list", count=100))
    slow = RetryPolicy(max_attempts=50, initial_delay=0.2, max_delay=0.2, jitter=0, total_seconds=0.5)
    with ImportJobs(mock_server.url, "root:Milvus", retry=slow) as jobs, pytest.raises(ServerError):
        jobs.list()
    assert 100 - pending(mock_app)[0] <= 4, "no retry may start after the total budget"


def test_retries_can_be_switched_off(mock_app: MockApp, mock_server: MockServer) -> None:
    mock_app.faults.add(Fault("http_error", count=2))
    with ImportJobs(mock_server.url, "root:Milvus", retry=RetryPolicy.disabled()) as jobs:
        with pytest.raises(ServerError):
            jobs.list()
    assert pending(mock_app) == [1]


def test_create_is_not_retried_when_it_may_have_reached_the_server(mock_app: MockApp, mock_server: MockServer) -> None:
    for kind in ("http_error", "drop"):
        mock_app.faults.add(Fault(kind, route="create", count=2))
        with ImportJobs(mock_server.url, "root:Milvus", retry=QUICK) as jobs:
            with pytest.raises((ServerError, TransportError)):
                jobs.create("quick_setup", ["a.parquet"])
        assert pending(mock_app) == [1], f"{kind}: create was sent more than once"
        mock_app.faults.clear()


def test_create_is_retried_when_the_server_refused_it(mock_app: MockApp, mock_server: MockServer) -> None:
    mock_app.faults.add(Fault("rate_limit", route="create", count=2))
    with ImportJobs(mock_server.url, "root:Milvus", retry=QUICK) as jobs:
        job_id = jobs.create("quick_setup", ["a.parquet"]).job_id
        assert [r.job_id for r in jobs.list()] == [job_id], "exactly one job was created"


def test_errors_that_retrying_cannot_fix_are_not_retried(mock_server: MockServer) -> None:
    calls = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request)
        return httpx.Response(200, json={"code": 2100, "message": "import job does not exist, jobID=1"})

    with ImportJobs("http://127.0.0.1:1", "t", retry=QUICK, transport=httpx.MockTransport(handler)) as jobs:
        with pytest.raises(JobNotFoundError):
            jobs.get_progress(1)
    assert len(calls) == 1


def test_retry_after_is_honoured_and_backoff_grows_with_jitter() -> None:
    policy = RetryPolicy(initial_delay=1, max_delay=8, jitter=0.5)
    assert policy.delay(1, RateLimitedError("slow down", retry_after=30, operation="list")) == 30
    first, third, tenth = (policy.delay(n, None) for n in (1, 3, 10))
    assert 1 <= first <= 1.5 and 4 <= third <= 6 and 8 <= tenth <= 12


@pytest.mark.parametrize(
    ("error", "idempotent", "expected"),
    [
        (ServerError("x", operation="create", status=503), False, False),
        (ServerError("x", operation="list", status=503), True, True),
        (TransportError("x", operation="create", may_have_reached_server=False), False, True),
        (ClientTimeoutError("x", operation="create", may_have_reached_server=True), False, False),
        (RateLimitedError("x", operation="create"), False, True),
        (JobNotFoundError("x", operation="describe"), True, False),
        (ValueError("not ours"), True, False),
    ],
)
def test_what_is_retriable(error: BaseException, idempotent: bool, expected: bool) -> None:
    assert is_retriable(error, idempotent=idempotent) is expected


def test_the_first_retry_waits_unless_the_policy_or_the_error_forbids_it() -> None:
    policy = RetryPolicy(initial_delay=1, max_delay=8, jitter=0, total_seconds=10)
    busy = ServerError("x", operation="list", status=503)
    assert first_retry_delay(policy, busy, idempotent=True, spent=0.2) == 1
    assert first_retry_delay(policy, busy, idempotent=True, spent=9.5) is None, "past the total budget"
    assert first_retry_delay(policy, busy, idempotent=False, spent=0.2) is None, "create may have reached the server"
    assert first_retry_delay(RetryPolicy.disabled(), busy, idempotent=True, spent=0) is None
    assert first_retry_delay(policy, JobNotFoundError("x", operation="describe"), idempotent=True, spent=0) is None


@pytest.mark.anyio
async def test_async_calls_retry_like_sync_ones(mock_app: MockApp, mock_server: MockServer) -> None:
    from zilliz_import import AsyncImportJobs

    mock_app.faults.add(Fault("http_error", route="list", count=10))
    async with AsyncImportJobs(mock_server.url, "root:Milvus", retry=QUICK) as jobs:
        with pytest.raises(ServerError):
            await jobs.list()
    assert pending(mock_app) == [10 - QUICK.max_attempts]
    mock_app.faults.clear()
    mock_app.faults.add(Fault("rate_limit", route="list", count=2))
    async with AsyncImportJobs(mock_server.url, "root:Milvus", retry=QUICK) as jobs:
        assert await jobs.list() == []
    assert pending(mock_app) == []


@pytest.mark.parametrize("bad", [{"max_attempts": 0}, {"initial_delay": -1}, {"jitter": -0.1}])
def test_bad_policies_are_refused(bad: dict[str, float]) -> None:
    with pytest.raises(ValueError):
        RetryPolicy(**bad)  # type: ignore[arg-type]


class BusyThenFree:
    """Answers create with back-pressure `busy` times, then starts a job; counts the requests."""

    def __init__(self, busy: int, status: int = 200, code: int = 2100, message: str = "") -> None:
        self.busy, self.status, self.code, self.requests = busy, status, code, 0
        self.message = message or "The number of jobs has reached the limit, please try again later"

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests += 1
        if self.requests <= self.busy:
            return httpx.Response(self.status, json={"code": self.code, "message": self.message})
        return httpx.Response(200, json={"code": 0, "data": {"jobId": "448761313698322011"}})


@pytest.mark.parametrize(("status", "code"), [(200, 2100), (200, 2101), (500, 2101)])
def test_create_survives_back_pressure_that_clears_within_the_budget(status: int, code: int) -> None:
    server = BusyThenFree(busy=QUICK.max_attempts - 1, status=status, code=code)
    with ImportJobs("http://127.0.0.1:1", "t", retry=QUICK, transport=httpx.MockTransport(server)) as jobs:
        assert jobs.create("c", ["a.parquet"]).job_id == "448761313698322011"
    assert server.requests == QUICK.max_attempts


def test_back_pressure_beyond_the_budget_is_raised() -> None:
    server = BusyThenFree(busy=100)
    with ImportJobs("http://127.0.0.1:1", "t", retry=QUICK, transport=httpx.MockTransport(server)) as jobs:
        with pytest.raises(BackPressureError) as caught:
            jobs.create("c", ["a.parquet"])
    assert server.requests == QUICK.max_attempts and caught.value.code == 2100


@pytest.mark.parametrize(
    "message", ["The max number of import files should not exceed 1024, but got 1025", "parse timeout failed"]
)
def test_other_2100s_of_create_are_not_retried(message: str) -> None:
    server = BusyThenFree(busy=100, message=message)
    with ImportJobs("http://127.0.0.1:1", "t", retry=QUICK, transport=httpx.MockTransport(server)) as jobs:
        with pytest.raises(InvalidRequestError):
            jobs.create("c", ["a.parquet"])
    assert server.requests == 1


@pytest.mark.anyio
async def test_async_create_survives_back_pressure() -> None:
    from zilliz_import import AsyncImportJobs

    server = BusyThenFree(busy=2, status=500, code=2101)
    async with AsyncImportJobs("http://127.0.0.1:1", "t", retry=QUICK, transport=httpx.MockTransport(server)) as jobs:
        assert (await jobs.create("c", ["a.parquet"])).job_id == "448761313698322011"
    assert server.requests == 3
