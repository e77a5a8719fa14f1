"""The mock in a process of its own, so the client under test never shares its GIL."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import trustme

from zilliz_import.mock import DEFAULT_TOKEN

DESCRIBE = "/v2/vectordb/jobs/import/describe"
TRUST_VARIABLES = ("SSL_CERT_FILE", "REQUESTS_CA_BUNDLE")  # httpx, requests (pymilvus)
HEADERS = {"Authorization": f"Bearer {DEFAULT_TOKEN}", "Content-Type": "application/json"}


@contextmanager
def mock_process(
    *, job_seconds: float, seed: int = 0, max_jobs: int = 10_000, tls: tuple[str, str] | None = None
) -> Iterator[str]:
    """Serve the mock on a free loopback port (https with `tls`: chain and key); yields its URL."""
    command = [sys.executable, "-m", "zilliz_import.mock", "--port", "0", "--seed", str(seed),
               "--job-seconds", str(job_seconds), "--max-jobs", str(max_jobs)]  # fmt: skip
    if tls is not None:
        command += ["--certfile", tls[0], "--keyfile", tls[1]]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        assert process.stdout is not None
        url = re.search(r"https?://[\d.]+:\d+", process.stdout.readline())
        if url is None:
            raise RuntimeError("the mock did not start")
        yield url.group(0)
    finally:
        process.terminate()
        process.wait(timeout=10)


@contextmanager
def trusted_tls(folder: Path) -> Iterator[tuple[str, str]]:
    """A throwaway CA that every client of this process trusts (httpx and requests read the
    environment); yields the server's chain and key for 127.0.0.1."""
    authority = trustme.CA()
    leaf = authority.issue_cert("127.0.0.1")
    ca, chain, key = (str(folder / name) for name in ("ca.pem", "chain.pem", "key.pem"))
    authority.cert_pem.write_to_path(ca)
    leaf.private_key_and_cert_chain_pem.write_to_path(chain)
    leaf.private_key_pem.write_to_path(key)
    saved = {name: os.environ.get(name) for name in TRUST_VARIABLES}
    os.environ.update(dict.fromkeys(TRUST_VARIABLES, ca))
    try:
        yield chain, key
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def admin(url: str, route: str) -> Any:
    """The JSON of one of the mock's control routes (`GET /__mock__/<route>`)."""
    return httpx.get(f"{url}/__mock__/{route}").raise_for_status().json()  # only ever http
