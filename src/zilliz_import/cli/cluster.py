"""The cluster's commands: the root group (a cluster endpoint), progress, list, create, watch, commit, abort."""

from __future__ import annotations

import sys
from typing import Any

import click

from zilliz_import._core.environment import ENV_DB, ENV_ENDPOINT, ENV_TOKEN
from zilliz_import.cli.bodies import checked_ids, file_units, show_jobs, show_progress, transport_options, watch_jobs
from zilliz_import.cli.output import EXIT_FAILED, console, errors
from zilliz_import.errors import ApiError, ConfigurationError
from zilliz_import.planes.cluster import job_id_text
from zilliz_import.planes.cluster_options import CreateOptions, duration_text
from zilliz_import.resources.import_jobs import AsyncImportJobs, ImportJobs

job_ids = checked_ids(job_id_text)


def settings_of(ctx: click.Context) -> dict[str, Any]:
    """The global options, as keyword arguments of the facades."""
    options: dict[str, Any] = ctx.obj
    if not options["endpoint"]:
        raise ConfigurationError(f"no endpoint: pass --endpoint or set {ENV_ENDPOINT}")
    return options


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
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
    show_progress(data, as_json_output)


@cli.command(name="list")
@click.option("--collection", help="Only jobs of this collection.")
@click.option("--json", "as_json_output", is_flag=True, help="Print the jobs as JSON.")
@click.pass_context
def list_jobs(ctx: click.Context, collection: str | None, as_json_output: bool) -> None:
    """List the import jobs of the database."""
    with ImportJobs(**settings_of(ctx)) as jobs:
        records = jobs.list(collection_name=collection)
    show_jobs(records, as_json_output)


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
    with ImportJobs(**settings_of(ctx)) as jobs:
        created = jobs.create(collection, file_units(files), partition_name=partition, options=typed)
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
    follow = {"timeout": deadline, "through_uncommitted": through_uncommitted, "max_requests_per_second": max_rps}
    settings = settings_of(ctx)
    watch_jobs(lambda: AsyncImportJobs(**settings), job_id_list, follow)


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
    """Abort two-phase jobs that have not completed (newest servers); exit 1 if any could not be."""
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
