"""The specs that travel with the package, and what the checks read from them."""

from __future__ import annotations

import copy
import re
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from zilliz_import.contract.answer import CLUSTER, CONTROL_PLANE

# Symlinks to openapi/*.yaml in a checkout; a wheel carries the files themselves (package data).
SPEC_PATH = Path(str(resources.files("zilliz_import.contract").joinpath("openapi.yaml")))
CONTROL_PLANE_SPEC_PATH = Path(str(resources.files("zilliz_import.contract").joinpath("control-plane.yaml")))
CONTROL_PLANE_HOST = "api.cloud.zilliz.com"
# How an x-error-codes entry names a refused API key (the control plane documents no 401 response)
API_KEY_MEANING = re.compile(r"api ?key", re.IGNORECASE)


def error_codes(raw_schema: dict[str, Any], raw_operation: dict[str, Any]) -> set[int]:
    """Codes an operation documents: its own `x-error-codes`, else the union on `ErrorEnvelope`.

    Args:
        raw_schema: The whole spec as loaded.
        raw_operation: The operation's object in the spec.

    Returns:
        The documented non-zero codes.
    """
    codes = raw_operation.get("x-error-codes")
    if codes is None:
        codes = _union_of_codes(raw_schema)
    return {int(code) for code in codes}


def _union_of_codes(raw_schema: dict[str, Any]) -> dict[str, str]:
    codes: dict[str, str] = raw_schema["components"]["schemas"]["ErrorEnvelope"].get("x-error-codes", {})
    return codes


def authentication_codes(raw_schema: dict[str, Any]) -> set[int]:
    """Codes a refused token gets: those the spec shows for HTTP 401, else the union's codes about the API key.

    The cluster spec has a 401 response (`components.responses.Unauthenticated`); the control
    plane answers an illegal key with code 21119 under a status it does not document, which its
    `ErrorEnvelope.x-error-codes` names ("API key illegal").
    """
    response = raw_schema["components"].get("responses", {}).get("Unauthenticated")
    if response is None:
        return {int(code) for code, meaning in _union_of_codes(raw_schema).items() if API_KEY_MEANING.search(meaning)}
    examples = response["content"]["application/json"]["examples"].values()
    return {example["value"]["code"] for example in examples}


def authentication_status(raw_schema: dict[str, Any]) -> int | None:
    """The HTTP status of a refused token: 401 where the spec documents it, else None (any status below 500)."""
    return 401 if "Unauthenticated" in raw_schema["components"].get("responses", {}) else None


def plane_of(raw_schema: dict[str, Any]) -> str:
    """Which server a spec describes: the control plane when its servers are on `api.cloud.zilliz.com`."""
    urls = [str(server.get("url", "")) for server in raw_schema.get("servers", [])]
    return CONTROL_PLANE if any(CONTROL_PLANE_HOST in url for url in urls) else CLUSTER


def pinned_control_plane(clusters: list[str]) -> dict[str, Any]:
    """The control-plane spec with `ClusterId` narrowed to `clusters`.

    Random cluster IDs all get code 1100, so generated requests (and the links from create,
    which copy the request's `clusterId`) would never reach a job. Negative mode still sends
    others.
    """
    raw: dict[str, Any] = yaml.safe_load(CONTROL_PLANE_SPEC_PATH.read_text(encoding="utf-8"))
    pinned = copy.deepcopy(raw["components"]["schemas"]["ClusterId"])
    pinned.pop("minLength", None)
    pinned.pop("examples", None)
    raw["components"]["schemas"]["ClusterId"] = {**pinned, "enum": list(clusters)}
    return raw


def pinned_clusters(raw_schema: dict[str, Any]) -> list[str]:
    """The clusters `pinned_control_plane` narrowed a spec to (none for an unpinned or cluster spec)."""
    schemas = raw_schema.get("components", {}).get("schemas", {})
    return [str(cluster) for cluster in schemas.get("ClusterId", {}).get("enum", [])]
