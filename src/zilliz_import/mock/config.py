"""Settings of the mock server; the defaults suit a demo, tests shorten `job_seconds`."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

DEFAULT_TOKEN = "root:Milvus"  # Milvus's default user, as `username:password`
DEFAULT_API_KEY = "mock-api-key"
READ_ONLY_TOKEN = "viewer:viewer"  # may list and follow jobs, may not create them (403, 1401)


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
        read_only_users: Users refused `create` (HTTP 403, code 1401).
        default_timeout: Seconds allowed per request when `Request-Timeout` is absent or unparsable.
        clock: Monotonic seconds; tests pass their own to step through a job's life.
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

    def __post_init__(self) -> None:
        if self.job_seconds <= 0:
            raise ValueError(f"job_seconds must be positive, got {self.job_seconds}")
        if self.max_jobs < 1:
            raise ValueError(f"max_jobs must be at least 1, got {self.max_jobs}")
        if self.max_body_bytes < 1:
            raise ValueError(f"max_body_bytes must be at least 1, got {self.max_body_bytes}")
        if self.default_timeout <= 0:
            raise ValueError(f"default_timeout must be positive, got {self.default_timeout}")

    def user_of(self, token: str) -> str | None:
        """The user a token stands for (the key itself for API keys), or None when it is not valid."""
        if token in self.api_keys:
            return token
        name, colon, password = token.partition(":")
        if colon and self.users.get(name) == password:
            return name
        return None
