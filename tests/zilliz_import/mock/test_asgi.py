"""Bounded request bodies: an oversized one is refused (413) in-process and before it is sent over a socket."""

from __future__ import annotations

import socket

import httpx
import pytest

from tests.zilliz_import.mock.conftest import call
from zilliz_import.mock import MockApp, MockServer

pytestmark = pytest.mark.anyio


async def test_oversized_body_is_refused_with_413_in_process(mock_app: MockApp) -> None:
    too_big = b'{"jobId": "' + b"1" * mock_app.config.max_body_bytes + b'"}'
    transport = httpx.ASGITransport(app=mock_app)
    async with httpx.AsyncClient(transport=transport, base_url="http://mock") as client:
        response = await call(client, "describe", content=too_big)
    assert response.status_code == 413


def test_oversized_body_is_refused_before_it_is_sent(mock_server: MockServer) -> None:
    """Only the headers and a few bytes go out; the answer must come without the rest of the body."""
    with socket.create_connection((mock_server.host, mock_server.port), timeout=10) as sock:
        sock.sendall(
            b"POST /v2/vectordb/jobs/import/describe HTTP/1.1\r\nHost: mock\r\n"
            b'Authorization: Bearer root:Milvus\r\nContent-Length: 1000000000\r\n\r\n{"jobId": "'
        )
        answer = sock.recv(4096)
    assert answer.startswith(b"HTTP/1.1 413 ")
