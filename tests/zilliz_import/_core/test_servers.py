"""Which plane an answer comes from, and whether it refused the credentials: each sign, and its controls."""

from __future__ import annotations

import json

import pytest

from zilliz_import._core.servers import CLUSTER, CONTROL_PLANE, answered_by, refuses_credentials


def body(code: int, message: str = "", **more: object) -> bytes:
    return json.dumps({"code": code, "message": message, **more}).encode()


VALIDATION = "missing required parameters, error: Key: 'ImportReq.{0}' Error:Field validation for '{0}' failed"


@pytest.mark.parametrize(
    ("status", "content", "plane"),
    [
        (404, b"404 page not found", CLUSTER),  # gin: the control plane's getProgress asked of a cluster
        (401, body(1800, "user hasn't authenticated"), CLUSTER),
        (200, body(1802, VALIDATION.format("Files")), CLUSTER),
        (200, json.dumps({"code": 0, "data": {"records": []}}).encode(), CLUSTER),
        (200, body(1802, VALIDATION.format("ClusterID")), CONTROL_PLANE),
        (200, body(1802, VALIDATION.format("ObjectURL")), CONTROL_PLANE),
        (200, json.dumps({"code": 0, "data": {"count": 0, "records": []}}).encode(), CONTROL_PLANE),
        # controls: answers either plane may send say nothing
        (200, body(1802, VALIDATION.format("JobID")), None),
        (200, body(2100, "import job does not exist, jobID=1: importing data failed"), None),
        (200, body(21119, "The apikey is illegal."), None),
        (404, b"<html>not here</html>", None),
        (200, json.dumps({"code": 0, "data": {"jobId": "1"}}).encode(), None),
        (502, b"", None),
    ],
)
def test_an_answer_shows_its_plane_only_by_a_sign_of_it(status: int, content: bytes, plane: str | None) -> None:
    assert answered_by(status, content) == plane


@pytest.mark.parametrize(
    ("status", "content", "refused"),
    [
        (401, body(1800, "user hasn't authenticated"), True),
        (200, body(1800, "user hasn't authenticated"), True),
        (200, body(21119, "The apikey is illegal."), True),
        (200, json.dumps({"code": "21119", "message": "x"}).encode(), True),
        (403, body(1401, "privilege not permitted"), False),
        (200, body(2100, "x"), False),
    ],
)
def test_refused_credentials(status: int, content: bytes, refused: bool) -> None:
    assert refuses_credentials(status, content) is refused
