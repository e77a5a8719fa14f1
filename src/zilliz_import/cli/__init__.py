"""The `zilliz-import` command: a cluster's commands, `cloud` for the control plane, `contract`, `corpus`, `mock`.

Exit codes: 0 success; 1 a job failed or the server refused; 2 bad input; 3 a watch timed out;
4 a watch ended with jobs waiting at `Uncommitted` for a commit or an abort (none failed); 5 (`corpus check
--endpoint`) the endpoint could not be reached.
"""

from __future__ import annotations

import click

from zilliz_import.cli.cloud import cloud
from zilliz_import.cli.cluster import cli, seconds_or_duration
from zilliz_import.cli.mock import mock
from zilliz_import.cli.output import EXIT_FAILED, EXIT_USAGE, fail
from zilliz_import.contract.command import contract
from zilliz_import.corpus.command import corpus
from zilliz_import.errors import ApiError, ConfigurationError, InvalidArgumentError, ZillizImportError

cli.add_command(mock)
cli.add_command(contract)
cli.add_command(cloud)
cli.add_command(corpus)

__all__ = ["cli", "main", "seconds_or_duration"]


def main(argv: list[str] | None = None) -> int:
    """Entry point: one-line errors, never a traceback for bad input or a refused request."""
    try:
        cli.main(args=argv, prog_name="zilliz-import", standalone_mode=False)
    except click.exceptions.Exit as done:
        return int(done.exit_code)
    except click.ClickException as error:
        fail(error.format_message().replace("\n", " "), EXIT_USAGE)
    except click.Abort:
        fail("aborted", 130)
    except (ConfigurationError, InvalidArgumentError) as error:
        fail(str(error), EXIT_USAGE)
    except (ApiError, ZillizImportError) as error:
        fail(str(error), EXIT_FAILED)
    return 0
