"""Fault matrix: every injectable fault on every operation reaches its documented outcome, never hangs,
and `wait` still returns the job's true final state after transient faults; with HTTP statuses off
and on (newest's `standardErrorStatus`)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from zilliz_import import ImportJobs, RetryPolicy, ServerError, ServerTimeoutError, TransportError
from zilliz_import.mock import DEFAULT_TOKEN, Fault, MockApp, MockConfig, MockServer

RETRY = RetryPolicy(max_attempts=4, initial_delay=0.01, max_delay=0.05, total_seconds=10)
FAULTS = {
    "latency": Fault("latency", seconds=0.2),
    "past Request-Timeout": Fault("latency", seconds=1.5),
    "http_error": Fault("http_error", status=502),
    "http_error 500": Fault("http_error", status=500),
    "panic": Fault("panic"),
    "backpressure": Fault("backpressure"),
    "too_many_requests": Fault("too_many_requests", seconds=0),
    "rate_limit": Fault("rate_limit"),
    "drop": Fault("drop"),
    "truncate": Fault("truncate"),
}
# create is not retried once it may have reached the server, so these faults surface as errors
CREATE_FAILS_WITH: dict[str, type[Exception]] = {
    "http_error": ServerError,
    "http_error 500": ServerError,
    "panic": ServerError,  # the handler died: it may have started the job
    "drop": TransportError,
    "truncate": TransportError,
    "past Request-Timeout": ServerTimeoutError,  # the server gave up, but may have started the job
}


@pytest.fixture(scope="module", params=["plain", "statuses"])
def served(request: pytest.FixtureRequest) -> Iterator[tuple[MockApp, MockServer]]:
    app = MockApp(MockConfig(seed=11, job_seconds=0.3, standard_error_status=request.param == "statuses"))
    with MockServer(app) as server:
        yield app, server


def with_fault(app: MockApp, name: str, route: str, count: int = 1) -> None:
    app.faults.clear()
    fault = FAULTS[name]
    app.faults.add(Fault(fault.kind, route=route, count=count, seconds=fault.seconds, status=fault.status))


def facade(server: MockServer) -> ImportJobs:
    return ImportJobs(server.url, DEFAULT_TOKEN, retry=RETRY, timeout=1.5)


READS: dict[str, tuple[str, Callable[[ImportJobs, str], Any]]] = {
    "list": ("list", lambda jobs, job_id: jobs.list()),
    "get_progress": ("describe", lambda jobs, job_id: jobs.get_progress(job_id)),
}


@pytest.mark.timeout(30)
@pytest.mark.parametrize("fault", list(FAULTS))
@pytest.mark.parametrize("operation", list(READS))
def test_reads_recover_from_every_fault(served: tuple[MockApp, MockServer], fault: str, operation: str) -> None:
    app, server = served
    with facade(server) as jobs:
        job_id = jobs.create("c", ["a.parquet"]).job_id
        route, call = READS[operation]
        with_fault(app, fault, route)
        assert call(jobs, job_id) is not None
    assert app.faults.describe() == [], "the fault was met and outlived"


@pytest.mark.timeout(30)
@pytest.mark.parametrize("fault", list(FAULTS))
def test_create_under_every_fault(served: tuple[MockApp, MockServer], fault: str) -> None:
    app, server = served
    with facade(server) as jobs:
        with_fault(app, fault, "create")
        if fault in CREATE_FAILS_WITH:
            with pytest.raises(CREATE_FAILS_WITH[fault]):
                jobs.create("c", ["a.parquet"])
        else:
            assert jobs.create("c", ["a.parquet"]).job_id.isdigit()


@pytest.mark.timeout(60)
@pytest.mark.parametrize("fault", list(FAULTS))
def test_wait_returns_the_true_final_state_through_faults(served: tuple[MockApp, MockServer], fault: str) -> None:
    app, server = served
    with facade(server) as jobs:
        job_id = jobs.create("c", ["a.parquet", "b.parquet"]).job_id
        failing_id = jobs.create("c", ["x/fail.parquet"]).job_id
        with_fault(app, fault, "describe", count=6)  # more than one call's retries: wait must ride it out
        final = jobs.wait(job_id, timeout=40, poll_interval=0.05)
        failed = jobs.wait(failing_id, timeout=40, poll_interval=0.05)
    assert (str(final.state), final.progress) == ("Completed", 100)
    assert str(failed.state) == "Failed"
