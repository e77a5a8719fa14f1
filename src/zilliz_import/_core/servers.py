"""What an answer says of the server that sent it: which plane it is, and whether it refused the credentials.

Plane-neutral and without I/O: the facades of both planes and `zilliz-import contract` read answers
through these functions, so that each says the same thing of a wrong endpoint or a refused token.
"""

from __future__ import annotations

import json
from typing import Any

CLUSTER, CONTROL_PLANE = "cluster", "control plane"
# A cluster refuses a token with 1800 (sheet section 4), the control plane an API key with 21119 (section 7).
CLUSTER_REFUSES, CONTROL_PLANE_REFUSES = 1800, 21119
CREDENTIAL_CODES = frozenset({CLUSTER_REFUSES, CONTROL_PLANE_REFUSES})
HTTP_UNAUTHORIZED, HTTP_NOT_FOUND = 401, 404
# gin's answer to a route it does not serve: the Milvus proxy (a cluster endpoint) is a gin server.
GIN_NOT_FOUND = b"404 page not found"
# How a request the other plane takes is refused: Go's validator names the field the body lacked.
ASKS_FOR = {
    CONTROL_PLANE: ("'clusterid'", "'objecturl'"),  # a cluster's body has neither: the control plane answered
    CLUSTER: ("'files'",),  # the control plane's create has no `files`: a cluster answered
}


def envelope(body: bytes) -> dict[str, Any] | None:
    """The JSON object of an answer, or None."""
    try:
        parsed = json.loads(body)
    except (ValueError, RecursionError):
        return None
    return parsed if isinstance(parsed, dict) else None


def code_of(answer: dict[str, Any] | None) -> int | None:
    """The envelope's integer `code` (the control plane's pages type it as a string too), or None."""
    code = (answer or {}).get("code")
    if isinstance(code, str) and code.isdecimal():
        return int(code)
    return code if type(code) is int else None


def answered_by(status: int, body: bytes) -> str | None:
    """Which plane an answer shows itself to come from, when it says so; None when it could be either.

    Args:
        status: The HTTP status.
        body: The raw body.

    Returns:
        `CLUSTER`, `CONTROL_PLANE`, or None.
    """
    if status == HTTP_NOT_FOUND and body.strip() == GIN_NOT_FOUND:
        return CLUSTER
    answer = envelope(body)
    code, message = code_of(answer), str((answer or {}).get("message", "")).lower()
    if code == CLUSTER_REFUSES:
        return CLUSTER
    for plane, fields in ASKS_FOR.items():
        if code and any(f"field validation for {field}" in message for field in fields):
            return plane
    data = (answer or {}).get("data")
    if code == 0 and isinstance(data, dict) and "records" in data:  # a listing: only the control plane's has pages
        return CONTROL_PLANE if "count" in data else CLUSTER
    return None


def refuses_credentials(status: int, body: bytes) -> bool:
    """Whether an answer refuses the token or API key (HTTP 401, or an authentication code under any status)."""
    return status == HTTP_UNAUTHORIZED or code_of(envelope(body)) in CREDENTIAL_CODES


def use_instead(plane: str) -> str:
    """What to use for an endpoint that answers as `plane`, for a client that expected the other one."""
    if plane == CLUSTER:
        return "this looks like a cluster endpoint, use `zilliz-import --endpoint URL ...` (ImportJobs)"
    return "this looks like a Zilliz Cloud control-plane endpoint, use `zilliz-import cloud ...` (CloudImportJobs)"
