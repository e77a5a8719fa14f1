"""The planted faults of the control plane: one broken variant per check that applies to it (sheet section 7).

Each variant wraps the control-plane mock at the HTTP boundary, as `planted.py` does for a cluster,
and names the check that must report it.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from typing import Any

from tests.zilliz_import.contract import planted
from tests.zilliz_import.contract.broken_mocks import (
    CrashingListApp,
    Mutation,
    RequestEdit,
    RewritingApp,
    accept_any_token,
    edit_jobs,
    unchanged,
)
from tests.zilliz_import.contract.conftest import stepped_control_plane
from zilliz_import.mock import DEFAULT_API_KEY, DEFAULT_CLUSTER
from zilliz_import.mock.asgi import Scope

Job = dict[str, Any]


def on_control_plane(
    mutate: Mutation = unchanged,
    *,
    request_edit: RequestEdit | None = None,
    scope_hook: Callable[[Scope], None] | None = None,
) -> RewritingApp:
    """The control-plane mock behind a RewritingApp."""
    return RewritingApp(mutate, request_edit=request_edit, scope_hook=scope_hook, app=stepped_control_plane())


def codes_as_strings(body: dict[str, Any], route: str) -> dict[str, Any]:
    """A control: `code` sent as a string, as two of the reference pages type it."""
    if "code" in body:
        body["code"] = str(body["code"])
    return body


def undocumented_code(body: dict[str, Any], route: str) -> dict[str, Any]:
    """An error code the spec does not document: 1802 (a missing field) becomes 1899."""
    if body.get("code") == 1802:
        body["code"] = 1899
    return body


def without_reason(body: dict[str, Any], route: str) -> dict[str, Any]:
    """A missing required field: `reason` left out while it is empty, as a cluster does."""
    data = body.get("data")
    if isinstance(data, dict) and data.get("reason") == "":
        del data["reason"]
    return body


def reason_while_importing(job: Job) -> None:
    if job.get("state") == "Importing":
        job["reason"] = "retrying a file"


def failed_with_empty_reason(job: Job) -> None:
    """Completed jobs turned Failed, with the `reason` the control plane always sends left empty."""
    if job.get("state") == "Completed":
        job.update(state="Failed", progress=0, completeTime="", reason="")


def another_job(job: Job) -> None:
    job["jobId"] = job["jobId"][:-1] + ("a" if job["jobId"][-1] != "a" else "b")


def describe_disagrees(job: Job) -> None:
    if job.get("state") == "Completed":
        job["totalRows"] += 1


def page_size_not_echoed(body: dict[str, Any], route: str) -> dict[str, Any]:
    """`list` says it used a page size one larger than asked."""
    if route == "list" and isinstance(body.get("data"), dict):
        body["data"]["pageSize"] += 1
    return body


def forgets_newest_job(body: dict[str, Any], route: str) -> dict[str, Any]:
    """`list` leaves out its last job, and counts one job less, so the page still adds up."""
    data = body.get("data") if route == "list" else None
    if isinstance(data, dict) and data.get("records"):
        data["records"].pop()
        data["count"] -= 1
    return body


def lists_the_first_cluster(request: bytes) -> bytes:
    """`list` answers with the jobs of the first cluster, whichever cluster was asked for."""
    try:
        body = json.loads(request)
    except ValueError:
        return request
    if isinstance(body, dict) and "clusterId" in body and "jobId" not in body and "collectionName" not in body:
        body["clusterId"] = DEFAULT_CLUSTER
    return json.dumps(body).encode()


def jobs(edit: Callable[[Job], None], routes: tuple[str, ...] = ()) -> Callable[[], RewritingApp]:
    """A factory of the mock whose job objects `edit` changes (only on `routes` when given)."""
    return lambda: on_control_plane(edit_jobs(edit, routes))


def fresh(make_edit: Callable[[], Callable[[Job], None]]) -> Callable[[], RewritingApp]:
    """A factory whose edit keeps per-variant memory, made anew for each run."""
    return lambda: on_control_plane(edit_jobs(make_edit()))


CONTROLS: dict[str, Callable[[], Any]] = {
    "the healthy mock": on_control_plane,
    "an unknown field in every answer": lambda: on_control_plane(planted.with_unknown_field),
    "code as a string in every answer": lambda: on_control_plane(codes_as_strings),
}
PROGRESS_ROUTES = ("getProgress", "describe")
# variant -> (factory, the check that must report it)
BROKEN_VARIANTS: dict[str, tuple[Callable[[], Any], str]] = {
    "wrong type in a field": (lambda: on_control_plane(planted.progress_as_string), "Response violates schema"),
    "missing required field (reason)": (lambda: on_control_plane(without_reason), "Response violates schema"),
    "auth ignored": (
        lambda: on_control_plane(scope_hook=functools.partial(accept_any_token, token=DEFAULT_API_KEY)),
        "Authentication not enforced",
    ),
    "undocumented error code": (lambda: on_control_plane(undocumented_code), "Undocumented error code"),
    "server error": (lambda: CrashingListApp(app=stepped_control_plane()), "Server error"),
    "file progress over 100": (jobs(planted.file_progress_over_100), "progress_within_range"),
    "Completed at 99": (jobs(planted.completed_at_99), "completed_job_is_whole"),
    "Completed without completeTime": (jobs(planted.completed_without_time), "completed_job_is_whole"),
    "fileSize not the sum of files": (jobs(planted.size_not_the_sum), "file_size_is_sum_of_files"),
    "Failed with an empty reason": (jobs(failed_with_empty_reason), "failed_job_has_reason"),
    "reason set while Importing": (jobs(reason_while_importing), "reason_empty_unless_failed"),
    "answer about another job": (jobs(another_job, PROGRESS_ROUTES), "answer_is_about_the_job_asked"),
    "list says another page size": (lambda: on_control_plane(page_size_not_echoed), "list_pages_are_consistent"),
    "list forgets a job": (lambda: on_control_plane(forgets_newest_job), "job_listed_for_its_cluster"),
    "list shows another cluster's jobs": (
        lambda: on_control_plane(request_edit=lists_the_first_cluster),
        "job_listed_for_its_cluster",
    ),
    "finished job starts again": (fresh(planted.restarts_finished_jobs), "finished_job_stays_finished"),
    "progress goes backwards": (fresh(planted.progress_wobbles), "progress_never_goes_back"),
    "describe disagrees with getProgress": (jobs(describe_disagrees, ("describe",)), "job_views_agree"),
}
