"""The package's log lines in the CLI's own output: retries as one short line each, details with `-v`.

The library itself logs to a `NullHandler`; only the command attaches this handler, for its run.
"""

from __future__ import annotations

import logging

from zilliz_import.cli.output import say

PACKAGE = "zilliz_import"
FIRST_RETRY = 2  # the second attempt of a call
SHORT = 120  # a failed call's text may quote a whole HTML page; without -v a line stays short


class OneLine(logging.Handler):
    """Each record as one `note:` line on stderr: its `brief` (or a shortened message), the whole message with -v."""

    def __init__(self, verbose: bool) -> None:
        super().__init__(logging.DEBUG if verbose else logging.INFO)
        self.verbose = verbose

    def emit(self, record: logging.LogRecord) -> None:
        """Print the record; without -v, only the first retry of a call (the error line says how it ended)."""
        text = " ".join(record.getMessage().split())
        if not self.verbose and getattr(record, "retry", FIRST_RETRY) != FIRST_RETRY:
            return
        if not self.verbose:
            brief = getattr(record, "brief", None)
            text = brief if isinstance(brief, str) else (text if len(text) <= SHORT else text[: SHORT - 3] + "...")
        say(f"note: {text}")


def show_log(verbosity: int) -> None:
    """Show the package's INFO lines (retries, polls that will be tried again), and DEBUG too with -v."""
    logger = logging.getLogger(PACKAGE)
    verbose = verbosity > 0 or any(isinstance(h, OneLine) and h.verbose for h in logger.handlers)  # `-v cloud ...`
    stop_showing_log()
    logger.addHandler(OneLine(verbose=verbose))
    logger.setLevel(logging.DEBUG if verbose else logging.INFO)


def stop_showing_log() -> None:
    """Detach the handler again (a command run in-process leaves the library quiet afterwards)."""
    logger = logging.getLogger(PACKAGE)
    for handler in [h for h in logger.handlers if isinstance(h, OneLine)]:
        logger.removeHandler(handler)
    logger.setLevel(logging.NOTSET)
