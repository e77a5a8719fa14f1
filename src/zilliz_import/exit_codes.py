"""The one exit-code table of the `zilliz-import` command, below everything so that every command shares it.

The commands of both planes, `contract` and `mock` exit with these codes and `--help` prints this table;
docs/cli.md repeats it (a test holds the two equal).
"""

from __future__ import annotations

from enum import IntEnum


class Exit(IntEnum):
    """How a `zilliz-import` command ended."""

    OK = 0
    FAILED = 1
    USAGE = 2
    TIMEOUT = 3
    UNCOMMITTED = 4
    UNREACHABLE = 5


MEANINGS = {
    Exit.OK: "success",
    Exit.FAILED: "a job failed, the server refused a request, or the contract failed",
    Exit.USAGE: "bad input: a missing or malformed option, argument, file or setting",
    Exit.TIMEOUT: "a wait timed out (watch --wait)",
    Exit.UNCOMMITTED: "jobs were left at Uncommitted, waiting for a commit or an abort (none failed)",
    Exit.UNREACHABLE: (
        "could not reach or could not test: unreachable endpoint, refused credentials, "
        "wrong kind of server, TLS mismatch"
    ),
}


def exit_code_table() -> str:
    """The table as `--help` shows it: one line per code, a paragraph click keeps as written."""
    return "\b\nExit codes:\n" + "\n".join(f"  {int(code)}  {meaning}" for code, meaning in MEANINGS.items())
