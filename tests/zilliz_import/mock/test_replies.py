"""The envelopes: keys in alphabetical order, and the statuses errors carry under standard error statuses."""

from __future__ import annotations

import httpx
import pytest

from tests.zilliz_import.mock.conftest import CREATE, Connect, call, created, envelope
from zilliz_import.mock import READ_ONLY_TOKEN, Fault

pytestmark = pytest.mark.anyio


async def test_success_keys_are_in_alphabetical_order(client: httpx.AsyncClient) -> None:
    created = (await call(client, "create", CREATE)).json()
    response = await call(client, "get_progress", {"jobId": created["data"]["jobId"]})
    data = response.json()["data"]
    assert list(data) == sorted(data)
    assert response.headers["content-type"].startswith("application/json")


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
