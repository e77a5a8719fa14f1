"""Faults the mock injects on purpose, each for the next N calls of a route, for reliability tests."""

from __future__ import annotations

import threading
from dataclasses import asdict, dataclass
from typing import Any

ROUTES = ("create", "list", "get_progress", "describe", "commit", "abort", "getProgress")  # last: control plane
ANY_ROUTE = "*"
KINDS = {
    "latency": "wait `seconds`, then answer normally (HTTP 408 once past Request-Timeout)",
    "http_error": "answer HTTP `status` (500, 502 or 503) with a non-JSON body",
    "too_many_requests": "answer HTTP 429 with Retry-After: `seconds`",
    "rate_limit": "answer the rate-limit envelope (code 1807; real servers never send it on these routes)",
    "backpressure": "answer the release's back-pressure envelope (too many unfinished jobs: 2100, newest 2101)",
    "panic": "answer HTTP 500 with the envelope of a handler panic (code 500)",
    "drop": "close the connection without answering",
    "truncate": "send the headers and half the body, then close the connection",
}
MAX_COUNT = 100_000
MAX_SECONDS = 3_600.0


@dataclass(frozen=True)
class Fault:
    """One kind of failure for the next `count` calls of `route` (`*` for every route)."""

    kind: str
    route: str = ANY_ROUTE
    count: int = 1
    seconds: float = 0.0
    status: int = 503

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown fault kind {self.kind!r}; known: {', '.join(KINDS)}")
        if self.route not in (*ROUTES, ANY_ROUTE):
            raise ValueError(f"unknown route {self.route!r}; known: {', '.join(ROUTES)} or {ANY_ROUTE}")
        if not 1 <= self.count <= MAX_COUNT:
            raise ValueError(f"count must be between 1 and {MAX_COUNT}, got {self.count}")
        if not 0 <= self.seconds <= MAX_SECONDS:
            raise ValueError(f"seconds must be between 0 and {MAX_SECONDS:g}, got {self.seconds}")
        if not 500 <= self.status <= 599:
            raise ValueError(f"status must be a 5xx status, got {self.status}")

    @classmethod
    def from_json(cls, payload: Any) -> Fault:
        """Build from the admin API's JSON object, refusing wrong types and unknown fields."""
        if not isinstance(payload, dict):
            raise ValueError("a fault is a JSON object")
        unknown = set(payload) - {"kind", "route", "count", "seconds", "status"}
        if unknown:
            raise ValueError(f"unknown fault fields: {', '.join(sorted(unknown))}")
        types: dict[str, type | tuple[type, ...]] = {
            "kind": str,
            "route": str,
            "count": int,
            "seconds": (int, float),
            "status": int,
        }
        for key, value in payload.items():
            if isinstance(value, bool) or not isinstance(value, types[key]):
                raise ValueError(f"fault field {key!r} has the wrong type")
        return cls(**payload)


class FaultPlan:
    """Pending faults, consumed in the order they were added; safe to change from any thread."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pending: list[list[Any]] = []  # [fault, calls left]

    def add(self, fault: Fault) -> None:
        """Queue a fault."""
        with self._lock:
            self._pending.append([fault, fault.count])

    def take(self, route: str) -> Fault | None:
        """The fault for this call of `route`, if any, counting it as used."""
        with self._lock:
            for entry in self._pending:
                if entry[0].route in (route, ANY_ROUTE):
                    entry[1] -= 1
                    if entry[1] == 0:
                        self._pending.remove(entry)
                    return entry[0]  # type: ignore[no-any-return]
        return None

    def clear(self) -> None:
        """Drop every pending fault."""
        with self._lock:
            self._pending.clear()

    def describe(self) -> list[dict[str, Any]]:
        """Pending faults with the calls each has left."""
        with self._lock:
            return [asdict(fault) | {"left": left} for fault, left in self._pending]
