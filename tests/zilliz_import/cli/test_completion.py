"""`zilliz-import completion SHELL` prints a script that completes the command's own words."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

COMMAND = str(Path(sys.executable).parent / "zilliz-import")


@pytest.mark.parametrize(
    ("shell", "marker"),
    [("bash", "complete -o"), ("zsh", "compdef"), ("fish", "complete --no-files --command zilliz-import")],
)
def test_a_script_for_each_shell(shell: str, marker: str) -> None:
    done = subprocess.run([COMMAND, "completion", shell], check=False, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and marker in done.stdout and "_ZILLIZ_IMPORT_COMPLETE" in done.stdout


def test_the_completion_it_installs_answers_with_commands() -> None:
    env = {"_ZILLIZ_IMPORT_COMPLETE": "bash_complete", "COMP_WORDS": "zilliz-import con", "COMP_CWORD": "1"}
    done = subprocess.run([COMMAND], check=False, capture_output=True, text=True, timeout=60, env=env)
    assert "contract" in done.stdout and "config" in done.stdout


def test_an_unknown_shell_is_a_usage_error() -> None:
    done = subprocess.run([COMMAND, "completion", "tcsh"], check=False, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "tcsh" in done.stderr
