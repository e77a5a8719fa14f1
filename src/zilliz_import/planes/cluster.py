"""The cluster endpoint (`/v2/vectordb/jobs/import/...` of Milvus 2.5, 2.6 and newest) as one descriptor.

Its operations, the job-ID rule, its environment and headers, and the requests its facades send.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from zilliz_import_client import AuthenticatedClient
from zilliz_import_client.api.import_jobs import (
    abort_import_job,
    commit_import_job,
    create_import_job,
    describe_import_job,
    list_import_jobs,
)
from zilliz_import_client.models import (
    CreateImportJobRequest,
    ErrorEnvelope,
    ImportJobActionRequest,
    ImportJobProgress,
    ImportJobSummary,
    ImportOptions,
    JobProgressRequest,
    ListImportJobsRequest,
)
from zilliz_import_client.types import UNSET

from zilliz_import._core.checks import Files, file_units
from zilliz_import._core.environment import cluster_env
from zilliz_import._core.plane import Call, Plane
from zilliz_import._core.settings import ClientSettings
from zilliz_import.errors import InvalidArgumentError
from zilliz_import.planes.cluster_options import CreateOptions, create_options
from zilliz_import.planes.cluster_shapes import problems

JOB_ID = re.compile(r"[0-9]+")
# The server parses job IDs as Go int64 (sheet section 4: commit and abort refuse what is not an "int64 jobId").
MAX_JOB_ID = 2**63 - 1
# get_progress is served by `describe`, the path the server does not mark deprecated (same handler); errors
# name the method called.
OPERATIONS = {
    "create": create_import_job,
    "list": list_import_jobs,
    "get_progress": describe_import_job,
    "commit": commit_import_job,
    "abort": abort_import_job,
}
MISSING_ROUTES = {
    "commit": "this server has no commit route; two-phase imports need a newest (3.x) server",
    "abort": "this server has no abort route; two-phase imports need a newest (3.x) server",
}


def job_id_text(job_id: str | int) -> str:
    """A job ID as the server wants it: a decimal string.

    Raises:
        InvalidArgumentError: Not a non-negative integer, nor a string of decimal digits, or beyond an int64.
    """
    number = job_id if isinstance(job_id, int) and not isinstance(job_id, bool) else None
    if isinstance(job_id, str) and JOB_ID.fullmatch(job_id.strip()):
        digits = job_id.strip()
        number = int(digits) if len(digits) <= len(str(MAX_JOB_ID)) else MAX_JOB_ID + 1  # int() caps its input size
    if number is not None and number > MAX_JOB_ID:
        raise InvalidArgumentError(f"job id {job_id} is out of range: job IDs are int64, at most {MAX_JOB_ID}")
    if number is not None and number >= 0:
        return str(number) if isinstance(job_id, int) else str(job_id).strip()
    hint = " (a job-... ID is a control plane's job: use CloudImportJobs, or zilliz-import cloud)"
    hint = hint if str(job_id).startswith("job-") else ""
    raise InvalidArgumentError(f"job id must be a decimal integer, got {job_id!r}{hint}")


def fixed_headers(settings: ClientSettings) -> dict[str, str]:
    """The spec's `Request-Timeout` and `DB-Name`: the same on every call, so set once on the client."""
    headers = {"Request-Timeout": str(settings.server_timeout())}
    if settings.db_name:
        headers["DB-Name"] = settings.db_name
    return headers


CLUSTER = Plane(
    name="cluster",
    client=AuthenticatedClient,
    envelope=ErrorEnvelope,
    problems=problems,
    operations=OPERATIONS,
    job_id=job_id_text,
    environment=cluster_env,
    headers=fixed_headers,
    missing_routes=MISSING_ROUTES,
)


def create_call(
    collection_name: str,
    files: Files,
    partition_name: str | None,
    options: Mapping[str, str] | CreateOptions | None,
    auto_commit: bool | None,
) -> Call:
    """`create`: never retried once a job may have started.

    Raises:
        InvalidArgumentError: An empty collection name, bad files or options.
    """
    if not collection_name:
        raise InvalidArgumentError("collection_name must not be empty")
    body = CreateImportJobRequest(collection_name=collection_name, files=file_units(files))
    body.partition_name = partition_name if partition_name else UNSET
    strings = create_options(options, auto_commit=auto_commit, partition_name=partition_name)
    if strings:
        body.options = ImportOptions.from_dict(strings)
    return CLUSTER.call("create", body, idempotent=False)


def list_call(collection_name: str | None, db_name: str | None = None) -> Call:
    """`list` of the database's jobs, or of one collection's."""
    return CLUSTER.call(
        "list", ListImportJobsRequest(collection_name=collection_name or UNSET, db_name=db_name or UNSET)
    )


def progress_call(job_id: str | int) -> Call:
    """`get_progress` (sent to `describe`): one job's progress."""
    return CLUSTER.call("get_progress", JobProgressRequest(job_id=job_id_text(job_id)))


def action_call(name: str, job_id: str | int) -> Call:
    """`commit` or `abort`: safe to send again (the server ignores a repeated one), so retried like reads."""
    return CLUSTER.call(name, ImportJobActionRequest(job_id=job_id_text(job_id)))


class ListedProgress(ImportJobProgress):
    """A `list` record read as a progress answer: its rows, sizes and files are not known (0, [], "")."""

    counts_unknown = True  # what a display reads, rather than take 0/0 rows for the job's counts


def progress_of(record: ImportJobSummary) -> ImportJobProgress:
    """A `list` record as a progress answer: rows, sizes and details only `describe` tells (0, [], "")."""
    return ListedProgress(
        job_id=record.job_id, collection_name=record.collection_name, state=record.state,
        progress=record.progress, imported_rows=0, total_rows=0, file_size=0, complete_time="", details=[],
        reason=record.reason,
    )  # fmt: skip
