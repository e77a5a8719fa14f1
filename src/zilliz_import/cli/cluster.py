"""The cluster's commands: the root group (a cluster endpoint), progress, list, create, watch, commit, abort."""

from __future__ import annotations

import sys
from typing import Any

import click

from zilliz_import._core.environment import ENV_DB, ENV_ENDPOINT, ENV_TOKEN
from zilliz_import.cli import given
from zilliz_import.cli.bodies import (
    JOB_ID_ARGS,
    checked_ids,
    emit,
    file_units,
    show_jobs,
    show_progress,
    transport_options,
    watch_jobs,
)
from zilliz_import.cli.failures import status_of
from zilliz_import.cli.formats import Output, with_output
from zilliz_import.cli.logs import show_log
from zilliz_import.cli.output import console, say
from zilliz_import.cli.profiles import profile_option
from zilliz_import.errors import ApiError
from zilliz_import.exit_codes import Exit, exit_code_table
from zilliz_import.planes.cluster import MAX_JOB_ID, job_id_text
from zilliz_import.planes.cluster_options import CreateOptions, duration_text
from zilliz_import.resources.import_jobs import AsyncImportJobs, ImportJobs

job_ids = checked_ids(job_id_text)
OPTIONS = {"endpoint": ("--endpoint", (ENV_ENDPOINT,)), "token": ("--token", (ENV_TOKEN,))}
JOB_ID_HELP = f"JOB_ID is a cluster's job ID: decimal digits, an int64 (at most {MAX_JOB_ID})."


def settings_of(ctx: click.Context) -> dict[str, Any]:
    """The global options, as keyword arguments of the facades, checked and named as the user gave them."""
    options: dict[str, Any] = ctx.obj
    given.checked(options, OPTIONS, "token")
    return options


@click.group(context_settings={"help_option_names": ["-h", "--help"]}, epilog=exit_code_table())
@profile_option
@click.option("--endpoint", envvar=ENV_ENDPOINT, help=f"Cluster endpoint URL [env {ENV_ENDPOINT}].")
@click.option("--token", envvar=ENV_TOKEN, help=f"API key or username:password [env {ENV_TOKEN}].")
@click.option("--db", "db_name", envvar=ENV_DB, help=f"Database name [env {ENV_DB}].")
@transport_options("token")
@click.pass_context
def cli(  # noqa: PLR0917 - click passes one argument per global option
    ctx: click.Context,
    endpoint: str | None,
    token: str | None,
    db_name: str | None,
    timeout: float,
    allow_insecure_http: bool,
    verbose: int,
) -> None:
    """Follow and start bulk-import jobs of Milvus / Zilliz Cloud.

    An endpoint without a scheme means https:// (host:port is https://host:port); pass http://... for plain http.
    """
    given.remember(ctx, OPTIONS)
    show_log(verbose)
    ctx.obj = {
        "endpoint": endpoint or "",
        "token": token or "",
        "db_name": db_name or None,
        "timeout": timeout,
        "allow_insecure_http": allow_insecure_http,
    }


@cli.command(context_settings=JOB_ID_ARGS, epilog=JOB_ID_HELP)
@click.argument("job_id", callback=job_ids)
@with_output
@click.pass_context
def progress(ctx: click.Context, job_id: str, output: Output) -> None:
    """Show a job's progress, per file."""
    with ImportJobs(**settings_of(ctx)) as jobs:
        data = jobs.get_progress(job_id)
    show_progress(data, output)


@cli.command(name="list")
@click.option("--collection", help="Only jobs of this collection.")
@with_output
@click.pass_context
def list_jobs(ctx: click.Context, collection: str | None, output: Output) -> None:
    """List the import jobs of the database."""
    with ImportJobs(**settings_of(ctx)) as jobs:
        records = jobs.list(collection_name=collection)
    show_jobs(records, output, f"in collection {collection}" if collection else "on this server")


@cli.command()
@click.argument("collection")
@click.argument("files", nargs=-1, required=True)
@click.option("--partition", help="Partition to import into.")
@click.option("--option", "options", multiple=True, metavar="KEY=VALUE", help="Import option; repeatable.")
@click.option("--no-auto-commit", is_flag=True, help="Two-phase import: stop at Uncommitted until commit or abort.")
@click.option(
    "--import-timeout", metavar="DURATION", help="How long the import may run: seconds or a Go duration (1.5h)."
)
@with_output
@click.pass_context
def create(  # noqa: PLR0917 - click passes one argument per option
    ctx: click.Context,
    collection: str,
    files: tuple[str, ...],
    partition: str | None,
    options: Any,
    no_auto_commit: bool,
    import_timeout: str | None,
    output: Output,
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
    with ImportJobs(**settings_of(ctx)) as jobs:
        created = jobs.create(collection, file_units(files), partition_name=partition, options=typed)
    console.print(created.job_id) if not output.custom else emit(created, output)


def seconds_or_duration(text: str | None) -> str | None:
    """`--import-timeout`: a number of seconds becomes a Go duration; anything else is checked as one."""
    if text is None:
        return None
    try:
        return duration_text(float(text))
    except ValueError:
        return text


@cli.command(context_settings=JOB_ID_ARGS, epilog=JOB_ID_HELP)
@click.argument("job_id_list", metavar="JOB_ID...", nargs=-1, required=True, callback=job_ids)
@click.option("--wait", "deadline", type=click.FloatRange(min=0.1), default=3600, show_default=True,
              help="Seconds to wait for all jobs.")  # fmt: skip
@click.option("--through-uncommitted", is_flag=True, help="Keep waiting at Uncommitted (another process commits).")
@click.option("--max-rps", type=click.FloatRange(min=0.01), help="At most this many requests per second.")
@with_output
@click.pass_context
def watch(  # noqa: PLR0917 - click passes one argument per option
    ctx: click.Context,
    job_id_list: tuple[str, ...],
    deadline: float,
    through_uncommitted: bool,
    max_rps: float | None,
    output: Output,
) -> None:
    """Watch jobs until they end: exit 0 if all completed, 1 if any failed, 3 on timeout, 4 if any wait for a commit.

    Several jobs are followed with one list per collection per tick and one describe per job at its end.
    """
    follow = {"timeout": deadline, "through_uncommitted": through_uncommitted, "max_requests_per_second": max_rps}
    settings = settings_of(ctx)
    watch_jobs(lambda: AsyncImportJobs(**settings), job_id_list, follow, output)


@cli.command(context_settings=JOB_ID_ARGS, epilog=JOB_ID_HELP)
@click.argument("job_id_list", metavar="JOB_ID...", nargs=-1, required=True, callback=job_ids)
@with_output
@click.pass_context
def commit(ctx: click.Context, job_id_list: tuple[str, ...], output: Output) -> None:
    """Commit two-phase jobs waiting at Uncommitted (newest servers); exit 1 if any could not be."""
    act(ctx, "commit", job_id_list, output)


@cli.command(context_settings=JOB_ID_ARGS, epilog=JOB_ID_HELP)
@click.argument("job_id_list", metavar="JOB_ID...", nargs=-1, required=True, callback=job_ids)
@with_output
@click.pass_context
def abort(ctx: click.Context, job_id_list: tuple[str, ...], output: Output) -> None:
    """Abort two-phase jobs that have not completed (newest servers); exit 1 if any could not be."""
    act(ctx, "abort", job_id_list, output)


def act(ctx: click.Context, action: str, ids: tuple[str, ...], output: Output) -> None:
    """Commit or abort every job, going on after a refusal; one line per job, then the worst exit code of the table.

    A server that cannot be reached, or refuses the credentials, ends the run at once (exit 5). With an
    output format, one record per job (`jobId`, `action`, `done`, `error`) instead of the lines.
    """
    worst, records = Exit.OK, []
    with ImportJobs(**settings_of(ctx)) as jobs:
        for job_id in ids:
            try:
                getattr(jobs, action)(job_id)
            except ApiError as error:
                if status_of(error) is Exit.UNREACHABLE:
                    raise
                worst = max(worst, status_of(error))
                records.append({"jobId": job_id, "action": action, "done": False, "error": str(error)})
                say(f"job {job_id}: {error}")
            else:
                records.append({"jobId": job_id, "action": action, "done": True, "error": None})
                if not output.custom:
                    console.print(f"{action} {job_id}: done")
    if output.custom:
        emit(records, output)
    if worst:
        sys.exit(worst)
