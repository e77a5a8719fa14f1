"""The spec that travels with the package, and what the checks read from it."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

# A symlink to openapi/openapi.yaml in a checkout; a wheel carries the file itself (package data).
SPEC_PATH = Path(str(resources.files("zilliz_import.contract").joinpath("openapi.yaml")))


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
        codes = raw_schema["components"]["schemas"]["ErrorEnvelope"].get("x-error-codes", {})
    return {int(code) for code in codes}


def authentication_codes(raw_schema: dict[str, Any]) -> set[int]:
    """Codes the spec shows for HTTP 401 (the server's 1800 and documented gateway codes)."""
    response = raw_schema["components"]["responses"]["Unauthenticated"]
    examples = response["content"]["application/json"]["examples"].values()
    return {example["value"]["code"] for example in examples}
