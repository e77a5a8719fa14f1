"""The cluster's authentication: `user:password` tokens and API keys, 401 otherwise, on both transports."""

from __future__ import annotations

import httpx
import pytest

from tests.zilliz_import.mock.conftest import PROGRESS_ROUTES, call, envelope
from zilliz_import.mock import DEFAULT_API_KEY

pytestmark = pytest.mark.anyio


@pytest.mark.parametrize("route", [*PROGRESS_ROUTES, "create", "list"])
@pytest.mark.parametrize("token", [None, "", "root:wrong", "nobody:Milvus", "not-a-key"])
async def test_missing_or_wrong_token_is_401_1800(client: httpx.AsyncClient, route: str, token: str | None) -> None:
    status, code, message = envelope(await call(client, route, {"jobId": "1"}, token=token))
    assert (status, code) == (401, 1800)
    assert message.startswith("user hasn't authenticated")


async def test_wrong_auth_scheme_is_401(client: httpx.AsyncClient) -> None:
    response = await client.post("/v2/vectordb/jobs/import/list", json={}, headers={"Authorization": "Basic cm9vdA=="})
    assert envelope(response)[:2] == (401, 1800)


async def test_api_key_and_username_password_both_authenticate(client: httpx.AsyncClient) -> None:
    for token in (DEFAULT_API_KEY, "root:Milvus"):
        assert (await call(client, "list", {}, token=token)).json()["code"] == 0
