"""`zilliz-import mock`: the mock's own launcher, every option of `python -m zilliz_import.mock` passed through."""

from __future__ import annotations

import sys

import click

PASS_THROUGH = {"ignore_unknown_options": True, "allow_extra_args": True, "help_option_names": []}


@click.command(context_settings=PASS_THROUGH, add_help_option=False)
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def mock(args: tuple[str, ...]) -> None:
    """Serve the mock import-jobs API until interrupted (`zilliz-import mock --help` lists its options)."""
    from zilliz_import.mock.launcher import main as serve_mock  # noqa: PLC0415 - only this command needs uvicorn

    sys.exit(serve_mock(list(args), prog="zilliz-import mock"))
