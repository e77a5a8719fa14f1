"""What differs between server releases: one row per release, read by the rest of the mock.

Source: the reference sheet `server-behaviour.md` (third edition), sections 1-5. Where the sheet says
nothing for 2.6, the row says what the mock decided and why.
"""

from __future__ import annotations

from dataclasses import dataclass

from zilliz_import.mock.replies import CODE_IMPORT_FAILED, CODE_IMPORT_SYS_FAILED, ApiError

BACKPRESSURE = "The number of jobs has reached the limit, please try again later"
# Sheet section 1: `importutilv2.GetFileType` reads these on every release; newer source adds JSON Lines
# (`.jsonl`, `.ndjson`), "not checked per release": the mock gives them to newest only (section 6 says
# JSON Lines is newest's).
FILE_TYPES = frozenset({".json", ".npy", ".parquet", ".csv"})
JSON_LINES = frozenset({".jsonl", ".ndjson"})


@dataclass(frozen=True)
class ActionRules:
    """What `commit` and `abort` refuse on a release that has them (sheet section 5, newest).

    The wordings are in `mock/cluster/actions.py`; only what may change between releases is here.

    Attributes:
        refuses_auto_commit: Any commit or abort of a job created with `auto_commit` true is refused
            (milvus#53159 proposes to allow abort of these; open when the sheet was written).
        aborts_failed_jobs: Abort of a job already `Failed` answers 0 and changes nothing: a repeat of
            a user's abort (milvus#50692), or a job that failed by itself (milvus#51083).
    """

    refuses_auto_commit: bool = True
    aborts_failed_jobs: bool = True


@dataclass(frozen=True)
class Release:
    """The behaviours of one server release line.

    Attributes:
        name: `2.5`, `2.6` or `newest`.
        sends_create_time: Progress answers carry `createTime` (newest always, 2.5 never).
        strict_request_timeout: An unparsable `Request-Timeout` is code 1100 instead of being ignored.
        backpressure_code: The code of "The number of jobs has reached the limit".
        list_forbidden_without_privilege: `list` answers HTTP 403 to a user without the import privilege,
            instead of leaving out the jobs that user may not see.
        checks_privilege_first: `get_progress` checks the privilege before looking the job up, so an
            unknown job is 403 too for a user without privilege.
        actions: The rules of `commit` and `abort`; None where the routes do not exist (2.5, 2.6).
        standard_error_status: `proxy.http.standardErrorStatus` can be switched on.
        file_extensions: The file extensions `create` accepts (sheet section 1).
    """

    name: str
    sends_create_time: bool
    strict_request_timeout: bool
    backpressure_code: int
    list_forbidden_without_privilege: bool
    checks_privilege_first: bool
    actions: ActionRules | None
    standard_error_status: bool
    file_extensions: frozenset[str] = FILE_TYPES

    @property
    def two_phase_commit(self) -> bool:
        """The `commit` and `abort` routes exist and `auto_commit: "false"` is honoured."""
        return self.actions is not None


# 2.6 is not described separately by the sheet except for back-pressure (2100, as 2.5): the mock
# gives it newest's createTime and permission order (both came before 2.6 in the Milvus history the
# sheet was read from) and keeps the rest with 2.5.
RELEASES = {
    "2.5": Release("2.5", False, False, CODE_IMPORT_FAILED, True, True, None, False),
    "2.6": Release("2.6", True, False, CODE_IMPORT_FAILED, False, False, None, False),
    "newest": Release(
        "newest", True, True, CODE_IMPORT_SYS_FAILED, False, False, ActionRules(), True, FILE_TYPES | JSON_LINES
    ),
}
DEFAULT_RELEASE = "newest"


def backpressure_error(release: Release, limit: int) -> ApiError:
    """The release's answer when `limit` jobs are unfinished (2100 on 2.5/2.6, 2101 on newest)."""
    code = release.backpressure_code
    suffix = "importing data failed" if code == CODE_IMPORT_FAILED else "importing data failed on server side"
    return ApiError(code, f"{BACKPRESSURE}, limit={limit}: {suffix}")
