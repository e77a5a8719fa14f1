"""Type checks the generated control-plane parser leaves out, like `shapes` for a cluster's answers."""

from __future__ import annotations

from typing import Any

from zilliz_cloud_import_client.models import (
    CreatedImportJob,
    ErrorEnvelope,
    ImportFileProgress,
    ImportJobPage,
    ImportJobProgress,
)

from zilliz_import.shapes import _counts, _is_int, _strings

JOB_COUNTS = ("progress", "file_size", "total_rows")
FILE_COUNTS = ("progress", "file_size")
JOB_STRINGS = ("job_id", "collection_name", "file_name", "state", "reason")
FILE_STRINGS = ("file_name", "state")
PAGE_COUNTS = ("count", "current_page", "page_size")


def cloud_problems(data: Any) -> list[str]:
    """What is wrong with the types of a parsed control-plane `data` or error envelope; empty if nothing."""
    if isinstance(data, ImportJobProgress):
        found = _counts(data, "data", JOB_COUNTS) + _strings(data, "data", JOB_STRINGS)
        for index, item in enumerate(data.details):
            found += _file_problems(item, f"data.details[{index}]")
        return found
    if isinstance(data, ImportJobPage):
        found = _counts(data, "data", PAGE_COUNTS)
        for index, record in enumerate(data.records):
            found += _strings(record, f"data.records[{index}]", ("job_id", "collection_name", "state"))
        return found
    if isinstance(data, CreatedImportJob):
        return [] if job_id_of(data) else ["data has neither jobId nor jobID"]
    if isinstance(data, ErrorEnvelope):
        return _envelope_problems(data)
    return [f"unexpected data of type {type(data).__name__}"]


def job_id_of(created: CreatedImportJob) -> str:
    """The new job's ID, spelled `jobId` (SDK guides) or `jobID` (the reference page); "" if neither."""
    for value in (created.jobId, created.jobID):
        if isinstance(value, str) and value:
            return value
    return ""


def _envelope_problems(envelope: ErrorEnvelope) -> list[str]:
    code = envelope.code
    code_ok = _is_int(code) or (isinstance(code, str) and code.isdecimal())
    return [] if code_ok else [f"code {code!r} is not an integer"]


def _file_problems(item: ImportFileProgress, where: str) -> list[str]:
    return _counts(item, where, FILE_COUNTS) + _strings(item, where, FILE_STRINGS)
