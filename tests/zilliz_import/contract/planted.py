"""The planted faults: one broken variant per check, each with the check that must report it.

Every variant is a factory, so per-variant memory (which jobs were seen finished...) starts empty.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from typing import Any

from tests.zilliz_import.contract.broken_mocks import CrashingListApp, RewritingApp, accept_any_token, edit_jobs

Job = dict[str, Any]
READABLE = (".json", ".npy", ".parquet", ".csv")


def progress_as_string(body: dict[str, Any], route: str) -> dict[str, Any]:
    """A wrong type: `progress` sent as a string, as the published page's table suggests."""
    if isinstance(body.get("data"), dict) and "progress" in body["data"]:
        body["data"]["progress"] = str(body["data"]["progress"])
    return body


def without_complete_time(body: dict[str, Any], route: str) -> dict[str, Any]:
    """A missing required field: `completeTime` left out until the job completes."""
    if isinstance(body.get("data"), dict) and body["data"].get("completeTime") == "":
        del body["data"]["completeTime"]
    return body


def undocumented_code(body: dict[str, Any], route: str) -> dict[str, Any]:
    """An error code the spec does not document."""
    if body.get("code") == 2100:
        body["code"] = 2199
    return body


def with_unknown_field(body: dict[str, Any], route: str) -> dict[str, Any]:
    """A control: an unknown field in every answer and every data object (allowed by the spec)."""
    body["unknownField"] = "from a newer server"
    if isinstance(body.get("data"), dict):
        body["data"]["unknownField"] = 1
    return body


def file_progress_over_100(job: Job) -> None:
    for item in job.get("details") or []:
        item["progress"] += 20


def completed_at_99(job: Job) -> None:
    if job.get("state") == "Completed":
        job["progress"] = 99


def completed_without_time(job: Job) -> None:
    if job.get("state") == "Completed" and "completeTime" in job:
        job["completeTime"] = ""


def more_rows_than_total(job: Job) -> None:
    if job.get("totalRows"):
        job["importedRows"] = job["totalRows"] + 1


def size_not_the_sum(job: Job) -> None:
    if job.get("details"):
        job["fileSize"] += 1


def failed_without_reason(job: Job) -> None:
    """Completed jobs turned Failed, as a server would report them, but with no reason."""
    if job.get("state") == "Completed":
        job.update(state="Failed", progress=0, completeTime="")
        job.pop("reason", None)


def another_job(job: Job) -> None:
    job["jobId"] = str(int(job["jobId"]) + 1)


def list_of_other_collections(body: dict[str, Any], route: str) -> dict[str, Any]:
    """`list` adds a job of another collection, whatever the filter."""
    records = (body.get("data") or {}).get("records") if route == "list" else None
    if records:
        records.append({**records[0], "collectionName": records[0]["collectionName"] + "_other"})
    return body


def forgets_newest_job(body: dict[str, Any], route: str) -> dict[str, Any]:
    """`list` leaves out the newest job."""
    records = (body.get("data") or {}).get("records") if route == "list" else None
    if records:
        records.remove(max(records, key=lambda r: int(r["jobId"])))
    return body


def numbers_as_strings(request: bytes) -> bytes:
    """A server that decodes a numeric `jobId` as if it were a string."""
    try:
        body = json.loads(request)
    except ValueError:
        return request
    if isinstance(body, dict) and type(body.get("jobId")) is int:
        body["jobId"] = str(body["jobId"])
    return json.dumps(body).encode()


def restarts_finished_jobs() -> Callable[[Job], None]:
    """Every second answer about a job once seen Completed says it is importing again."""
    answers: Counter[str] = Counter()

    def edit(job: Job) -> None:
        if job.get("state") == "Completed":
            answers[job["jobId"]] += 1
            if answers[job["jobId"]] % 2 == 0:
                job.update(state="Importing", progress=100, completeTime="")

    return edit


def progress_wobbles() -> Callable[[Job], None]:
    """Every second answer about a running job reports 10 points less than the one before."""
    answers: Counter[str] = Counter()

    def edit(job: Job) -> None:
        if job.get("state") == "Importing" and job["progress"] >= 20:
            answers[job["jobId"]] += 1
            job["progress"] -= 10 * (answers[job["jobId"]] % 2)

    return edit


def leaves_uncommitted_backwards() -> Callable[[Job], None]:
    """The first answer past 50 says Uncommitted 99; later ones go back to Importing."""
    shown: set[str] = set()

    def edit(job: Job) -> None:
        if job.get("state") == "Importing" and job["progress"] >= 50 and job["jobId"] not in shown:
            shown.add(job["jobId"])
            job.update(state="Uncommitted", progress=99)

    return edit


def accepts_refused(route_refused: str) -> Callable[[dict[str, Any], str], dict[str, Any]]:
    """A server that accepts every `commit` (or `abort`) the job's state should refuse: its 2100 becomes code 0."""

    def mutate(body: dict[str, Any], route: str) -> dict[str, Any]:
        return {"code": 0, "data": {}} if route == route_refused and body.get("code") == 2100 else body

    return mutate


class RefusesRepeatedAbort:
    """A server that refuses a second abort of a job it already aborted (the sheet: it must succeed)."""

    def __init__(self) -> None:
        self.asked: object = None
        self.aborted: set[object] = set()

    def request(self, request: bytes) -> bytes:
        try:
            body = json.loads(request)
        except ValueError:
            body = None
        self.asked = body.get("jobId") if isinstance(body, dict) else None
        return request

    def answer(self, body: dict[str, Any], route: str) -> dict[str, Any]:
        if route != "abort" or body.get("code") != 0:
            return body
        if self.asked in self.aborted:
            return {"code": 2100, "message": f"job {self.asked} was already aborted: importing data failed"}
        self.aborted.add(self.asked)
        return body


def refuses_repeated_abort() -> RewritingApp:
    planted = RefusesRepeatedAbort()
    return RewritingApp(planted.answer, request_edit=planted.request)


def reads_any_file_type(request: bytes) -> bytes:
    """A server that starts a job for files of any type: it reads `x.txt` as if it were `x.txt.parquet`."""
    try:
        body = json.loads(request)
    except ValueError:
        return request
    files = body.get("files") if isinstance(body, dict) else None
    if not isinstance(files, list):
        return request
    body["files"] = [
        [p if not isinstance(p, str) or p.endswith(READABLE) else p + ".parquet" for p in unit]
        if isinstance(unit, list)
        else unit
        for unit in files
    ]
    return json.dumps(body).encode()


def in_other_words(body: dict[str, Any], route: str) -> dict[str, Any]:
    """A control: every refusal in other words (the rules read codes and states, never wordings)."""
    if body.get("code") not in (0, None) and isinstance(body.get("message"), str):
        body["message"] = "refused"
    return body


def describe_disagrees(job: Job) -> None:
    if job.get("state") == "Completed":
        job["totalRows"] += 1
        job["importedRows"] += 1


CONTROLS: dict[str, Callable[[], Any]] = {
    "the healthy mock": RewritingApp,
    "an unknown field in every answer": lambda: RewritingApp(with_unknown_field),
    "every refusal in other words": lambda: RewritingApp(in_other_words),
}
# variant -> (factory, the check that must report it)
BROKEN_VARIANTS: dict[str, tuple[Callable[[], Any], str]] = {
    "wrong type in a field": (lambda: RewritingApp(progress_as_string), "Response violates schema"),
    "missing required field": (lambda: RewritingApp(without_complete_time), "Response violates schema"),
    "auth ignored": (lambda: RewritingApp(scope_hook=accept_any_token), "Authentication not enforced"),
    "undocumented error code": (lambda: RewritingApp(undocumented_code), "Undocumented error code"),
    "server error": (CrashingListApp, "Server error"),
    "file progress over 100": (lambda: RewritingApp(edit_jobs(file_progress_over_100)), "progress_within_range"),
    "Completed at 99": (lambda: RewritingApp(edit_jobs(completed_at_99)), "completed_job_is_whole"),
    "Completed without completeTime": (
        lambda: RewritingApp(edit_jobs(completed_without_time)),
        "completed_job_is_whole",
    ),
    "more rows imported than total": (
        lambda: RewritingApp(edit_jobs(more_rows_than_total)),
        "imported_rows_within_total",
    ),
    "fileSize not the sum of files": (lambda: RewritingApp(edit_jobs(size_not_the_sum)), "file_size_is_sum_of_files"),
    "Failed without reason": (lambda: RewritingApp(edit_jobs(failed_without_reason)), "failed_job_has_reason"),
    "answer about another job": (
        lambda: RewritingApp(edit_jobs(another_job, ("get_progress", "describe"))),
        "answer_is_about_the_job_asked",
    ),
    "list ignores its filter": (lambda: RewritingApp(list_of_other_collections), "list_follows_its_filter"),
    "numeric jobId accepted": (lambda: RewritingApp(request_edit=numbers_as_strings), "numeric_job_id_refused"),
    "list forgets a job": (lambda: RewritingApp(forgets_newest_job), "job_listed_for_its_collection"),
    "finished job starts again": (
        lambda: RewritingApp(edit_jobs(restarts_finished_jobs())),
        "finished_job_stays_finished",
    ),
    "progress goes backwards": (lambda: RewritingApp(edit_jobs(progress_wobbles())), "progress_never_goes_back"),
    "Uncommitted back to Importing": (
        lambda: RewritingApp(edit_jobs(leaves_uncommitted_backwards())),
        "uncommitted_moves_only_forward",
    ),
    "abort of a finished job accepted": (
        lambda: RewritingApp(accepts_refused("abort")),
        "abort_of_finished_job_refused",
    ),
    "commit of an auto-commit job accepted": (
        lambda: RewritingApp(accepts_refused("commit")),
        "commit_of_auto_commit_job_refused",
    ),
    "repeated abort refused": (refuses_repeated_abort, "repeated_abort_harmless"),
    "unknown file type accepted": (
        lambda: RewritingApp(request_edit=reads_any_file_type),
        "unknown_file_type_refused",
    ),
    "describe disagrees with get_progress": (
        lambda: RewritingApp(edit_jobs(describe_disagrees, ("describe",))),
        "job_views_agree",
    ),
}
