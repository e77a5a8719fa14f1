"""One test per row of the reference sheet (sections 1-5), for each release where the row differs.

Rows that are the same in every release and already have a test in test_errors.py (1801, 1802, 401,
408 ...) are not repeated here; this file holds the second edition's rows and the release differences.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import Any

import httpx
import pytest

from tests.zilliz_import.mock.conftest import PREFIX, TLS, Switch, call, envelope
from zilliz_import.mock import READ_ONLY_TOKEN, Fault, MockApp, MockConfig, MockServer

pytestmark = pytest.mark.anyio
CREATE = {"collectionName": "quick_setup", "files": [["dir/1.parquet"]]}
TWO_PHASE = CREATE | {"options": {"auto_commit": "false"}}
Connect = Callable[..., AbstractAsyncContextManager[tuple[httpx.AsyncClient, MockApp]]]


@pytest.fixture(params=["in-process", "http"])
def connect(request: pytest.FixtureRequest, shared_server: tuple[MockServer, Switch]) -> Connect:
    """Open a client to a fresh mock with the given settings (short jobs), in-process or over HTTP."""

    @asynccontextmanager
    async def opened(**settings: Any) -> AsyncIterator[tuple[httpx.AsyncClient, MockApp]]:
        app = MockApp(MockConfig(**({"job_seconds": 0.2} | settings)))
        if request.param == "in-process":
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://mock", verify=TLS) as client:
                yield client, app
            return
        server, switch = shared_server
        switch.target = app
        async with httpx.AsyncClient(base_url=server.url, verify=TLS) as client:
            yield client, app

    return opened


async def created(client: httpx.AsyncClient, body: dict[str, Any] = CREATE, **kwargs: Any) -> str:
    response = await call(client, "create", body, **kwargs)
    assert response.json()["code"] == 0, response.text
    return str(response.json()["data"]["jobId"])


async def progress(client: httpx.AsyncClient, job_id: str, **kwargs: Any) -> dict[str, Any]:
    body = (await call(client, "describe", {"jobId": job_id}, **kwargs)).json()
    assert body["code"] == 0, body
    return dict(body["data"])


async def until(client: httpx.AsyncClient, job_id: str, state: str, seconds: float = 5.0) -> dict[str, Any]:
    """Poll until the job reaches `state`; the mock's jobs last about 0.2 s here."""
    for _ in range(int(seconds / 0.02)):
        data = await progress(client, job_id)
        if data["state"] == state:
            return data
        await asyncio.sleep(0.02)
    raise AssertionError(f"job {job_id} never reached {state}; last {data['state']}")


# Section 1: routes and request decoding


@pytest.mark.parametrize(("release", "exists"), [("2.5", False), ("2.6", False), ("newest", True)])
@pytest.mark.parametrize("route", ["commit", "abort"])
async def test_commit_and_abort_routes_exist_only_on_newest(
    connect: Connect, release: str, exists: bool, route: str
) -> None:
    async with connect(release=release) as (client, _):
        response = await call(client, route, {"jobId": "1"})
    if exists:
        assert envelope(response)[:2] == (200, 2100)
    else:
        assert (response.status_code, response.text) == (404, "404 page not found")


async def test_requests_exactly_as_the_node_sdk_sends_them(connect: Connect) -> None:
    """`HttpClient` of @zilliz/milvus2-sdk-node: a `ContentType` header, so fetch labels the body text/plain."""
    node = {"ContentType": "application/json", "Accept-Type-Allow-Int64": "true"}
    as_text = node | {"Content-Type": "text/plain;charset=UTF-8"}
    async with connect() as (client, _):
        raw = b'{"collectionName":"quick_setup","files":[["a.parquet"]],"dbName":"default"}'
        job = (await call(client, "create", content=raw, headers=as_text)).json()["data"]["jobId"]
        listed = await call(client, "list", content=b'{"dbName":"default"}', headers=node)  # no Content-Type at all
        asked = await call(
            client, "get_progress", content=f'{{"jobId":"{job}","dbName":"default"}}'.encode(), headers=as_text
        )
    assert listed.request.headers.get("content-type") is None
    assert [r["jobId"] for r in listed.json()["data"]["records"]] == [job]
    assert asked.json()["data"]["jobId"] == job


# Section 1: database and permission scoping


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


async def test_list_is_403_without_privilege_on_2_5(connect: Connect) -> None:
    async with connect(release="2.5") as (client, _):
        await created(client)
        assert envelope(await call(client, "list", {}, token=READ_ONLY_TOKEN))[:2] == (403, 1401)


@pytest.mark.parametrize("release", ["2.6", "newest"])
async def test_list_leaves_out_jobs_the_caller_may_not_see_after_2_5(connect: Connect, release: str) -> None:
    async with connect(release=release) as (client, _):
        await created(client)
        response = await call(client, "list", {}, token=READ_ONLY_TOKEN)
    assert response.status_code == 200 and response.json() == {"code": 0, "data": {"records": []}}


@pytest.mark.parametrize(("release", "unknown"), [("2.5", (403, 1401)), ("2.6", (200, 2100)), ("newest", (200, 2100))])
async def test_progress_without_privilege(connect: Connect, release: str, unknown: tuple[int, int]) -> None:
    async with connect(release=release) as (client, _):
        job = await created(client)
        known = await call(client, "describe", {"jobId": job}, token=READ_ONLY_TOKEN)
        missing = await call(client, "describe", {"jobId": "1"}, token=READ_ONLY_TOKEN)
    assert envelope(known)[:2] == (403, 1401)
    assert envelope(missing)[:2] == unknown


# Section 1: create's limits and file units


async def test_too_many_file_units_is_2100(connect: Connect) -> None:
    async with connect(max_files=3) as (client, _):
        status, code, message = envelope(await call(client, "create", CREATE | {"files": [["a"]] * 4}))
    assert (status, code) == (200, 2100)
    assert message == "The max number of import files should not exceed 3, but got 4: importing data failed"


async def test_empty_units_are_dropped_before_counting(connect: Connect) -> None:
    async with connect(max_files=1) as (client, _):
        job = await created(client, CREATE | {"files": [[], ["dir/a.parquet"], []]})
        data = await until(client, job, "Completed")
    assert [d["fileName"] for d in data["details"]] == ["[dir/a.parquet]"]


@pytest.mark.parametrize("files", [[], [[]], [[], []]])
async def test_nothing_left_to_import_is_1100(connect: Connect, files: list[list[str]]) -> None:
    async with connect() as (client, _):
        status, code, message = envelope(await call(client, "create", CREATE | {"files": files}))
    assert (status, code, message) == (200, 1100, "import request is empty: invalid parameter")


@pytest.mark.parametrize(("release", "code", "suffix"), [
    ("2.5", 2100, ": importing data failed"),
    ("2.6", 2100, ": importing data failed"),
    ("newest", 2101, ": importing data failed on server side"),
])  # fmt: skip
async def test_back_pressure_beyond_the_unfinished_job_limit(
    connect: Connect, release: str, code: int, suffix: str
) -> None:
    async with connect(release=release, max_import_jobs=2) as (client, _):
        first = await created(client)
        await created(client)
        status, got, message = envelope(await call(client, "create", CREATE))
        assert (status, got) == (200, code)
        assert message.startswith("The number of jobs has reached the limit, please try again later")
        assert message.endswith(suffix)
        await until(client, first, "Completed")
        await created(client)  # a finished job frees its place: back-pressure is worth retrying


async def test_collection_missing_is_100_and_backup_without_partition_is_1100(connect: Connect) -> None:
    async with connect() as (client, _):
        missing = envelope(await call(client, "create", CREATE | {"collectionName": "9bad"}, headers={"DB-Name": "d"}))
        backup = envelope(await call(client, "create", CREATE | {"options": {"backup": "true"}}))
    assert missing == (200, 100, "collection not found[database=d][collection=9bad]")
    assert backup[:2] == (200, 1100) and backup[2].startswith("partition not specified")


async def test_a_bad_timeout_option_is_2100(connect: Connect) -> None:
    async with connect() as (client, _):
        bad = envelope(await call(client, "create", CREATE | {"options": {"timeout": "soon"}}))
        await created(client, CREATE | {"options": {"timeout": "1h30m"}})
    assert bad[:2] == (200, 2100) and bad[2].startswith("parse timeout failed")


# Section 2: the success body


@pytest.mark.parametrize(("release", "sends"), [("2.5", False), ("2.6", True), ("newest", True)])
async def test_create_time_by_release(connect: Connect, release: str, sends: bool) -> None:
    async with connect(release=release) as (client, _):
        data = await progress(client, await created(client))
    assert ("createTime" in data) == sends


async def test_pending_job_has_no_details_and_no_size(connect: Connect) -> None:
    async with connect(job_seconds=60) as (client, _):
        data = await progress(client, await created(client))
    assert (data["state"], data["details"], data["fileSize"], data["completeTime"]) == ("Pending", [], 0, "")
    assert "reason" not in data


# Section 3: states and progress bands


async def test_v3_imports_send_empty_per_file_times_and_may_leave_per_file_rows_at_zero(connect: Connect) -> None:
    async with connect(import_v3=True) as (client, _):
        data = await until(client, await created(client), "Completed")
    assert data["progress"] == 100 and data["totalRows"] > 0
    assert [(d["completeTime"], d["totalRows"], d["state"]) for d in data["details"]] == [("", 0, "Completed")]


@pytest.mark.parametrize("settings", [{"release": "2.5"}, {"release": "2.6"}])
async def test_v3_and_standard_statuses_are_newest_only(settings: dict[str, Any]) -> None:
    for extra in ({"import_v3": True}, {"standard_error_status": True}):
        with pytest.raises(ValueError, match="newest"):
            MockConfig(**settings, **extra)


# Section 4: errors under standard statuses, and Request-Timeout


@pytest.mark.parametrize(("body", "status", "code"), [
    (b"", 400, 1801),
    (b'{"jobId": 1}', 400, 1801),
    (b"{}", 400, 1802),
    (b'{"jobId": "abc"}', 400, 2100),
    (b'{"jobId": "1"}', 400, 2100),
])  # fmt: skip
async def test_standard_error_status_carries_the_envelope(
    connect: Connect, body: bytes, status: int, code: int
) -> None:
    async with connect(standard_error_status=True) as (client, _):
        assert envelope(await call(client, "describe", content=body))[:2] == (status, code)


async def test_standard_error_status_for_auth_permission_back_pressure_and_panic(connect: Connect) -> None:
    async with connect(standard_error_status=True, max_import_jobs=1) as (client, app):
        assert envelope(await call(client, "list", {}, token="nobody:x"))[:2] == (401, 1800)
        assert envelope(await call(client, "create", CREATE, token=READ_ONLY_TOKEN))[:2] == (403, 1401)
        await created(client)
        assert envelope(await call(client, "create", CREATE))[:2] == (500, 2101)
        app.faults.add(Fault("panic", route="list"))
        assert envelope(await call(client, "list", {}))[:2] == (500, 500)


@pytest.mark.parametrize(("standard", "status"), [(False, 408), (True, 500)])
async def test_timeout_after_the_body_was_read(connect: Connect, standard: bool, status: int) -> None:
    async with connect(standard_error_status=standard) as (client, app):
        app.faults.add(Fault("latency", route="list", seconds=1.5))
        response = await call(client, "list", {}, headers={"Request-Timeout": "1"})
    assert envelope(response)[:2] == (status, 10001)


@pytest.mark.parametrize("standard", [False, True])
@pytest.mark.parametrize("value", ["0", "-5"])
async def test_request_timeout_zero_or_negative_times_out_at_once(connect: Connect, standard: bool, value: str) -> None:
    async with connect(standard_error_status=standard) as (client, _):
        response = await call(client, "list", {}, headers={"Request-Timeout": value})
    assert envelope(response)[:2] == (408, 10001)


@pytest.mark.parametrize(("release", "refused"), [("2.5", False), ("2.6", False), ("newest", True)])
async def test_unparsable_request_timeout(connect: Connect, release: str, refused: bool) -> None:
    async with connect(release=release) as (client, _):
        body = (await call(client, "list", {}, headers={"Request-Timeout": "None"})).json()
    if refused:
        assert body["code"] == 1100 and "Request-Timeout parse failed" in body["message"]
    else:
        assert body["code"] == 0


# Section 5: two-phase commit (newest)


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
    assert unknown[:2] == (200, 2100) and "does not exist" in unknown[2]


@pytest.mark.parametrize("release", ["2.5", "2.6"])
async def test_auto_commit_is_ignored_before_newest(connect: Connect, release: str) -> None:
    async with connect(release=release) as (client, _):
        data = await until(client, await created(client, TWO_PHASE), "Completed")
    assert data["progress"] == 100


async def test_commit_of_an_import_that_is_still_running_is_refused(connect: Connect) -> None:
    async with connect(job_seconds=60) as (client, _):
        job = await created(client, TWO_PHASE)
        status, code, message = envelope(await call(client, "commit", {"jobId": job}))
    assert (status, code) == (200, 2100) and "cannot commit" in message


async def test_routes_are_only_under_the_import_prefix(connect: Connect) -> None:
    async with connect() as (client, _):
        response = await client.post(PREFIX.removesuffix("/") + "x/create", json=CREATE)
    assert response.status_code == 404
