"""The package's public names keep their signatures and hierarchy across internal moves."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import zilliz_import
from tests.zilliz_import.public_surface import surface

SNAPSHOT = Path(__file__).with_name("public_surface.json")


def test_the_public_surface_matches_the_committed_snapshot() -> None:
    expected = json.loads(SNAPSHOT.read_text())
    actual = surface()
    assert sorted(actual) == sorted(expected), "names added to or removed from zilliz_import.__all__"
    changed = {
        f"{name}.{member}": (described.get("members", {}).get(member), actual[name].get("members", {}).get(member))
        for name, described in expected.items()
        for member in {*described.get("members", {}), *actual[name].get("members", {})}
        if described.get("members", {}).get(member) != actual[name].get("members", {}).get(member)
    }
    assert not changed, f"members changed (snapshot, now): {changed}"
    for name, described in expected.items():
        assert actual[name] == described, f"zilliz_import.{name} changed"


def test_the_snapshot_sees_a_changed_signature(monkeypatch: pytest.MonkeyPatch) -> None:
    """Control: the comparison is not blind to a planted change."""

    def wait(self: object, job_id: str, *, timeout: float, poll_every: float = 1.0) -> None: ...

    monkeypatch.setattr(zilliz_import.ImportJobs, "wait", wait)
    expected = json.loads(SNAPSHOT.read_text())
    assert surface()["ImportJobs"] != expected["ImportJobs"]


def test_the_snapshot_sees_a_changed_hierarchy(monkeypatch: pytest.MonkeyPatch) -> None:
    """Control: an error class that leaves its parent is seen."""

    class Orphan(zilliz_import.ZillizImportError):
        pass

    monkeypatch.setattr(zilliz_import, "JobNotFoundError", Orphan)
    expected = json.loads(SNAPSHOT.read_text())
    assert surface()["JobNotFoundError"]["bases"] != expected["JobNotFoundError"]["bases"]
