"""What `commit` and `abort` do to a job, and what they refuse in which words (sheet section 5, newest).

Every refusal is code 2100 with `: importing data failed`, the wrapper the sheet read for the abort
refusal ("treat the others as the same wrapper until a live answer says otherwise"). Which rules a
release applies comes from its `ActionRules` (releases.py).
"""

from __future__ import annotations

from zilliz_import.mock.releases import ActionRules
from zilliz_import.mock.replies import CODE_IMPORT_FAILED, ApiError
from zilliz_import.mock.store import Job, JobStore

# the mock's phases (lifecycle.phase_at) under the names of datacoord's job states, as messages give them
STATE_NAMES = {
    "pending": "Pending",
    "preimport": "PreImporting",
    "import": "Importing",
    "index": "IndexBuilding",
    "uncommitted": "Uncommitted",
    "committing": "Committing",
    "completed": "Completed",
    "failed": "Failed",
}
COMMIT_NO_OPS = {"committing", "completed"}  # sheet: a second commit, or one of a Completed job, answers 0
ABORT_TOO_LATE = {"committing", "completed"}
SUFFIX = ": importing data failed"


def not_found(job_id: int | str) -> ApiError:
    """An unknown (or collected) job: the sheet says only that the message says "not found"; the rest is the mock's."""
    return ApiError(CODE_IMPORT_FAILED, f"import job not found, jobID={job_id}{SUFFIX}")


def commit(jobs: JobStore, job: Job, rules: ActionRules, now: float) -> None:
    """Commit a two-phase job at `Uncommitted`; a no-op once it is `Committing` or `Completed`.

    Raises:
        ApiError: 2100 for a job created with auto_commit, or one in any other state ("expected Uncommitted").
    """
    _refuse_auto_commit(job, rules, "commit")
    phase = jobs.phase(job)
    if phase == "uncommitted":
        jobs.decide(job, commit_at=now)
    elif phase not in COMMIT_NO_OPS:
        # the sheet gives the words "expected Uncommitted" (Milvus's REST tests look for them); the rest is the mock's
        raise ApiError(
            CODE_IMPORT_FAILED,
            f"job {job.plan.job_id} is in state {STATE_NAMES[phase]}, expected Uncommitted{SUFFIX}",
        )


def abort(jobs: JobStore, job: Job, rules: ActionRules, now: float) -> None:
    """Abort a two-phase job that has not completed: it ends `Failed`; a no-op on a `Failed` one.

    Raises:
        ApiError: 2100 for a job created with auto_commit, or one `Committing` or `Completed`.
    """
    _refuse_auto_commit(job, rules, "abort")
    phase = jobs.phase(job)
    if phase in ABORT_TOO_LATE or (phase == "failed" and not rules.aborts_failed_jobs):
        raise ApiError(
            CODE_IMPORT_FAILED,
            f"job {job.plan.job_id} is in terminal/committed state {STATE_NAMES[phase]}, abort not allowed{SUFFIX}",
        )
    if phase != "failed":
        jobs.decide(job, abort_at=now)


def _refuse_auto_commit(job: Job, rules: ActionRules, action: str) -> None:
    if rules.refuses_auto_commit and not job.plan.two_phase:
        # Unsourced wording: the sheet says these are refused (milvus#53159) but gives no message.
        raise ApiError(
            CODE_IMPORT_FAILED,
            f"cannot {action} import job {job.plan.job_id}: it was not created with auto_commit=false{SUFFIX}",
        )
