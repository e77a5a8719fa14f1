"""Request bodies bound the way Go's encoding/json and the handlers' required-field checks bind them.

Go's encoding/json ignores unknown fields and treats `null` as "leave the zero value", and the
handlers then check required fields; each failure has its own code and message prefix. Both servers
decode their bodies this way (the control plane's undocumented codes follow the cluster's).

The cluster's handlers also match keys as Go does (reference sheet, third edition, section 4): see
`bind_object`. The control plane keeps exact keys: the sheet says nothing of how it reads them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from typing import Any

from zilliz_import.mock.replies import CODE_BAD_JSON, CODE_MISSING_PARAMETER, ApiError

GO_INT = re.compile(r"[+-]?[0-9]+")
BAD_JSON = "can only accept json format request"
# (the JSON value of a key, the field's Go value so far) -> its Go value after that key is read
Binder = Callable[[Any, Any], Any]


class Pairs(dict[str, Any]):
    """A JSON object as a dict (the last of duplicate keys wins, as in a Go map) that keeps its pairs in order."""

    def __init__(self, pairs: list[tuple[str, Any]]) -> None:
        super().__init__(pairs)
        self.pairs = pairs


def decode_object(body: bytes, go_type: str) -> dict[str, Any]:
    """The body as a JSON object; null counts as `{}`, as it does for Go."""
    if not body.strip():
        raise ApiError(CODE_BAD_JSON, f"{BAD_JSON}, the request body should be nil, however {{}} is valid")
    try:
        value = json.loads(body, object_pairs_hook=Pairs)
    except (ValueError, RecursionError) as error:
        raise ApiError(CODE_BAD_JSON, f"{BAD_JSON}, error: {error}") from None
    if value is None:
        return Pairs([])
    if not isinstance(value, dict):
        raise type_error(value, f"Go value of type httpserver.{go_type}")
    return value


def go_fold(name: str) -> str:
    """A key as Go's encoding/json compares it case-insensitively (`foldName`: each rune to the least of its fold set).

    Python has no `unicode.SimpleFold`; upper and lower case of each character stand in for its fold
    set, which covers the two non-ASCII runes that fold onto the ASCII letters of field names: U+017F
    (long s) and U+212A (Kelvin sign).
    """
    folded = []
    for char in name:
        family = {char, char.lower(), char.upper(), char.lower().upper(), char.upper().lower()}
        folded.append(min(c for c in family if len(c) == 1))
    return "".join(folded)


def bind_object(body: bytes, go_type: str, fields: Mapping[str, Binder]) -> dict[str, Any]:
    """The fields a body fills, keyed by their names, matched as Go's encoding/json matches them.

    Each key, in document order, fills the field it names exactly or, failing that, the field it names
    case-insensitively (`{"jobID": "1"}` fills `jobId`); a later key overwrites what an earlier one
    filled, exact duplicates too. Unknown keys are ignored. Fields no key names are absent.

    Args:
        body: The raw request body.
        go_type: The Go struct's name, for the messages of type errors.
        fields: Each field's JSON name and how a value binds into it (see `go_string` ...).

    Raises:
        ApiError: 1801 for a body that is not a JSON object or a value of the wrong type.
    """
    obj = decode_object(body, go_type)
    folded = {go_fold(name): name for name in fields}
    bound: dict[str, Any] = {}
    for key, value in obj.pairs if isinstance(obj, Pairs) else obj.items():
        name = key if key in fields else folded.get(go_fold(key))
        if name is not None:
            bound[name] = fields[name](value, bound.get(name))
    return bound


def go_string(go_type: str, field: str) -> Binder:
    """A string field: `null` leaves it as it was, another type is 1801."""

    def bind(value: Any, current: Any) -> Any:
        if value is None:
            return current
        if not isinstance(value, str):
            raise type_error(value, f"Go struct field {go_type}.{field} of type string")
        return value

    return bind


def _go_kind(value: Any) -> str:
    kinds = {bool: "bool", str: "string", list: "array", dict: "object", Pairs: "object"}
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
