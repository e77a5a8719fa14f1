"""The one loop: it sends what a follower wants, hands back answers and errors, and keeps its gates."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from zilliz_import import InvalidArgumentError, ServerError
from zilliz_import.errors import ApiError
from zilliz_import.following.loop import follow, follow_async, polls_in_flight, request_ceiling
from zilliz_import.following.requests import DescribeRequest, ListRequest, Request


@pytest.mark.parametrize("bad", [0, -1.0, float("nan")])
def test_a_ceiling_must_be_positive(bad: float) -> None:
    with pytest.raises(InvalidArgumentError):
        request_ceiling(bad)
    assert request_ceiling(None) is None


class Scripted:
    """A follower that wants the given requests, one moment after another, and records what it is told."""

    def __init__(self, moments: list[list[Request]]) -> None:
        self.moments = moments
        self.answers: list[tuple[Request, Any]] = []
        self.errors: list[tuple[Request, ApiError]] = []
        self.sleeps = 0

    @property
    def done(self) -> bool:
        return not self.moments

    def due(self) -> list[Request]:
        return self.moments.pop(0) if self.moments else []

    def on_answer(self, request: Request, answer: Any) -> None:
        self.answers.append((request, answer))

    def on_error(self, request: Request, error: Any) -> None:
        self.errors.append((request, error))

    def delay(self) -> float:
        self.sleeps += 1
        return 0.0

    def result(self) -> list[tuple[Request, Any]]:
        return self.answers


def send(request: Request) -> str:
    if isinstance(request, DescribeRequest) and request.job_id == "bad":
        raise ServerError("down", operation="get_progress", status=503)
    return f"answer to {request}"


def test_the_loop_sends_what_is_due_hands_back_answers_and_errors_and_sleeps_between() -> None:
    follower = Scripted([[DescribeRequest("1"), ListRequest(None)], [DescribeRequest("bad")], [DescribeRequest("2")]])
    result = follow(follower, send, sleep=lambda _: None)
    assert [r for r, _ in result] == [DescribeRequest("1"), ListRequest(None), DescribeRequest("2")]
    assert [r for r, _ in follower.errors] == [DescribeRequest("bad")] and follower.sleeps == 2


def test_what_is_not_an_api_error_is_not_swallowed() -> None:
    def broken(request: Request) -> None:
        raise KeyError("a bug")

    with pytest.raises(KeyError):
        follow(Scripted([[DescribeRequest("1")]]), broken, sleep=lambda _: None)


class CountingCeiling:
    def __init__(self) -> None:
        self.acquired, self.closed = 0, False

    def try_acquire(self, key: str) -> None:
        self.acquired += 1

    def close(self) -> None:
        self.closed = True


@pytest.mark.parametrize("fails", [False, True])
def test_every_request_passes_the_ceiling_and_it_is_closed_however_following_ends(fails: bool) -> None:
    ceiling = CountingCeiling()
    moments = [[DescribeRequest("1"), DescribeRequest("2")], [DescribeRequest("3")]]

    def sending(request: Request) -> str:
        if fails and request == DescribeRequest("3"):
            raise KeyError("a bug")
        return send(request)

    try:
        follow(Scripted(moments), sending, ceiling=ceiling, sleep=lambda _: None)  # type: ignore[arg-type]
    except KeyError:
        assert fails
    assert ceiling.acquired == 3 and ceiling.closed


@pytest.mark.anyio
async def test_the_async_loop_keeps_at_most_gate_requests_in_flight() -> None:
    in_flight, most = 0, 0

    async def slow(request: Request) -> str:
        nonlocal in_flight, most
        in_flight += 1
        most = max(most, in_flight)
        await asyncio.sleep(0.01)
        in_flight -= 1
        return send(request)

    follower = Scripted([[DescribeRequest(str(i)) for i in range(10)], [DescribeRequest("bad")]])
    result = await follow_async(follower, slow, gate=polls_in_flight(3))
    assert most == 3 and len(result) == 10 and len(follower.errors) == 1


@pytest.mark.parametrize("bad", [0, -1, True, 1.5])
def test_the_gate_must_be_a_positive_integer(bad: Any) -> None:
    with pytest.raises(InvalidArgumentError):
        polls_in_flight(bad)
