"""The stateful phase: the spec's links from `create` to the progress operations, then a follow-up.

Every job a scenario creates is followed at the end of the scenario (`teardown`): polled through
both progress paths until it is finished or waits for a commit, polled again once finished, and
looked up in `list` for its collection. The polls go through every check, so a job is seen in
every state it passes through, on purpose rather than by the timing of a few generated steps.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from schemathesis.core.transport import Response
from schemathesis.specs.openapi.schemas import OpenApiSchema

import zilliz_import.contract.checks  # noqa: F401 - the follow-up runs every check
from zilliz_import.contract.answer import COMMIT, CREATE, DESCRIBE, FINISHED, LIST, PROGRESS, envelope_of
from zilliz_import.contract.probes import PASSED_ON
from zilliz_import.contract.session import AnyCase

WAITS_FOR_COMMIT = "Uncommitted"


@dataclass
class FollowPolicy:
    """How much following a run may do.

    Attributes:
        polls: Most polls per job before giving up on seeing it finish (not a failure).
        jobs: Most jobs followed in the whole run (a live run follows a few; each poll is a request).
        pause: Called between polls: a sleep against a real server, nothing for a stepped clock.
    """

    polls: int = 200
    jobs: int = 1_000
    pause: Callable[[], None] = lambda: None
    _taken: int = field(default=0, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def take(self) -> bool:
        """Whether one more job may be followed."""
        with self._lock:
            self._taken += 1
            return self._taken <= self.jobs


def following_machine(schema: OpenApiSchema, policy: FollowPolicy) -> Any:
    """The schema's state machine, following every job it creates at the end of each scenario."""
    base: Any = schema.as_state_machine()
    # two-phase commit exists only where the spec has it and the profile serves it (newest)
    can_commit = COMMIT in {result.ok().definition.raw["operationId"] for result in schema.get_all_operations()}  # type: ignore[union-attr]

    class Following(base):  # type: ignore[misc]
        def __init__(self) -> None:
            super().__init__()
            self.created: list[tuple[str, dict[str, Any], dict[str, Any]]] = []

        def after_call(self, response: Response, case: AnyCase) -> None:
            super().after_call(response, case)
            body = envelope_of(response.content) or {}
            data = body.get("data") if body.get("code") == 0 else None
            if _operation_id(case) == CREATE and isinstance(data, dict) and isinstance(data.get("jobId"), str):
                self.created.append((data["jobId"], *_placement(case)))

        def teardown(self) -> None:
            for job_id, headers, create_body in self.created:
                if policy.take():
                    self._follow(job_id, headers, create_body)
            super().teardown()

        def _follow(self, job_id: str, headers: dict[str, Any], create_body: dict[str, Any]) -> None:
            committed = False
            for poll in range(policy.polls):
                state = self._send(DESCRIBE if poll % 2 else PROGRESS, {"jobId": job_id}, headers).get("state")
                if state == WAITS_FOR_COMMIT and not committed and can_commit:
                    self._send(COMMIT, {"jobId": job_id}, headers)  # then it must go Committing, Completed
                    committed = True
                elif state in FINISHED or state == WAITS_FOR_COMMIT:
                    break
                policy.pause()
            self._send(DESCRIBE, {"jobId": job_id}, headers)  # a finished job, asked again
            self._send(LIST, create_body, headers)

        def _send(self, operation_id: str, body: dict[str, Any], headers: dict[str, Any]) -> dict[str, Any]:
            case = schema.find_operation_by_id(operation_id).Case(
                body=body, headers=headers, media_type="application/json"
            )
            kwargs = self.get_call_kwargs(case)
            response = self.call(case, **kwargs)
            self.validate_response(response, case, **kwargs)
            data = (envelope_of(response.content) or {}).get("data")
            return data if isinstance(data, dict) else {}

    return Following


def _operation_id(case: AnyCase) -> str:
    return str(case.operation.definition.raw.get("operationId"))


def _placement(case: AnyCase) -> tuple[dict[str, Any], dict[str, Any]]:
    """The create's database header, and the list body that names its collection and database."""
    headers = {k: v for k, v in (case.headers or {}).items() if k.lower() in PASSED_ON}
    body = case.body if isinstance(case.body, dict) else {}
    listing = {"collectionName": body.get("collectionName")}
    if isinstance(body.get("dbName"), str):
        listing["dbName"] = body["dbName"]
    return headers, listing
