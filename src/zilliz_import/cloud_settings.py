"""The control plane's settings: the environment names Zilliz's guides use, and where files come from.

Access keys, secret keys and session tokens are kept as `Secret`s, like the API key: never shown in
a repr, a log line or an error.
"""

from __future__ import annotations

import os
from typing import Any

from zilliz_import.errors import ConfigurationError, InvalidArgumentError
from zilliz_import.jobs_base import Files, file_units
from zilliz_import.settings import Secret

ENV_CLOUD_ENDPOINT = "CLOUD_PLATFORM_ENDPOINT"
ENV_TOKENS = ("TOKEN", "API_KEY")  # the guides use both names for the API key
ENV_CLUSTER = "CLUSTER_ID"
DEFAULT_CLOUD_ENDPOINT = "https://api.cloud.zilliz.com"  # https://api.cloud.zilliz.com.cn in China


def cloud_env(**overrides: Any) -> dict[str, Any]:
    """Endpoint, API key and cluster from CLOUD_PLATFORM_ENDPOINT, TOKEN (or API_KEY) and CLUSTER_ID.

    Keyword arguments (`endpoint`, `token`, `cluster_id`, ...) win over the environment.

    Raises:
        ConfigurationError: No cluster ID.
    """
    env = {
        "endpoint": os.environ.get(ENV_CLOUD_ENDPOINT) or DEFAULT_CLOUD_ENDPOINT,
        "token": next((os.environ[name] for name in ENV_TOKENS if os.environ.get(name)), ""),
        "cluster_id": os.environ.get(ENV_CLUSTER, ""),
    }
    settings = {**env, **{key: value for key, value in overrides.items() if value is not None}}
    if not settings["cluster_id"]:
        raise ConfigurationError(f"no cluster: pass cluster_id or set {ENV_CLUSTER} (for example in01-xxxxxxxxxxxx)")
    return settings


def secret_or_none(value: str | None) -> Secret | None:
    """A non-empty string as a `Secret`."""
    return Secret(value) if value else None


class ObjectStorage:
    """Files in the user's object storage (S3, GCS, Azure Blob), with the keys to read them.

    Example:
        ObjectStorage(["s3://bucket/dir/1.parquet"], access_key="AK...", secret_key="...")
    """

    __slots__ = ("access_key", "secret_key", "session_token", "urls")

    def __init__(
        self,
        urls: Files,
        *,
        access_key: str | None = None,
        secret_key: str | None = None,
        session_token: str | None = None,
    ) -> None:
        """Check the URLs and keep the keys as secrets.

        Args:
            urls: Units to import: a URL, or a list of URLs (the column files of one unit).
            access_key: The storage's access key, with `secret_key`.
            secret_key: The storage's secret key, with `access_key`.
            session_token: A session token, instead of (or with) the keys.

        Raises:
            InvalidArgumentError: No URLs, an empty one, or only one of `access_key` and `secret_key`.
        """
        self.urls = file_units(urls)
        if bool(access_key) != bool(secret_key):
            raise InvalidArgumentError("access_key and secret_key go together: pass both, or neither")
        self.access_key = secret_or_none(access_key)
        self.secret_key = secret_or_none(secret_key)
        self.session_token = secret_or_none(session_token)

    def secrets(self) -> list[Secret]:
        """The keys given."""
        return [s for s in (self.access_key, self.secret_key, self.session_token) if s is not None]

    def __repr__(self) -> str:
        keys = "keys=***" if self.secrets() else "keys=None"
        return f"ObjectStorage(urls={self.urls!r}, {keys})"


class Volume:
    """Files in a Zilliz volume: the volume's name and the paths in it."""

    __slots__ = ("name", "paths")

    def __init__(self, name: str, paths: Files) -> None:
        """Check the name and paths.

        Raises:
            InvalidArgumentError: No name, no paths, or an empty path.
        """
        if not isinstance(name, str) or not name.strip():
            raise InvalidArgumentError("a volume needs a name")
        self.name = name.strip()
        self.paths = file_units(paths)

    def secrets(self) -> list[Secret]:
        """None: a volume is reached with the API key alone."""
        return []

    def __repr__(self) -> str:
        return f"Volume(name={self.name!r}, paths={self.paths!r})"


Source = ObjectStorage | Volume
