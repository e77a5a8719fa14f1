"""The contract checks, registered with schemathesis on import (schemathesis.toml names this module as `hooks`).

Three kinds: envelope-aware replacements for built-ins that count HTTP 200 as "accepted"; meaning
rules on one answer (`rules.py`); and rules over time on the jobs the run created (`history.py`),
helped by probes that follow a job on their own. Each check can be switched off by its name in
schemathesis.toml (`[checks.NAME] enabled = false`). Every check reads the envelope under any HTTP
status, as servers with `standardErrorStatus` send it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import schemathesis
from schemathesis.checks import CheckContext
from schemathesis.core.transport import Response

from zilliz_import.contract import probes, session
from zilliz_import.contract.answer import CREATE, DESCRIBE, FINISHED, JOB_VIEWS, LIST, PROGRESS, Answer
from zilliz_import.contract.cloud_rules import ALL_RULES, applies
from zilliz_import.contract.envelope_checks import fail
from zilliz_import.contract.history import TIME_RULES, JobRecord
from zilliz_import.contract.rules import Rule, numeric_job_id_refused
from zilliz_import.contract.session import AnyCase
from zilliz_import.contract.spec import pinned_clusters

Probe = Callable[[CheckContext, AnyCase, Answer], list[str]]
SIBLING = {PROGRESS: DESCRIBE, DESCRIBE: PROGRESS}


def _register(name: str, doc: str | None, rule: Rule | None, probe: Probe | None = None) -> None:
    def check(ctx: CheckContext, response: Response, case: AnyCase) -> bool | None:
        answer = session.answer_of(case, response)
        observed = session.observe(case, answer)  # every answer is recorded, whichever rules apply to it
        if not applies(name, answer.plane):
            return None
        problems = rule(answer) if rule is not None else []
        problems += observed.get(name, [])
        if not problems and probe is not None:
            problems = probe(ctx, case, answer)
        if problems:
            fail(case, name, "; ".join(problems[:5]))
        return True

    check.__name__ = check.__qualname__ = name
    check.__doc__ = doc
    schemathesis.check(check)


def _created_job(case: AnyCase, answer: Answer) -> tuple[JobRecord | None, Any]:
    """The record of the job this answer is about when the run created it (else None), and its ID."""
    job_id = answer.job_id_sent if answer.operation_id in JOB_VIEWS else None
    return session.HISTORY.record(session.server_of(case, answer), job_id), job_id


def probe_listing(ctx: CheckContext, case: AnyCase, answer: Answer) -> list[str]:
    """After a create succeeds, `list` for its collection (or cluster) must show the new job, other clusters' not."""
    data = answer.data if answer.operation_id == CREATE else None
    record = session.HISTORY.record(session.server_of(case, answer), data.get("jobId")) if data else None
    if record is None:
        return []
    # on the control plane, every other cluster the run knows must not show the new job
    others = [c for c in pinned_clusters(case.operation.schema.raw_schema) if record.cluster and c != record.cluster]
    bodies = [record.listing(), *({**record.listing(), "clusterId": other} for other in others)]
    return [p for body in bodies for p in probes.judge(ctx, *probes.send(case, answer, LIST, body))]


def probe_sibling(ctx: CheckContext, case: AnyCase, answer: Answer) -> list[str]:
    """Ask the other progress path about the same job; the two must agree (one handler serves both)."""
    record, job_id = _created_job(case, answer)
    if record is None or answer.data is None:
        return []
    probe, other = probes.send(case, answer, SIBLING[answer.operation_id], {"jobId": job_id, **record.where()})
    problems = probes.judge(ctx, probe, other)
    mine, theirs = answer.data, other.data or {}
    for key in ("jobId", "collectionName"):
        if theirs.get(key) != mine.get(key):
            problems.append(
                f"{other.operation_id} says {key} {theirs.get(key)!r}, {answer.operation_id} {mine.get(key)!r}"
            )
    if mine.get("state") in FINISHED and theirs != mine:
        problems.append(f"finished job {job_id}: {other.operation_id} answers {theirs}, {answer.operation_id} {mine}")
    return problems


def probe_numeric_id(ctx: CheckContext, case: AnyCase, answer: Answer) -> list[str]:
    """Once per operation and run, re-send a created job's ID as a JSON number: it must be code 1801."""
    record, job_id = _created_job(case, answer)
    key = (session.server_of(case, answer), answer.operation_id, "numeric")
    if record is None or answer.data is None or not job_id.isdigit() or not session.first_time(*key):
        return []
    _, numeric = probes.send(case, answer, answer.operation_id, {"jobId": int(job_id)})
    problems = numeric_job_id_refused(numeric) or ([] if numeric.code is not None else ["no envelope"])
    if problems:
        session.probe_again(*key)
    return [f"job {job_id} that exists: {p}" for p in problems]


def job_views_agree(ctx: CheckContext, response: Response, case: AnyCase) -> bool | None:
    """Sheet section 1: `get_progress` and `describe` are the "same handler": their answers agree."""
    answer = session.answer_of(case, response)
    problems = probe_sibling(ctx, case, answer) if answer.operation_id in SIBLING else []
    if problems:
        fail(case, "job_views_agree", "; ".join(problems[:5]))
    return True


PROBES: dict[str, Probe] = {
    "numeric_job_id_refused": probe_numeric_id,
    "job_listed_for_its_collection": probe_listing,
    "job_listed_for_its_cluster": probe_listing,
}
for _name, _rule in ALL_RULES.items():
    _register(_name, _rule.__doc__, _rule, PROBES.get(_name))
for _name, _doc in TIME_RULES.items():
    _register(_name, _doc, None, PROBES.get(_name))
schemathesis.check(job_views_agree)
