"""The cluster routes: jobs found by ID alone, listing across databases, privileges, two-phase commit and abort."""

from __future__ import annotations

import asyncio

import httpx
import pytest

from tests.zilliz_import.mock.conftest import (
    CREATE,
    PROGRESS_ROUTES,
    TWO_PHASE,
    Connect,
    call,
    created,
    envelope,
    progress,
    until,
)
from zilliz_import.mock import READ_ONLY_TOKEN

pytestmark = pytest.mark.anyio


@pytest.mark.parametrize("route", PROGRESS_ROUTES)
@pytest.mark.parametrize("job_id", ["1", "-5", "+7", "9223372036854775807", "448761313698322011"])
async def test_unknown_job_is_2100_does_not_exist(client: httpx.AsyncClient, route: str, job_id: str) -> None:
    status, code, message = envelope(await call(client, route, {"jobId": job_id}))
    assert (status, code) == (200, 2100)
    assert message.startswith(f"import job does not exist, jobID={int(job_id)}")


async def test_read_only_user_is_403_1401_on_create(client: httpx.AsyncClient) -> None:
    status, code, message = envelope(await call(client, "create", CREATE, token=READ_ONLY_TOKEN))
    assert (status, code) == (403, 1401)
    assert message.endswith("privilege not permitted")


async def test_jobs_are_found_by_id_alone_whatever_the_database(connect: Connect) -> None:
    async with connect() as (client, _):
        job = await created(client, headers={"DB-Name": "analytics"})
        assert (await progress(client, job))["jobId"] == job
        assert (await progress(client, job, headers={"DB-Name": "other"}))["jobId"] == job


async def test_list_without_a_collection_spans_databases_and_with_one_resolves_it_in_the_request_database(
    connect: Connect,
) -> None:
    async with connect() as (client, _):
        first = await created(client, headers={"DB-Name": "db1"})
        second = await created(client, CREATE | {"dbName": "db2"})
        everything = (await call(client, "list", {})).json()["data"]["records"]
        in_db2 = (await call(client, "list", {"collectionName": "quick_setup", "dbName": "db2"})).json()["data"]
        in_default = (await call(client, "list", {"collectionName": "quick_setup"})).json()["data"]
    assert [r["jobId"] for r in everything] == [first, second]
    assert [r["jobId"] for r in in_db2["records"]] == [second]
    assert in_default["records"] == []


async def test_two_phase_job_waits_at_uncommitted_then_commits(connect: Connect) -> None:
    async with connect() as (client, _):
        job = await created(client, TWO_PHASE)
        waiting = await until(client, job, "Uncommitted")
        await asyncio.sleep(0.3)
        assert (await progress(client, job))["state"] == "Uncommitted"
        assert (await call(client, "commit", {"jobId": job})).json() == {"code": 0, "data": {}}
        done = await until(client, job, "Completed")
        again = (await call(client, "commit", {"jobId": job})).json()
    assert (waiting["progress"], waiting["completeTime"]) == (99, "")
    assert done["progress"] == 100 and done["completeTime"]
    assert again == {"code": 0, "data": {}}


async def test_abort_fails_a_two_phase_job(connect: Connect) -> None:
    async with connect() as (client, _):
        job = await created(client, TWO_PHASE)
        await until(client, job, "Uncommitted")
        assert (await call(client, "abort", {"jobId": job})).json() == {"code": 0, "data": {}}
        data = await progress(client, job)
        refused = envelope(await call(client, "commit", {"jobId": job}))
    assert data["state"] == "Failed" and data["reason"]
    assert refused[:2] == (200, 2100)


@pytest.mark.parametrize("route", ["commit", "abort"])
async def test_commit_and_abort_refuse_bad_ids(connect: Connect, route: str) -> None:
    async with connect() as (client, _):
        non_numeric = envelope(await call(client, route, {"jobId": "abc"}))
        unknown = envelope(await call(client, route, {"jobId": "12"}))
    assert non_numeric[:2] == (200, 1100) and "int64 jobId" in non_numeric[2]
    assert unknown == (200, 2100, "import job not found, jobID=12: importing data failed")


async def test_commit_of_an_import_that_is_still_running_is_refused(connect: Connect) -> None:
    async with connect(job_seconds=60) as (client, _):
        job = await created(client, TWO_PHASE)
        status, code, message = envelope(await call(client, "commit", {"jobId": job}))
    assert (status, code) == (200, 2100) and "expected Uncommitted" in message
