"""What the sync and async control-plane facades share: settings, argument checks, requests, redaction."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, ClassVar, Self

from zilliz_cloud_import_client import AuthenticatedClient
from zilliz_cloud_import_client.api.import_jobs import create_import_job, get_import_job_progress, list_import_jobs
from zilliz_cloud_import_client.models import (
    CreatedImportJob,
    CreateImportJobRequest,
    ErrorEnvelope,
    ImportJobPage,
    ImportJobProgress,
    JobProgressRequest,
    ListImportJobsRequest,
)
from zilliz_cloud_import_client.types import UNSET

from zilliz_import.calls import Call, Plane, remember
from zilliz_import.cloud_settings import DEFAULT_CLOUD_ENDPOINT, ObjectStorage, Source, Volume, cloud_env
from zilliz_import.cloud_shapes import cloud_problems, job_id_of
from zilliz_import.cloud_waiting import PerJobWaits
from zilliz_import.errors import ConfigurationError, InvalidArgumentError
from zilliz_import.retry import RetryPolicy
from zilliz_import.sending import client_args
from zilliz_import.settings import DEFAULT_TIMEOUT, ClientSettings, Secret, redact
from zilliz_import.waiting import Waiter

CLOUD_JOB_ID = re.compile(r"job-[A-Za-z0-9]{1,64}")
DEFAULT_PAGE_SIZE = 100  # the mock's largest; Zilliz documents no maximum
# get_progress is served by `getProgress`, the reference page's path (pymilvus calls `describe`: same answer).
CLOUD_OPERATIONS = {
    "create": create_import_job,
    "list": list_import_jobs,
    "get_progress": get_import_job_progress,
}
CONTROL_PLANE = Plane(ErrorEnvelope, cloud_problems)


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


def next_page(page: ImportJobPage, asked: int) -> int | None:
    """The page to ask for after page `asked`, or None when it was the last (empty, or all `count` jobs seen).

    Counted from the page asked for, not the one the answer names, so a server that ignores
    `currentPage` cannot keep the iteration on one page forever.
    """
    if not page.records or asked * max(page.page_size, len(page.records)) >= page.count:
        return None
    return asked + 1


class BaseCloudJobs:
    """Settings and request building shared by `CloudImportJobs` and `AsyncCloudImportJobs`."""

    _response_hook: Any = staticmethod(remember)
    _plane: ClassVar[Plane] = CONTROL_PLANE

    def __init__(
        self,
        endpoint: str = DEFAULT_CLOUD_ENDPOINT,
        token: str = "",
        *,
        cluster_id: str,
        timeout: float = DEFAULT_TIMEOUT,
        retry: RetryPolicy | None = None,
        allow_insecure_http: bool = False,
        transport: Any = None,
    ) -> None:
        """Check the settings and prepare the generated control-plane client.

        Args:
            endpoint: The control plane: `https://api.cloud.zilliz.com` (`.com.cn` in China).
            token: The Zilliz Cloud API key.
            cluster_id: The cluster the jobs belong to (`in01-...`).
            timeout: Seconds one HTTP exchange may take.
            retry: Retry policy; `RetryPolicy.disabled()` switches retries off.
            allow_insecure_http: Allow sending the API key over plain http to a remote host.
            transport: An httpx transport to use instead of the network (tests, in-process mocks).

        Raises:
            ConfigurationError: No API key or cluster, a malformed endpoint, or cleartext http to a remote host.
        """
        if not isinstance(cluster_id, str) or not cluster_id.strip():
            raise ConfigurationError("no cluster: pass cluster_id (for example in01-xxxxxxxxxxxx)")
        self.settings = ClientSettings.build(
            endpoint, token, timeout=timeout, retry=retry, allow_insecure_http=allow_insecure_http
        )
        self.cluster_id = cluster_id.strip()
        self._secrets: list[Secret] = [self.settings.token]
        self._generated = self._client(transport, type(self)._response_hook)

    @classmethod
    def from_env(cls, **overrides: Any) -> Self:
        """A facade for CLOUD_PLATFORM_ENDPOINT (default https://api.cloud.zilliz.com), TOKEN or API_KEY, CLUSTER_ID.

        Keyword arguments win over the environment.

        Raises:
            ConfigurationError: No API key or cluster, or a value that is not valid.
        """
        settings = cloud_env(**overrides)
        return cls(settings.pop("endpoint"), settings.pop("token"), **settings)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(endpoint={self.settings.endpoint!r}, cluster_id={self.cluster_id!r})"

    def _client(self, transport: Any, hook: Any) -> AuthenticatedClient:
        # No Request-Timeout nor DB-Name: the control plane's pages document neither (the database goes in the body).
        return AuthenticatedClient(**client_args(self.settings, transport, hook, {}))

    def _redact(self, text: str) -> str:
        return redact(text, self._secrets)

    def _create(self, collection_name: str, source: Source, partition_name: str | None, db_name: str | None) -> Call:
        if not collection_name:
            raise InvalidArgumentError("collection_name must not be empty")
        body = CreateImportJobRequest(cluster_id=self.cluster_id, collection_name=collection_name)
        body.partition_name = partition_name or UNSET
        body.db_name = db_name or UNSET
        if isinstance(source, ObjectStorage):
            _object_source(body, source)
        elif isinstance(source, Volume):
            body.volume_name, body.data_paths = source.name, source.paths
        else:
            raise InvalidArgumentError(f"source must be ObjectStorage or Volume, got {type(source).__name__}")
        self._secrets.extend(s for s in source.secrets() if s not in self._secrets)
        return Call("create", CLOUD_OPERATIONS["create"], {"body": body}, idempotent=False)

    def _list(self, page: int, page_size: int) -> Call:
        for name, value in (("page", page), ("page_size", page_size)):
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise InvalidArgumentError(f"{name} must be a positive integer, got {value!r}")
        body = ListImportJobsRequest(cluster_id=self.cluster_id, page_size=page_size, current_page=page)
        return Call("list", CLOUD_OPERATIONS["list"], {"body": body})

    def _progress(self, job_id: str) -> Call:
        body = JobProgressRequest(job_id=cloud_job_id_text(job_id), cluster_id=self.cluster_id)
        return Call("get_progress", CLOUD_OPERATIONS["get_progress"], {"body": body})

    def _waiter(self, job_id: str, **options: Any) -> Waiter[ImportJobProgress]:
        return Waiter[ImportJobProgress](cloud_job_id_text(job_id), **options)

    def _waits(self, job_ids: Iterable[str], *, timeout: float, **options: Any) -> PerJobWaits[ImportJobProgress]:
        """The decisions of one `wait_many`; each job ID is checked, and followed once however often given."""
        waiters = [self._waiter(job_id, timeout=timeout, **options) for job_id in dict.fromkeys(job_ids)]
        return PerJobWaits(waiters, timeout)


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
