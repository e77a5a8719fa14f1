"""Create options: typed values become the server's strings, bad ones are refused before sending."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import httpx
import pytest

from zilliz_import import CreateOptions, ImportJobs, InvalidArgumentError, RetryPolicy
from zilliz_import.planes.cluster_options import OPTION_KEYS, create_options


class Recorder:
    """Accepts every create and keeps the bodies sent."""

    def __init__(self) -> None:
        self.bodies: list[dict[str, Any]] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.bodies.append(json.loads(request.content))
        return httpx.Response(200, json={"code": 0, "data": {"jobId": "1"}})


def sent_options(**create: Any) -> tuple[dict[str, str] | None, Recorder]:
    recorder = Recorder()
    transport = httpx.MockTransport(recorder)
    with ImportJobs("http://127.0.0.1:1", "t", retry=RetryPolicy.disabled(), transport=transport) as jobs:
        jobs.create("c", ["a.csv"], **create)
    return recorder.bodies[0].get("options"), recorder


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        (CreateOptions(timeout=300), {"timeout": "300s"}),
        (CreateOptions(timeout=1.5), {"timeout": "1.5s"}),
        (CreateOptions(timeout=timedelta(hours=1, minutes=30)), {"timeout": "5400s"}),
        (CreateOptions(timeout="1.5h"), {"timeout": "1.5h"}),
        (CreateOptions(auto_commit=False), {"auto_commit": "false"}),
        (CreateOptions(sep="\t", null_key="NULL"), {"sep": "\t", "nullkey": "NULL"}),
        (
            CreateOptions(storage_version=2, start_ts=5, end_ts=9),
            {"storage_version": "2", "start_ts": "5", "end_ts": "9"},
        ),
        (
            CreateOptions(l0_import=True, skip_disk_quota_check=True),
            {"l0_import": "true", "skip_disk_quota_check": "true"},
        ),
        (CreateOptions(extra={"new_key": "v"}), {"new_key": "v"}),
        ({"timeout": "300s", "unknown": "kept"}, {"timeout": "300s", "unknown": "kept"}),
        (None, None),
    ],
)
def test_typed_options_are_sent_as_strings(options: Any, expected: dict[str, str] | None) -> None:
    assert sent_options(options=options)[0] == expected


def test_auto_commit_argument_and_backup_with_partition() -> None:
    assert sent_options(auto_commit=False)[0] == {"auto_commit": "false"}
    options, recorder = sent_options(options=CreateOptions(backup=True), partition_name="p1")
    assert options == {"backup": "true"} and recorder.bodies[0]["partitionName"] == "p1"


@pytest.mark.parametrize(
    ("create", "message"),
    [
        ({"options": CreateOptions(timeout=0)}, "option timeout must be a positive Go duration"),
        ({"options": CreateOptions(timeout=-5)}, "option timeout must be a positive Go duration"),
        ({"options": CreateOptions(timeout=float("inf"))}, "option timeout: timeout must be seconds"),
        ({"options": CreateOptions(timeout="soon")}, "option timeout must be a positive Go duration"),
        ({"options": CreateOptions(timeout=True)}, "option timeout: timeout must be seconds"),
        ({"options": CreateOptions(auto_commit="no")}, "option auto_commit: expected True or False"),  # type: ignore[arg-type]
        ({"options": CreateOptions(sep=",,")}, "option sep must be one character"),
        ({"options": CreateOptions(sep='"')}, "option sep must be one character"),
        ({"options": CreateOptions(storage_version=-1)}, "option storage_version must be a non-negative integer"),
        ({"options": CreateOptions(start_ts=9, end_ts=5)}, "start_ts (9) is after end_ts (5)"),
        ({"options": CreateOptions(skip_disk_quota_check=True)}, "only with backup or l0_import"),
        ({"options": CreateOptions(backup=True)}, "backup needs a partition_name"),
        ({"options": {"timeout": 300}}, "options must map non-empty strings to strings"),
        ({"options": [("timeout", "300s")]}, "options must be a mapping of strings or CreateOptions"),
        ({"options": CreateOptions(extra="timeout=3s")}, "options must be a mapping"),  # type: ignore[arg-type]
        ({"options": {"auto_commit": "maybe"}}, "option auto_commit must be true or false"),
        ({"options": CreateOptions(auto_commit=True), "auto_commit": False}, "option auto_commit given twice"),
        ({"options": CreateOptions(timeout=5, extra={"timeout": "6s"})}, "option timeout given twice"),
        ({"auto_commit": "false"}, "option auto_commit: expected True or False"),
    ],
)
def test_bad_options_are_refused_before_sending(create: dict[str, Any], message: str) -> None:
    recorder = Recorder()
    transport = httpx.MockTransport(recorder)
    with ImportJobs("http://127.0.0.1:1", "t", retry=RetryPolicy.disabled(), transport=transport) as jobs:
        with pytest.raises(InvalidArgumentError, match=message.replace("(", r"\(").replace(")", r"\)")):
            jobs.create("c", ["a.csv"], **create)
    assert recorder.bodies == [], "nothing was sent"


def test_every_known_key_has_a_field_and_the_same_key_twice_agrees() -> None:
    assert set(OPTION_KEYS) == {f for f in CreateOptions.__dataclass_fields__ if f != "extra"}
    both = create_options(CreateOptions(auto_commit=False), auto_commit=False, partition_name=None)
    assert both == {"auto_commit": "false"}
