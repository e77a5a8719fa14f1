"""`zilliz-import cloud ...`: the same commands against Zilliz Cloud's control plane (`api.cloud.zilliz.com`).

A command group rather than a switch: the control plane takes other settings (a cluster ID, no
database header) and other job IDs (`job-...`), and has no commit or abort.
"""

from __future__ import annotations

from typing import Any

import click

from zilliz_import._core.environment import DEFAULT_CLOUD_ENDPOINT, ENV_CLOUD_ENDPOINT, ENV_CLUSTER, ENV_TOKENS
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
from zilliz_import.cli.formats import Output, with_output
from zilliz_import.cli.logs import show_log
from zilliz_import.cli.output import console
from zilliz_import.cli.profiles import profile_option
from zilliz_import.errors import ConfigurationError
from zilliz_import.exit_codes import exit_code_table
from zilliz_import.planes.control_plane import DEFAULT_PAGE_SIZE, cloud_job_id_text
from zilliz_import.planes.sources import ObjectStorage, Source, Volume
from zilliz_import.resources.cloud_import_jobs import AsyncCloudImportJobs, CloudImportJobs

cloud_job_ids = checked_ids(cloud_job_id_text)
OPTIONS = {
    "endpoint": ("--endpoint", (ENV_CLOUD_ENDPOINT,)),
    "token": ("--token", ENV_TOKENS),
    "cluster_id": ("--cluster-id", (ENV_CLUSTER,)),
}


def settings_of(ctx: click.Context) -> dict[str, Any]:
    """The group's options, as keyword arguments of the facades, checked and named as the user gave them."""
    settings: dict[str, Any] = ctx.obj
    given.checked(settings, OPTIONS, "API key")
    if not settings["cluster_id"].strip():
        raise ConfigurationError(f"no cluster: {given.either(*OPTIONS['cluster_id'])} (for example in01-xxxxxxxxxxxx)")
    return settings


@click.group(epilog=exit_code_table())
@profile_option
@click.option("--endpoint", envvar=ENV_CLOUD_ENDPOINT, default=DEFAULT_CLOUD_ENDPOINT, show_default=True,
              help=f"Control-plane URL (.com.cn in China) [env {ENV_CLOUD_ENDPOINT}].")  # fmt: skip
@click.option("--token", envvar=list(ENV_TOKENS), help=f"API key [env {' or '.join(ENV_TOKENS)}].")
@click.option("--cluster-id", envvar=ENV_CLUSTER, help=f"The cluster (in01-...) [env {ENV_CLUSTER}].")
@transport_options("API key")
@click.pass_context
def cloud(  # noqa: PLR0917 - click passes one argument per option
    ctx: click.Context,
    endpoint: str,
    token: str | None,
    cluster_id: str | None,
    timeout: float,
    allow_insecure_http: bool,
    verbose: int,
) -> None:
    """Jobs through Zilliz Cloud's control plane: files from object storage or a volume, job-... IDs."""
    given.remember(ctx, OPTIONS)
    show_log(verbose)
    ctx.obj = {
        "endpoint": endpoint,
        "token": token or "",
        "cluster_id": cluster_id or "",
        "timeout": timeout,
        "allow_insecure_http": allow_insecure_http,
    }


@cloud.command(context_settings=JOB_ID_ARGS)
@click.argument("job_id", callback=cloud_job_ids)
@with_output
@click.pass_context
def progress(ctx: click.Context, job_id: str, output: Output) -> None:
    """Show a job's progress, per file."""
    with CloudImportJobs(**settings_of(ctx)) as jobs:
        data = jobs.get_progress(job_id)
    show_progress(data, output)


@cloud.command(name="list")
@click.option("--page-size", type=click.IntRange(min=1), default=DEFAULT_PAGE_SIZE, show_default=True,
              help="Jobs fetched per request; the server may cap it (Zilliz documents no maximum).")  # fmt: skip
@with_output
@click.pass_context
def list_jobs(ctx: click.Context, page_size: int, output: Output) -> None:
    """List the cluster's import jobs (every page)."""
    settings = settings_of(ctx)
    with CloudImportJobs(**settings) as jobs:
        records = list(jobs.list(page_size=page_size))
    show_jobs(records, output, f"in cluster {settings['cluster_id']}")


@cloud.command()
@click.argument("collection")
@click.argument("files", nargs=-1, required=True)
@click.option("--volume", help="Import FILES from this Zilliz volume (paths in it) instead of object URLs.")
@click.option("--partition", help="Partition to import into.")
@click.option("--db", "db_name", help="Database of the collection.")
@click.option("--access-key", envvar="OBJECT_ACCESS_KEY", help="Object storage access key [env OBJECT_ACCESS_KEY].")
@click.option("--secret-key", envvar="OBJECT_SECRET_KEY", help="Object storage secret key [env OBJECT_SECRET_KEY].")
@click.option("--session-token", envvar="OBJECT_SESSION_TOKEN",
              help="Object storage session token [env OBJECT_SESSION_TOKEN].")  # fmt: skip
@with_output
@click.pass_context
def create(ctx: click.Context, /, collection: str, files: tuple[str, ...], output: Output, **options: Any) -> None:
    """Start an import job of FILES (object URLs, or paths in --volume) into COLLECTION; prints the job ID.

    Each FILE is one unit; join the column files of one unit with commas (a.npy,b.npy).
    """
    units = file_units(files)
    source: Source = (
        Volume(options["volume"], units)
        if options["volume"]
        else ObjectStorage(
            units,
            access_key=options["access_key"],
            secret_key=options["secret_key"],
            session_token=options["session_token"],
        )
    )
    with CloudImportJobs(**settings_of(ctx)) as jobs:
        created = jobs.create(collection, source, partition_name=options["partition"], db_name=options["db_name"])
    console.print(created.jobId) if not output.custom else emit({"jobId": created.jobId}, output)


@cloud.command(context_settings=JOB_ID_ARGS)
@click.argument("job_id_list", metavar="JOB_ID...", nargs=-1, required=True, callback=cloud_job_ids)
@click.option("--wait", "deadline", type=click.FloatRange(min=0.1), default=3600, show_default=True,
              help="Seconds to wait for all jobs.")  # fmt: skip
@with_output
@click.pass_context
def watch(ctx: click.Context, job_id_list: tuple[str, ...], deadline: float, output: Output) -> None:
    """Watch jobs until they end: exit 0 if all completed, 1 if any failed, 3 on timeout."""
    settings = settings_of(ctx)
    watch_jobs(lambda: AsyncCloudImportJobs(**settings), job_id_list, {"timeout": deadline}, output)
