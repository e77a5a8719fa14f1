"""The one loop that drives every follower, sync and async, over either plane: ask what is due, send, sleep.

The decisions are the follower's (`requests.Follower`); the facade gives `send`, which turns a request
into a call of its plane. Optional gates: a ceiling on requests per second (pyrate-limiter, threads and
asyncio alike) and, under asyncio, a bound on requests in flight.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from pyrate_limiter import Duration, Limiter, Rate

from zilliz_import.errors import ApiError, InvalidArgumentError
from zilliz_import.following.requests import Follower, Request

R = TypeVar("R")
LIMITER_KEY = "zilliz_import"


def follow(
    follower: Follower[R],
    send: Callable[[Request], Any],
    *,
    ceiling: Limiter | None = None,
    sleep: Callable[[float], object] = time.sleep,
) -> R:
    """Drive `follower` to its end, one request at a time; the ceiling is closed at the end."""
    try:
        while True:
            for request in follower.due():
                if ceiling is not None:
                    ceiling.try_acquire(LIMITER_KEY)
                try:
                    answer = send(request)
                except ApiError as error:
                    follower.on_error(request, error)
                else:
                    follower.on_answer(request, answer)
            if follower.done:
                return follower.result()
            sleep(follower.delay())
    finally:
        if ceiling is not None:
            ceiling.close()


async def follow_async(
    follower: Follower[R],
    send: Callable[[Request], Awaitable[Any]],
    *,
    gate: asyncio.Semaphore | None = None,
    ceiling: Limiter | None = None,
) -> R:
    """Drive `follower` to its end, the requests of one moment at once, at most `gate` of them in flight."""
    gate = gate or asyncio.Semaphore(1)
    try:
        while True:
            asked = (_ask(follower, request, send, gate, ceiling) for request in follower.due())
            outcomes = await asyncio.gather(*asked, return_exceptions=True)
            for outcome in outcomes:
                if isinstance(outcome, BaseException):
                    raise outcome
            if follower.done:
                return follower.result()
            await asyncio.sleep(follower.delay())
    finally:
        if ceiling is not None:
            ceiling.close()


async def _ask(
    follower: Follower[Any],
    request: Request,
    send: Callable[[Request], Awaitable[Any]],
    gate: asyncio.Semaphore,
    ceiling: Limiter | None,
) -> None:
    """Send one request and hand the follower its answer or its error."""
    async with gate:
        if ceiling is not None:
            await ceiling.try_acquire_async(LIMITER_KEY)
        try:
            answer = await send(request)
        except ApiError as error:
            follower.on_error(request, error)
            return
    follower.on_answer(request, answer)


def polls_in_flight(concurrency: int) -> asyncio.Semaphore:
    """The gate of requests in flight.

    Raises:
        InvalidArgumentError: Not a positive integer (0 would wait forever).
    """
    if isinstance(concurrency, bool) or not isinstance(concurrency, int) or concurrency < 1:
        raise InvalidArgumentError(f"concurrency must be a positive integer, got {concurrency!r}")
    return asyncio.Semaphore(concurrency)


def request_ceiling(max_requests_per_second: float | None) -> Limiter | None:
    """A limiter spacing requests evenly at `max_requests_per_second`, for threads and asyncio alike.

    Raises:
        InvalidArgumentError: Not a positive number.
    """
    if max_requests_per_second is None:
        return None
    if not max_requests_per_second > 0:
        raise InvalidArgumentError(f"max_requests_per_second must be positive, got {max_requests_per_second!r}")
    spacing_ms = max(1, round(int(Duration.SECOND) / max_requests_per_second))
    return Limiter(Rate(1, spacing_ms), buffer_ms=1)
