"""Settings of the mock server; the defaults suit a demo, tests shorten `job_seconds`."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from zilliz_import.mock.releases import DEFAULT_RELEASE, RELEASES, Release

DEFAULT_TOKEN = "root:Milvus"  # Milvus's default user, as `username:password`
DEFAULT_API_KEY = "mock-api-key"
READ_ONLY_TOKEN = "viewer:viewer"  # a user without the import privilege: 403 on create (and more, by release)
DEFAULT_CLUSTER = "in01-mock"  # the control plane's one cluster unless told of more
SERVER_LIMIT = 1024  # the server's default MaxFilesPerImportReq and MaxImportJobNum


@dataclass(frozen=True)
class MockConfig:
    """How the mock behaves.

    Attributes:
        seed: Decides every job's history; the same seed and requests give the same answers.
        job_seconds: Typical length of a job, from creation to Completed.
        max_jobs: Jobs remembered; the oldest is forgotten beyond this.
        max_body_bytes: Larger request bodies are refused (HTTP 413) without being read.
        users: `username -> password` accepted as `username:password` tokens.
        api_keys: Tokens accepted as they are.
        read_only_users: Users without the import privilege: refused `create` (HTTP 403, code 1401);
            what they get from `list` and `get_progress` depends on the release.
        default_timeout: Seconds allowed per request when `Request-Timeout` is absent (or unparsable,
            on releases that ignore it).
        clock: Monotonic seconds; tests pass their own to step through a job's life.
        release: The server release line modelled: `2.5`, `2.6` or `newest` (see `releases.py`).
        standard_error_status: Errors carry real HTTP statuses (`proxy.http.standardErrorStatus`, newest only).
        import_v3: Newest's V3 import: other progress bands, per-file `completeTime` always `""`.
        max_import_jobs: Unfinished jobs the server accepts; `create` answers back-pressure beyond.
        max_files: File units one `create` may carry (code 2100 beyond).
        clusters: Cluster IDs the control plane knows (`ControlPlaneApp` only).
    """

    seed: int = 0
    job_seconds: float = 3.0
    max_jobs: int = 10_000
    max_body_bytes: int = 1 << 20
    users: Mapping[str, str] = field(default_factory=lambda: {"root": "Milvus", "viewer": "viewer"})
    api_keys: frozenset[str] = frozenset({DEFAULT_API_KEY})
    read_only_users: frozenset[str] = frozenset({"viewer"})
    default_timeout: float = 30.0
    clock: Callable[[], float] = time.monotonic
    release: str = DEFAULT_RELEASE
    standard_error_status: bool = False
    import_v3: bool = False
    max_import_jobs: int = SERVER_LIMIT
    max_files: int = SERVER_LIMIT
    clusters: frozenset[str] = frozenset({DEFAULT_CLUSTER})

    def __post_init__(self) -> None:
        if self.job_seconds <= 0:
            raise ValueError(f"job_seconds must be positive, got {self.job_seconds}")
        if self.max_jobs < 1:
            raise ValueError(f"max_jobs must be at least 1, got {self.max_jobs}")
        if self.max_body_bytes < 1:
            raise ValueError(f"max_body_bytes must be at least 1, got {self.max_body_bytes}")
        if self.default_timeout <= 0:
            raise ValueError(f"default_timeout must be positive, got {self.default_timeout}")
        if self.release not in RELEASES:
            raise ValueError(f"unknown release {self.release!r}; known: {', '.join(RELEASES)}")
        if self.standard_error_status and not self.server.standard_error_status:
            raise ValueError(f"standard_error_status is a newest-only setting, not available on {self.release}")
        if self.import_v3 and self.release != "newest":
            raise ValueError(f"import_v3 is a newest-only import path, not available on {self.release}")
        for name in ("max_import_jobs", "max_files"):
            if getattr(self, name) < 1:
                raise ValueError(f"{name} must be at least 1, got {getattr(self, name)}")

    @property
    def server(self) -> Release:
        """The release row this mock follows."""
        return RELEASES[self.release]

    def user_of(self, token: str) -> str | None:
        """The user a token stands for (the key itself for API keys), or None when it is not valid."""
        if token in self.api_keys:
            return token
        name, colon, password = token.partition(":")
        if colon and self.users.get(name) == password:
            return name
        return None
