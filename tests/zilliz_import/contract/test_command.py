"""`zilliz-import contract`: the suite against an endpoint, as an installed user runs it."""

from __future__ import annotations

import json
import re
import sys
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from tests.zilliz_import.contract.broken_mocks import RewritingApp, edit_jobs
from tests.zilliz_import.contract.conftest import stepped_control_plane, stepped_mock
from tests.zilliz_import.contract.planted import completed_at_99
from zilliz_import.cli import main
from zilliz_import.contract.command import INSTALL_HINT
from zilliz_import.mock import DEFAULT_API_KEY, DEFAULT_CLUSTER, DEFAULT_TOKEN, MockServer
from zilliz_import.mock.faults import Fault

QUICK = ["--examples", "5", "--follow-seconds", "5", "--poll-interval", "0.02"]


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """Run the CLI in-process; returns (exit status, stdout, stderr)."""
    try:
        status = main(args)
    except SystemExit as done:
        status = int(done.code or 0)
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture
def healthy() -> Iterator[MockServer]:
    with MockServer(stepped_mock()) as server:
        yield server


def requests_served(server: MockServer) -> dict[str, int]:
    with urllib.request.urlopen(f"{server.url}/__mock__/requests") as answer:  # loopback only
        served: dict[str, int] = json.load(answer)["requests"]
    return served


def test_passes_against_the_healthy_mock_and_creates_jobs_when_allowed(
    healthy: MockServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    junit = tmp_path / "contract.xml"
    args = ["contract", "--endpoint", healthy.url, "--token", DEFAULT_TOKEN, "--allow-create", "--junit", str(junit)]
    status, out, _ = run([*args, *QUICK], capsys)
    assert status == 0, out
    assert re.search(r"^all \d+ parts passed$", out, re.MULTILINE), out
    assert ET.parse(junit).getroot().get("failures") == "0"
    assert requests_served(healthy).get("create", 0) > 0


def test_read_only_unless_told(healthy: MockServer, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(["contract", "--endpoint", healthy.url, "--token", DEFAULT_TOKEN, *QUICK], capsys)
    assert status == 0, out
    assert "(read-only)" in out
    served = requests_served(healthy)
    assert [served.get(route, 0) for route in ("create", "commit", "abort")] == [0, 0, 0]


def test_read_only_runs_check_the_jobs_already_there(capsys: pytest.CaptureFixture[str]) -> None:
    with MockServer(RewritingApp(edit_jobs(completed_at_99))) as server:
        request = urllib.request.Request(
            f"{server.url}/v2/vectordb/jobs/import/create",
            data=json.dumps({"collectionName": "c", "files": [["a.parquet"]]}).encode(),
            headers={"Authorization": f"Bearer {DEFAULT_TOKEN}", "Content-Type": "application/json"},
        )
        urllib.request.urlopen(request).close()  # loopback only
        status, out, _ = run(["contract", "--endpoint", server.url, "--token", DEFAULT_TOKEN, *QUICK], capsys)
    assert status == 1
    assert "FAIL  jobs already on the server" in out
    assert "completed_job_is_whole" in out.splitlines()[-1]


def test_a_planted_server_fault_fails_with_a_report_naming_the_check(
    healthy: MockServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    healthy.app.app.faults.add(Fault("http_error", route="list", count=1_000, status=500))  # type: ignore[attr-defined]
    junit = tmp_path / "contract.xml"
    args = ["contract", "--endpoint", healthy.url, "--token", DEFAULT_TOKEN, "--junit", str(junit), *QUICK]
    status, out, _ = run(args, capsys)
    assert status == 1
    assert "FAIL  POST /v2/vectordb/jobs/import/list (positive)" in out
    assert "Server error" in out.splitlines()[-1], out.splitlines()[-1]
    assert ET.parse(junit).getroot().get("failures") != "0"


def test_a_planted_meaning_fault_is_named(capsys: pytest.CaptureFixture[str]) -> None:
    with MockServer(RewritingApp(edit_jobs(completed_at_99))) as server:
        args = ["contract", "--endpoint", server.url, "--token", DEFAULT_TOKEN, "--allow-create", *QUICK]
        status, out, _ = run(args, capsys)
    assert status == 1
    assert "completed_job_is_whole" in out.splitlines()[-1], out.splitlines()[-1]


def test_a_check_switched_off_by_name_in_schemathesis_toml(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "schemathesis.toml"
    config.write_text("[checks.completed_job_is_whole]\nenabled = false\n", encoding="utf-8")
    with MockServer(RewritingApp(edit_jobs(completed_at_99))) as server:
        args = [
            "contract",
            "--endpoint",
            server.url,
            "--token",
            DEFAULT_TOKEN,
            "--allow-create",
            "--config",
            str(config),
        ]
        status, out, _ = run([*args, *QUICK], capsys)
    assert "completed_job_is_whole" not in out
    assert status == 0, out


def test_without_schemathesis_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "schemathesis", None)
    status, out, err = run(["contract", "--endpoint", "http://127.0.0.1:9", "--token", "t"], capsys)
    assert (status, out, err) == (2, "", INSTALL_HINT + "\n")


def test_no_endpoint_is_bad_input(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.delenv("CLUSTER_ENDPOINT", raising=False)
    status, _, err = run(["contract", "--token", "t"], capsys)
    assert status == 2
    assert err.count("\n") == 1 and "no endpoint" in err


def test_the_control_plane_suite_runs_with_a_cluster_id(capsys: pytest.CaptureFixture[str]) -> None:
    with MockServer(stepped_control_plane()) as server:
        args = ["contract", "--control-plane", "--endpoint", server.url, "--token", DEFAULT_API_KEY]
        status, out, _ = run([*args, "--cluster-id", DEFAULT_CLUSTER, *QUICK], capsys)
        assert status == 0, out
        assert f"cluster {DEFAULT_CLUSTER} (read-only)" in out
        assert re.search(r"^ok  +jobs already on the server$", out, re.MULTILINE), out
    planted = RewritingApp(edit_jobs(completed_at_99), app=stepped_control_plane())
    with MockServer(planted) as broken:
        args = ["contract", "--control-plane", "--endpoint", broken.url, "--token", DEFAULT_API_KEY, "--allow-create"]
        status, out, _ = run([*args, "--cluster-id", DEFAULT_CLUSTER, *QUICK], capsys)
        assert status == 1, out
        assert "completed_job_is_whole" in out


def test_the_control_plane_needs_a_cluster_id(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CLUSTER_ID", raising=False)
    status, _, err = run(["contract", "--control-plane", "--token", DEFAULT_API_KEY], capsys)
    assert status == 2
    assert "--cluster-id" in err


@pytest.mark.parametrize(
    ("config", "message"), [("checks = [", "is not a TOML file"), ("checks = 3", "`checks` must be a table")]
)
def test_a_bad_config_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], config: str, message: str
) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(config, encoding="utf-8")
    status, out, err = run(
        ["contract", "--endpoint", "http://127.0.0.1:9", "--token", "t", "--config", str(path)], capsys
    )
    assert (status, out) == (2, "") and err.count("\n") == 1 and message in err


def test_a_junit_path_in_no_folder_is_refused_before_the_run(capsys: pytest.CaptureFixture[str]) -> None:
    args = ["contract", "--endpoint", "http://127.0.0.1:9", "--token", "t", "--junit", "/nonexistent/dir/x.xml"]
    status, out, err = run(args, capsys)
    assert (status, out) == (2, "") and "no folder /nonexistent/dir" in err


def test_the_token_is_not_sent_in_clear_to_a_remote_host(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(["contract", "--endpoint", "http://example.com", "--token", "t"], capsys)
    assert (status, out) == (2, "") and "clear text" in err


def test_the_target_hides_its_token() -> None:
    from zilliz_import.contract.endpoint import Target

    assert "s3cr3t-token" not in repr(Target("https://example.com", "s3cr3t-token"))
