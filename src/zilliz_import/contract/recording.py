"""`zilliz-import contract --record DIR`: every exchange of the run, kept at the HTTP transport.

schemathesis's Python API offers no cassette writer, so the recorder sits where its requests go out:
`requests`' `HTTPAdapter.send`, which every case, check and probe of the suite passes through. Each
exchange is redacted as soon as it is seen (`zilliz_import.cassette`); a redaction that fails stops
the recording, and the command then writes nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests
from requests.adapters import HTTPAdapter

from zilliz_import.cassette import Exchange, RedactionError, Redactor, write


@dataclass
class Recording:
    """The redacted exchanges of one run, and the redaction failure that stopped it, if any."""

    redactor: Redactor
    exchanges: list[Exchange] = field(default_factory=list)
    failure: RedactionError | None = None

    def add(self, request: requests.PreparedRequest, response: requests.Response) -> None:
        """Redact and keep one exchange; after a failure, keep nothing more."""
        if self.failure is not None:
            raise self.failure
        sent = request.body or b""
        body = sent.encode() if isinstance(sent, str) else sent if isinstance(sent, bytes) else b""  # no streams here
        raw = Exchange(
            str(request.method), str(request.url), {k: str(v) for k, v in request.headers.items()}, body,
            response.status_code, str(response.reason or ""),
            {k: str(v) for k, v in response.headers.items()}, response.content,
        )  # fmt: skip
        try:
            self.exchanges.append(self.redactor.exchange(raw))
        except RedactionError as error:
            self.failure = error
            self.exchanges.clear()
            raise

    def save(self, path: Path) -> None:
        """Write the cassette (nothing when the recording was stopped).

        Raises:
            RedactionError: The recording was stopped, or a secret is in the cassette's text.
        """
        if self.failure is not None:
            raise self.failure
        write(path, self.exchanges, self.redactor)


@contextmanager
def recording(token: str) -> Iterator[Recording]:
    """Record every HTTP exchange sent through `requests` while the block runs."""
    kept = Recording(Redactor(token))
    original = HTTPAdapter.send

    def send(adapter: HTTPAdapter, request: requests.PreparedRequest, *args: Any, **kwargs: Any) -> requests.Response:
        response = original(adapter, request, *args, **kwargs)
        kept.add(request, response)  # reads the whole body; `content` keeps it for schemathesis
        return response

    HTTPAdapter.send = send  # type: ignore[method-assign,assignment]
    try:
        yield kept
    finally:
        HTTPAdapter.send = original  # type: ignore[method-assign]
