"""The cluster's type checks of answers, the ones its generated parser leaves out (see `_core.checks`)."""

from __future__ import annotations

from typing import Any

from zilliz_import_client.models import (
    CreateImportJobSuccessData,
    ErrorEnvelope,
    ImportFileProgress,
    ImportJobActionSuccessData,
    ImportJobProgress,
    ImportJobSummary,
    ListImportJobsSuccessData,
)

from zilliz_import._core.checks import counts, is_int, strings

COUNTS = ("progress", "imported_rows", "total_rows", "file_size")
JOB_STRINGS = ("job_id", "collection_name", "state")
FILE_STRINGS = ("file_name", "state")


def problems(data: Any) -> list[str]:
    """What is wrong with the types of a parsed `data` or error envelope; empty when it is well-formed."""
    if (isinstance(data, ImportJobProgress) and _well_formed(data)) or isinstance(data, ImportJobActionSuccessData):
        return []  # the common case, checked without building any message; commit/abort's data is `{}`
    if isinstance(data, ImportJobProgress):
        found = counts(data, "data", COUNTS) + strings(data, "data", JOB_STRINGS)
        for index, item in enumerate(data.details):
            found += _file_problems(item, f"data.details[{index}]")
        return found
    if isinstance(data, ListImportJobsSuccessData):
        return [p for i, r in enumerate(data.records) for p in _summary_problems(r, f"data.records[{i}]")]
    if isinstance(data, CreateImportJobSuccessData):
        return strings(data, "data", ("job_id",))
    if isinstance(data, ErrorEnvelope):
        code_ok = is_int(data.code)
        return strings(data, "", ("message",)) + ([] if code_ok else ["code is not an integer"])
    return [f"unexpected data of type {type(data).__name__}"]


def _well_formed(data: ImportJobProgress) -> bool:
    return _plain(data, JOB_STRINGS) and all(_plain(item, FILE_STRINGS) for item in data.details)


def _plain(model: ImportJobProgress | ImportFileProgress, strings: tuple[str, ...]) -> bool:
    # `type(...) is int`: JSON parsing never makes int subclasses, and bool is one to refuse
    return all(type(getattr(model, name)) is int for name in COUNTS) and all(
        isinstance(getattr(model, name), str) for name in strings
    )


def _file_problems(item: ImportFileProgress, where: str) -> list[str]:
    return counts(item, where, COUNTS) + strings(item, where, FILE_STRINGS)


def _summary_problems(record: ImportJobSummary, where: str) -> list[str]:
    found = strings(record, where, ("job_id", "collection_name", "state"))
    if not is_int(record.progress):
        found.append(f"{where}.progress is {type(record.progress).__name__}, not an integer")
    return found
