"""Zilliz Cloud's control plane (`api.cloud.zilliz.com/v2/vectordb/jobs/import/...`) as one descriptor.

Its operations, the job-ID rule (`job-...`), its environment and headers, and the requests its
facades send: jobs belong to a cluster named in every body, files come from object storage or a volume.
"""

from __future__ import annotations

import re

from zilliz_cloud_import_client import AuthenticatedClient
from zilliz_cloud_import_client.api.import_jobs import create_import_job, get_import_job_progress, list_import_jobs
from zilliz_cloud_import_client.models import (
    CreatedImportJob,
    CreateImportJobRequest,
    ErrorEnvelope,
    ImportJobPage,
    JobProgressRequest,
    ListImportJobsRequest,
)
from zilliz_cloud_import_client.types import UNSET

from zilliz_import._core.environment import control_plane_env
from zilliz_import._core.plane import Call, Plane
from zilliz_import._core.settings import ClientSettings
from zilliz_import.errors import ConfigurationError, InvalidArgumentError
from zilliz_import.planes.control_plane_shapes import cloud_problems, job_id_of
from zilliz_import.planes.sources import ObjectStorage, Source, Volume

CLOUD_JOB_ID = re.compile(r"job-[A-Za-z0-9]{1,64}")
DEFAULT_PAGE_SIZE = 100  # the mock's largest; Zilliz documents no maximum
# get_progress is served by `getProgress`, the reference page's path (pymilvus calls `describe`: same answer).
CLOUD_OPERATIONS = {
    "create": create_import_job,
    "list": list_import_jobs,
    "get_progress": get_import_job_progress,
}


def cloud_job_id_text(job_id: str) -> str:
    """A control-plane job ID as the server wants it: `job-` and letters and digits.

    Raises:
        InvalidArgumentError: Anything else; a decimal ID names a cluster's job, which this plane does not know.
    """
    if isinstance(job_id, str) and CLOUD_JOB_ID.fullmatch(job_id.strip()):
        return job_id.strip()
    hint = " (a decimal ID is a cluster's job: use ImportJobs, or zilliz-import without `cloud`)"
    hint = hint if str(job_id).strip().isdecimal() else ""
    raise InvalidArgumentError(f"control-plane job id must look like job-xxxxxxxxxxxxxxxxxxxxx, got {job_id!r}{hint}")


def no_headers(settings: ClientSettings) -> dict[str, str]:
    """None: the control plane's pages document neither Request-Timeout nor DB-Name (the database is in the body)."""
    return {}


CONTROL_PLANE = Plane(
    name="control plane",
    client=AuthenticatedClient,
    envelope=ErrorEnvelope,
    problems=cloud_problems,
    operations=CLOUD_OPERATIONS,
    job_id=cloud_job_id_text,
    environment=control_plane_env,
    headers=no_headers,
)


def cluster_id_text(cluster_id: object) -> str:
    """The cluster the jobs belong to, stripped.

    Raises:
        ConfigurationError: None given.
    """
    if not isinstance(cluster_id, str) or not cluster_id.strip():
        raise ConfigurationError("no cluster: pass cluster_id (for example in01-xxxxxxxxxxxx)")
    return cluster_id.strip()


def create_call(
    cluster_id: str, collection_name: str, source: Source, partition_name: str | None, db_name: str | None
) -> Call:
    """`create` of files in object storage or a volume: never retried once a job may have started.

    Raises:
        InvalidArgumentError: An empty collection name, or a source of another type.
    """
    if not collection_name:
        raise InvalidArgumentError("collection_name must not be empty")
    body = CreateImportJobRequest(cluster_id=cluster_id, collection_name=collection_name)
    body.partition_name = partition_name or UNSET
    body.db_name = db_name or UNSET
    if isinstance(source, ObjectStorage):
        _object_source(body, source)
    elif isinstance(source, Volume):
        body.volume_name, body.data_paths = source.name, source.paths
    else:
        raise InvalidArgumentError(f"source must be ObjectStorage or Volume, got {type(source).__name__}")
    return CONTROL_PLANE.call("create", body, idempotent=False)


def list_call(cluster_id: str, page: int, page_size: int) -> Call:
    """`list`: one page of the cluster's jobs, counted from 1.

    Raises:
        InvalidArgumentError: `page` or `page_size` is not a positive integer.
    """
    for name, value in (("page", page), ("page_size", page_size)):
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise InvalidArgumentError(f"{name} must be a positive integer, got {value!r}")
    body = ListImportJobsRequest(cluster_id=cluster_id, page_size=page_size, current_page=page)
    return CONTROL_PLANE.call("list", body)


def progress_call(cluster_id: str, job_id: str) -> Call:
    """`get_progress`: one job's progress."""
    return CONTROL_PLANE.call(
        "get_progress", JobProgressRequest(job_id=cloud_job_id_text(job_id), cluster_id=cluster_id)
    )


def next_page(page: ImportJobPage, asked: int) -> int | None:
    """The page to ask for after page `asked`, or None when it was the last (empty, or all `count` jobs seen).

    Counted from the page asked for, not the one the answer names, so a server that ignores
    `currentPage` cannot keep the iteration on one page forever.
    """
    if not page.records or asked * max(page.page_size, len(page.records)) >= page.count:
        return None
    return asked + 1


def _object_source(body: CreateImportJobRequest, source: ObjectStorage) -> None:
    """Object URLs and keys: one URL as `objectUrl` (the reference page), more as `objectUrls`."""
    if len(source.urls) == 1 and len(source.urls[0]) == 1:
        body.object_url = source.urls[0][0]
    else:
        body.object_urls = source.urls
    body.access_key = source.access_key.reveal() if source.access_key else UNSET
    body.secret_key = source.secret_key.reveal() if source.secret_key else UNSET
    body.token = source.session_token.reveal() if source.session_token else UNSET


def created_job(created: CreatedImportJob) -> CreatedImportJob:
    """The answer of `create` with `jobId` set whichever way the server spelled it."""
    created.jobId = job_id_of(created)
    return created
