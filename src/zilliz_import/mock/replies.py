"""What the mock sends back: the server's envelopes and codes, and raw replies for injected faults."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from zilliz_import.mock.asgi import Send

CODE_OK = 0
CODE_COLLECTION_NOT_FOUND = 100
CODE_INVALID_PARAMETER = 1100
CODE_PERMISSION_DENIED = 1401
CODE_UNAUTHENTICATED = 1800
CODE_BAD_JSON = 1801
CODE_MISSING_PARAMETER = 1802
CODE_RATE_LIMITED = 1807
CODE_IMPORT_FAILED = 2100
CODE_IMPORT_SYS_FAILED = 2101
CODE_PANIC = 500
CODE_TIMEOUT = 10001

# With `proxy.http.standardErrorStatus` on (newest): the status of each code; input errors are 400.
# Timeouts are decided where they happen (408 before the body was read, 500 after).
STANDARD_STATUS = {
    CODE_UNAUTHENTICATED: 401,
    CODE_PERMISSION_DENIED: 403,
    CODE_RATE_LIMITED: 429,
    CODE_IMPORT_SYS_FAILED: 500,  # create is replay-unsafe: its retriable statuses become 500
    CODE_PANIC: 500,
}
INPUT_ERROR_STATUS = 400

JSON_TYPE = b"application/json; charset=utf-8"
TEXT_TYPE = b"text/plain; charset=utf-8"


class ApiError(Exception):
    """A request the server refuses: HTTP status, `code` and `message` of the error envelope."""

    def __init__(self, code: int, message: str, status: int = 200) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.status = status


@dataclass
class Reply:
    """A complete HTTP answer."""

    status: int
    body: bytes
    content_type: bytes = JSON_TYPE
    headers: list[tuple[bytes, bytes]] = field(default_factory=list)

    def header_list(self) -> list[tuple[bytes, bytes]]:
        """Headers to send, Content-Length included."""
        base = [(b"content-type", self.content_type), (b"content-length", str(len(self.body)).encode())]
        return base + self.headers

    async def send(self, send: Send) -> None:
        """Write the whole answer."""
        await send({"type": "http.response.start", "status": self.status, "headers": self.header_list()})
        await send({"type": "http.response.body", "body": self.body})


def json_reply(payload: dict[str, Any], status: int = 200) -> Reply:
    """A JSON answer with keys in alphabetical order, as the server writes them."""
    return Reply(status, json.dumps(payload, sort_keys=True, separators=(",", ":")).encode())


def success(data: dict[str, Any]) -> Reply:
    """The success envelope."""
    return json_reply({"code": CODE_OK, "data": data})


def failure(error: ApiError, *, standard: bool = False) -> Reply:
    """The error envelope, under HTTP 200 (or the error's own status), or under its standard status."""
    status = error.status
    if standard and error.code != CODE_TIMEOUT:
        status = STANDARD_STATUS.get(error.code, INPUT_ERROR_STATUS)
    return json_reply({"code": error.code, "message": error.message}, status)


def text_reply(status: int, text: str, headers: list[tuple[bytes, bytes]] | None = None) -> Reply:
    """A plain-text answer, as gin and proxies send for routing errors and gateway failures."""
    return Reply(status, text.encode(), TEXT_TYPE, headers or [])
