"""Load check: 10,000 requests from 100 concurrent clients, zero errors, memory reported and bounded."""

from __future__ import annotations

import asyncio
import json
import re
import subprocess
import sys
from collections.abc import Iterator

import psutil
import pytest

from zilliz_import.mock import DEFAULT_TOKEN

CLIENTS = 100
REQUESTS_PER_CLIENT = 100
WARM_UP_PER_CLIENT = 20


@pytest.fixture
def server_process() -> Iterator[tuple[str, psutil.Process]]:
    """The mock in its own process, so that its memory can be read apart from the clients'."""
    command = [sys.executable, "-m", "zilliz_import.mock", "--port", "0", "--job-seconds", "0.5", "--max-jobs", "500"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        assert process.stdout is not None
        url = re.search(r"http://[\d.]+:\d+", process.stdout.readline())
        assert url
        yield url.group(0), psutil.Process(process.pid)
    finally:
        process.terminate()
        process.wait(timeout=10)


async def post(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, path: str, body: bytes) -> bytes:
    """One keep-alive HTTP/1.1 POST on a raw socket; httpx's own overhead would make the client the bottleneck."""
    writer.write(
        f"POST {path} HTTP/1.1\r\nHost: mock\r\nAuthorization: Bearer {DEFAULT_TOKEN}\r\n"
        f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n".encode()
        + body
    )
    head = await reader.readuntil(b"\r\n\r\n")
    length = int(re.search(rb"(?i)content-length: *(\d+)", head).group(1))  # type: ignore[union-attr]
    payload = await reader.readexactly(length)
    if not head.startswith(b"HTTP/1.1 200 "):
        raise AssertionError(head.split(b"\r\n")[0].decode())
    return payload


async def one_client(url: str, index: int, requests: int, errors: list[str]) -> None:
    host, port = url.removeprefix("http://").split(":")
    reader, writer = await asyncio.open_connection(host, int(port))
    try:
        create = json.dumps({"collectionName": f"c{index}", "files": [["a.parquet"]]}).encode()
        job_id = json.loads(await post(reader, writer, "/v2/vectordb/jobs/import/create", create))["data"]["jobId"]
        for i in range(requests - 1):
            route, body = ("describe", {"jobId": job_id}) if i % 10 else ("list", {"collectionName": f"c{index}"})
            answer = json.loads(
                await post(reader, writer, f"/v2/vectordb/jobs/import/{route}", json.dumps(body).encode())
            )
            if answer["code"] != 0:
                errors.append(str(answer)[:100])
    except (OSError, AssertionError, asyncio.IncompleteReadError) as error:
        errors.append(repr(error))
    finally:
        writer.close()


async def wave(url: str, requests: int, errors: list[str]) -> None:
    await asyncio.gather(*(one_client(url, i, requests, errors) for i in range(CLIENTS)))


@pytest.mark.anyio
async def test_ten_thousand_requests_from_a_hundred_clients(
    server_process: tuple[str, psutil.Process], capsys: pytest.CaptureFixture[str]
) -> None:
    url, process = server_process
    errors: list[str] = []
    await wave(url, WARM_UP_PER_CLIENT, errors)  # the job table and allocator reach their steady size
    after_warm_up = process.memory_info().rss
    await wave(url, REQUESTS_PER_CLIENT, errors)
    after_load = process.memory_info().rss
    with capsys.disabled():
        print(
            f"\n[load] {CLIENTS * REQUESTS_PER_CLIENT} requests after {CLIENTS * WARM_UP_PER_CLIENT} to warm up, "
            f"{len(errors)} errors, server RSS {after_warm_up / 2**20:.1f} MiB after warm-up, "
            f"{after_load / 2**20:.1f} MiB after the load"
        )
    assert errors == []
    assert after_load - after_warm_up < 20 * 2**20, "server memory grew by more than 20 MiB under steady load"
