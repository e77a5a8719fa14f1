"""Where the control plane's jobs read files from: the user's object storage, or a Zilliz volume.

Access keys, secret keys and session tokens are kept as `Secret`s, like the API key: never shown in
a repr, a log line or an error.
"""

from __future__ import annotations

from zilliz_import._core.checks import Files, file_units
from zilliz_import._core.settings import Secret
from zilliz_import.errors import InvalidArgumentError


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
