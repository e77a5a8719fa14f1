"""The `zilliz-import` command: a cluster's commands, `cloud` for the control plane, `contract`, `corpus`, `mock`.

Every command exits with a code of the one table in `zilliz_import.exit_codes`, which `--help` shows.
"""

from __future__ import annotations

import click

from zilliz_import.cli.cloud import cloud
from zilliz_import.cli.cluster import cli, seconds_or_duration
from zilliz_import.cli.completion import completion
from zilliz_import.cli.config import config
from zilliz_import.cli.failures import hint_for, status_of
from zilliz_import.cli.logs import stop_showing_log
from zilliz_import.cli.mock import mock
from zilliz_import.cli.output import EXIT_USAGE, fail
from zilliz_import.contract.command import contract
from zilliz_import.corpus.command import corpus
from zilliz_import.errors import ZillizImportError

cli.add_command(config)
cli.add_command(completion)
cli.add_command(mock)
cli.add_command(contract)
cli.add_command(cloud)
cli.add_command(corpus)

__all__ = ["cli", "main", "seconds_or_duration"]
INTERRUPTED = 130  # the shell's code for a process ended by Ctrl-C (128 + SIGINT)


def main(argv: list[str] | None = None) -> int:
    """Entry point: one-line errors, never a traceback for bad input or a refused request."""
    try:
        cli.main(args=argv, prog_name="zilliz-import", standalone_mode=False)
    except click.exceptions.Exit as done:
        return int(done.exit_code)
    except click.ClickException as error:
        fail(error.format_message().replace("\n", " "), EXIT_USAGE)
    except click.Abort:
        fail("aborted", INTERRUPTED)
    except ZillizImportError as error:
        fail(str(error), status_of(error), hint_for(error))
    finally:
        stop_showing_log()
    return 0
