"""A clock that moves with the requests, so a job's life spans a known number of answers, not wall time."""

from __future__ import annotations

from zilliz_import.mock.asgi import ASGIApp, Receive, Scope, Send


class SteppedClock:
    """Monotonic seconds that advance only when `tick` is called."""

    def __init__(self, step: float) -> None:
        self.now = 0.0
        self.step = step

    def __call__(self) -> float:
        return self.now

    def tick(self) -> None:
        self.now += self.step


class Ticking:
    """Wraps an ASGI app: every HTTP request first moves the clock one step."""

    def __init__(self, app: ASGIApp, clock: SteppedClock) -> None:
        self.app = app
        self.clock = clock

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            self.clock.tick()
        await self.app(scope, receive, send)
