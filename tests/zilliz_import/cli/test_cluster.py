"""The `zilliz-import` command: each subcommand, its output and its exit code."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from zilliz_import.cli import main, seconds_or_duration
from zilliz_import.cli.output import watch_status
from zilliz_import.following.progress import Ending
from zilliz_import.mock import MockApp, MockServer


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """Run the CLI in-process; returns (exit status, stdout, stderr)."""
    try:
        status = main(args)
    except SystemExit as done:
        status = int(done.code or 0)
    out, err = capsys.readouterr()
    return status, out, err


def test_create_then_progress_as_table_and_json(env: MockServer, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(
        ["create", "quick_setup", "a/1.parquet", "b/1.npy,b/2.npy", "--option", "timeout=300s"], capsys
    )
    job_id = out.strip()
    assert status == 0 and job_id.isdigit()
    status, out, _ = run(["progress", job_id], capsys)
    assert status == 0 and f"import job {job_id}" in out and "[a/1.parquet]" in out and "[b/1.npy b/2.npy]" in out
    status, out, _ = run(["progress", job_id, "--json"], capsys)
    assert status == 0 and json.loads(out)["jobId"] == job_id


def test_list_as_table_and_json(env: MockServer, capsys: pytest.CaptureFixture[str]) -> None:
    run(["create", "c1", "a.parquet"], capsys)
    run(["create", "c2", "b.parquet"], capsys)
    status, out, _ = run(["list", "--collection", "c2", "--json"], capsys)
    assert status == 0 and [r["collectionName"] for r in json.loads(out)] == ["c2"]
    status, out, _ = run(["list"], capsys)
    assert status == 0 and "c1" in out and "c2" in out


def test_watch_exits_0_when_all_complete(env: MockServer, capsys: pytest.CaptureFixture[str]) -> None:
    ids = [run(["create", "c", f"f{i}.parquet"], capsys)[1].strip() for i in range(3)]
    status, out, _ = run(["watch", *ids], capsys)
    assert status == 0 and "3 of 3 jobs completed" in out
    assert all(re.search(rf"job {i}: Completed 100%", out) for i in ids), out


def test_watch_exits_1_when_any_failed_and_shows_the_reason(
    env: MockServer, capsys: pytest.CaptureFixture[str]
) -> None:
    good = run(["create", "c", "ok.parquet"], capsys)[1].strip()
    bad = run(["create", "c", "x/fail.parquet"], capsys)[1].strip()
    status, out, err = run(["watch", good, bad], capsys)
    reason = run(["progress", bad, "--json"], capsys)[1]
    reason_text = json.loads(reason)["reason"]
    assert status == 1 and "1 of 2 jobs completed" in out and f"job {bad} Failed: {reason_text}" in err
    assert re.search(rf"job {bad}: Failed \({re.escape(reason_text)}\)", out), out


def test_progress_shows_a_failed_jobs_reason(env: MockServer, capsys: pytest.CaptureFixture[str]) -> None:
    bad = run(["create", "c", "x/fail.parquet"], capsys)[1].strip()
    run(["watch", bad], capsys)
    reason = json.loads(run(["progress", bad, "--json"], capsys)[1])["reason"]
    status, out, _ = run(["progress", bad], capsys)
    assert status == 0 and reason and f"Failed ({reason})" in " ".join(out.split())


@pytest.mark.parametrize(
    ("ends", "expected"),
    [
        ([Ending.COMPLETED, Ending.COMPLETED], 0),
        ([Ending.COMPLETED, Ending.UNCOMMITTED], 4),
        ([Ending.UNCOMMITTED, Ending.FAILED], 1),
        ([Ending.FAILED], 1),
    ],
)
def test_watch_status_puts_failures_before_jobs_waiting_for_a_commit(ends: list[Ending], expected: int) -> None:
    assert watch_status(list(ends)) == expected


def test_watch_exits_4_when_jobs_wait_for_a_commit(env: MockServer, capsys: pytest.CaptureFixture[str]) -> None:
    two_phase = run(["create", "c", "a.parquet", "--no-auto-commit", "--import-timeout", "90"], capsys)[1].strip()
    done = run(["create", "c", "b.parquet", "--import-timeout", "1.5h"], capsys)[1].strip()
    status, out, err = run(["watch", two_phase, done], capsys)
    assert status == 4 and "1 of 2 jobs completed" in out
    assert f"waiting for a commit or an abort: {two_phase}" in err
    assert f"job {two_phase}: Uncommitted (waiting for a commit or an abort) 99%" in out


def test_commit_and_abort_after_a_two_phase_watch(env: MockServer, capsys: pytest.CaptureFixture[str]) -> None:
    first, second = (run(["create", "c", f"{n}.parquet", "--no-auto-commit"], capsys)[1].strip() for n in "ab")
    assert run(["watch", first, second], capsys)[0] == 4
    status, out, _ = run(["commit", first], capsys)
    assert status == 0 and out == f"commit {first}: done\n"
    status, out, _ = run(["abort", second], capsys)
    assert status == 0 and out == f"abort {second}: done\n"
    status, out, err = run(["watch", first, second], capsys)
    assert status == 1 and "1 of 2 jobs completed" in out and f"job {second} Failed" in err


def test_commit_goes_on_after_a_refusal_and_exits_1(env: MockServer, capsys: pytest.CaptureFixture[str]) -> None:
    job = run(["create", "c", "a.parquet", "--no-auto-commit"], capsys)[1].strip()
    run(["watch", job], capsys)
    status, out, err = run(["commit", "12345", job], capsys)
    assert status == 1 and f"commit {job}: done" in out
    assert "job 12345: commit: HTTP 200 code 2100:" in err and "(no job has this ID)" in err and err.count("\n") == 1


@pytest.mark.parametrize(("given", "sent"), [("90", "90s"), ("2.5", "2.5s"), ("1.5h", "1.5h"), (None, None)])
def test_import_timeout_is_seconds_or_a_go_duration(given: str | None, sent: str | None) -> None:
    assert seconds_or_duration(given) == sent


def test_watch_exits_3_on_timeout(env: MockServer, capsys: pytest.CaptureFixture[str]) -> None:
    stuck = run(["create", "c", "stall.json"], capsys)[1].strip()
    status, _, err = run(["watch", stuck, "--wait", "0.5"], capsys)
    assert status == 3 and stuck in err and err.count("\n") == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["progress", "abc"], "job id must be a decimal integer"),
        (["--token", "", "progress", "1"], "no token"),
        (["--endpoint", "http://exa mple", "progress", "1"], "malformed endpoint"),
        (["--endpoint", "http://example.com", "progress", "1"], "clear text"),
        (["create", "c"], "Missing argument"),
        (["create", "c", "a", "--option", "novalue"], "KEY=VALUE"),
        (["create", "c", "a", "--import-timeout", "soon"], "option timeout must be a positive Go duration"),
        (["create", "c", "a", "--import-timeout", "0"], "option timeout must be a positive Go duration"),
        (["create", "c", "a", "--option", "auto_commit=nope"], "option auto_commit must be true or false"),
        (["create", "c", "a", "--no-auto-commit", "--option", "auto_commit=true"], "option auto_commit given twice"),
        (["watch"], "Missing argument"),
        (["commit"], "Missing argument"),
        (["abort", "job-1"], "job id must be a decimal integer"),
        (["frobnicate"], "No such command"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    env: MockServer, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    status, _, err = run(args, capsys)
    assert status == 2 and message in err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_no_endpoint_is_bad_input(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.delenv("CLUSTER_ENDPOINT", raising=False)
    monkeypatch.setenv("TOKEN", "root:Milvus")
    status, _, err = run(["list"], capsys)
    assert status == 2 and "no endpoint" in err


def test_server_refusals_exit_1_and_refused_credentials_5(env: MockServer, capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(["progress", "12345"], capsys)
    assert status == 1 and "import job does not exist" in err and err.count("\n") == 1
    status, _, err = run(["--token", "root:nope", "list"], capsys)
    assert status == 5 and "HTTP 401" in err and "nope" not in err and "hint: " in err


def test_module_entry_point_and_mock_command(mock_app: MockApp) -> None:
    helped = subprocess.run(
        [sys.executable, "-m", "zilliz_import", "--help"], capture_output=True, text=True, check=False
    )
    assert helped.returncode == 0 and "watch" in helped.stdout
    served = subprocess.Popen(
        [sys.executable, "-m", "zilliz_import", "mock", "--port", "0", "--job-seconds", "0.1"],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert served.stdout is not None
        assert "mock import-jobs API on http://127.0.0.1:" in served.stdout.readline()
    finally:
        served.terminate()
        served.wait(timeout=10)


def test_create_refused_for_a_file_type_names_the_unit_in_one_line(
    env: MockServer, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run(["create", "c", "ok.parquet", "a.parquet,b.parquet"], capsys)
    assert (status, out) == (1, "")
    assert err.count("\n") == 1 and err.startswith("error: create: HTTP 200 code 2100: ")
    assert "the server cannot read file unit ['a.parquet', 'b.parquet']: " in err


def test_commit_and_abort_refusals_are_explained_in_one_line_each(
    env: MockServer, capsys: pytest.CaptureFixture[str]
) -> None:
    auto = run(["create", "c", "a.parquet"], capsys)[1].strip()
    two_phase = run(["create", "c", "b.parquet", "--no-auto-commit"], capsys)[1].strip()
    assert run(["watch", auto, two_phase], capsys)[0] == 4
    assert run(["commit", two_phase], capsys)[0] == 0
    run(["watch", two_phase, "--through-uncommitted"], capsys)
    status, out, err = run(["commit", auto], capsys)
    assert (status, out) == (1, "") and err.count("\n") == 1
    assert f"job {auto}: commit: HTTP 200 code 2100: import job {auto} is Completed, not Uncommitted" in err
    assert "--no-auto-commit" in err
    status, out, err = run(["abort", two_phase], capsys)
    assert (status, out) == (1, "") and err.count("\n") == 1
    assert f"import job {two_phase} already ended Completed: too late to abort" in err
