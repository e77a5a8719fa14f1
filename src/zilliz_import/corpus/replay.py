"""The recorded request sequence sent again to another server, answers compared exchange by exchange.

Requests keep their method, path, query, headers and body; the base URL becomes the endpoint's, the
run's token (`<redacted:token>`) becomes the replaying one, and every job ID the recording's server
created is replaced by the ID the new server gave the same `create`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import httpx

from zilliz_import.cassette import TOKEN_MARK, Exchange
from zilliz_import.corpus.classify import route_of
from zilliz_import.corpus.compare import body_of, differences

DROPPED = {"host", "content-length", "connection", "accept-encoding"}


class Unreachable(Exception):
    """The endpoint could not be reached."""


@dataclass
class Difference:
    """One exchange whose answers differ: its number (from 1), what was asked, and what differs."""

    number: int
    request: str
    found: list[str]


@dataclass
class JobIds:
    """Job IDs of the recording mapped to the ones the replayed server created."""

    ids: dict[str, str] = field(default_factory=dict)

    def learn(self, recorded: Exchange, replayed: httpx.Response) -> None:
        """After a `create`: map the recorded job ID to the new one."""
        old, new = (_job_id(body_of(content)) for content in (recorded.response_body, replayed.content))
        if old and new and old != new:
            self.ids[old] = new

    def apply(self, body: bytes) -> bytes:
        """The request body with known job IDs replaced (as strings, and as numbers where they were sent so)."""
        document = body_of(body)
        if not self.ids or document is None:
            return body
        return json.dumps(self._swap(document)).encode()

    def _swap(self, value: Any) -> Any:
        if isinstance(value, dict):
            return {key: self._swap(item) for key, item in value.items()}
        if isinstance(value, list):
            return [self._swap(item) for item in value]
        if isinstance(value, str):
            return self.ids.get(value, value)
        if isinstance(value, int) and not isinstance(value, bool) and str(value) in self.ids:
            new = self.ids[str(value)]
            return int(new) if new.isdecimal() else new
        return value


def _job_id(body: Any) -> str | None:
    data = body.get("data") if isinstance(body, dict) else None
    job = data.get("jobId") if isinstance(data, dict) else None
    return str(job) if isinstance(job, str | int) and not isinstance(job, bool) else None


def replay(exchanges: list[Exchange], endpoint: str, token: str, *, timeout: float = 30.0) -> list[Difference]:
    """Send the recorded requests in order to `endpoint`; the exchanges whose answers differ.

    Raises:
        Unreachable: The endpoint did not answer at all.
    """
    base = urlsplit(endpoint.rstrip("/") if "://" in endpoint else f"https://{endpoint}")
    jobs, found = JobIds(), []
    with httpx.Client(timeout=timeout, follow_redirects=False) as client:
        for number, exchange in enumerate(exchanges, 1):
            parts = urlsplit(exchange.uri)
            url = urlunsplit((base.scheme, base.netloc, base.path + parts.path, parts.query, ""))
            headers = {k: v.replace(TOKEN_MARK, token) for k, v in exchange.request_headers.items()
                       if k.lower() not in DROPPED}  # fmt: skip
            try:
                answer = client.request(
                    exchange.method, url, headers=headers, content=jobs.apply(exchange.request_body)
                )
            except httpx.TransportError as error:
                raise Unreachable(f"{base.scheme}://{base.netloc}: {type(error).__name__}") from None
            if route_of(exchange) == "create":
                jobs.learn(exchange, answer)
            differs = differences((exchange.status, exchange.response_body), (answer.status_code, answer.content))
            if differs:
                found.append(Difference(number, f"{exchange.method} {parts.path}", differs))
    return found
