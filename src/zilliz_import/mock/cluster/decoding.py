"""The cluster routes' bodies decoded and checked the way the Milvus proxy's Go handlers do, errors included.

Binding (types, `null`, required fields, keys matched case-insensitively) follows Go's encoding/json
(see `go_json`) on every route; `check_create` then applies the server's own checks of a bound
`create`, in its order, file types included (`file_types`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from zilliz_import.mock.cluster.file_types import check_file_types
from zilliz_import.mock.go_json import GO_INT, Binder, bind_object, go_string, missing_error, string_lists, type_error
from zilliz_import.mock.replies import CODE_COLLECTION_NOT_FOUND, CODE_IMPORT_FAILED, CODE_INVALID_PARAMETER, ApiError

INT64_MAX = 2**63 - 1
GO_DURATION = re.compile(r"[+-]?(0|((\d+(\.\d*)?|\.\d+)(ns|us|\u00b5s|\u03bcs|ms|s|m|h))+)")
COLLECTION_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,254}")
PARSE_FAILED = "parse job id failed, error: strconv.ParseInt:"


@dataclass(frozen=True)
class CreateRequest:
    """The decoded body of `create`."""

    collection_name: str
    files: list[list[str]]
    db_name: str = ""
    partition_name: str = ""
    options: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class JobRequest:
    """The decoded body of get_progress, describe, commit and abort."""

    job_id: int
    db_name: str = ""


def decode_job_request(body: bytes, *, strict_int64: bool = False) -> JobRequest:
    """The `jobId` (and `dbName`) of a job route, parsed like Go's strconv.ParseInt(s, 10, 64).

    Args:
        body: The raw request body.
        strict_int64: The commit/abort wording: a non-decimal ID is 1100 ("int64 jobId"), not 2100.
    """
    obj = bind_object(body, "JobIDReq", {name: go_string("JobIDReq", name) for name in ("jobId", "dbName")})
    text = obj.get("jobId") or ""
    if text == "":
        raise missing_error("JobIDReq", "JobID")
    problem = "invalid syntax" if not GO_INT.fullmatch(text) else None
    if problem is None and abs(int(text)) > INT64_MAX + text.startswith("-"):
        problem = "value out of range"
    if problem is not None and strict_int64:
        raise ApiError(CODE_INVALID_PARAMETER, f"invalid parameter[expected=int64 jobId][actual={text}]")
    if problem is not None:
        raise ApiError(CODE_IMPORT_FAILED, f'{PARSE_FAILED} parsing "{text}": {problem}')
    return JobRequest(int(text), obj.get("dbName") or "")


def decode_list(body: bytes) -> tuple[str, str]:
    """(dbName, collectionName) of `list`; both optional."""
    go_type = "OptionalCollectionNameReq"
    obj = bind_object(body, go_type, {name: go_string(go_type, name) for name in ("dbName", "collectionName")})
    return obj.get("dbName") or "", obj.get("collectionName") or ""


def decode_create(body: bytes) -> CreateRequest:
    """The body of `create` as the HTTP layer binds it (types and required fields only)."""
    obj = bind_object(body, "ImportReq", IMPORT_REQ)
    request = CreateRequest(
        collection_name=obj.get("collectionName") or "",
        files=obj.get("files") or [],
        db_name=obj.get("dbName") or "",
        partition_name=obj.get("partitionName") or "",
        options=obj.get("options") or {},
    )
    if request.collection_name == "":
        raise missing_error("ImportReq", "CollectionName")
    if obj.get("files") is None:
        raise missing_error("ImportReq", "Files")
    return request


def check_create(
    request: CreateRequest, *, db_name: str, max_files: int, extensions: frozenset[str]
) -> list[list[str]]:
    """The server's checks of a bound `create`, in its order; returns the units left to import.

    Empty units are dropped before counting (reference sheet, section 1).

    Args:
        request: The bound body.
        db_name: The request's database, for the message of a missing collection.
        max_files: `MaxFilesPerImportReq`.
        extensions: The file extensions the release reads (see `file_types`).
    """
    if not COLLECTION_NAME.fullmatch(request.collection_name):
        raise ApiError(
            CODE_COLLECTION_NOT_FOUND, f"collection not found[database={db_name}][collection={request.collection_name}]"
        )
    units = [unit for unit in request.files if unit]
    if not units:
        raise ApiError(CODE_INVALID_PARAMETER, "import request is empty: invalid parameter")
    if len(units) > max_files:
        raise ApiError(
            CODE_IMPORT_FAILED,
            f"The max number of import files should not exceed {max_files}, but got {len(units)}: "
            "importing data failed",
        )
    if any("" in unit for unit in units):  # not in the sheet: a path "" cannot name a file
        raise ApiError(CODE_INVALID_PARAMETER, "invalid parameter[expected=file path][actual=empty]: empty file path")
    if request.options.get("backup", "").lower() == "true" and not request.partition_name:
        raise ApiError(CODE_INVALID_PARAMETER, "partition not specified: invalid parameter")
    check_file_types(units, request.options, extensions)
    timeout = request.options.get("timeout")
    if timeout is not None and not GO_DURATION.fullmatch(timeout):
        raise ApiError(CODE_IMPORT_FAILED, f'parse timeout failed, err=time: invalid duration "{timeout}"')
    return units


def _files(value: Any, current: Any) -> list[list[str]] | None:
    """`files`: a later key replaces the list; `null` makes it nil (then 1802, as if absent)."""
    return None if value is None else string_lists(value, "Go struct field ImportReq.files of type [][]string")


def _options(value: Any, current: Any) -> dict[str, str] | None:
    """`options`: Go decodes a later key into the same map, so its entries add to the earlier ones'."""
    if value is None:
        return None
    target = "Go struct field ImportReq.options of type map[string]string"
    if not isinstance(value, dict):
        raise type_error(value, target)
    for item in value.values():
        if item is not None and not isinstance(item, str):
            raise type_error(item, target)
    return {**(current or {}), **{key: item or "" for key, item in value.items()}}


IMPORT_REQ: dict[str, Binder] = {
    **{name: go_string("ImportReq", name) for name in ("collectionName", "dbName", "partitionName")},
    "files": _files,
    "options": _options,
}
