"""One test per row of the reference sheet (sections 1-5) that differs between releases, for each release.

Rows that are the same in every release are tested with the unit that answers them (cluster/test_decoding.py,
cluster/test_handlers.py, test_app.py, test_replies.py ...).
"""

from __future__ import annotations

import pytest

from tests.zilliz_import.mock.conftest import CREATE, TWO_PHASE, Connect, call, created, envelope, progress, until
from zilliz_import.mock import READ_ONLY_TOKEN

pytestmark = pytest.mark.anyio


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


@pytest.mark.parametrize(("release", "sends"), [("2.5", False), ("2.6", True), ("newest", True)])
async def test_create_time_by_release(connect: Connect, release: str, sends: bool) -> None:
    async with connect(release=release) as (client, _):
        data = await progress(client, await created(client))
    assert ("createTime" in data) == sends


@pytest.mark.parametrize(("release", "refused"), [("2.5", False), ("2.6", False), ("newest", True)])
async def test_unparsable_request_timeout(connect: Connect, release: str, refused: bool) -> None:
    async with connect(release=release) as (client, _):
        body = (await call(client, "list", {}, headers={"Request-Timeout": "None"})).json()
    if refused:
        assert body["code"] == 1100 and "Request-Timeout parse failed" in body["message"]
    else:
        assert body["code"] == 0


@pytest.mark.parametrize("release", ["2.5", "2.6"])
async def test_auto_commit_is_ignored_before_newest(connect: Connect, release: str) -> None:
    async with connect(release=release) as (client, _):
        data = await until(client, await created(client, TWO_PHASE), "Completed")
    assert data["progress"] == 100
