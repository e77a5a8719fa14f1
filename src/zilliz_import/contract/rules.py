"""Meaning rules on one answer, without I/O: each returns what it finds wrong, as sentences.

Each rule's docstring quotes the line of the reference sheet (server-behaviour.md, third edition)
it enforces. `checks.py` turns every rule into a schemathesis check of the same name.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from zilliz_import.contract.answer import ABORT, COMMIT, CONTROL_PLANE, CREATE, JOB_VIEWS, LIST, Answer, integer

Rule = Callable[[Answer], list[str]]
JOB_ROUTES = (*JOB_VIEWS, COMMIT, ABORT)  # the operations whose body is a jobId
CODE_NOT_JSON, CODE_BAD_TIMEOUT = 1801, 1100
# Answered before the body is decoded (authentication, permission, server-side timeout): no verdict on jobId.
BEFORE_DECODING = frozenset({1800, 1401, 10001, 21119})
# Sheet section 1: the extensions some release reads (`.jsonl`/`.ndjson` only in newer source); a unit
# with any other extension is refused on every release, so accepting it is wrong wherever it happens.
READABLE = frozenset({".json", ".npy", ".parquet", ".csv", ".jsonl", ".ndjson"})
FOLDER_IMPORTS = ("backup", "l0_import")  # their units are folder prefixes: not checked


def _files(view: dict[str, Any]) -> list[dict[str, Any]]:
    details = view.get("details")
    return [d for d in details if isinstance(d, dict)] if isinstance(details, list) else []


def _progress_answers(answer: Answer) -> list[dict[str, Any]]:
    return answer.job_views() if answer.operation_id in JOB_VIEWS else []


def progress_within_range(answer: Answer) -> list[str]:
    """Sheet section 2: "`progress` | integer 0..100" (job, list records and each file)."""
    problems = []
    for view in answer.job_views():
        for where, item in [("job", view)] + [(f"file {f.get('fileName')!r}", f) for f in _files(view)]:
            progress = integer(item.get("progress"))
            if progress is not None and not 0 <= progress <= 100:
                problems.append(f"{where} {view.get('jobId')}: progress {progress} is outside 0..100")
    return problems


def completed_job_is_whole(answer: Answer) -> list[str]:
    """Sheet section 3: "Completed | `Completed` | 100"; section 2: `completeTime` RFC 3339 once the job completes."""
    problems = []
    for view in answer.job_views():
        if view.get("state") != "Completed":
            continue
        if "progress" in view and integer(view.get("progress")) != 100:  # the control plane's list has none
            problems.append(f"job {view.get('jobId')} is Completed at progress {view.get('progress')}, not 100")
        if answer.operation_id != LIST and not view.get("completeTime"):
            problems.append(f"job {view.get('jobId')} is Completed with an empty completeTime")
    return problems


def imported_rows_within_total(answer: Answer) -> list[str]:
    """Sheet section 2: `importedRows`, `totalRows` per job and per file; imported cannot exceed a known total.

    A total of 0 is unknown, not zero: newest V3 imports "may leave per-file `totalRows` 0".
    """
    problems = []
    for view in _progress_answers(answer):
        for where, item in [("job", view)] + [(f"file {f.get('fileName')!r}", f) for f in _files(view)]:
            imported, total = integer(item.get("importedRows")), integer(item.get("totalRows"))
            if imported is not None and total and imported > total:
                problems.append(f"{where}: importedRows {imported} exceeds totalRows {total}")
    return problems


def file_size_is_sum_of_files(answer: Answer) -> list[str]:
    """Sheet section 2: "`fileSize` = sum of `details[].fileSize`" (0 while `details` is `[]`)."""
    problems = []
    for view in _progress_answers(answer):
        sizes = [integer(f.get("fileSize")) for f in _files(view)]
        known = [size for size in sizes if size is not None]
        total = integer(view.get("fileSize"))
        if total is not None and len(known) == len(sizes) and total != sum(known):
            problems.append(f"job {view.get('jobId')}: fileSize {total} is not the sum of its files' {sum(known)}")
    return problems


def failed_job_has_reason(answer: Answer) -> list[str]:
    """Sheet section 3: "Failed | `Failed` | 0, `reason` set"."""
    return [
        f"job {view.get('jobId')} is Failed without a reason"
        for view in answer.job_views()
        if view.get("state") == "Failed" and not view.get("reason")
        if not (answer.plane == CONTROL_PLANE and answer.operation_id == LIST)  # sheet 7: its records have no reason
    ]


def answer_is_about_the_job_asked(answer: Answer) -> list[str]:
    """Sheet section 2: "`jobId` | string | echoed back"."""
    sent, views = answer.job_id_sent, _progress_answers(answer)
    return [f"asked about job {sent!r}, answered about job {v.get('jobId')!r}" for v in views if v.get("jobId") != sent]


def list_follows_its_filter(answer: Answer) -> list[str]:
    """Sheet section 1: `list` "with a `collectionName` ... returns its jobs"."""
    wanted = answer.request.get("collectionName") if isinstance(answer.request, dict) else None
    if answer.operation_id != LIST or not isinstance(wanted, str) or not wanted:
        return []
    return [
        f"asked for collection {wanted!r}, got job {r.get('jobId')} of {r.get('collectionName')!r}"
        for r in answer.job_views()
        if r.get("collectionName") != wanted
    ]


def numeric_job_id_refused(answer: Answer) -> list[str]:
    """Sheet section 1: "Only `jobId` as a string decodes; a number is code 1801" (also for a job that exists)."""
    sent = answer.job_id_sent
    if answer.operation_id not in JOB_ROUTES or not isinstance(sent, int | float) or isinstance(sent, bool):
        return []
    if answer.code is None or answer.code == CODE_NOT_JSON or answer.code in BEFORE_DECODING:
        return []
    if answer.code == CODE_BAD_TIMEOUT and answer.timeout_unparsable:  # the header is read before the body
        return []
    return [f"jobId sent as the number {sent} was answered with code {answer.code}, not 1801"]


def extension(path: str) -> str:
    """The extension as the server reads it (Go's `filepath.Ext`): from the last dot of the last element."""
    name = path.rsplit("/", 1)[-1]
    return name[name.rfind(".") :] if "." in name else ""


def unreadable_units(request: Any) -> list[list[str]]:
    """The units of a `create` body with a path of an extension no release reads (none for folder imports)."""
    body = request if isinstance(request, dict) else {}
    options, files = body.get("options"), body.get("files")
    if isinstance(options, dict) and any(str(options.get(key, "")).lower() == "true" for key in FOLDER_IMPORTS):
        return []
    units = [u for u in files if isinstance(u, list) and u] if isinstance(files, list) else []
    return [u for u in units if all(isinstance(p, str) for p in u) and any(extension(p) not in READABLE for p in u)]


def unknown_file_type_refused(answer: Answer) -> list[str]:
    """Sheet section 1: "File types are checked at create": an unknown extension is 2100 "and no job is created"."""
    if answer.operation_id != CREATE or answer.code != 0:
        return []
    units = unreadable_units(answer.request)
    job = (answer.data or {}).get("jobId")
    return [f"create of unit {unit} (a file type no release reads) was accepted as job {job}" for unit in units[:1]]


RULES: dict[str, Rule] = {
    rule.__name__: rule
    for rule in (
        progress_within_range,
        completed_job_is_whole,
        imported_rows_within_total,
        file_size_is_sum_of_files,
        failed_job_has_reason,
        answer_is_about_the_job_asked,
        list_follows_its_filter,
        numeric_job_id_refused,
        unknown_file_type_refused,
    )
}
