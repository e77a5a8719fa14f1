"""The environment variables of both planes, in one table: what the facades, the CLI and `contract` read.

Names follow Zilliz's guides: a cluster is `CLUSTER_ENDPOINT` with `TOKEN`; the control plane is
`CLOUD_PLATFORM_ENDPOINT` with `TOKEN` (or `API_KEY`) and `CLUSTER_ID`.
"""

from __future__ import annotations

import os
from typing import Any

from zilliz_import.errors import ConfigurationError

ENV_ENDPOINT = "CLUSTER_ENDPOINT"
ENV_TOKEN = "TOKEN"
ENV_DB = "DB_NAME"
ENV_CLOUD_ENDPOINT = "CLOUD_PLATFORM_ENDPOINT"
ENV_TOKENS = ("TOKEN", "API_KEY")  # the guides use both names for the API key
ENV_CLUSTER = "CLUSTER_ID"
DEFAULT_CLOUD_ENDPOINT = "https://api.cloud.zilliz.com"  # https://api.cloud.zilliz.com.cn in China


def _given(overrides: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in overrides.items() if value is not None}


def cluster_env(**overrides: Any) -> dict[str, Any]:
    """Endpoint, token and database from CLUSTER_ENDPOINT, TOKEN and DB_NAME; keyword arguments win.

    Raises:
        ConfigurationError: No endpoint.
    """
    env = {
        "endpoint": os.environ.get(ENV_ENDPOINT) or "",
        "token": os.environ.get(ENV_TOKEN) or "",
        "db_name": os.environ.get(ENV_DB) or None,
    }
    settings = {**env, **{key: value for key, value in _given(overrides).items() if value != ""}}
    if not settings["endpoint"]:
        raise ConfigurationError(f"no endpoint: set {ENV_ENDPOINT} (for example https://in01-xxx.zillizcloud.com)")
    return settings


def control_plane_env(**overrides: Any) -> dict[str, Any]:
    """Endpoint, API key and cluster from CLOUD_PLATFORM_ENDPOINT, TOKEN (or API_KEY) and CLUSTER_ID.

    Keyword arguments (`endpoint`, `token`, `cluster_id`, ...) win over the environment.

    Raises:
        ConfigurationError: No cluster ID.
    """
    env = {
        "endpoint": os.environ.get(ENV_CLOUD_ENDPOINT) or DEFAULT_CLOUD_ENDPOINT,
        "token": next((os.environ[name] for name in ENV_TOKENS if os.environ.get(name)), ""),
        "cluster_id": os.environ.get(ENV_CLUSTER, ""),
    }
    settings = {**env, **_given(overrides)}
    if not settings["cluster_id"]:
        raise ConfigurationError(f"no cluster: pass cluster_id or set {ENV_CLUSTER} (for example in01-xxxxxxxxxxxx)")
    return settings
