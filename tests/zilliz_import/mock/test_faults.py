"""Faults as data: bad fault requests are refused, pending faults are taken in order and can be cleared."""

from __future__ import annotations

import pytest

from zilliz_import.mock import Fault, MockApp

pytestmark = pytest.mark.anyio


async def test_faults_apply_in_order_and_can_be_cleared(mock_app: MockApp) -> None:
    mock_app.faults.add(Fault("rate_limit", count=1))
    mock_app.faults.add(Fault("http_error", status=502, count=5))
    assert mock_app.faults.take("list") == Fault("rate_limit", count=1)
    assert mock_app.faults.take("list") == Fault("http_error", status=502, count=5)
    mock_app.faults.clear()
    assert mock_app.faults.take("list") is None


@pytest.mark.parametrize(
    "payload",
    [
        {"kind": "explode"},
        {"kind": "drop", "route": "delete"},
        {"kind": "drop", "count": 0},
        {"kind": "latency", "seconds": -1},
        {"kind": "http_error", "status": 404},
        {"kind": "drop", "count": "3"},
        {"kind": "drop", "colour": "red"},
        [],
    ],
)
def test_bad_fault_requests_are_refused_with_a_message(payload: object) -> None:
    with pytest.raises(ValueError, match=r"\w"):
        Fault.from_json(payload)
