"""One answer of the API as the checks see it: the operation, what was sent, and the decoded envelope."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

CREATE, LIST = "createImportJob", "listImportJobs"
PROGRESS, DESCRIBE = "getImportJobProgress", "describeImportJob"
COMMIT, ABORT = "commitImportJob", "abortImportJob"
JOB_VIEWS = (PROGRESS, DESCRIBE)  # one handler, two paths: their answers must agree
FINISHED = frozenset({"Completed", "Failed"})
CLUSTER, CONTROL_PLANE = "cluster", "control plane"


def envelope_of(content: bytes) -> dict[str, Any] | None:
    """The JSON object of a body, or None when the body is not one."""
    try:
        body = json.loads(content)
    except (ValueError, UnicodeDecodeError):
        return None
    return body if isinstance(body, dict) else None


def integer(value: Any) -> int | None:
    """A JSON integer as an int; None for anything else (booleans included)."""
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def code_of(value: Any) -> int | None:
    """An envelope's `code` as an int: a JSON integer, or digits in a string (the control plane's pages type it so)."""
    if isinstance(value, str) and value.lstrip("-").isdigit():
        return int(value)
    return integer(value)


@dataclass(frozen=True)
class Answer:
    """What one request sent and got back, whatever the HTTP status."""

    operation_id: str
    request: Any
    status: int
    body: dict[str, Any] | None
    base_url: str | None = None  # where it was sent, without the operation's path
    timeout_header: str | None = None  # the `Request-Timeout` sent, as text
    plane: str = CLUSTER  # which server's spec the request follows (spec.CLUSTER or spec.CONTROL_PLANE)

    @property
    def timeout_unparsable(self) -> bool:
        """Whether the request sent a `Request-Timeout` that is not an integer (newest answers 1100 first)."""
        text = (self.timeout_header or "").strip()
        return self.timeout_header is not None and not text.lstrip("+-").isdigit()

    @property
    def code(self) -> int | None:
        """The envelope's `code`, or None when there is no integer code."""
        return code_of(self.body.get("code")) if self.body is not None else None

    @property
    def data(self) -> dict[str, Any] | None:
        """`data` of a success envelope (code 0), else None."""
        data = self.body.get("data") if self.body is not None and self.code == 0 else None
        return data if isinstance(data, dict) else None

    @property
    def job_id_sent(self) -> Any:
        """The `jobId` of the request body, or None."""
        return self.request.get("jobId") if isinstance(self.request, dict) else None

    def job_views(self) -> list[dict[str, Any]]:
        """Every job this answer describes: the progress answer itself, or each record of a list."""
        data = self.data
        if data is None:
            return []
        if self.operation_id in JOB_VIEWS:
            return [data]
        records = data.get("records") if self.operation_id == LIST else None
        return [r for r in records if isinstance(r, dict)] if isinstance(records, list) else []
