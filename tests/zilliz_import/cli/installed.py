"""The installed `zilliz-import` command (the .venv's bin/zilliz-import), run as a user runs it."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

SETTINGS = ("CLUSTER_ENDPOINT", "TOKEN", "API_KEY", "DB_NAME", "CLOUD_PLATFORM_ENDPOINT", "CLUSTER_ID")


@dataclass(frozen=True)
class Done:
    """How a run ended: its exit code and what it printed."""

    status: int
    out: str
    err: str

    @property
    def lines(self) -> list[str]:
        """The stderr lines."""
        return self.err.splitlines()


def command() -> str:
    """The path of the installed command, beside this Python."""
    found = shutil.which("zilliz-import", path=str(Path(sys.executable).parent))
    assert found, "the zilliz-import command is installed beside this Python (make setup)"
    return found


def zilliz_import(*args: str, env: dict[str, str] | None = None, timeout: float = 120) -> Done:
    """Run the installed command with only the settings in `env` (none of the caller's)."""
    clean = {key: value for key, value in os.environ.items() if key not in SETTINGS}
    done = subprocess.run(
        [command(), *args], env={**clean, **(env or {})}, capture_output=True, text=True, timeout=timeout, check=False
    )
    return Done(done.returncode, done.stdout, done.stderr)


def closed_port() -> int:
    """A loopback port nothing listens on (free a moment ago)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


def one_line(done: Done, status: int, *words: str) -> None:
    """The run exited `status` with one `error:` line (at most three with a note and a hint) holding `words`."""
    assert done.status == status, (done.status, done.err)
    assert 1 <= len(done.lines) <= 3 and "Traceback" not in done.err, done.err
    errors = [line for line in done.lines if line.startswith("error: ")]
    assert len(errors) == 1, done.err
    assert all(word in done.err for word in words), (words, done.err)
