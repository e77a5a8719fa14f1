"""The control plane's routes: create from object storage or a volume, paged list, progress by job and cluster.

Reference sheet, section 7. Codes other than 21119 are not documented by Zilliz: the mock answers
with the cluster's codes for the same failures (1801 bad JSON, 1802 a missing field, 1100 an
invalid value such as an unknown cluster, 2100 an unknown job), and says so in its messages.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from zilliz_import.mock.cloud.answers import list_record, progress_answer
from zilliz_import.mock.config import MockConfig
from zilliz_import.mock.go_json import decode_object, missing_error, string_field, string_lists
from zilliz_import.mock.replies import CODE_IMPORT_FAILED, CODE_INVALID_PARAMETER, ApiError
from zilliz_import.mock.store import JobStore

DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE = 10, 100
LISTS = "Go struct field ImportReq.{} of type [][]string"


@dataclass(frozen=True)
class CloudImport:
    """A decoded control-plane `create`."""

    cluster_id: str
    collection_name: str
    db_name: str
    units: list[list[str]]


class ControlPlaneHandlers:
    """The control plane's routes over the same job store as a cluster's."""

    def __init__(self, config: MockConfig, jobs: JobStore) -> None:
        self.config = config
        self.jobs = jobs
        self.units: dict[str, list[list[str]]] = {}  # job ID -> its units, for the top-level fileName
        self.routes: dict[str, Callable[[str, str, bytes], dict[str, Any]]] = {
            "create": self.create,
            "list": self.list,
            "getProgress": self.progress,
            "describe": self.progress,  # the path pymilvus calls on this host
        }

    def create(self, user: str, header_db: str, body: bytes) -> dict[str, Any]:
        """Start a job that pulls its files from object storage or a volume."""
        request = decode_cloud_import(decode_object(body, "ImportReq"), self._cluster)
        job_id = self.jobs.create(
            db_name=request.db_name or header_db,
            collection_name=request.collection_name,
            files=request.units,
            cluster_id=request.cluster_id,
        )
        self.units[job_id] = request.units
        return {"jobId": job_id}

    def list(self, user: str, header_db: str, body: bytes) -> dict[str, Any]:
        """One page of a cluster's jobs, oldest first."""
        obj = decode_object(body, "ListImportReq")
        cluster = self._cluster(string_field(obj, "clusterId", "ListImportReq"))
        size, page = _page_number(obj, "pageSize", DEFAULT_PAGE_SIZE), _page_number(obj, "currentPage", 1)
        if size > MAX_PAGE_SIZE:
            raise ApiError(
                CODE_INVALID_PARAMETER, f"invalid parameter[expected=pageSize<={MAX_PAGE_SIZE}][actual={size}]"
            )
        mine = [job for job in self.jobs.jobs() if job.plan.cluster_id == cluster]
        records = [list_record(self.jobs.record(job)) for job in mine[(page - 1) * size : page * size]]
        return {"count": len(mine), "currentPage": page, "pageSize": size, "records": records}

    def progress(self, user: str, header_db: str, body: bytes) -> dict[str, Any]:
        """One job's progress; the cluster must be the job's own."""
        obj = decode_object(body, "GetImportProgressReq")
        job_id = string_field(obj, "jobId", "GetImportProgressReq")
        if not job_id:
            raise missing_error("GetImportProgressReq", "JobID")
        cluster = self._cluster(string_field(obj, "clusterId", "GetImportProgressReq"))
        job = self.jobs.find(job_id)
        if job is None or job.plan.cluster_id != cluster:
            raise ApiError(CODE_IMPORT_FAILED, f"import job does not exist, jobID={job_id}: importing data failed")
        return progress_answer(self.jobs.progress(job), self.units.get(job_id, []))

    def _cluster(self, cluster_id: str) -> str:
        if not cluster_id:
            raise missing_error("ImportReq", "ClusterID")
        if cluster_id not in self.config.clusters:
            raise ApiError(
                CODE_INVALID_PARAMETER, f"cluster {cluster_id} not found or not accessible: invalid parameter"
            )
        return cluster_id


def decode_cloud_import(obj: dict[str, Any], cluster: Callable[[str], str]) -> CloudImport:
    """The control-plane `create`: a cluster, a collection, and object URLs or a volume's data paths."""
    cluster_id = string_field(obj, "clusterId", "ImportReq")
    project, region = string_field(obj, "projectId", "ImportReq"), string_field(obj, "regionId", "ImportReq")
    if not cluster_id and project and region:
        cluster_id = f"{project}/{region}"  # the SDKs' serverless addressing: accepted when configured
    for key in ("partitionName", "accessKey", "secretKey", "token"):  # bound as strings, though unused here
        string_field(obj, key, "ImportReq")
    collection = string_field(obj, "collectionName", "ImportReq")
    if not collection:
        raise missing_error("ImportReq", "CollectionName")
    url = string_field(obj, "objectUrl", "ImportReq")
    units = string_lists(obj.get("objectUrls"), LISTS.format("objectUrls")) or ([[url]] if url else [])
    if not units and string_field(obj, "volumeName", "ImportReq"):
        units = string_lists(obj.get("dataPaths"), LISTS.format("dataPaths"))
    units = [unit for unit in units if unit and all(unit)]
    if not units:
        raise missing_error("ImportReq", "ObjectURL")
    return CloudImport(cluster(cluster_id), collection, string_field(obj, "dbName", "ImportReq"), units)


def _page_number(obj: dict[str, Any], key: str, default: int) -> int:
    """A page number: the default when absent; anything but a positive integer is 1100 (`null` too)."""
    if key not in obj:
        return default
    value = obj[key]
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ApiError(CODE_INVALID_PARAMETER, f"invalid parameter[expected={key}>=1][actual={value}]")
    return value
