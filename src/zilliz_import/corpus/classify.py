"""Every recorded answer through the generated models and the facade's typed outcome.

An answer is classified when `interpret` (what the facades do with every answer) turns it into data
or into a typed error other than `UnexpectedResponseError`; anything else is an answer the client
cannot read, and is reported.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import ModuleType
from typing import Any
from urllib.parse import urlsplit

import httpx

from zilliz_import._core.answers import HTTP_NOT_FOUND, PARSE_FAILURES, interpret, last_response, unreadable
from zilliz_import._core.plane import Plane
from zilliz_import.cassette import Exchange
from zilliz_import.errors import ApiError, UnexpectedResponseError
from zilliz_import.planes.cluster import CLUSTER
from zilliz_import.planes.control_plane import CONTROL_PLANE

PREFIX = "/v2/vectordb/jobs/import/"
# Route to the plane's operation whose generated parser reads its answers: get_progress and describe
# are one handler with one answer (the cluster's `get_progress` operation sends `describe`; the control
# plane's sends `getProgress`).
CLUSTER_ROUTES = {name: name for name in ("create", "list", "commit", "abort")} | {
    "get_progress": "get_progress",
    "describe": "get_progress",
}
CLOUD_ROUTES = {"create": "create", "list": "list", "getProgress": "get_progress", "describe": "get_progress"}


@dataclass(frozen=True)
class Verdict:
    """What the client makes of one answer: `outcome` (`data`, or an error class), `readable` or not, why."""

    outcome: str
    readable: bool
    detail: str = ""


def route_of(exchange: Exchange) -> str:
    """The operation a request names: the last part of its path (`create`, `get_progress`, ...)."""
    path = urlsplit(exchange.uri).path
    return path.split(PREFIX, 1)[1] if PREFIX in path else path


def plane_of(exchanges: list[Exchange]) -> str:
    """`control plane` when the recording names its routes (`getProgress`) or a `clusterId`, else `cluster`."""
    for exchange in exchanges:
        if route_of(exchange) == "getProgress" or b'"clusterId"' in exchange.request_body:
            return "control plane"
    return "cluster"


def classify(exchange: Exchange, plane_name: str) -> Verdict:
    """The typed outcome of one recorded answer, as the facade of `plane_name` would see it."""
    plane, routes = (CONTROL_PLANE, CLOUD_ROUTES) if plane_name == "control plane" else (CLUSTER, CLUSTER_ROUTES)
    route = route_of(exchange)
    operation = routes.get(route)
    if operation is None:
        return Verdict("no operation", False, f"{route} is not an operation of the {plane_name}")
    response = httpx.Response(
        exchange.status,
        headers=exchange.response_headers,
        content=exchange.response_body,
        request=httpx.Request(exchange.method, exchange.uri),
    )
    token = last_response.set(response)
    try:
        return _verdict(route, plane.operations[operation], response, plane)
    finally:
        last_response.reset(token)


def _verdict(route: str, module: ModuleType, response: httpx.Response, plane: Plane) -> Verdict:
    client: Any = plane.client(base_url="http://recorded", token="recorded")
    try:
        detailed = module._build_response(client=client, response=response)  # the parser the client runs
        data = interpret(route, detailed, str, plane)
    except UnexpectedResponseError as error:  # a route this release does not serve is explained, so classified
        known = response.status_code == HTTP_NOT_FOUND and route in plane.missing_routes
        return Verdict(type(error).__name__, known, "" if known else str(error))
    except PARSE_FAILURES as error:
        failed = unreadable(route, error, str, plane)
        readable = not isinstance(failed, UnexpectedResponseError)
        return Verdict(type(failed).__name__, readable, "" if readable else str(failed))
    except ApiError as error:
        return Verdict(type(error).__name__, True)
    return Verdict(f"data: {type(data).__name__}", True)
