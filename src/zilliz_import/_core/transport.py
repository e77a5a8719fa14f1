"""Sending one call, synchronously or under asyncio: retries, transport failures and typed errors.

Shared by the facades of both planes through `BaseClient`. It knows nothing of following jobs:
following drives the transport, not the reverse.
"""

from __future__ import annotations

import asyncio
import logging
import time
from types import TracebackType
from typing import Any, Self

import httpx

from zilliz_import._core.answers import PARSE_FAILURES, interpret, remember_async, transport_error, unreadable
from zilliz_import._core.base_client import BaseClient
from zilliz_import._core.plane import Call
from zilliz_import._core.retry import async_retrying, first_retry_delay, note_retry, retrying
from zilliz_import.errors import ApiError

log = logging.getLogger("zilliz_import")
TRANSPORT_FAILURES = (httpx.TransportError, OSError)


class SyncTransport(BaseClient):
    """Sends calls with the generated client's `sync_detailed`; a context manager that closes the pool."""

    def close(self) -> None:
        """Close the connection pool."""
        self._generated.get_httpx_client().close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    def _run(self, call: Call) -> Any:
        policy, started = self.settings.retry, time.monotonic()
        try:
            return self._once(call)
        except ApiError as error:
            delay = first_retry_delay(policy, error, idempotent=call.idempotent, spent=time.monotonic() - started)
            if delay is None:
                raise
            note_retry(call.name, error, delay, 1, policy)
        time.sleep(delay)
        for attempt in retrying(
            policy, idempotent=call.idempotent, spent=time.monotonic() - started, operation=call.name
        ):
            with attempt:
                return self._once(call)
        raise AssertionError("unreachable: tenacity re-raises the last error")  # pragma: no cover

    def _once(self, call: Call) -> Any:
        log.debug("calling %s", call.name)
        try:
            detailed = call.module.sync_detailed(client=self._generated, **call.kwargs)
        except TRANSPORT_FAILURES as error:
            raise transport_error(call.name, error, self._redact, self.settings.assumed_https_for) from None
        except PARSE_FAILURES as error:
            raise unreadable(call.name, error, self._redact, self._plane) from None
        return interpret(call.name, detailed, self._redact, self._plane)


class AsyncTransport(BaseClient):
    """Sends calls with the generated client's `asyncio_detailed`; an async context manager."""

    _response_hook = staticmethod(remember_async)

    async def aclose(self) -> None:
        """Close the connection pool."""
        await self._generated.get_async_httpx_client().aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.aclose()

    async def _run(self, call: Call) -> Any:
        policy, started = self.settings.retry, time.monotonic()
        try:
            return await self._once(call)
        except ApiError as error:
            delay = first_retry_delay(policy, error, idempotent=call.idempotent, spent=time.monotonic() - started)
            if delay is None:
                raise
            note_retry(call.name, error, delay, 1, policy)
        await asyncio.sleep(delay)
        async for attempt in async_retrying(
            policy, idempotent=call.idempotent, spent=time.monotonic() - started, operation=call.name
        ):
            with attempt:
                return await self._once(call)
        raise AssertionError("unreachable: tenacity re-raises the last error")  # pragma: no cover

    async def _once(self, call: Call) -> Any:
        log.debug("calling %s", call.name)
        try:
            detailed = await call.module.asyncio_detailed(client=self._generated, **call.kwargs)
        except TRANSPORT_FAILURES as error:
            raise transport_error(call.name, error, self._redact, self.settings.assumed_https_for) from None
        except PARSE_FAILURES as error:
            raise unreadable(call.name, error, self._redact, self._plane) from None
        return interpret(call.name, detailed, self._redact, self._plane)
