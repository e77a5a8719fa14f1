"""`zilliz-import cloud ...`: the same commands against Zilliz Cloud's control plane (`api.cloud.zilliz.com`).

A command group rather than a switch: the control plane takes other settings (a cluster ID, no
database header) and other job IDs (`job-...`), and has no commit or abort.
"""

from __future__ import annotations

from typing import Any

import click

from zilliz_import._core.environment import DEFAULT_CLOUD_ENDPOINT, ENV_CLOUD_ENDPOINT, ENV_CLUSTER, ENV_TOKENS
from zilliz_import.cli.bodies import (
    checked_ids,
    emit,
    file_units,
    show_jobs,
    show_progress,
    transport_options,
    watch_jobs,
)
from zilliz_import.cli.formats import Output, with_output
from zilliz_import.cli.output import console
from zilliz_import.cli.profiles import profile_option
from zilliz_import.planes.control_plane import DEFAULT_PAGE_SIZE, cloud_job_id_text
from zilliz_import.planes.sources import ObjectStorage, Source, Volume
from zilliz_import.resources.cloud_import_jobs import AsyncCloudImportJobs, CloudImportJobs

cloud_job_ids = checked_ids(cloud_job_id_text)


@click.group()
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
) -> None:
    """Jobs through Zilliz Cloud's control plane: files from object storage or a volume, job-... IDs."""
    ctx.obj = {
        "endpoint": endpoint,
        "token": token or "",
        "cluster_id": cluster_id or "",
        "timeout": timeout,
        "allow_insecure_http": allow_insecure_http,
    }


@cloud.command()
@click.argument("job_id", callback=cloud_job_ids)
@with_output
@click.pass_obj
def progress(settings: dict[str, Any], job_id: str, output: Output) -> None:
    """Show a job's progress, per file."""
    with CloudImportJobs(**settings) as jobs:
        data = jobs.get_progress(job_id)
    show_progress(data, output)


@cloud.command(name="list")
@click.option("--page-size", type=click.IntRange(min=1), default=DEFAULT_PAGE_SIZE, show_default=True,
              help="Jobs fetched per request.")  # fmt: skip
@with_output
@click.pass_obj
def list_jobs(settings: dict[str, Any], page_size: int, output: Output) -> None:
    """List the cluster's import jobs (every page)."""
    with CloudImportJobs(**settings) as jobs:
        records = list(jobs.list(page_size=page_size))
    show_jobs(records, output)


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
@click.pass_obj
def create(settings: dict[str, Any], /, collection: str, files: tuple[str, ...], output: Output, **given: Any) -> None:
    """Start an import job of FILES (object URLs, or paths in --volume) into COLLECTION; prints the job ID.

    Each FILE is one unit; join the column files of one unit with commas (a.npy,b.npy).
    """
    units = file_units(files)
    source: Source = (
        Volume(given["volume"], units)
        if given["volume"]
        else ObjectStorage(
            units,
            access_key=given["access_key"],
            secret_key=given["secret_key"],
            session_token=given["session_token"],
        )
    )
    with CloudImportJobs(**settings) as jobs:
        created = jobs.create(collection, source, partition_name=given["partition"], db_name=given["db_name"])
    console.print(created.jobId) if not output.custom else emit({"jobId": created.jobId}, output)


@cloud.command()
@click.argument("job_id_list", metavar="JOB_ID...", nargs=-1, required=True, callback=cloud_job_ids)
@click.option("--wait", "deadline", type=click.FloatRange(min=0.1), default=3600, show_default=True,
              help="Seconds to wait for all jobs.")  # fmt: skip
@with_output
@click.pass_obj
def watch(settings: dict[str, Any], job_id_list: tuple[str, ...], deadline: float, output: Output) -> None:
    """Watch jobs until they end: exit 0 if all completed, 1 if any failed, 3 on timeout."""
    watch_jobs(lambda: AsyncCloudImportJobs(**settings), job_id_list, {"timeout": deadline}, output)
