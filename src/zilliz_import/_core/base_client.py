"""The one base client of both planes: settings, the generated client, redaction, the environment.

A facade names its `plane`; everything here reads that descriptor instead of branching on it.
"""

from __future__ import annotations

from typing import Any, ClassVar, Self

import httpx

from zilliz_import._core.answers import remember
from zilliz_import._core.plane import Call, Plane
from zilliz_import._core.settings import ClientSettings, Secret, redact


def client_args(settings: ClientSettings, transport: Any, hook: Any, headers: dict[str, str]) -> dict[str, Any]:
    """Keyword arguments of either generated `AuthenticatedClient`: URL, token, timeout, headers, hook, transport."""
    httpx_args: dict[str, Any] = {"event_hooks": {"response": [hook]}}
    if transport is not None:
        httpx_args["transport"] = transport
    return {
        "base_url": settings.endpoint,
        "token": settings.token.reveal(),
        "timeout": httpx.Timeout(settings.timeout),
        "headers": headers,
        "httpx_args": httpx_args,
    }


class BaseClient:
    """What every facade holds: its settings, its plane's generated client, and the secrets to redact."""

    _plane: ClassVar[Plane]
    settings: ClientSettings
    _response_hook: Any = staticmethod(remember)

    def _setup(self, settings: ClientSettings, transport: Any) -> None:
        """Keep the checked settings and build the plane's generated client over `transport` (None: the network)."""
        self.settings = settings
        self._secrets: list[Secret] = [settings.token]
        hook = type(self)._response_hook
        self._generated = self._plane.client(**client_args(settings, transport, hook, self._plane.headers(settings)))

    @classmethod
    def from_env(cls, **overrides: Any) -> Self:
        """A facade for the plane's environment variables; keyword arguments win.

        Raises:
            ConfigurationError: A variable is missing or a value is not valid.
        """
        return cls(**cls._plane.environment(**overrides))

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={value!r}" for name, value in self._identity().items())
        return f"{type(self).__name__}(endpoint={self.settings.endpoint!r}, {shown})"

    def _run(self, call: Call) -> Any:
        """Send `call` with retries: its data, or (async transport) an awaitable of it."""
        raise NotImplementedError  # pragma: no cover - the transports define it

    def _identity(self) -> dict[str, object]:
        """What names this facade's jobs besides the endpoint (never a secret), for the repr."""
        raise NotImplementedError  # pragma: no cover - every facade defines it

    def _redact(self, text: str) -> str:
        """Server text without the facade's secrets."""
        return redact(text, self._secrets)

    def _keep_secret(self, *secrets: Secret) -> None:
        """Redact these too from now on (storage keys sent in a body)."""
        self._secrets.extend(s for s in secrets if s not in self._secrets)
