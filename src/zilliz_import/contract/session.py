"""State the checks share within one run: the job history and which probes were already sent."""

from __future__ import annotations

import threading
from collections.abc import Hashable
from typing import Any

from schemathesis.core.transport import Response
from schemathesis.generation.case import Case

from zilliz_import.contract.answer import CREATE, Answer, envelope_of
from zilliz_import.contract.history import JobHistory, Problems
from zilliz_import.contract.spec import plane_of

AnyCase = Case[Any]

HISTORY = JobHistory()
_probed: set[tuple[Hashable, ...]] = set()
_lock = threading.Lock()
_last: list[Any] = [None, None]  # the last (response, Answer), so every check shares one Answer


def reset() -> None:
    """Forget jobs and probes: each run (and each broken variant) starts afresh."""
    global HISTORY  # noqa: PLW0603 - one history per run, replaced as a whole
    HISTORY = JobHistory()
    with _lock:
        _probed.clear()
    _last[:] = [None, None]


def first_time(*key: Hashable) -> bool:
    """True the first time a probe key is seen in this run."""
    with _lock:
        if key in _probed:
            return False
        _probed.add(key)
        return True


def probe_again(*key: Hashable) -> None:
    """Let a failed probe run again, so a later example reports it again instead of passing silently."""
    with _lock:
        _probed.discard(key)


def server_of(case: AnyCase, answer: Answer) -> Hashable:
    """Which server answered: the in-process app, or the base URL (two mocks may hand out the same IDs)."""
    if case.operation.app is not None:
        return id(case.operation.app)
    return answer.base_url or case.operation.base_url


def db_of(case: AnyCase) -> str:
    """The request's database: body `dbName`, else header `DB-Name`, else `default` (sheet section 1)."""
    body = case.body if isinstance(case.body, dict) else {}
    headers = {k.lower(): v for k, v in (case.headers or {}).items()}
    for value in (body.get("dbName"), headers.get("db-name")):
        if isinstance(value, str) and value:
            return value
    return "default"


def answer_of(case: AnyCase, response: Response) -> Answer:
    """The response as an Answer, built once however many checks read it."""
    if _last[0] is not response:
        body = case.body if isinstance(case.body, dict | list) else None
        operation_id = case.operation.definition.raw["operationId"]
        url = response.request.url or ""
        base_url = url.split(case.operation.path)[0] if case.operation.path in url else None
        timeout = {k.lower(): v for k, v in (case.headers or {}).items()}.get("request-timeout")
        answer = Answer(
            operation_id, body, response.status_code, envelope_of(response.content), base_url,
            None if timeout is None else str(timeout), plane_of(case.operation.schema.raw_schema),
        )  # fmt: skip
        _last[:] = [response, answer]
    known: Answer = _last[1]
    return known


def observe(case: AnyCase, answer: Answer) -> Problems:
    """Remember a job this run created, then record the answer's sightings; problems by rule."""
    server = server_of(case, answer)
    data = answer.data
    if answer.operation_id == CREATE and data is not None and isinstance(data.get("jobId"), str):
        body = case.body if isinstance(case.body, dict) else {}
        cluster, options = body.get("clusterId"), body.get("options")
        auto_commit = options.get("auto_commit") if isinstance(options, dict) else None
        HISTORY.remember(
            server,
            data["jobId"],
            str(body.get("collectionName")),
            db_of(case),
            cluster=cluster if isinstance(cluster, str) else "",
            two_phase=isinstance(auto_commit, str) and auto_commit.strip().lower() == "false",
        )
    return HISTORY.observe(server, answer, db_of(case))
