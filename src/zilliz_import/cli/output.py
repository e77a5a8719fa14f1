"""What every `zilliz-import` command group shares: its consoles, one-line failures and a watch's outcome."""

from __future__ import annotations

import sys
from collections.abc import Mapping
from typing import Any, NoReturn

from rich.console import Console

from zilliz_import.cli.display import reason_text
from zilliz_import.exit_codes import Exit
from zilliz_import.following.progress import Ending, ending

EXIT_FAILED, EXIT_USAGE, EXIT_TIMEOUT, EXIT_UNCOMMITTED = Exit.FAILED, Exit.USAGE, Exit.TIMEOUT, Exit.UNCOMMITTED
EXIT_UNREACHABLE = Exit.UNREACHABLE
PIPE_WIDTH = 160  # rich assumes 80 columns when not on a terminal, which truncates file names
console = Console(highlight=False, width=None if sys.stdout.isatty() else PIPE_WIDTH)
errors = Console(stderr=True, highlight=False)


def say(line: str) -> None:
    """One line on stderr, as written (no markup, no wrapping)."""
    errors.print(line, markup=False, soft_wrap=True)


def fail(message: str, status: int, hint: str | None = None) -> NoReturn:
    """Print one line to stderr (and a hint on a second) and exit."""
    say(f"error: {message}")
    if hint:
        say(f"hint: {hint}")
    sys.exit(status)


def watch_status(ends: list[Ending | None]) -> int:
    """The exit status of a watch: a failure wins over jobs waiting for a commit."""
    if any(end is not Ending.COMPLETED and end is not Ending.UNCOMMITTED for end in ends):
        return EXIT_FAILED
    return EXIT_UNCOMMITTED if Ending.UNCOMMITTED in ends else 0


def finish_watch(finals: Mapping[str, Any], *, count: bool = True) -> NoReturn:
    """Report the end of a watch (failures and jobs awaiting a commit on stderr, a count on stdout) and exit."""
    ends = {job: ending(p) for job, p in finals.items()}
    for job, data in finals.items():
        if ends[job] is Ending.FAILED:
            say(f"job {job} Failed: {reason_text(data)}")
    waiting = [job for job, end in ends.items() if end is Ending.UNCOMMITTED]
    if waiting:
        say(f"waiting for a commit or an abort: {' '.join(waiting)}")
    completed = sum(1 for end in ends.values() if end is Ending.COMPLETED)
    if count:
        console.print(f"{completed} of {len(finals)} jobs completed")
    sys.exit(watch_status(list(ends.values())))
