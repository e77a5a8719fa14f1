"""`zilliz-import contract --record DIR`: every exchange in a cassette, and no planted secret on disk."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.zilliz_import.contract.broken_mocks import RewritingApp
from tests.zilliz_import.contract.conftest import stepped_control_plane, stepped_mock
from tests.zilliz_import.contract.test_command import QUICK, requests_served, run
from zilliz_import import cassette
from zilliz_import.cassette import Redactor
from zilliz_import.mock import DEFAULT_CLUSTER, MockServer

PLANTED_KEY = "zk-planted-api-key-0123456789abcdef"  # the token the control-plane mock accepts in these tests
PLANTED_PASSWORD = "planted-Passw0rd-987"
PLANTED_SECRET = "planted-secretKey-echoed-by-the-server"


def echo_secrets(body: dict[str, Any], route: str) -> dict[str, Any]:
    """A server that echoes secrets in its answers: the token in a message, a secretKey in a body."""
    return {**body, "echo": {"secretKey": PLANTED_SECRET, "note": f"called with {PLANTED_KEY}"}}


def files_text(folder: Path) -> str:
    return "".join(path.read_text() for path in sorted(folder.rglob("*")) if path.is_file())


def test_a_recorded_control_plane_run_holds_every_exchange_and_no_planted_secret(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    app = RewritingApp(echo_secrets, app=stepped_control_plane(api_keys=frozenset({PLANTED_KEY})))
    with MockServer(app) as server:
        args = ["contract", "--control-plane", "--endpoint", server.url, "--token", PLANTED_KEY]
        status, out, err = run(
            [*args, "--cluster-id", DEFAULT_CLUSTER, "--allow-create", "--record", str(tmp_path), *QUICK], capsys
        )
        served = sum(requests_served(server).values())
    assert status == 0, out + err
    exchanges = cassette.read(tmp_path / "control-plane.yaml")
    # every request the server saw is in the cassette, but the one `list` of the preflight probe, which
    # checks the endpoint before the suite (and its recording) starts
    assert len(exchanges) == served - 1 > 0
    assert f"recorded {len(exchanges)} exchanges" in out
    text = files_text(tmp_path)
    assert PLANTED_KEY not in text and PLANTED_SECRET not in text
    assert all(b'"echo"' in e.response_body for e in exchanges)  # control: the server did echo them
    sent_keys = [json.loads(e.request_body).get("secretKey") for e in exchanges if b'"secretKey"' in e.request_body]
    assert sent_keys and all(key in ("<redacted>", "", None) or not isinstance(key, str) for key in sent_keys)
    assert "<redacted:token>" in text  # control: the token was there to redact


def test_a_recorded_cluster_run_holds_no_planted_password(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    app = stepped_mock(users={"root": PLANTED_PASSWORD})
    with MockServer(app) as server:
        args = ["contract", "--endpoint", server.url, "--token", f"root:{PLANTED_PASSWORD}", "--record", str(tmp_path)]
        status, out, _ = run([*args, *QUICK], capsys)
    assert status == 0, out
    assert cassette.read(tmp_path / "cluster.yaml")
    assert PLANTED_PASSWORD not in files_text(tmp_path)


def test_a_redaction_that_fails_stops_the_recording_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(Redactor, "_headers", lambda self, headers, found: dict(headers))  # planted fault
    monkeypatch.setattr(Redactor, "_scrub", lambda self, exchange, found: exchange)
    with MockServer(stepped_mock()) as server:
        args = ["contract", "--endpoint", server.url, "--token", "root:Milvus", "--record", str(tmp_path)]
        status, _, err = run([*args, *QUICK], capsys)
    assert status == 1
    assert "recording stopped: a secret" in err
    assert list(tmp_path.iterdir()) == []


def test_a_record_folder_that_cannot_be_made_is_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    args = ["contract", "--endpoint", "http://127.0.0.1:9", "--token", "t", "--record", str(blocker / "sub")]
    status, _, err = run(args, capsys)
    assert status == 2 and err.count("\n") == 1 and "cannot record into" in err
