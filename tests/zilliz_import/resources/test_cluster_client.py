"""What every call of a facade carries: the database and the server-side timeout, set once on the client."""

from __future__ import annotations

import httpx

from tests.generated.cluster.server_bodies import job_progress
from zilliz_import import ImportJobs
from zilliz_import.mock import DEFAULT_TOKEN, MockServer


def test_every_call_sends_db_name_and_request_timeout() -> None:
    seen: list[httpx.Headers] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.headers)
        return httpx.Response(200, json=job_progress("Importing", 50, []))

    transport = httpx.MockTransport(handler)
    with ImportJobs("http://127.0.0.1:1", "root:Milvus", db_name="analytics", timeout=10, transport=transport) as jobs:
        jobs.get_progress(1)
        jobs.get_progress(2)
    assert [(h["DB-Name"], h["Request-Timeout"]) for h in seen] == [("analytics", "8"), ("analytics", "8")]
    with ImportJobs("http://127.0.0.1:1", "root:Milvus", transport=transport) as jobs:
        jobs.get_progress(3)
    assert "DB-Name" not in seen[-1], "without a database the server's default applies"


def test_jobs_are_found_by_id_alone_and_listed_across_databases(mock_server: MockServer) -> None:
    with (
        ImportJobs(mock_server.url, DEFAULT_TOKEN, db_name="analytics") as analytics,
        ImportJobs(mock_server.url, DEFAULT_TOKEN) as default,
    ):
        job_id = analytics.create("quick_setup", ["a.parquet"]).job_id
        assert [r.job_id for r in analytics.list(collection_name="quick_setup")] == [job_id]
        assert default.list(collection_name="quick_setup") == []  # the collection is resolved in `default`
        assert [r.job_id for r in default.list()] == [job_id]  # without one, every database's jobs
        assert default.get_progress(job_id).job_id == job_id
