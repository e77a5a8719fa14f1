"""The `zilliz-import` command: progress, watch, list, create, commit, abort and mock.

Exit codes: 0 success; 1 a job failed or the server refused; 2 bad input; 3 a watch timed out;
4 a watch ended with jobs waiting at `Uncommitted` for a commit or an abort (none failed).
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Callable
from typing import Any, NoReturn

import click
from rich.console import Console

from zilliz_import.contract.command import contract
from zilliz_import.display import as_json, display_for, jobs_table, progress_table, reason_text
from zilliz_import.errors import (
    ApiError,
    ConfigurationError,
    InvalidArgumentError,
    WaitManyTimeoutError,
    ZillizImportError,
)
from zilliz_import.jobs_async import AsyncImportJobs
from zilliz_import.jobs_base import job_id_text
from zilliz_import.jobs_sync import ImportJobs
from zilliz_import.options import CreateOptions, duration_text
from zilliz_import.settings import DEFAULT_TIMEOUT, ENV_DB, ENV_ENDPOINT, ENV_TOKEN
from zilliz_import.waiting import Ending, ending

EXIT_FAILED, EXIT_USAGE, EXIT_TIMEOUT, EXIT_UNCOMMITTED = 1, 2, 3, 4
PIPE_WIDTH = 160  # rich assumes 80 columns when not on a terminal, which truncates file names
console = Console(highlight=False, width=None if sys.stdout.isatty() else PIPE_WIDTH)
errors = Console(stderr=True, highlight=False)


def fail(message: str, status: int) -> NoReturn:
    """Print one line to stderr and exit."""
    errors.print(f"error: {message}", markup=False, soft_wrap=True)
    sys.exit(status)


def settings_of(ctx: click.Context) -> dict[str, Any]:
    """The global options, as keyword arguments of the facades."""
    options: dict[str, Any] = ctx.obj
    if not options["endpoint"]:
        raise ConfigurationError(f"no endpoint: pass --endpoint or set {ENV_ENDPOINT}")
    return options


def job_ids(ctx: click.Context, param: click.Parameter, values: Any) -> Any:
    """Check job IDs at parse time, so a typo is a usage error, not a server round trip."""
    try:
        return tuple(job_id_text(v) for v in values) if isinstance(values, tuple) else job_id_text(values)
    except InvalidArgumentError as error:
        raise click.BadParameter(str(error)) from None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--endpoint", envvar=ENV_ENDPOINT, help=f"Cluster endpoint URL [env {ENV_ENDPOINT}].")
@click.option("--token", envvar=ENV_TOKEN, help=f"API key or username:password [env {ENV_TOKEN}].")
@click.option("--db", "db_name", envvar=ENV_DB, help=f"Database name [env {ENV_DB}].")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=DEFAULT_TIMEOUT, show_default=True,
              help="Seconds one request may take.")  # fmt: skip
@click.option("--allow-insecure-http", is_flag=True, help="Allow sending the token over http:// to a remote host.")
@click.pass_context
def cli(  # noqa: PLR0917 - click passes one argument per global option
    ctx: click.Context,
    endpoint: str | None,
    token: str | None,
    db_name: str | None,
    timeout: float,
    allow_insecure_http: bool,
) -> None:
    """Follow and start bulk-import jobs of Milvus / Zilliz Cloud."""
    ctx.obj = {
        "endpoint": endpoint or "",
        "token": token or "",
        "db_name": db_name or None,
        "timeout": timeout,
        "allow_insecure_http": allow_insecure_http,
    }


@cli.command()
@click.argument("job_id", callback=job_ids)
@click.option("--json", "as_json_output", is_flag=True, help="Print the raw progress as JSON.")
@click.pass_context
def progress(ctx: click.Context, job_id: str, as_json_output: bool) -> None:
    """Show a job's progress, per file."""
    with ImportJobs(**settings_of(ctx)) as jobs:
        data = jobs.get_progress(job_id)
    console.print_json(as_json(data)) if as_json_output else console.print(progress_table(data))


@cli.command(name="list")
@click.option("--collection", help="Only jobs of this collection.")
@click.option("--json", "as_json_output", is_flag=True, help="Print the jobs as JSON.")
@click.pass_context
def list_jobs(ctx: click.Context, collection: str | None, as_json_output: bool) -> None:
    """List the import jobs of the database."""
    with ImportJobs(**settings_of(ctx)) as jobs:
        records = jobs.list(collection_name=collection)
    console.print_json(as_json(records)) if as_json_output else console.print(jobs_table(records))


@cli.command()
@click.argument("collection")
@click.argument("files", nargs=-1, required=True)
@click.option("--partition", help="Partition to import into.")
@click.option("--option", "options", multiple=True, metavar="KEY=VALUE", help="Import option; repeatable.")
@click.option("--no-auto-commit", is_flag=True, help="Two-phase import: stop at Uncommitted until commit or abort.")
@click.option(
    "--import-timeout", metavar="DURATION", help="How long the import may run: seconds or a Go duration (1.5h)."
)
@click.pass_context
def create(  # noqa: PLR0917 - click passes one argument per option
    ctx: click.Context,
    collection: str,
    files: tuple[str, ...],
    partition: str | None,
    options: Any,
    no_auto_commit: bool,
    import_timeout: str | None,
) -> None:
    """Start an import job of FILES into COLLECTION; prints the job ID.

    Each FILE is one unit; join the column files of one unit with commas (a.npy,b.npy).
    """
    pairs = [option.partition("=") for option in options]
    if any(not sep or not key for key, sep, _ in pairs):
        raise click.BadParameter("options take the form KEY=VALUE", param_hint="--option")
    typed = CreateOptions(
        timeout=seconds_or_duration(import_timeout),
        auto_commit=False if no_auto_commit else None,
        extra={k: v for k, _, v in pairs},
    )
    units = [[path for path in unit.split(",") if path] for unit in files]
    with ImportJobs(**settings_of(ctx)) as jobs:
        created = jobs.create(collection, units, partition_name=partition, options=typed)
    console.print(created.job_id)


def seconds_or_duration(text: str | None) -> str | None:
    """`--import-timeout`: a number of seconds becomes a Go duration; anything else is checked as one."""
    if text is None:
        return None
    try:
        return duration_text(float(text))
    except ValueError:
        return text


@cli.command()
@click.argument("job_id_list", metavar="JOB_ID...", nargs=-1, required=True, callback=job_ids)
@click.option("--wait", "deadline", type=click.FloatRange(min=0.1), default=3600, show_default=True,
              help="Seconds to wait for all jobs.")  # fmt: skip
@click.option("--through-uncommitted", is_flag=True, help="Keep waiting at Uncommitted (another process commits).")
@click.option("--max-rps", type=click.FloatRange(min=0.01), help="At most this many requests per second.")
@click.pass_context
def watch(
    ctx: click.Context, job_id_list: tuple[str, ...], deadline: float, through_uncommitted: bool, max_rps: float | None
) -> None:
    """Watch jobs until they end: exit 0 if all completed, 1 if any failed, 3 on timeout, 4 if any wait for a commit.

    Several jobs are followed with one list per collection per tick and one describe per job at its end.
    """
    display = display_for(console)
    follow = {"timeout": deadline, "through_uncommitted": through_uncommitted, "max_requests_per_second": max_rps}
    try:
        with display:
            finals = asyncio.run(_watch(settings_of(ctx), job_id_list, display.update, follow))
    except WaitManyTimeoutError as error:
        fail(f"{error}: {', '.join(error.unfinished)}", EXIT_TIMEOUT)
    ends = {job: ending(p) for job, p in finals.items()}
    for job, data in finals.items():
        if ends[job] is Ending.FAILED:
            errors.print(f"job {job} Failed: {reason_text(data)}", markup=False, soft_wrap=True)
    waiting = [job for job, end in ends.items() if end is Ending.UNCOMMITTED]
    if waiting:
        errors.print(f"waiting for a commit or an abort: {' '.join(waiting)}", markup=False, soft_wrap=True)
    completed = sum(1 for end in ends.values() if end is Ending.COMPLETED)
    console.print(f"{completed} of {len(finals)} jobs completed")
    sys.exit(watch_status(list(ends.values())))


def watch_status(ends: list[Ending | None]) -> int:
    """The exit status of a watch: a failure wins over jobs waiting for a commit."""
    if any(end is not Ending.COMPLETED and end is not Ending.UNCOMMITTED for end in ends):
        return EXIT_FAILED
    return EXIT_UNCOMMITTED if Ending.UNCOMMITTED in ends else 0


async def _watch(
    settings: dict[str, Any], ids: tuple[str, ...], on_event: Callable[..., Any], follow: dict[str, Any]
) -> Any:
    async with AsyncImportJobs(**settings) as jobs:
        return await jobs.wait_many(ids, on_progress=on_event, **follow)


@cli.command()
@click.argument("job_id_list", metavar="JOB_ID...", nargs=-1, required=True, callback=job_ids)
@click.pass_context
def commit(ctx: click.Context, job_id_list: tuple[str, ...]) -> None:
    """Commit two-phase jobs waiting at Uncommitted (newest servers); exit 1 if any could not be."""
    act(ctx, "commit", job_id_list)


@cli.command()
@click.argument("job_id_list", metavar="JOB_ID...", nargs=-1, required=True, callback=job_ids)
@click.pass_context
def abort(ctx: click.Context, job_id_list: tuple[str, ...]) -> None:
    """Abort jobs that have not completed (newest servers); exit 1 if any could not be."""
    act(ctx, "abort", job_id_list)


def act(ctx: click.Context, action: str, ids: tuple[str, ...]) -> None:
    """Commit or abort every job, going on after a refusal; one line per job, exit 1 if any was refused."""
    refused = 0
    with ImportJobs(**settings_of(ctx)) as jobs:
        for job_id in ids:
            try:
                getattr(jobs, action)(job_id)
            except ApiError as error:
                refused += 1
                errors.print(f"job {job_id}: {error}", markup=False, soft_wrap=True)
            else:
                console.print(f"{action} {job_id}: done")
    if refused:
        sys.exit(EXIT_FAILED)


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", type=click.IntRange(0, 65535), default=19530, show_default=True)
@click.option("--seed", type=int, default=0, show_default=True)
@click.option("--job-seconds", type=click.FloatRange(min=0.001), default=3.0, show_default=True)
def mock(host: str, port: int, seed: int, job_seconds: float) -> None:
    """Serve the mock import-jobs API until interrupted."""
    from zilliz_import.mock.__main__ import main as serve_mock  # noqa: PLC0415 - only this command needs uvicorn

    args = ["--host", host, "--port", str(port), "--seed", str(seed), "--job-seconds", str(job_seconds)]
    sys.exit(serve_mock(args))


cli.add_command(contract)


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
    except ApiError as error:
        fail(str(error), EXIT_FAILED)
    except ZillizImportError as error:
        fail(str(error), EXIT_FAILED)
    return 0
