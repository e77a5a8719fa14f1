"""Sending one call, synchronously or under asyncio: retries, transport failures and typed errors.

Shared by the cluster facades and the control-plane facades; they differ only in `_plane` (how their
generated client's answers look) and in what `_redact` removes.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from types import TracebackType
from typing import Any, ClassVar, Self

import httpx

from zilliz_import.calls import CLUSTER, PARSE_FAILURES, Call, Plane, interpret, transport_error, unreadable
from zilliz_import.errors import ApiError
from zilliz_import.retry import async_retrying, first_retry_delay, retrying
from zilliz_import.settings import ClientSettings
from zilliz_import.waiting import P, Waiter

log = logging.getLogger("zilliz_import")
TRANSPORT_FAILURES = (httpx.TransportError, OSError)


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


class Sender:
    """What both senders need of a facade."""

    settings: ClientSettings
    _generated: Any
    _plane: ClassVar[Plane] = CLUSTER

    def _redact(self, text: str) -> str:
        """Server text without the facade's secrets."""
        raise NotImplementedError  # pragma: no cover - every facade defines it


class SyncSender(Sender):
    """Sends calls with the generated client's `sync_detailed`; a context manager that closes the pool."""

    def close(self) -> None:
        """Close the connection pool."""
        self._generated.get_httpx_client().close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    def _follow(self, waiter: Waiter[P], fetch: Callable[[str], P]) -> P:
        """Poll with `fetch` until `waiter` says the job ended (or raises), sleeping as it says."""
        while True:
            try:
                final = waiter.on_answer(fetch(waiter.job_id))
            except ApiError as error:
                waiter.on_error(error)
            else:
                if final is not None:
                    return final
            time.sleep(waiter.delay())

    def _run(self, call: Call) -> Any:
        policy, started = self.settings.retry, time.monotonic()
        try:
            return self._once(call)
        except ApiError as error:
            delay = first_retry_delay(policy, error, idempotent=call.idempotent, spent=time.monotonic() - started)
            if delay is None:
                raise
        time.sleep(delay)
        for attempt in retrying(policy, idempotent=call.idempotent, spent=time.monotonic() - started):
            with attempt:
                return self._once(call)
        raise AssertionError("unreachable: tenacity re-raises the last error")  # pragma: no cover

    def _once(self, call: Call) -> Any:
        log.debug("calling %s", call.name)
        try:
            detailed = call.module.sync_detailed(client=self._generated, **call.kwargs)
        except TRANSPORT_FAILURES as error:
            raise transport_error(call.name, error, self._redact) from None
        except PARSE_FAILURES as error:
            raise unreadable(call.name, error, self._redact) from None
        return interpret(call.name, detailed, self._redact, self._plane)


class AsyncSender(Sender):
    """Sends calls with the generated client's `asyncio_detailed`; an async context manager."""

    async def aclose(self) -> None:
        """Close the connection pool."""
        await self._generated.get_async_httpx_client().aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.aclose()

    async def _follow(
        self, waiter: Waiter[P], fetch: Callable[[str], Awaitable[P]], gate: asyncio.Semaphore | None = None
    ) -> P:
        """Poll with `fetch` until `waiter` says the job ended (or raises); `gate` bounds polls in flight."""
        while True:
            try:
                async with gate or _NO_GATE:
                    progress = await fetch(waiter.job_id)
                final = waiter.on_answer(progress)
            except ApiError as error:
                waiter.on_error(error)
            else:
                if final is not None:
                    return final
            await asyncio.sleep(waiter.delay())

    async def _run(self, call: Call) -> Any:
        policy, started = self.settings.retry, time.monotonic()
        try:
            return await self._once(call)
        except ApiError as error:
            delay = first_retry_delay(policy, error, idempotent=call.idempotent, spent=time.monotonic() - started)
            if delay is None:
                raise
        await asyncio.sleep(delay)
        async for attempt in async_retrying(policy, idempotent=call.idempotent, spent=time.monotonic() - started):
            with attempt:
                return await self._once(call)
        raise AssertionError("unreachable: tenacity re-raises the last error")  # pragma: no cover

    async def _once(self, call: Call) -> Any:
        log.debug("calling %s", call.name)
        try:
            detailed = await call.module.asyncio_detailed(client=self._generated, **call.kwargs)
        except TRANSPORT_FAILURES as error:
            raise transport_error(call.name, error, self._redact) from None
        except PARSE_FAILURES as error:
            raise unreadable(call.name, error, self._redact) from None
        return interpret(call.name, detailed, self._redact, self._plane)


class _NoGate:
    async def __aenter__(self) -> None:
        return None

    async def __aexit__(self, *exc: object) -> None:
        return None


_NO_GATE = _NoGate()
