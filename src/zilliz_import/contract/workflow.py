"""The stateful phase: the spec's links from `create` to the progress operations, then a follow-up.

Every job a scenario creates is followed at the end of the scenario (`teardown`): polled through
both progress paths until it is finished or waits for a commit, polled again once finished, and
looked up in `list` for its collection. The polls go through every check, so a job is seen in
every state it passes through, on purpose rather than by the timing of a few generated steps.
The follow-up also asks for what the server must refuse (sheet sections 1 and 5): a file type no
release reads, a commit of an auto-commit job, an abort of a finished one; and an abort repeated.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from schemathesis.specs.openapi.schemas import OpenApiSchema

import zilliz_import.contract.checks  # noqa: F401 - the follow-up runs every check
from zilliz_import.contract import session
from zilliz_import.contract.answer import (
    ABORT,
    CLUSTER,
    COMMIT,
    CREATE,
    DESCRIBE,
    FINISHED,
    LIST,
    PROGRESS,
    envelope_of,
)
from zilliz_import.contract.history import JobRecord
from zilliz_import.contract.spec import plane_of

WAITS_FOR_COMMIT = "Uncommitted"
TWO_PHASE_FILE = "contract-tests/two-phase.parquet"
UNREADABLE_FILE = "contract-tests/unknown-type.txt"  # sheet section 1: refused at create, no job
AUTO_COMMIT_OFF = {"auto_commit": "false"}


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
    _taken: int = field(default=0, init=False, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)

    def fresh(self) -> FollowPolicy:
        """The same policy with nothing taken yet: each run counts its own jobs."""
        return replace(self)

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

    session.HISTORY.to_follow()  # jobs created before the stateful phase are not followed: it would take long

    ends: dict[str, str] = {}  # two-phase jobs the follow-up started: job ID -> COMMIT or ABORT
    probed: list[str] = []  # set once the run's first cluster teardown has seeded and probed
    on_cluster = plane_of(schema.raw_schema) == CLUSTER
    example = create_example(schema)

    class Following(base):  # type: ignore[misc]
        def teardown(self) -> None:
            records = session.HISTORY.to_follow()
            if on_cluster and not probed:
                probed.append(CREATE)
                records = records or self._seed()
                like = records[0] if records else JobRecord("", str(example.get("collectionName")), "default")
                # judged by unknown_file_type_refused; a job it wrongly starts is followed by a later teardown
                self._send(CREATE, {"collectionName": like.collection, "files": [[UNREADABLE_FILE]]}, like)
            if can_commit and records and not ends:
                records += self._start_two_phase(records[0])
            for record in records:
                if policy.take():
                    self._follow(record)
            super().teardown()

        def _seed(self) -> list[JobRecord]:
            """Create the spec's first create example when no generated step started a job.

            Most generated files are of no type a server reads (sheet section 1), so without it a run
            could have no job to follow.
            """
            if example:
                self._send(CREATE, example, JobRecord("", str(example.get("collectionName")), "default"))
            return session.HISTORY.to_follow()

        def _start_two_phase(self, like: JobRecord) -> list[JobRecord]:
            """Sheet section 5: two jobs that wait at `Uncommitted`, one to commit and one to abort."""
            for end in (COMMIT, ABORT):
                body = {"collectionName": like.collection, "files": [[TWO_PHASE_FILE]], "options": AUTO_COMMIT_OFF}
                job_id = self._send(CREATE, body, like).get("jobId")
                ends[str(job_id)] = end
            return session.HISTORY.to_follow()

        def _follow(self, record: JobRecord) -> None:
            job = {"jobId": record.job_id}
            ended = False
            for poll in range(policy.polls):
                state = self._send(DESCRIBE if poll % 2 else PROGRESS, job, record).get("state")
                if state == WAITS_FOR_COMMIT and not ended and can_commit:
                    # then Committing and Completed, or Failed; asked before the commit's own checks send probes
                    self._send(
                        ends.get(record.job_id, COMMIT), job, record, then=lambda: self._send(PROGRESS, job, record)
                    )
                    ended = True
                elif state in FINISHED or state == WAITS_FOR_COMMIT:
                    break
                policy.pause()
            self._send(DESCRIBE, job, record)  # a finished job, asked again
            if can_commit:
                self._refusals(record, job)
            self._send(LIST, record.listing(), record)

        def _refusals(self, record: JobRecord, job: dict[str, Any]) -> None:
            """Sheet section 5, judged by the action rules (history.py), then the job asked again, unchanged."""
            sent = []
            if not record.two_phase:
                sent.append(self._send(COMMIT, job, record))  # an auto-commit job: refused
            if record.seen and record.seen[-1][0] == "Completed":
                sent.append(self._send(ABORT, job, record))  # too late: refused
            if record.aborted:
                sent.append(self._send(ABORT, job, record))  # again: accepted, nothing changes
            if sent:
                self._send(DESCRIBE, job, record)

        def _send(
            self, operation_id: str, body: dict[str, Any], record: JobRecord, then: Callable[[], object] | None = None
        ) -> dict[str, Any]:
            """One follow-up request, as the run's user, in the job's database or cluster, through every check."""
            operation = schema.find_operation_by_id(operation_id)
            headers = dict(schema.config.headers or {})
            case = operation.Case(body={**record.where(), **body}, headers=headers, media_type="application/json")
            kwargs = self.get_call_kwargs(case)
            response = self.call(case, **kwargs)
            if then is not None:
                then()
            self.validate_response(response, case, **kwargs)
            data = (envelope_of(response.content) or {}).get("data")
            return data if isinstance(data, dict) else {}

    return Following


def create_example(schema: OpenApiSchema) -> dict[str, Any]:
    """The body of the first example of `create` in the spec ({} when it has none)."""
    raw = schema.find_operation_by_id(CREATE).definition.raw
    examples = raw.get("requestBody", {}).get("content", {}).get("application/json", {}).get("examples", {})
    first: Any = next(iter(examples.values()), None) if isinstance(examples, dict) else None
    value = first.get("value") if isinstance(first, dict) else None
    return value if isinstance(value, dict) else {}
