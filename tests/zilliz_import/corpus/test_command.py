"""`zilliz-import corpus check`: exit 0, 1 with a report, 2 for bad input, 5 for an endpoint out of reach."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.corpus.record import app_of
from tests.zilliz_import.contract.test_command import run
from zilliz_import.mock import DEFAULT_API_KEY, DEFAULT_TOKEN, MockServer

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


def test_the_corpus_reads_without_an_endpoint(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(["corpus", "check", str(CORPUS / "control-plane")], capsys)
    assert status == 0, out
    assert "exchanges with the control plane" in out and "nothing differs; every answer classified" in out


def test_a_replay_against_the_same_profile_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    with MockServer(app_of("2.6")) as server:
        args = ["corpus", "check", str(CORPUS / "2.6" / "cluster.yaml"), "--endpoint", server.url]
        status, out, _ = run([*args, "--token", DEFAULT_TOKEN], capsys)
    assert status == 0, out
    assert "no exchanges differ" in out


def test_differences_exit_1_with_a_readable_report(capsys: pytest.CaptureFixture[str]) -> None:
    with MockServer(app_of("newest")) as server:
        args = ["corpus", "check", str(CORPUS / "2.5"), "--endpoint", server.url, "--token", DEFAULT_TOKEN]
        status, out, _ = run(args, capsys)
    assert status == 1
    assert "/v2/vectordb/jobs/import/get_progress: fields added: data.createTime" in out
    assert out.rstrip().endswith("problems")


def test_a_control_plane_recording_replays_with_the_token_from_the_environment(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TOKEN", DEFAULT_API_KEY)
    with MockServer(app_of("control-plane")) as server:
        status, out, _ = run(["corpus", "check", str(CORPUS / "control-plane"), "--endpoint", server.url], capsys)
    assert status == 0, out


def test_an_endpoint_out_of_reach_exits_5(capsys: pytest.CaptureFixture[str]) -> None:
    with MockServer(app_of("newest")) as server:
        url = server.url  # a port that was just free, closed again
    args = ["corpus", "check", str(CORPUS / "newest"), "--endpoint", url, "--token", DEFAULT_TOKEN]
    status, _, err = run(args, capsys)
    assert status == 5 and err.startswith("error: cannot reach the endpoint") and err.count("\n") == 1


@pytest.mark.parametrize(
    ("args", "why"),
    [
        (["nowhere"], "no recording at nowhere"),
        (["BAD"], "not a readable YAML cassette"),
        (["EMPTY"], "no recording at"),
        (["GOOD", "--endpoint", "http://127.0.0.1:1"], "no token"),
        (["GOOD", "--endpoint", "ftp://x", "--token", "t"], "error: "),
    ],
)
def test_bad_input_is_one_line_and_exits_2(
    args: list[str], why: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("TOKEN", raising=False)
    (tmp_path / "bad.yaml").write_text("a: [b")
    (tmp_path / "empty").mkdir()
    shutil.copy(CORPUS / "2.5" / "cluster.yaml", tmp_path / "good.yaml")
    places = {"BAD": tmp_path / "bad.yaml", "EMPTY": tmp_path / "empty", "GOOD": tmp_path / "good.yaml"}
    status, _, err = run(["corpus", "check", *(str(places.get(a, a)) for a in args)], capsys)
    assert status == 2 and why in err and err.count("\n") == 1, err
