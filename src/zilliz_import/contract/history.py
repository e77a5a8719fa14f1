"""What the run has seen of the jobs it created, and the rules that hold over time (no I/O).

Each rule's docstring quotes the line of the reference sheet it enforces; `checks.py` makes a
schemathesis check of each name.
"""

from __future__ import annotations

import threading
from collections.abc import Hashable
from dataclasses import dataclass, field

from zilliz_import.contract.answer import ABORT, COMMIT, CONTROL_PLANE, FINISHED, LIST, Answer, integer

WAITING = {
    "Uncommitted": {"Uncommitted", "Committing", "Completed", "Failed"},
    "Committing": {"Committing", "Completed", "Failed"},
}
# name -> the line of the reference sheet (server-behaviour.md, third edition) it enforces
TIME_RULES = {
    "finished_job_stays_finished": 'Sheet section 3: "Completed" and "Failed" are terminal: never changes again.',
    "progress_never_goes_back": "Sheet section 3: progress bands only rise, Pending 0-10 to Completed 100 (Failed: 0).",
    "uncommitted_moves_only_forward": (
        'Sheet section 5: `Uncommitted` "stays there"; `commit` -> Committing, Completed; `abort` -> Failed.'
    ),
    "job_listed_for_its_collection": 'Sheet section 1: `list` "with a `collectionName` ... returns its jobs".',
    "job_listed_for_its_cluster": "Sheet section 7: `list` of a `clusterId` shows that cluster's jobs, and only those.",
    "abort_of_finished_job_refused": (
        "Sheet section 5: `abort` of a `Committing` or `Completed` job: `job <id> is in terminal/committed state"
        " <State>, abort not allowed`."
    ),
    "commit_of_auto_commit_job_refused": (
        "Sheet section 5: any `commit` or `abort` of a job created with `auto_commit` true (the default) is refused."
    ),
    "repeated_abort_harmless": (
        "Sheet section 5: `abort` repeated on a job that a user already aborted succeeds and changes nothing."
    ),
}
REFUSED_BEFORE_DECODING = frozenset({1800, 1401, 10001, 21119})  # no verdict on the job: auth, timeout
# Sheet section 5: refusals for the job's sake are "importing data failed" (2100; 2101 in newest's table);
# a malformed body or an unparsable Request-Timeout (1801, 1802, 1100) says nothing of the job.
REFUSED_FOR_THE_JOB = frozenset({2100, 2101})
LIST_PAGE = 100  # jobs per page the follow-up asks the control plane for, so that one page holds a run's jobs
Problems = dict[str, list[str]]


@dataclass
class JobRecord:
    """A job created in this run: where it lives and the (state, progress) pairs seen, in order."""

    job_id: str
    collection: str
    db: str
    seen: list[tuple[str, int]] = field(default_factory=list)
    created_here: bool = True  # a job found on the server, not created by the run, is not looked for in list
    followed: bool = False
    cluster: str = ""  # the control plane's `clusterId`; "" for a cluster endpoint's job
    two_phase: bool = False  # created with `auto_commit` "false": only such jobs take commit and abort
    aborted: bool = False  # an abort of it was accepted

    def where(self) -> dict[str, str]:
        """What a request about this job names besides its ID: its cluster, or its database."""
        return {"clusterId": self.cluster} if self.cluster else {"dbName": self.db}

    def listing(self) -> dict[str, object]:
        """The `list` body that should show this job."""
        if self.cluster:
            return {"clusterId": self.cluster, "pageSize": LIST_PAGE}
        return {"collectionName": self.collection, "dbName": self.db}

    @property
    def finished(self) -> bool:
        """Whether the job was last seen Completed or Failed."""
        return bool(self.seen) and self.seen[-1][0] in FINISHED

    def observe(self, state: str, progress: int) -> list[tuple[str, str]]:
        """Add one sighting; returns (rule, problem) pairs against the earlier ones."""
        found = []
        if self.seen:
            last, highest = self.seen[-1], max(p for _, p in self.seen)
            if last[0] in FINISHED and (state, progress) != last:
                found.append(("finished_job_stays_finished", f"was {last[0]} {last[1]}, now {state} {progress}"))
            if state != "Failed" and progress < highest:
                found.append(("progress_never_goes_back", f"progress {progress} after {highest} (now {state})"))
            if last[0] in WAITING and state not in WAITING[last[0]]:
                found.append(("uncommitted_moves_only_forward", f"moved from {last[0]} to {state}"))
        self.seen.append((state, progress))
        return [(rule, f"job {self.job_id}: {problem}") for rule, problem in found]


class JobHistory:
    """Jobs created in the run, per server, and the problems each answer shows against them.

    `Sheet section 3`: "Completed | Failed" end a job; progress bands only rise; section 5:
    `Uncommitted` waits for commit (then `Committing`, `Completed`) or abort (`Failed`).
    """

    def __init__(self) -> None:
        self.jobs: dict[tuple[Hashable, str], JobRecord] = {}
        self.lock = threading.Lock()
        self._last: tuple[Answer | None, Problems] = (None, {})

    def remember(
        self,
        server: Hashable,
        job_id: str,
        collection: str,
        db: str,
        *,
        created: bool = True,
        cluster: str = "",
        two_phase: bool = False,
    ) -> JobRecord:
        """Start following a job this run created (or, with `created=False`, found on the server)."""
        with self.lock:
            record = JobRecord(job_id, collection, db, created_here=created, cluster=cluster, two_phase=two_phase)
            return self.jobs.setdefault((server, job_id), record)

    def record(self, server: Hashable, job_id: object) -> JobRecord | None:
        """The job if this run created it on that server."""
        return self.jobs.get((server, job_id)) if isinstance(job_id, str) else None

    def to_follow(self) -> list[JobRecord]:
        """Jobs the run created and has not followed yet; each is handed out once."""
        with self.lock:
            records = [r for r in self.jobs.values() if r.created_here and not r.followed]
            for record in records:
                record.followed = True
            return records

    def of_collection(self, server: Hashable, collection: str, db: str) -> list[JobRecord]:
        """Jobs this run created in one collection of one database."""
        return [
            r
            for (s, _), r in self.jobs.items()
            if s == server and r.created_here and (r.collection, r.db) == (collection, db)
        ]

    def observe(self, server: Hashable, answer: Answer, db: str) -> Problems:
        """Record every sighting in an answer once; the problems found, by rule name.

        Args:
            server: Which server answered (jobs of different servers may share IDs).
            answer: The answer; the same object observed again returns the same problems.
            db: The database the request named (list answers are about one database).

        Returns:
            Problems by rule name (only rules with problems appear).
        """
        with self.lock:
            if self._last[0] is answer:
                return self._last[1]
            problems: Problems = {}
            missing = self._cluster_listing if answer.plane == CONTROL_PLANE else self._missing
            found = self._actions(server, answer) + self._sightings(server, answer) + missing(server, answer, db)
            for rule, problem in found:
                problems.setdefault(rule, []).append(problem)
            self._last = (answer, problems)
            return problems

    def _actions(self, server: Hashable, answer: Answer) -> list[tuple[str, str]]:
        """Sheet section 5: what `commit` and `abort` of a job this run created must refuse or accept."""
        record = self.record(server, answer.job_id_sent) if answer.operation_id in (COMMIT, ABORT) else None
        code = answer.code
        if record is None or not record.created_here or code is None or code in REFUSED_BEFORE_DECODING:
            return []
        found, last = [], record.seen[-1][0] if record.seen else None
        if answer.operation_id == COMMIT and code == 0 and not record.two_phase:
            found.append(("commit_of_auto_commit_job_refused", f"commit of auto-commit job {record.job_id} accepted"))
        if answer.operation_id == ABORT and code == 0 and last == "Completed":
            found.append(("abort_of_finished_job_refused", f"abort of Completed job {record.job_id} accepted"))
        if answer.operation_id == ABORT and code in REFUSED_FOR_THE_JOB and record.aborted:
            found.append(("repeated_abort_harmless", f"abort of aborted job {record.job_id} refused with code {code}"))
        record.aborted = record.aborted or (answer.operation_id == ABORT and code == 0)
        return found

    def _sightings(self, server: Hashable, answer: Answer) -> list[tuple[str, str]]:
        found = []
        for view in answer.job_views():
            record = self.record(server, view.get("jobId"))
            state, progress = view.get("state"), integer(view.get("progress"))
            if record is not None and isinstance(state, str) and progress is not None:
                found += record.observe(state, progress)
        return found

    def _missing(self, server: Hashable, answer: Answer, db: str) -> list[tuple[str, str]]:
        """Sheet section 1: `list` "with a `collectionName` ... returns its jobs"."""
        wanted = answer.request.get("collectionName") if isinstance(answer.request, dict) else None
        if answer.operation_id != LIST or answer.data is None or not isinstance(wanted, str):
            return []
        listed = {view.get("jobId") for view in answer.job_views()}
        return [
            ("job_listed_for_its_collection", f"job {r.job_id} of {wanted!r} (database {db!r}) is missing from list")
            for r in self.of_collection(server, wanted, db)
            if r.job_id not in listed
        ]

    def _cluster_listing(self, server: Hashable, answer: Answer, db: str) -> list[tuple[str, str]]:
        """Sheet section 7: no job of another cluster; every job of this one when the page holds them all."""
        cluster = answer.request.get("clusterId") if isinstance(answer.request, dict) else None
        data = answer.data
        if answer.operation_id != LIST or data is None or not isinstance(cluster, str):
            return []
        views = answer.job_views()
        listed = {view.get("jobId") for view in views}
        mine = [r for (s, _), r in self.jobs.items() if s == server and r.created_here and r.cluster]
        found = [f"job {r.job_id} of cluster {r.cluster!r} is listed for {cluster!r}" for r in mine
                 if r.cluster != cluster and r.job_id in listed]  # fmt: skip
        if integer(data.get("count")) == len(views):  # this page holds every job of the cluster
            found += [f"job {r.job_id} of {cluster!r} is missing from its list" for r in mine
                      if r.cluster == cluster and r.job_id not in listed]  # fmt: skip
        return [("job_listed_for_its_cluster", problem) for problem in found]
