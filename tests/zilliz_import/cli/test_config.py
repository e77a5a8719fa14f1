"""Profiles: written and read in a temporary config folder; a flag beats the environment beats the profile."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from tests.zilliz_import.cli.test_cluster import run
from zilliz_import.cli.profiles import config_path, default_map
from zilliz_import.mock import DEFAULT_TOKEN, MockServer


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    return run(list(args), capsys)


def settings(capsys: pytest.CaptureFixture[str], *flags: str) -> dict[str, tuple[str, str]]:
    code, out, err = cli(capsys, *flags, "config", "list", "-o", "json")
    assert code == 0, err
    return {row["key"]: (row["value"], row["source"]) for row in json.loads(out)}


def test_profiles_are_written_in_the_config_folder_and_the_first_becomes_current(
    capsys: pytest.CaptureFixture[str], config_folder: Path
) -> None:
    assert cli(capsys, "config", "set", "endpoint", "http://127.0.0.1:1")[0] == 0
    assert cli(capsys, "config", "set", "cluster_id", "in01-b", "--profile", "b")[0] == 0
    assert config_path() == config_folder / "config.toml" and config_path().exists()
    assert settings(capsys)["endpoint"] == ("http://127.0.0.1:1", "profile")
    assert cli(capsys, "config", "use", "b")[0] == 0
    listed = settings(capsys)
    assert listed["cluster_id"] == ("in01-b", "profile") and listed["endpoint"][1] == "default"
    assert cli(capsys, "config", "get", "cluster_id")[:2] == (0, "in01-b\n")


def test_a_flag_beats_the_environment_which_beats_the_profile(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    cli(capsys, "config", "set", "endpoint", "http://profile:1")
    cli(capsys, "config", "set", "db", "profiledb")
    monkeypatch.setenv("CLUSTER_ENDPOINT", "http://env:1")
    listed = settings(capsys)
    assert listed["endpoint"] == ("http://env:1", "environment (CLUSTER_ENDPOINT)")
    assert listed["db"] == ("profiledb", "profile")
    assert settings(capsys, "--endpoint", "http://flag:1")["endpoint"] == ("http://flag:1", "flag (--endpoint)")


def test_a_command_uses_the_profile_unless_the_environment_says_otherwise(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, mock_server: MockServer
) -> None:
    monkeypatch.delenv("CLUSTER_ENDPOINT", raising=False)
    monkeypatch.setenv("TOKEN", DEFAULT_TOKEN)
    cli(capsys, "config", "set", "endpoint", mock_server.url, "--profile", "local")
    cli(capsys, "config", "set", "endpoint", "http://127.0.0.1:9", "--profile", "nowhere")
    assert cli(capsys, "--profile", "local", "list")[0] == 0
    assert cli(capsys, "--profile", "nowhere", "list")[0] == 5  # the profile's endpoint was used: unreachable
    monkeypatch.setenv("CLUSTER_ENDPOINT", mock_server.url)
    assert cli(capsys, "--profile", "nowhere", "list")[0] == 0


def test_the_token_is_kept_only_when_asked_with_mode_600_and_never_shown(capsys: pytest.CaptureFixture[str]) -> None:
    cli(capsys, "config", "set", "endpoint", "http://127.0.0.1:1")
    assert stat.S_IMODE(os.stat(config_path()).st_mode) == 0o644
    code, _, err = cli(capsys, "config", "set", "token", "s3cret-token")
    assert code == 0 and "clear text" in err
    assert stat.S_IMODE(os.stat(config_path()).st_mode) == 0o600
    assert settings(capsys)["token"] == ("***", "profile")
    assert cli(capsys, "config", "get", "token")[1] == "***\n"


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--profile", "missing", "list"], "no profile 'missing'"),
        (["config", "use", "missing"], "no profile 'missing'"),
        (["config", "set", "colour", "red"], "'colour' is not one of"),
        (["config", "list", "-q", "[?"], "JMESPath"),
    ],
)
def test_mistakes_are_one_line_and_exit_2(capsys: pytest.CaptureFixture[str], args: list[str], expected: str) -> None:
    code, _, err = cli(capsys, *args)
    assert code == 2 and expected in err and err.count("\n") == 1


def test_an_unreadable_config_file_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    config_path().parent.mkdir(parents=True, exist_ok=True)
    config_path().write_text("[profiles\n")
    code, _, err = cli(capsys, "config", "list")
    assert code == 2 and "cannot read" in err


def test_the_profile_reaches_the_cloud_and_contract_commands() -> None:
    mapped = default_map({"endpoint": "e", "cloud_endpoint": "ce", "cluster_id": "in01", "token": "t", "db": "d"})
    assert mapped["cloud"] == {"endpoint": "ce", "cluster_id": "in01", "token": "t"}
    assert mapped["contract"] == {"endpoint": "e", "token": "t"} and mapped["db_name"] == "d"
