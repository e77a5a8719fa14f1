"""Request bodies bound the way Go's encoding/json and the handlers' required-field checks bind them.

Go's encoding/json ignores unknown fields and treats `null` as "leave the zero value", and the
handlers then check required fields; each failure has its own code and message prefix. Both servers
decode their bodies this way (the control plane's undocumented codes follow the cluster's).
"""

from __future__ import annotations

import json
import re
from typing import Any

from zilliz_import.mock.replies import CODE_BAD_JSON, CODE_MISSING_PARAMETER, ApiError

GO_INT = re.compile(r"[+-]?[0-9]+")
BAD_JSON = "can only accept json format request"


def decode_object(body: bytes, go_type: str) -> dict[str, Any]:
    """The body as a JSON object; null counts as `{}`, as it does for Go."""
    if not body.strip():
        raise ApiError(CODE_BAD_JSON, f"{BAD_JSON}, the request body should be nil, however {{}} is valid")
    try:
        value = json.loads(body)
    except (ValueError, RecursionError) as error:
        raise ApiError(CODE_BAD_JSON, f"{BAD_JSON}, error: {error}") from None
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise type_error(value, f"Go value of type httpserver.{go_type}")
    return value


def _go_kind(value: Any) -> str:
    kinds = {bool: "bool", str: "string", list: "array", dict: "object"}
    return kinds.get(type(value), "number")


def type_error(value: Any, target: str) -> ApiError:
    """The 1801 answer to a field of the wrong JSON type, in Go's words."""
    return ApiError(CODE_BAD_JSON, f"{BAD_JSON}, error: json: cannot unmarshal {_go_kind(value)} into {target}")


def string_field(obj: dict[str, Any], key: str, go_type: str) -> str:
    """A string field; absent and `null` read as `""`, another type is 1801."""
    value = obj.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise type_error(value, f"Go struct field {go_type}.{key} of type string")
    return value


def string_lists(value: Any, target: str) -> list[list[str]]:
    """A list of lists of strings (`null` items read as empty); another shape is 1801 naming `target`."""
    if value is None:
        return []
    if not isinstance(value, list):
        raise type_error(value, target)
    for unit in value:
        if unit is not None and not isinstance(unit, list):
            raise type_error(unit, target)
        for path in unit or []:
            if path is not None and not isinstance(path, str):
                raise type_error(path, target)
    return [[path or "" for path in unit or []] for unit in value]


def missing_error(go_type: str, go_field: str) -> ApiError:
    """The 1802 answer to a required field that is absent or empty."""
    return ApiError(
        CODE_MISSING_PARAMETER,
        f"missing required parameters, error: Key: '{go_type}.{go_field}' "
        f"Error:Field validation for '{go_field}' failed on the 'required' tag",
    )
