"""What the commands of both planes share: job-ID checks, file units, and the bodies of progress, list and watch.

A plane's command passes what differs (its facade, its job-ID rule, its follow options); the rest is here once.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable, Sequence
from typing import Any, NoReturn, TypeVar

import click

from zilliz_import._core.settings import DEFAULT_TIMEOUT
from zilliz_import.cli.display import QuietDisplay, display_for, jobs_table, progress_table
from zilliz_import.cli.formats import Output, render, table
from zilliz_import.cli.output import EXIT_TIMEOUT, console, fail, finish_watch
from zilliz_import.errors import InvalidArgumentError, WaitManyTimeoutError

JobIdRule = Callable[[Any], str]
F = TypeVar("F", bound=Callable[..., Any])
# Commands taking job IDs let click pass what looks like an option through, so that `progress -5` is a
# job ID that `checked_ids` refuses as one (a negative number), not an unknown option `-5`.
JOB_ID_ARGS = {"ignore_unknown_options": True}
NEGATIVE = re.compile(r"-[0-9]+")


def transport_options(secret: str) -> Callable[[F], F]:
    """The options of every plane's group that concern the connection and output: `--timeout`, `-v`, ..."""

    def decorate(group: F) -> F:
        group = click.option(
            "-v", "--verbose", count=True, help="Show details of retries and of every request on stderr."
        )(group)
        group = click.option(
            "--allow-insecure-http", is_flag=True, help=f"Allow sending the {secret} over http:// to a remote host."
        )(group)
        return click.option(
            "--timeout", type=click.FloatRange(min=0.1), default=DEFAULT_TIMEOUT, show_default=True,
            help="Seconds one request may take.",
        )(group)  # fmt: skip

    return decorate


def checked_ids(rule: JobIdRule) -> Callable[[click.Context, click.Parameter, Any], Any]:
    """A click callback checking job IDs with a plane's rule at parse time: a typo is a usage error."""

    def check(ctx: click.Context, param: click.Parameter, values: Any) -> Any:
        for value in values if isinstance(values, tuple) else (values,):
            if isinstance(value, str) and value.startswith("-") and not NEGATIVE.fullmatch(value):
                raise click.NoSuchOption(value, ctx=ctx)  # an option click let through (JOB_ID_ARGS)
        try:
            return tuple(rule(v) for v in values) if isinstance(values, tuple) else rule(values)
        except InvalidArgumentError as error:
            raise click.BadParameter(str(error)) from None

    return check


def file_units(files: Sequence[str]) -> list[list[str]]:
    """FILES as units: each argument one unit, the column files of one unit joined by commas."""
    return [[path for path in unit.split(",") if path] for unit in files]


def emit(data: Any, output: Output, own_table: Callable[[Any], Any] | None = None) -> None:
    """Data in the output asked for: the command's own table by default, else the chosen format."""
    if output.format != "table":
        click.echo(render(data, output))
    elif own_table is not None and output.query is None:
        console.print(own_table(data))
    else:
        console.print(table(data, output))


def show_progress(data: Any, output: Output) -> None:
    """One job's progress: a table per file, or the answer in the chosen format."""
    emit(data, output, progress_table)


def show_jobs(records: list[Any], output: Output, where: str) -> None:
    """A listing: a table, or the records in the chosen format; a line saying so when there is nothing to list."""
    if not records and not output.custom:
        console.print(f"no import jobs {where}", markup=False)
    else:
        emit(records, output, jobs_table)


def watch_jobs(
    open_facade: Callable[[], Any], ids: tuple[str, ...], follow: dict[str, Any], output: Output
) -> NoReturn:
    """Follow `ids` with an async facade's `wait_many` on a live display, then report and exit.

    With an output format or query, nothing is shown while following and the final answers are
    printed in that format at the end. Exits 0 if all completed, 1 if any failed, 3 on timeout, 4 if
    any wait for a commit.
    """
    display = QuietDisplay() if output.custom else display_for(console)

    async def wait_for_all() -> Any:
        async with open_facade() as jobs:
            return await jobs.wait_many(ids, on_progress=display.update, **follow)

    try:
        with display:
            finals = asyncio.run(wait_for_all())
    except WaitManyTimeoutError as error:
        fail(f"{error}: {', '.join(error.unfinished)}", EXIT_TIMEOUT)
    if output.custom:
        emit(list(finals.values()), output)
    finish_watch(finals, count=not output.custom)
