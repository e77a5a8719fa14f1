"""What both cluster facades hold: settings, the generated client, where created jobs run, what to send."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from zilliz_import_client.models import CreateImportJobSuccessData, ImportJobProgress

from zilliz_import._core.base_client import BaseClient
from zilliz_import._core.plane import Call
from zilliz_import._core.retry import RetryPolicy
from zilliz_import._core.settings import DEFAULT_TIMEOUT, ClientSettings
from zilliz_import.following.groups import Collections, CreatedJobs, given_groups
from zilliz_import.following.per_job import OneJob
from zilliz_import.following.requests import DescribeRequest, Group, Request
from zilliz_import.following.tracker import Tracker
from zilliz_import.following.waiter import Waiter
from zilliz_import.planes import cluster


class ClusterClient(BaseClient):
    """What both cluster facades hold: settings, the generated client, where created jobs run."""

    _plane = cluster.CLUSTER

    def __init__(
        self,
        endpoint: str,
        token: str,
        *,
        db_name: str | None = None,
        timeout: float = DEFAULT_TIMEOUT,
        retry: RetryPolicy | None = None,
        allow_insecure_http: bool = False,
        transport: Any = None,
    ) -> None:
        """Check the settings and prepare the generated client.

        Args:
            endpoint: `https://host[:port]` of the cluster (`http://` only to loopback, unless allowed).
            token: API key or `username:password`.
            db_name: Database for every call; the server's default when None.
            timeout: Seconds one HTTP exchange may take.
            retry: Retry policy; `RetryPolicy.disabled()` switches retries off.
            allow_insecure_http: Allow sending the token over plain http to a remote host.
            transport: An httpx transport to use instead of the network (tests, in-process mocks).

        Raises:
            ConfigurationError: No token, a malformed endpoint, or cleartext http to a remote host.
        """
        settings = ClientSettings.build(
            endpoint, token, db_name=db_name, timeout=timeout, retry=retry, allow_insecure_http=allow_insecure_http
        )
        self._setup(settings, transport)
        self._created = CreatedJobs()

    def _identity(self) -> dict[str, object]:
        return {"db_name": self.settings.db_name}

    def _created_job(self, answer: CreateImportJobSuccessData, collection_name: str) -> CreateImportJobSuccessData:
        self._created.note(answer.job_id, Group(self.settings.db_name or "", collection_name))
        return answer

    def _one_job(self, job_id: str | int, **options: Any) -> OneJob[ImportJobProgress]:
        return OneJob(Waiter[ImportJobProgress](cluster.job_id_text(job_id), **options))

    def _tracker(self, job_ids: Iterable[str | int], collections: Collections | None, **options: Any) -> Tracker:
        """A `Tracker` knowing the groups of jobs this facade created and of those the caller names."""
        ids = [cluster.job_id_text(job_id) for job_id in job_ids]
        groups = self._created.groups(ids)
        groups.update(given_groups(collections or {}, self.settings.db_name or "", cluster.job_id_text))
        db_name = self.settings.db_name or ""
        return Tracker(ids, groups=groups, db_name=db_name, as_progress=cluster.progress_of, **options)

    def _send(self, request: Request) -> Any:
        """Send one of a follower's requests: the answer, or under asyncio its awaitable."""
        return self._run(self._call_for(request))

    def _call_for(self, request: Request) -> Call:
        """What to send for one of a follower's requests."""
        if isinstance(request, DescribeRequest):
            return cluster.progress_call(request.job_id)
        group = request.group
        return cluster.list_call(None) if group is None else cluster.list_call(group.collection_name, group.db_name)
