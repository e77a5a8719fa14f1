"""Request bodies decoded the way the Milvus proxy's Go handlers decode them, errors included.

Go's encoding/json ignores unknown fields and treats `null` as "leave the zero value", and the
handlers then check required fields; each failure has its own code and message prefix.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from zilliz_import.mock.replies import (
    CODE_BAD_JSON,
    CODE_COLLECTION_NOT_FOUND,
    CODE_IMPORT_FAILED,
    CODE_INVALID_PARAMETER,
    CODE_MISSING_PARAMETER,
    ApiError,
)

INT64_MAX = 2**63 - 1
MAX_FILE_UNITS = 1024  # the server's default dataCoord.import.maxImportFileNumPerReq
GO_INT = re.compile(r"[+-]?[0-9]+")
COLLECTION_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,254}")
BAD_JSON = "can only accept json format request"
PARSE_FAILED = "parse job id failed, error: strconv.ParseInt:"


@dataclass(frozen=True)
class CreateRequest:
    """The decoded body of `create`."""

    collection_name: str
    files: list[list[str]]
    db_name: str = ""
    partition_name: str = ""
    options: dict[str, str] = field(default_factory=dict)


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
        raise _type_error(value, f"Go value of type httpserver.{go_type}")
    return value


def _go_kind(value: Any) -> str:
    kinds = {bool: "bool", str: "string", list: "array", dict: "object"}
    return kinds.get(type(value), "number")


def _type_error(value: Any, target: str) -> ApiError:
    return ApiError(CODE_BAD_JSON, f"{BAD_JSON}, error: json: cannot unmarshal {_go_kind(value)} into {target}")


def _string(obj: dict[str, Any], key: str, go_type: str) -> str:
    value = obj.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise _type_error(value, f"Go struct field {go_type}.{key} of type string")
    return value


def _missing(go_type: str, go_field: str) -> ApiError:
    return ApiError(
        CODE_MISSING_PARAMETER,
        f"missing required parameters, error: Key: '{go_type}.{go_field}' "
        f"Error:Field validation for '{go_field}' failed on the 'required' tag",
    )


def decode_job_id(body: bytes) -> int:
    """The `jobId` of get_progress/describe, parsed like Go's strconv.ParseInt(s, 10, 64)."""
    text = _string(decode_object(body, "JobIDReq"), "jobId", "JobIDReq")
    if text == "":
        raise _missing("JobIDReq", "JobID")
    if not GO_INT.fullmatch(text):
        raise ApiError(CODE_IMPORT_FAILED, f'{PARSE_FAILED} parsing "{text}": invalid syntax')
    if abs(int(text)) > INT64_MAX + text.startswith("-"):
        raise ApiError(CODE_IMPORT_FAILED, f'{PARSE_FAILED} parsing "{text}": value out of range')
    return int(text)


def decode_list(body: bytes) -> tuple[str, str]:
    """(dbName, collectionName) of `list`; both optional."""
    obj = decode_object(body, "OptionalCollectionNameReq")
    go_type = "OptionalCollectionNameReq"
    return _string(obj, "dbName", go_type), _string(obj, "collectionName", go_type)


def decode_create(body: bytes) -> CreateRequest:
    """The body of `create`, with the server's checks of names and files."""
    obj = decode_object(body, "ImportReq")
    request = CreateRequest(
        collection_name=_string(obj, "collectionName", "ImportReq"),
        files=_files(obj.get("files")),
        db_name=_string(obj, "dbName", "ImportReq"),
        partition_name=_string(obj, "partitionName", "ImportReq"),
        options=_options(obj.get("options")),
    )
    if request.collection_name == "":
        raise _missing("ImportReq", "CollectionName")
    if obj.get("files") is None:
        raise _missing("ImportReq", "Files")
    if not request.files:
        raise ApiError(
            CODE_INVALID_PARAMETER, "invalid parameter[expected=files][actual=empty]: import request is empty"
        )
    if len(request.files) > MAX_FILE_UNITS:
        raise ApiError(
            CODE_INVALID_PARAMETER,
            f"invalid parameter[expected<={MAX_FILE_UNITS}][actual={len(request.files)}]: "
            f"the max number of import files should not exceed {MAX_FILE_UNITS}",
        )
    if any(not unit or "" in unit for unit in request.files):
        raise ApiError(CODE_INVALID_PARAMETER, "invalid parameter[expected=file path][actual=empty]: empty file path")
    if not COLLECTION_NAME.fullmatch(request.collection_name):
        raise ApiError(
            CODE_COLLECTION_NOT_FOUND, f"collection not found[database=default][collection={request.collection_name}]"
        )
    return request


def _files(value: Any) -> list[list[str]]:
    if value is None:
        return []
    target = "Go struct field ImportReq.files of type [][]string"
    if not isinstance(value, list):
        raise _type_error(value, target)
    for unit in value:
        if unit is not None and not isinstance(unit, list):
            raise _type_error(unit, target)
        for path in unit or []:
            if path is not None and not isinstance(path, str):
                raise _type_error(path, target)
    return [[path or "" for path in unit or []] for unit in value]


def _options(value: Any) -> dict[str, str]:
    if value is None:
        return {}
    target = "Go struct field ImportReq.options of type map[string]string"
    if not isinstance(value, dict):
        raise _type_error(value, target)
    for item in value.values():
        if item is not None and not isinstance(item, str):
            raise _type_error(item, target)
    return {key: item or "" for key, item in value.items()}
