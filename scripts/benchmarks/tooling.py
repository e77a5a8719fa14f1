"""How long `make generate` takes, and how many requests per second the mock serves."""

from __future__ import annotations

import asyncio
import subprocess
import tempfile
import time
from pathlib import Path

from benchmarks.mock_process import mock_process

ROOT = Path(__file__).resolve().parents[2]
CLIENTS = 100
REQUESTS_PER_CLIENT = 100


def generate_seconds() -> float:
    """Wall time of scripts/generate.sh into a scratch folder (generated/ stays untouched)."""
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        subprocess.run(["bash", "scripts/generate.sh", f"{folder}/client"], cwd=ROOT, check=True, capture_output=True)
        return time.perf_counter() - start


def mock_requests_per_second() -> float:
    """Requests per second from 100 keep-alive raw-socket clients (the load test's wave); 0 on any error."""
    from tests.zilliz_import.mock.test_load import wave

    with mock_process(job_seconds=0.5) as url:
        errors: list[str] = []
        start = time.perf_counter()
        asyncio.run(wave(url, REQUESTS_PER_CLIENT, errors))
        elapsed = time.perf_counter() - start
    return 0.0 if errors else CLIENTS * REQUESTS_PER_CLIENT / elapsed
