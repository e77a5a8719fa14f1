"""How a failure ends a command: its exit code from the one table, and a hint naming what to change.

Limits the server enforces without a source for their value (the control plane's page size) or that
a server's operator configures (files per job) are not checked before sending: the server's refusal
is shown as it came, with a hint naming the flag or argument to change.
"""

from __future__ import annotations

from zilliz_import.cli.given import name_of
from zilliz_import.errors import (
    ApiError,
    AuthenticationError,
    ConfigurationError,
    InvalidArgumentError,
    TransportError,
    WaitTimeoutError,
    WrongServerError,
)
from zilliz_import.exit_codes import Exit

# (operation, words in the server's message, what to change)
REFUSAL_HINTS = (
    ("list", "pagesize", "lower --page-size: the server caps it (Zilliz documents no maximum; the mock's is 100)"),
    (
        "create",
        "max number of import files",
        "split FILES over several jobs: the server's operator sets the limit per job (Milvus: 1,024 by default)",
    ),
)


def status_of(error: BaseException) -> Exit:
    """The exit code of a failure (see `zilliz_import.exit_codes`)."""
    if isinstance(error, ConfigurationError | InvalidArgumentError):
        return Exit.USAGE
    if isinstance(error, TransportError | AuthenticationError | WrongServerError):
        return Exit.UNREACHABLE  # could not reach the server, or not as this kind of server with these credentials
    if isinstance(error, WaitTimeoutError):
        return Exit.TIMEOUT
    return Exit.FAILED


def hint_for(error: BaseException) -> str | None:
    """What to change after a refusal, naming the flag or variable the user gave; None when the line says it all."""
    if isinstance(error, AuthenticationError):
        return f"the server refused the credentials: check {name_of('token', '--token')}"
    if isinstance(error, TransportError) and "was assumed for" not in str(error):
        return f"check {name_of('endpoint', '--endpoint')}: could the server be down, or the host or port wrong?"
    if isinstance(error, ApiError):
        message = error.message.lower()
        for operation, words, hint in REFUSAL_HINTS:
            if error.operation == operation and words in message:
                return hint
    return None
