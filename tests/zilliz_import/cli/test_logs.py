"""Retries: the library keeps quiet unless its application asks; the CLI shows them itself, details with -v."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.zilliz_import.cli.installed import zilliz_import
from zilliz_import.mock import DEFAULT_TOKEN, MockApp, MockServer
from zilliz_import.mock.faults import Fault

SCRIPT = f"""
import logging, sys
from zilliz_import import ImportJobs, RetryPolicy
if sys.argv[2] == "configured":
    logging.basicConfig(level=logging.INFO)
with ImportJobs(sys.argv[1], "{DEFAULT_TOKEN}", retry=RetryPolicy(initial_delay=0.01, jitter=0)) as jobs:
    print(len(jobs.list()))
"""


def failing_twice(app: MockApp) -> None:
    app.faults.add(Fault("http_error", route="list", count=2, status=503))


@pytest.mark.parametrize("logging_set_up", [False, True])
def test_a_script_that_configures_no_logging_hears_nothing_of_retries(
    mock_app: MockApp, mock_server: MockServer, logging_set_up: bool
) -> None:
    failing_twice(mock_app)
    how = "configured" if logging_set_up else "silent"
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, mock_server.url, how], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0 and done.stdout.strip() == "0", done.stderr
    if logging_set_up:  # control: the retries are logged, and reach an application that asks for them
        assert done.stderr.count("list failed, trying again") == 2, done.stderr
    else:
        assert done.stderr == ""


def test_the_cli_shows_a_retry_in_one_short_line(mock_app: MockApp, mock_server: MockServer) -> None:
    failing_twice(mock_app)
    done = zilliz_import("--endpoint", mock_server.url, "list", env={"TOKEN": DEFAULT_TOKEN})
    assert done.status == 0, done.err
    assert len(done.lines) == 1 and done.lines[0].startswith("note: list failed, trying again in "), done.err
    assert "<html>" not in done.err and "(attempt 2 of 4)" in done.err


def test_verbose_shows_every_retry_with_its_error(mock_app: MockApp, mock_server: MockServer) -> None:
    failing_twice(mock_app)
    done = zilliz_import("-v", "--endpoint", mock_server.url, "list", env={"TOKEN": DEFAULT_TOKEN})
    retries = [line for line in done.lines if "trying again" in line]
    assert done.status == 0 and len(retries) == 2, done.err
    assert all("HTTP 503" in line for line in retries) and "note: calling list" in done.err


def test_a_command_run_in_process_leaves_the_library_quiet(
    mock_server: MockServer, capsys: pytest.CaptureFixture[str]
) -> None:
    import logging

    from zilliz_import.cli import main

    main(["--endpoint", mock_server.url, "--token", DEFAULT_TOKEN, "list"])
    assert [type(h).__name__ for h in logging.getLogger("zilliz_import").handlers] == ["NullHandler"]
