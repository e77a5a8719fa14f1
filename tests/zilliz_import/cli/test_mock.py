"""`zilliz-import mock`: every option of `python -m zilliz_import.mock`, passed through to it."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

OPTION = re.compile(r"(?<![\w-])--[a-z][a-z0-9-]*")


def run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, check=False, capture_output=True, text=True, timeout=60)


@pytest.fixture(scope="module")
def command() -> str:
    found = shutil.which("zilliz-import", path=str(Path(sys.executable).parent))
    assert found, "the zilliz-import command is installed beside this Python (make setup)"
    return found


def test_help_lists_every_option_of_the_mock_launcher(command: str) -> None:
    launcher = run(sys.executable, "-m", "zilliz_import.mock", "--help")
    through_cli = run(command, "mock", "--help")
    assert launcher.returncode == 0 and through_cli.returncode == 0, through_cli.stderr
    options = set(OPTION.findall(launcher.stdout))
    assert {"--control-plane", "--release", "--standard-error-status", "--max-files", "--port"} <= options
    assert set(OPTION.findall(through_cli.stdout)) == options
    assert through_cli.stdout.startswith("usage: zilliz-import mock")


def test_bad_options_are_the_launchers_usage_error(command: str) -> None:
    done = run(command, "mock", "--release", "9.9")
    assert done.returncode == 2 and "invalid choice" in done.stderr and "Traceback" not in done.stderr


def test_mock_options_reach_the_server(command: str) -> None:
    """--control-plane and --cluster were unreachable from `zilliz-import mock` before."""
    process = subprocess.Popen(
        [command, "mock", "--port", "0", "--control-plane", "--cluster", "in01-passed"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        banner = process.stdout.readline()
        assert "control plane" in banner and "in01-passed" in banner
    finally:
        process.terminate()
        process.wait(timeout=30)
