"""The environment table of both planes: the guides' names, and keyword arguments winning over them."""

from __future__ import annotations

import pytest

from zilliz_import import ConfigurationError
from zilliz_import._core.environment import DEFAULT_CLOUD_ENDPOINT, cluster_env, control_plane_env


def test_the_cluster_reads_its_variables_and_arguments_win(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLUSTER_ENDPOINT", "https://env.example")
    monkeypatch.setenv("TOKEN", "env-token")
    monkeypatch.setenv("DB_NAME", "envdb")
    assert cluster_env() == {"endpoint": "https://env.example", "token": "env-token", "db_name": "envdb"}
    given = cluster_env(endpoint="https://arg.example", token=None, timeout=5)
    assert (given["endpoint"], given["token"], given["timeout"]) == ("https://arg.example", "env-token", 5)


def test_the_cluster_needs_an_endpoint(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CLUSTER_ENDPOINT", raising=False)
    with pytest.raises(ConfigurationError, match="CLUSTER_ENDPOINT"):
        cluster_env(token="t")


def test_the_control_plane_defaults_to_zilliz_cloud_and_takes_api_key(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("CLOUD_PLATFORM_ENDPOINT", "TOKEN"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("API_KEY", "key")
    monkeypatch.setenv("CLUSTER_ID", "in01-env")
    assert control_plane_env() == {"endpoint": DEFAULT_CLOUD_ENDPOINT, "token": "key", "cluster_id": "in01-env"}
    assert control_plane_env(cluster_id="in01-arg")["cluster_id"] == "in01-arg"


def test_the_control_plane_needs_a_cluster(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CLUSTER_ID", raising=False)
    with pytest.raises(ConfigurationError, match="CLUSTER_ID"):
        control_plane_env(token="k")
