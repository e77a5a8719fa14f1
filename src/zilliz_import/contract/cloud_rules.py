"""Meaning rules of the control plane only (sheet section 7), without I/O, and which rules apply where.

Each rule's docstring quotes the line of the reference sheet (server-behaviour.md, second edition)
it enforces. `checks.py` turns every rule into a schemathesis check of the same name.
"""

from __future__ import annotations

from typing import Any

from zilliz_import.contract.answer import CLUSTER, CONTROL_PLANE, JOB_VIEWS, LIST, Answer, integer
from zilliz_import.contract.rules import RULES, Rule

# rule -> the one server it applies to; rules not named apply to both
ONLY_ON = {
    "numeric_job_id_refused": CLUSTER,  # section 1: cluster job IDs are numbers; the control plane's are `job-...`
    "list_follows_its_filter": CLUSTER,  # the control plane's list filters by cluster, not collection
    "job_listed_for_its_collection": CLUSTER,
    "uncommitted_moves_only_forward": CLUSTER,  # section 5 is a cluster's two-phase commit
    "imported_rows_within_total": CLUSTER,  # section 7: no `importedRows` on the control plane
    "unknown_file_type_refused": CLUSTER,  # section 1 checks file types on a cluster endpoint only
    "abort_of_finished_job_refused": CLUSTER,  # section 5 is a cluster's two-phase commit
    "commit_of_auto_commit_job_refused": CLUSTER,
    "repeated_abort_harmless": CLUSTER,
    "reason_empty_unless_failed": CONTROL_PLANE,
    "list_pages_are_consistent": CONTROL_PLANE,
    "job_listed_for_its_cluster": CONTROL_PLANE,
}


def applies(rule: str, plane: str) -> bool:
    """Whether a rule (or time rule) holds for answers of that server."""
    return ONLY_ON.get(rule, plane) == plane


def reason_empty_unless_failed(answer: Answer) -> list[str]:
    """Sheet section 7: "`reason` (always present, `""` on success)"; section 3: Failed has its reason set."""
    if answer.operation_id not in JOB_VIEWS:
        return []
    problems = []
    for view in answer.job_views():
        reason = view.get("reason")
        if not isinstance(reason, str):
            problems.append(f"job {view.get('jobId')} ({view.get('state')}) has no `reason` string: {reason!r}")
        elif reason and view.get("state") != "Failed":
            problems.append(f"job {view.get('jobId')} is {view.get('state')} with reason {reason!r}")
    return problems


def list_pages_are_consistent(answer: Answer) -> list[str]:
    """Sheet section 7: `list` (`pageSize`, `currentPage`) answers `data.count`, `currentPage`, `pageSize`, `records[]`.

    The page echoes what was asked for, holds at most `pageSize` records, and as many as `count`
    leaves for that page: full before the last page, empty past it.
    """
    data = answer.data
    if answer.operation_id != LIST or data is None:
        return []
    sent = answer.request if isinstance(answer.request, dict) else {}
    problems = [
        f"asked for {key} {sent[key]}, answered {data.get(key)!r}"
        for key in ("pageSize", "currentPage")
        if integer(sent.get(key)) is not None and data.get(key) != sent[key]
    ]
    return problems + _page_fill(data)


def _page_fill(data: dict[str, Any]) -> list[str]:
    count, page, size = (integer(data.get(key)) for key in ("count", "currentPage", "pageSize"))
    records = data.get("records")
    if count is None or page is None or size is None or not isinstance(records, list):
        return []
    expected = max(0, min(size, count - (page - 1) * size))
    if len(records) != expected:
        return [f"page {page} of {size} with count {count} holds {len(records)} records, not {expected}"]
    return []


CONTROL_PLANE_RULES: dict[str, Rule] = {
    rule.__name__: rule for rule in (reason_empty_unless_failed, list_pages_are_consistent)
}
ALL_RULES: dict[str, Rule] = {**RULES, **CONTROL_PLANE_RULES}
