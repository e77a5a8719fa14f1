"""The control plane's type checks of answers, the ones its generated parser leaves out (see `_core.checks`)."""

from __future__ import annotations

from typing import Any

from zilliz_cloud_import_client.models import (
    CreatedImportJob,
    ErrorEnvelope,
    ImportFileProgress,
    ImportJobPage,
    ImportJobProgress,
)

from zilliz_import._core.checks import counts, is_int, strings

JOB_COUNTS = ("progress", "file_size", "total_rows")
FILE_COUNTS = ("progress", "file_size")
JOB_STRINGS = ("job_id", "collection_name", "file_name", "state", "reason")
FILE_STRINGS = ("file_name", "state")
PAGE_COUNTS = ("count", "current_page", "page_size")


def cloud_problems(data: Any) -> list[str]:
    """What is wrong with the types of a parsed control-plane `data` or error envelope; empty if nothing."""
    if isinstance(data, ImportJobProgress):
        found = counts(data, "data", JOB_COUNTS) + strings(data, "data", JOB_STRINGS)
        for index, item in enumerate(data.details):
            found += _file_problems(item, f"data.details[{index}]")
        return found
    if isinstance(data, ImportJobPage):
        found = counts(data, "data", PAGE_COUNTS)
        for index, record in enumerate(data.records):
            found += strings(record, f"data.records[{index}]", ("job_id", "collection_name", "state"))
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
    code_ok = is_int(code) or (isinstance(code, str) and code.isdecimal())
    return [] if code_ok else [f"code {code!r} is not an integer"]


def _file_problems(item: ImportFileProgress, where: str) -> list[str]:
    return counts(item, where, FILE_COUNTS) + strings(item, where, FILE_STRINGS)
