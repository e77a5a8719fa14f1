"""Retries of transient failures: exponential backoff with jitter, Retry-After honoured, bounded twice."""

from __future__ import annotations

import logging
import random
from dataclasses import dataclass
from typing import Any

from tenacity import AsyncRetrying, RetryCallState, Retrying, retry_if_exception, stop_any, stop_before_delay
from tenacity import stop_after_attempt as stop_after_attempts

from zilliz_import.errors import ApiError, RateLimitedError, TransportError

# Silent unless the application asks (the package logger has a NullHandler); the CLI shows these lines.
log = logging.getLogger("zilliz_import.retry")


@dataclass(frozen=True)
class RetryPolicy:
    """How transient failures (connection errors, timeouts, 5xx, 408, 429, 1807, back-pressure) are retried.

    Attributes:
        max_attempts: Attempts in all, the first included; 1 disables retries.
        initial_delay: Seconds before the first retry; doubles each time.
        max_delay: Longest wait between two attempts (a longer Retry-After is still honoured).
        total_seconds: No retry starts once this much time has passed since the first attempt.
        jitter: Up to this share of each delay is added at random, so clients do not retry in step.
    """

    max_attempts: int = 4
    initial_delay: float = 0.5
    max_delay: float = 8.0
    total_seconds: float = 60.0
    jitter: float = 0.5

    def __post_init__(self) -> None:
        if self.max_attempts < 1:
            raise ValueError(f"max_attempts must be at least 1, got {self.max_attempts}")
        if min(self.initial_delay, self.max_delay, self.total_seconds, self.jitter) < 0:
            raise ValueError("retry delays, budget and jitter must not be negative")

    @classmethod
    def disabled(cls) -> RetryPolicy:
        """No retries at all."""
        return cls(max_attempts=1)

    def delay(self, attempt: int, error: BaseException | None) -> float:
        """Seconds to wait after failed attempt number `attempt` (1-based)."""
        if isinstance(error, RateLimitedError) and error.retry_after is not None:
            return float(error.retry_after)
        base: float = min(self.max_delay, self.initial_delay * 2.0 ** (attempt - 1))
        return base + random.uniform(0.0, base * self.jitter)


def is_retriable(error: BaseException, *, idempotent: bool) -> bool:
    """Whether a failure may be retried; a non-idempotent call only when the server started nothing.

    That is a connection never made, or a refusal before any work: 429, 1807 and back-pressure
    (`BackPressureError` is a `RateLimitedError`).
    """
    if not isinstance(error, ApiError) or not error.retriable:
        return False
    if idempotent:
        return True
    return isinstance(error, RateLimitedError) or (
        isinstance(error, TransportError) and not error.may_have_reached_server
    )


def first_retry_delay(policy: RetryPolicy, error: BaseException, *, idempotent: bool, spent: float) -> float | None:
    """Seconds to wait before retrying a failed first attempt, or None when it must not be retried.

    The first attempt runs outside tenacity, so that a call that succeeds (nearly all of them) pays
    nothing for retries; tenacity takes over from the second attempt on.

    Args:
        policy: The retry policy.
        error: The first attempt's failure.
        idempotent: Whether the call may safely run twice.
        spent: Seconds the first attempt took.
    """
    if policy.max_attempts < 2 or not is_retriable(error, idempotent=idempotent):
        return None
    delay = policy.delay(1, error)
    return None if spent + delay >= policy.total_seconds else delay


def note_retry(operation: str, error: BaseException | None, delay: float, attempt: int, policy: RetryPolicy) -> None:
    """Log one retry at INFO: which call failed, how, and when the next attempt comes (`brief` leaves out how)."""
    brief = f"{operation} failed, trying again in {delay:.1f}s (attempt {attempt + 1} of {policy.max_attempts})"
    log.info("%s: %s", brief, error, extra={"brief": brief, "retry": attempt + 1})


def _settings(policy: RetryPolicy, idempotent: bool, spent: float, operation: str) -> dict[str, Any]:
    def wait(state: RetryCallState) -> float:
        error = state.outcome.exception() if state.outcome else None
        return policy.delay(state.attempt_number + 1, error)  # tenacity's first attempt is the call's second

    def before_sleep(state: RetryCallState) -> None:
        error = state.outcome.exception() if state.outcome else None
        delay = state.next_action.sleep if state.next_action else 0.0
        note_retry(operation, error, delay, state.attempt_number + 1, policy)

    return {
        "stop": stop_any(stop_after_attempts(policy.max_attempts - 1), stop_before_delay(policy.total_seconds - spent)),
        "wait": wait,
        "before_sleep": before_sleep,
        "retry": retry_if_exception(lambda error: is_retriable(error, idempotent=idempotent)),
        "reraise": True,
    }


def retrying(policy: RetryPolicy, *, idempotent: bool, spent: float, operation: str = "") -> Retrying:
    """A tenacity controller for the attempts after the first, which took `spent` seconds with its wait."""
    return Retrying(**_settings(policy, idempotent, spent, operation))


def async_retrying(policy: RetryPolicy, *, idempotent: bool, spent: float, operation: str = "") -> AsyncRetrying:
    """The same controller for asynchronous calls."""
    return AsyncRetrying(**_settings(policy, idempotent, spent, operation))
