"""`python -m zilliz_import.mock` as a user runs it, and third-party clients pointed at it."""

from __future__ import annotations

import json
import os
import re
import shutil
import ssl
import subprocess
import sys
from collections.abc import Iterator

import httpx
import pytest

from zilliz_import.mock import DEFAULT_TOKEN, MockServer

LAUNCH = [sys.executable, "-m", "zilliz_import.mock", "--host", "127.0.0.1", "--port", "0", "--job-seconds", "0.05"]


@pytest.fixture
def launched(request: pytest.FixtureRequest) -> Iterator[str]:
    """The mock started by its launcher on a free port (extra flags by indirect parametrisation); yields its URL."""
    flags, banner = getattr(request, "param", ([], "release newest"))
    process = subprocess.Popen([*LAUNCH, *flags], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        first = process.stdout.readline()
        match = re.search(r"http://127\.0\.0\.1:\d+", first)
        assert match, f"launcher printed {first!r}"
        assert f"({banner})" in first, first
        assert DEFAULT_TOKEN in process.stdout.readline()
        yield match.group(0)
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_launcher_serves_the_api_and_prints_url_and_token(launched: str) -> None:
    headers = {"Authorization": f"Bearer {DEFAULT_TOKEN}"}
    answer = httpx.post(f"{launched}/v2/vectordb/jobs/import/list", json={}, headers=headers)
    assert answer.json() == {"code": 0, "data": {"records": []}}


@pytest.mark.parametrize(
    ("launched", "expected"),
    [
        (([], "release newest"), {"create_time": True, "commit": 200, "bad_id": 200}),
        ((["--release", "2.5"], "release 2.5"), {"create_time": False, "commit": 404, "bad_id": 200}),
        ((["--release", "2.6"], "release 2.6"), {"create_time": True, "commit": 404, "bad_id": 200}),
        (
            (["--standard-error-status", "--import-v3"], "release newest, standard error statuses, V3 imports"),
            {"bad_id": 400},
        ),
    ],
    indirect=["launched"],
)
def test_launcher_flags_choose_the_release_profile(launched: str, expected: dict[str, object]) -> None:
    headers = {"Authorization": f"Bearer {DEFAULT_TOKEN}"}
    route = f"{launched}/v2/vectordb/jobs/import/"
    job = httpx.post(route + "create", json={"collectionName": "c", "files": [["a.parquet"]]}, headers=headers).json()
    data = httpx.post(route + "describe", json=job["data"], headers=headers).json()["data"]
    assert httpx.post(route + "describe", json={"jobId": "x"}, headers=headers).status_code == expected["bad_id"]
    if "create_time" in expected:
        assert ("createTime" in data) == expected["create_time"]
        assert httpx.post(route + "commit", json=job["data"], headers=headers).status_code == expected["commit"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--port", "abc"], "invalid int value"),
        (["--port", "99999"], "cannot start the mock"),
        (["--job-seconds", "0"], "--job-seconds must be positive"),
        (["--release", "3.0"], "invalid choice: '3.0'"),
        (["--release", "2.5", "--import-v3"], "--import-v3 is a newest-only setting, not available with --release 2.5"),
        (["--release", "2.6", "--standard-error-status"], "--standard-error-status is a newest-only setting"),
        (["--max-files", "0"], "--max-files must be at least 1"),
    ],
)
def test_launcher_bad_input_is_one_error_line_and_exit_2(args: list[str], message: str) -> None:
    result = subprocess.run([*LAUNCH, *args], capture_output=True, text=True, timeout=30, check=False)
    assert result.returncode == 2
    assert message in result.stderr and "Traceback" not in result.stderr
    assert result.stderr.startswith("error: ") and result.stderr.count("\n") == 1


def test_launcher_port_in_use_is_a_clear_error() -> None:
    with MockServer() as busy:
        args = [*LAUNCH[:-4], "--port", str(busy.port)]
        result = subprocess.run(args, capture_output=True, text=True, timeout=30, check=False)
    assert result.returncode == 2
    assert "cannot start the mock" in result.stderr and "Traceback" not in result.stderr


def curl(endpoint: str, route: str, data: str) -> dict[str, object]:
    """The seed page's curl command, unchanged but for the route and the data."""
    env = os.environ | {"CLUSTER_ENDPOINT": endpoint.removeprefix("http://"), "TOKEN": DEFAULT_TOKEN}
    command = (
        f'curl --silent --location --request POST "http://${{CLUSTER_ENDPOINT}}/v2/vectordb/jobs/import/{route}" '
        '--header "Authorization: Bearer ${TOKEN}" --header "Content-Type: application/json" '
        f"--data-raw '{data}'"
    )
    result = subprocess.run(["bash", "-c", command], env=env, capture_output=True, text=True, timeout=30, check=True)
    return json.loads(result.stdout)  # type: ignore[no-any-return]


@pytest.mark.skipif(shutil.which("curl") is None, reason="curl is not installed on this machine")
def test_the_seed_pages_curl_example_gets_the_real_servers_answers(launched: str) -> None:
    seed_call = curl(launched, "get_progress", '{"jobId": 44870776388440916}')
    assert seed_call["code"] == 1801, "a numeric jobId is refused, as by the real server"
    created = curl(launched, "create", '{"collectionName": "quick_setup", "files": [["a/1.parquet"]]}')
    job_id = created["data"]["jobId"]  # type: ignore[index]
    progress = curl(launched, "get_progress", json.dumps({"jobId": job_id}))
    assert progress["code"] == 0 and progress["data"]["jobId"] == job_id  # type: ignore[index]


def test_launcher_serves_https_with_a_given_certificate(tls_files: tuple[str, str, str]) -> None:
    ca, chain, key = tls_files
    process = subprocess.Popen([*LAUNCH, "--certfile", chain, "--keyfile", key], stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        match = re.search(r"https://127\.0\.0\.1:\d+", process.stdout.readline())
        assert match
        answer = httpx.post(
            f"{match.group(0)}/v2/vectordb/jobs/import/list", json={},
            headers={"Authorization": f"Bearer {DEFAULT_TOKEN}"}, verify=ssl.create_default_context(cafile=ca),
        )  # fmt: skip
        assert answer.json() == {"code": 0, "data": {"records": []}}
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--certfile", "chain.pem"], "--certfile and --keyfile go together"),
        (["--certfile", "/nonexistent/chain.pem", "--keyfile", "/nonexistent/key.pem"], "cannot start the mock"),
    ],
)
def test_launcher_tls_mistakes_are_one_error_line(args: list[str], message: str) -> None:
    result = subprocess.run([*LAUNCH, *args], capture_output=True, text=True, timeout=30, check=False)
    assert result.returncode == 2
    assert message in result.stderr and "Traceback" not in result.stderr


def test_launcher_serves_the_control_plane() -> None:
    args = [*LAUNCH, "--control-plane", "--cluster", "in01-mock", "--cluster", "in02-more"]
    process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        first = process.stdout.readline()
        assert "control plane" in first and "in01-mock, in02-more" in first, first
        url = re.search(r"http://127\.0\.0\.1:\d+", first)
        assert url, first
        headers = {"Authorization": "Bearer mock-api-key"}
        body = {"clusterId": "in02-more", "collectionName": "c", "objectUrl": "s3://b/1.parquet"}
        created = httpx.post(f"{url.group(0)}/v2/vectordb/jobs/import/create", json=body, headers=headers).json()
        assert created["code"] == 0 and created["data"]["jobId"].startswith("job-")
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.mark.parametrize(
    "args", [["--control-plane", "--release", "2.5"], ["--control-plane", "--import-v3"], ["--cluster", "in01-x"]]
)
def test_launcher_refuses_cluster_flags_on_the_control_plane_and_back(args: list[str]) -> None:
    result = subprocess.run([*LAUNCH, *args], capture_output=True, text=True, timeout=30, check=False)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "--control-plane" in result.stderr.splitlines()[-1]
