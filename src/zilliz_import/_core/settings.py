"""Client settings: endpoint and token checks, secrets kept out of reprs, the environment."""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from zilliz_import._core.retry import RetryPolicy
from zilliz_import.errors import ConfigurationError

DEFAULT_TIMEOUT = 30.0
LOOPBACK_NAMES = {"localhost", "localhost.localdomain"}
MIN_REDACTED = 4
INSECURE_OPTION = "allow_insecure_http=True"
# How httpx words a TLS handshake with a server that answers in plain http (OpenSSL's reasons), and any TLS failure.
PLAIN_HTTP_SIGNS = ("WRONG_VERSION_NUMBER", "record layer failure", "packet length too long")
TLS_SIGNS = ("[SSL", "SSLError", *PLAIN_HTTP_SIGNS)
HOST = re.compile(r"[A-Za-z0-9._-]+|[0-9A-Fa-f:.]+")  # a DNS name, IPv4 or (unbracketed) IPv6


class Secret:
    """A string that never shows itself in repr(), str() or f-strings."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def reveal(self) -> str:
        """The secret itself, for the one place that must send it."""
        return self._value

    def __repr__(self) -> str:
        return "Secret('***')"

    __str__ = __repr__

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Secret) and other._value == self._value

    def __hash__(self) -> int:
        return hash(self._value)


def redact(text: str, secrets: Iterable[Secret]) -> str:
    """`text` with every secret replaced by `***`."""
    for secret in sorted(secrets, key=lambda s: len(s.reveal()), reverse=True):  # a longer secret may hold another
        value = secret.reveal()
        # A secret of a few characters cannot be told from ordinary words, and is no real secret.
        if len(value) >= MIN_REDACTED:
            text = text.replace(value, "***")
    return text


def is_loopback(host: str) -> bool:
    """Whether `host` names this machine."""
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def assumed_https(endpoint: object) -> str:
    """The endpoint as given when it names no scheme (https:// is then assumed), else ""."""
    text = endpoint.strip() if isinstance(endpoint, str) else ""
    return text.rstrip("/") if text and "://" not in text and ":/" not in text else ""


def tls_failed(detail: str) -> bool:
    """Whether a connection failure's text is a failed TLS handshake (plain http, or a certificate refused)."""
    return any(sign in detail for sign in TLS_SIGNS)


def guess_hint(given: str, detail: str) -> str:
    """One line for a connection that failed after https:// was assumed for `given`, with the other spelling."""
    plain = any(sign in detail for sign in PLAIN_HTTP_SIGNS)
    what = " and the server does not speak TLS" if plain else f" ({detail})"
    return f"https:// was assumed for {given}{what}; for plain http pass http://{given}"


def check_endpoint(endpoint: str, *, allow_insecure_http: bool, insecure_option: str = INSECURE_OPTION) -> str:
    """The endpoint as a base URL without a trailing slash.

    Args:
        endpoint: `https://host[:port]`; a bare `host[:port]` gets `https://`.
        allow_insecure_http: Allow `http://` to a host other than loopback (the token would travel in clear).
        insecure_option: How the caller's user allows it, for the message (the CLI names its flag).

    Raises:
        ConfigurationError: The endpoint is malformed, or plain http to a remote host was not allowed.
    """
    if not isinstance(endpoint, str):
        raise ConfigurationError(f"malformed endpoint {endpoint!r}: expected https://host[:port]")
    text = endpoint.strip()
    if ":/" in text and "://" not in text:  # a scheme with one slash, not a bare host
        raise ConfigurationError(f"malformed endpoint {endpoint!r}: expected https://host[:port]")
    if text and "://" not in text:
        text = f"https://{text}"
    text = text.rstrip("/") if not text.endswith("://") else text
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError as error:
        raise ConfigurationError(f"malformed endpoint {endpoint!r}: {error}") from None
    if (
        parts.scheme not in ("http", "https")
        or not HOST.fullmatch(parts.hostname or "")
        or parts.query
        or parts.fragment
        or "/v2/vectordb" in parts.path  # the routes are appended to the endpoint (a proxy prefix is fine)
        or "@" in parts.netloc  # user info would replace the bearer token
    ):
        raise ConfigurationError(f"malformed endpoint {endpoint!r}: expected https://host[:port]")
    if port == 0:
        raise ConfigurationError(f"malformed endpoint {endpoint!r}: port 0")
    if parts.scheme == "http" and not is_loopback(parts.hostname or "") and not allow_insecure_http:
        raise ConfigurationError(
            f"refusing to send the token in clear text to {parts.hostname}: use https:// "
            f"(or {insecure_option} if you really mean it)"
        )
    return text


@dataclass(frozen=True)
class ClientSettings:
    """Everything a facade needs to reach one server: a cluster endpoint or the control plane.

    Attributes:
        endpoint: Base URL of the server, checked by `check_endpoint`.
        token: API key or `username:password`.
        db_name: Database for every call (`DB-Name`); the server's default when None.
        timeout: Seconds a single HTTP exchange may take; the server is asked to give up a bit earlier.
        retry: How transient failures are retried.
        assumed_https_for: The endpoint as given when https:// was assumed for it (no scheme), else "".
    """

    endpoint: str
    token: Secret = field(repr=False)
    db_name: str | None = None
    timeout: float = DEFAULT_TIMEOUT
    retry: RetryPolicy = field(default_factory=RetryPolicy)
    assumed_https_for: str = ""

    @classmethod
    def build(
        cls,
        endpoint: str,
        token: str,
        *,
        db_name: str | None = None,
        timeout: float = DEFAULT_TIMEOUT,
        retry: RetryPolicy | None = None,
        allow_insecure_http: bool = False,
    ) -> ClientSettings:
        """Check and assemble settings.

        Raises:
            ConfigurationError: No token, a bad endpoint or timeout, or cleartext to a remote host.
        """
        if not isinstance(token, str) or not token.strip():
            raise ConfigurationError("no token: pass an API key or username:password (or set TOKEN)")
        if not (token.strip().isascii() and token.strip().isprintable()):
            raise ConfigurationError("the token must be printable ASCII (it travels in an HTTP header)")
        if not timeout > 0:
            raise ConfigurationError(f"timeout must be a positive number of seconds, got {timeout!r}")
        url = check_endpoint(endpoint, allow_insecure_http=allow_insecure_http)
        given = assumed_https(endpoint)
        return cls(url, Secret(token.strip()), db_name or None, float(timeout), retry or RetryPolicy(), given)

    def server_timeout(self) -> int:
        """Whole seconds for `Request-Timeout`: less than ours, so the server's 408 arrives before we give up."""
        return max(1, int(self.timeout * 0.8))
