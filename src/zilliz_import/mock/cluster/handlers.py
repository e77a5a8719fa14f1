"""The cluster's import routes: decoded body in, `data` out, or an ApiError, in the server's order of checks.

Order per route (reference sheet, sections 1 and 4): the HTTP layer binds the body (1801, 1802; keys
matched as Go matches them), the proxy checks the privilege (403), then the task checks the request
(100, 1100, 2100, file types included), then datacoord applies its limits (back-pressure); commit
and abort follow section 5 (actions.py). Release differences come from `config.server` (releases.py).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from zilliz_import.mock.cluster import actions
from zilliz_import.mock.cluster.decoding import check_create, decode_create, decode_job_request, decode_list
from zilliz_import.mock.config import MockConfig
from zilliz_import.mock.releases import ActionRules, backpressure_error
from zilliz_import.mock.replies import CODE_IMPORT_FAILED, CODE_PERMISSION_DENIED, ApiError
from zilliz_import.mock.store import Job, JobStore


class Handlers:
    """The cluster endpoint's routes: each takes (user, header database, body) and returns the answer's `data`."""

    def __init__(self, config: MockConfig, jobs: JobStore) -> None:
        self.config = config
        self.jobs = jobs
        self.routes: dict[str, Callable[[str, str, bytes], dict[str, Any]]] = {
            "create": self.create,
            "list": self.list,
            "get_progress": self.progress,
            "describe": self.progress,
        }
        if config.server.two_phase_commit:
            self.routes |= {"commit": self.commit, "abort": self.abort}

    def create(self, user: str, header_db: str, body: bytes) -> dict[str, Any]:
        """Start a job."""
        request = decode_create(body)
        db = request.db_name or header_db
        self._require_privilege(user, db)
        units = check_create(
            request, db_name=db, max_files=self.config.max_files, extensions=self.config.server.file_extensions
        )
        if self.jobs.unfinished() >= self.config.max_import_jobs:
            raise backpressure_error(self.config.server, self.config.max_import_jobs)
        options = request.options if self.config.server.two_phase_commit else {}
        job_id = self.jobs.create(db_name=db, collection_name=request.collection_name, files=units, options=options)
        return {"jobId": job_id}

    def list(self, user: str, header_db: str, body: bytes) -> dict[str, Any]:
        """A collection's jobs, or every job the server remembers, across databases."""
        body_db, collection = decode_list(body)
        db = body_db or header_db
        if self.config.server.list_forbidden_without_privilege:
            self._require_privilege(user, db)
        return {"records": self.jobs.records(db, collection, visible=lambda job_db: self._may(user, job_db))}

    def progress(self, user: str, header_db: str, body: bytes) -> dict[str, Any]:
        """One job's progress, found by ID alone."""
        job = self._job(user, header_db, decode_job_request(body))
        return self.jobs.progress(job, create_time=self.config.server.sends_create_time)

    def commit(self, user: str, header_db: str, body: bytes) -> dict[str, Any]:
        """Commit a two-phase job waiting at Uncommitted; a no-op once it is committing or done (actions.py)."""
        job = self._job(user, header_db, decode_job_request(body, strict_int64=True), action=True)
        actions.commit(self.jobs, job, self._rules, job.elapsed(self.config.clock()))
        return {}

    def abort(self, user: str, header_db: str, body: bytes) -> dict[str, Any]:
        """Abort a two-phase job that has not completed; a no-op on a failed one (actions.py)."""
        job = self._job(user, header_db, decode_job_request(body, strict_int64=True), action=True)
        actions.abort(self.jobs, job, self._rules, job.elapsed(self.config.clock()))
        return {}

    @property
    def _rules(self) -> ActionRules:
        return self.config.server.actions or ActionRules()  # the routes exist only where the release has rules

    def _job(self, user: str, header_db: str, request: Any, *, action: bool = False) -> Job:
        db = request.db_name or header_db
        if self.config.server.checks_privilege_first:
            self._require_privilege(user, db)
        job = self.jobs.find(request.job_id)
        if job is None and action:  # sheet section 5: commit/abort say "not found", not get_progress's words
            raise actions.not_found(request.job_id)
        if job is None:
            raise ApiError(
                CODE_IMPORT_FAILED, f"import job does not exist, jobID={request.job_id}: importing data failed"
            )
        self._require_privilege(user, db)
        return job

    def _may(self, user: str, db: str) -> bool:
        return user not in self.config.read_only_users

    def _require_privilege(self, user: str, db: str) -> None:
        if not self._may(user, db):
            raise ApiError(
                CODE_PERMISSION_DENIED,
                f"PrivilegeImport: permission deny to {user} in the `{db}` database: privilege not permitted",
                403,
            )
