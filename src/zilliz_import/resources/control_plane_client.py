"""What both control-plane facades hold: settings, the cluster of their jobs, the keys to redact, what to send."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from zilliz_cloud_import_client.models import ImportJobProgress

from zilliz_import._core.base_client import BaseClient
from zilliz_import._core.environment import DEFAULT_CLOUD_ENDPOINT
from zilliz_import._core.plane import Call
from zilliz_import._core.retry import RetryPolicy
from zilliz_import._core.settings import DEFAULT_TIMEOUT, ClientSettings
from zilliz_import.following.per_job import OneJob, PerJobWaits
from zilliz_import.following.requests import DescribeRequest, Request
from zilliz_import.following.waiter import Waiter
from zilliz_import.planes import control_plane
from zilliz_import.planes.sources import Source


class ControlPlaneClient(BaseClient):
    """Settings and request building shared by `CloudImportJobs` and `AsyncCloudImportJobs`."""

    _plane = control_plane.CONTROL_PLANE

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
        cluster_id = control_plane.cluster_id_text(cluster_id)
        settings = ClientSettings.build(
            endpoint, token, timeout=timeout, retry=retry, allow_insecure_http=allow_insecure_http
        )
        self.cluster_id = cluster_id
        self._setup(settings, transport)

    def _identity(self) -> dict[str, object]:
        return {"cluster_id": self.cluster_id}

    def _create_call(
        self, collection_name: str, source: Source, partition_name: str | None, db_name: str | None
    ) -> Call:
        call = control_plane.create_call(self.cluster_id, collection_name, source, partition_name, db_name)
        self._keep_secret(*source.secrets())
        return call

    def _waiter(self, job_id: str, **options: Any) -> Waiter[ImportJobProgress]:
        return Waiter[ImportJobProgress](control_plane.cloud_job_id_text(job_id), **options)

    def _one_job(self, job_id: str, **options: Any) -> OneJob[ImportJobProgress]:
        return OneJob(self._waiter(job_id, **options))

    def _waits(self, job_ids: Iterable[str], *, timeout: float, **options: Any) -> PerJobWaits[ImportJobProgress]:
        """The decisions of one `wait_many`; each job ID is checked, and followed once however often given."""
        waiters = [self._waiter(job_id, timeout=timeout, **options) for job_id in dict.fromkeys(job_ids)]
        return PerJobWaits(waiters, timeout)

    def _send(self, request: Request) -> Any:
        """Send one of a follower's requests (only `describe`): the answer, or under asyncio its awaitable."""
        assert isinstance(request, DescribeRequest), "the control plane's followers ask only for progress"
        return self._run(control_plane.progress_call(self.cluster_id, request.job_id))
