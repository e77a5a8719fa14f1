"""What the sync and async facades share: settings, argument checks, requests to send, redaction."""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Self

from zilliz_import_client import AuthenticatedClient
from zilliz_import_client.models import (
    CreateImportJobRequest,
    ImportJobActionRequest,
    ImportOptions,
    JobProgressRequest,
    ListImportJobsRequest,
)
from zilliz_import_client.types import UNSET

from zilliz_import.calls import OPERATIONS, Call, remember
from zilliz_import.errors import InvalidArgumentError
from zilliz_import.following import DescribeRequest, Group, Request
from zilliz_import.options import CreateOptions, create_options
from zilliz_import.retry import RetryPolicy
from zilliz_import.sending import client_args
from zilliz_import.settings import DEFAULT_TIMEOUT, ClientSettings, redact
from zilliz_import.tracking import Tracker
from zilliz_import.waiting import Waiter

JOB_ID = re.compile(r"[0-9]{1,19}")
Files = Sequence[str | Sequence[str]]
Collections = Mapping[str | int, str | tuple[str, str]]
CREATED_REMEMBERED = 4096  # above a server's 1,024 unfinished jobs: wait_many knows where they are


def job_id_text(job_id: str | int) -> str:
    """A job ID as the server wants it: a decimal string.

    Raises:
        InvalidArgumentError: Not a non-negative integer, nor a string of decimal digits.
    """
    if isinstance(job_id, int) and not isinstance(job_id, bool) and 0 <= job_id < 2**63:
        return str(job_id)
    if isinstance(job_id, str) and JOB_ID.fullmatch(job_id.strip()) and int(job_id) < 2**63:
        return job_id.strip()
    hint = " (a job-... ID is a control plane's job: use CloudImportJobs, or zilliz-import cloud)"
    hint = hint if str(job_id).startswith("job-") else ""
    raise InvalidArgumentError(f"job id must be a decimal integer, got {job_id!r}{hint}")


def file_units(files: Files) -> list[list[str]]:
    """`files` as units: a plain string is a unit of one file.

    Raises:
        InvalidArgumentError: Not a list (a bare string would be split into one file per character),
            no files, or an empty unit or path.
    """
    if isinstance(files, str | bytes) or not isinstance(files, Sequence):
        raise InvalidArgumentError(f"files must be a list of paths (or of lists of paths), got {files!r:.80}")
    units = [[item] if isinstance(item, str) or not isinstance(item, Sequence) else list(item) for item in files]
    if not units or any(not unit or not all(isinstance(p, str) and p for p in unit) for unit in units):
        raise InvalidArgumentError("files must be a non-empty list of non-empty paths (or lists of paths)")
    return units


def group_of(where: object, db_name: str) -> Group | None:
    """A collection name (in `db_name`), or (database, collection), as a group; None if it is neither."""
    pair = (db_name, where) if isinstance(where, str) else where
    if isinstance(pair, tuple) and len(pair) == 2 and all(isinstance(p, str) for p in pair) and pair[1]:
        return Group(*pair)
    return None


class BaseImportJobs:
    """Settings and request building shared by `ImportJobs` and `AsyncImportJobs`."""

    _response_hook: Any = staticmethod(remember)

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
        self.settings = ClientSettings.build(
            endpoint, token, db_name=db_name, timeout=timeout, retry=retry, allow_insecure_http=allow_insecure_http
        )
        self._generated = self._client(transport, type(self)._response_hook)
        self._created: OrderedDict[str, Group] = OrderedDict()

    @classmethod
    def from_env(cls, **overrides: Any) -> Self:
        """A facade for CLUSTER_ENDPOINT, TOKEN and optional DB_NAME; keyword arguments win.

        Raises:
            ConfigurationError: A variable is missing or a value is not valid.
        """
        transport = overrides.pop("transport", None)
        allow = bool(overrides.get("allow_insecure_http", False))
        settings = ClientSettings.from_env(**overrides)
        return cls(
            settings.endpoint,
            settings.token.reveal(),
            db_name=settings.db_name,
            timeout=settings.timeout,
            retry=settings.retry,
            allow_insecure_http=allow,
            transport=transport,
        )

    def __repr__(self) -> str:
        return f"{type(self).__name__}(endpoint={self.settings.endpoint!r}, db_name={self.settings.db_name!r})"

    def _client(self, transport: Any, hook: Any) -> AuthenticatedClient:
        return AuthenticatedClient(**client_args(self.settings, transport, hook, self._fixed_headers()))

    def _fixed_headers(self) -> dict[str, str]:
        """The spec's `Request-Timeout` and `DB-Name`: the same on every call, so set once on the client."""
        headers = {"Request-Timeout": str(self.settings.server_timeout())}
        if self.settings.db_name:
            headers["DB-Name"] = self.settings.db_name
        return headers

    def _redact(self, text: str) -> str:
        return redact(text, [self.settings.token])

    def _create(
        self,
        collection_name: str,
        files: Files,
        partition_name: str | None,
        options: Mapping[str, str] | CreateOptions | None,
        auto_commit: bool | None,
    ) -> Call:
        if not collection_name:
            raise InvalidArgumentError("collection_name must not be empty")
        body = CreateImportJobRequest(collection_name=collection_name, files=file_units(files))
        body.partition_name = partition_name if partition_name else UNSET
        strings = create_options(options, auto_commit=auto_commit, partition_name=partition_name)
        if strings:
            body.options = ImportOptions.from_dict(strings)
        return Call("create", OPERATIONS["create"], {"body": body}, idempotent=False)

    def _list(self, collection_name: str | None, db_name: str | None = None) -> Call:
        body = ListImportJobsRequest(collection_name=collection_name or UNSET, db_name=db_name or UNSET)
        return Call("list", OPERATIONS["list"], {"body": body})

    def _progress(self, job_id: str | int) -> Call:
        body = JobProgressRequest(job_id=job_id_text(job_id))
        return Call("describe", OPERATIONS["describe"], {"body": body})

    def _action(self, name: str, job_id: str | int) -> Call:
        """`commit` or `abort`: safe to send again (the server ignores a repeated one), so retried like reads."""
        body = ImportJobActionRequest(job_id=job_id_text(job_id))
        return Call(name, OPERATIONS[name], {"body": body})

    def _waiter(self, job_id: str | int, **options: Any) -> Waiter:
        return Waiter(job_id_text(job_id), **options)

    def _note_created(self, job_id: str, collection_name: str) -> None:
        """Remember where a job of this facade's `create` runs, so `wait_many` need not ask."""
        self._created[job_id] = Group(self.settings.db_name or "", collection_name)
        while len(self._created) > CREATED_REMEMBERED:
            self._created.popitem(last=False)

    def _tracker(self, job_ids: Iterable[str | int], collections: Collections | None, **options: Any) -> Tracker:
        """A `Tracker` knowing the groups of jobs this facade created and of those the caller names."""
        ids = [job_id_text(job_id) for job_id in job_ids]
        groups = {job_id: self._created[job_id] for job_id in ids if job_id in self._created}
        groups.update(self._given_groups(collections or {}))
        return Tracker(ids, groups=groups, db_name=self.settings.db_name or "", **options)

    def _given_groups(self, collections: Collections) -> dict[str, Group]:
        """`collections` (job ID to a collection, or to (database, collection)) as groups.

        Raises:
            InvalidArgumentError: Not a mapping, or a name that is empty or not a string.
        """
        if not isinstance(collections, Mapping):
            raise InvalidArgumentError(f"collections must map job IDs to collections, got {collections!r}")
        groups = {}
        for job_id, where in collections.items():
            group = group_of(where, self.settings.db_name or "")
            if group is None:
                raise InvalidArgumentError(f"collection of job {job_id} must be a name or (database, name): {where!r}")
            groups[job_id_text(job_id)] = group
        return groups

    def _tracking_call(self, request: Request) -> Call:
        """What to send for one of a tracker's requests."""
        if isinstance(request, DescribeRequest):
            return self._progress(request.job_id)
        group = request.group
        return self._list(None) if group is None else self._list(group.collection_name, group.db_name)
