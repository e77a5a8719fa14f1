"""Per-call latency of one progress request, from the physical floor to the official SDK.

Every client asks the same mock process for the same job of four files and decodes the JSON answer
(plain httpx with `.json()`, the others into their own objects). Clients take turns call by call,
and each reports the median of its `calls` calls.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import random
import socket
import ssl
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
from zilliz_import_client import AuthenticatedClient
from zilliz_import_client.api.import_jobs import describe_import_job
from zilliz_import_client.models import JobProgressRequest

from benchmarks.mock_process import DESCRIBE, HEADERS, mock_process, trusted_tls
from zilliz_import import ImportJobs
from zilliz_import.mock import DEFAULT_TOKEN

WARM_UP = 20


def interleaved_medians(clients: dict[str, Callable[[], Any]], calls: int) -> dict[str, float]:
    """Median wall time per call of each client, measured in rounds of one call each.

    Rounds spread the drifts of a shared, noisy machine over all clients alike, and a new order
    each round spreads what one call leaves behind (the SDK's closed connection) over all of them.
    """
    for call in clients.values():
        for _ in range(WARM_UP):
            call()
    samples: dict[str, list[float]] = {name: [] for name in clients}
    order = random.Random(0)
    names = list(clients)
    for _ in range(calls):
        order.shuffle(names)
        for name in names:
            call = clients[name]
            start = time.perf_counter()
            call()
            samples[name].append(time.perf_counter() - start)
    return {name: statistics.median(values) for name, values in samples.items()}


def raw_socket_call(url: str, body: bytes) -> Callable[[], bytes]:
    """A keep-alive HTTP/1.1 POST on a bare socket (TLS-wrapped for https): no client library at all."""
    scheme, _, address = url.partition("://")
    host, port = address.split(":")
    sock = socket.create_connection((host, int(port)))
    if scheme == "https":
        sock = ssl.create_default_context(cafile=os.environ["SSL_CERT_FILE"]).wrap_socket(sock, server_hostname=host)
    request = (
        f"POST {DESCRIBE} HTTP/1.1\r\nHost: {host}\r\nAuthorization: Bearer {DEFAULT_TOKEN}\r\n"
        f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
    ).encode() + body
    reader = sock.makefile("rb")

    def call() -> bytes:
        sock.sendall(request)
        length = 0
        while (line := reader.readline()) not in (b"\r\n", b""):
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":")[1])
        return reader.read(length)

    return call


def pymilvus_call(url: str, job_id: str) -> Callable[[], Any] | None:
    """The official SDK's helper, or None when the bench group is not installed.

    `pymilvus.bulk_writer` calls `logging.basicConfig(level=INFO)` on import, which would print a
    line for every httpx request of the other clients; the root logger is put back as it was.
    """
    root = logging.getLogger()
    level, handlers = root.level, list(root.handlers)
    try:
        from pymilvus.bulk_writer import get_import_progress
    except ImportError as error:
        print(f"==> pymilvus not measured: {error}")
        return None
    finally:
        root.setLevel(level)
        root.handlers[:] = handlers
    return lambda: get_import_progress(url=url, job_id=job_id, api_key=DEFAULT_TOKEN).json()


def latency(calls: int, *, tls: bool = False) -> dict[str, float]:
    """Median seconds per progress call of each client, against one mock process (https with `tls`)."""
    with tempfile.TemporaryDirectory() as folder, contextlib.ExitStack() as stack:
        files = stack.enter_context(trusted_tls(Path(folder))) if tls else None
        url = stack.enter_context(mock_process(job_seconds=3600, tls=files))
        return measure(url, calls)


def measure(url: str, calls: int) -> dict[str, float]:
    """The clients against the mock at `url`, taking turns."""
    with ImportJobs(url, DEFAULT_TOKEN) as jobs:
        job_id = jobs.create("bench", [f"f{i}.parquet" for i in range(4)]).job_id
        body = json.dumps({"jobId": job_id}).encode()
        plain = httpx.Client(base_url=url, headers=HEADERS)
        generated = AuthenticatedClient(base_url=url, token=DEFAULT_TOKEN)
        request = JobProgressRequest(job_id=job_id)
        clients: dict[str, Callable[[], Any]] = {
            "raw socket (floor)": raw_socket_call(url, body),
            "httpx.Client keep-alive": lambda: plain.post(DESCRIBE, json={"jobId": job_id}).json(),
            "generated client": lambda: describe_import_job.sync(client=generated, body=request),
            "facade ImportJobs": lambda: jobs.get_progress(job_id),
        }
        sdk = pymilvus_call(url, job_id)
        if sdk is not None:
            clients["pymilvus get_import_progress"] = sdk
        return interleaved_medians(clients, calls)
