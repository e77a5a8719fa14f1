"""What differs between server releases: one row per release, read by the rest of the mock.

Source: the reference sheet `server-behaviour.md` (second edition), sections 1-5. Where the sheet says
nothing for 2.6, the row says what the mock decided and why.
"""

from __future__ import annotations

from dataclasses import dataclass

from zilliz_import.mock.replies import CODE_IMPORT_FAILED, CODE_IMPORT_SYS_FAILED, ApiError

BACKPRESSURE = "The number of jobs has reached the limit, please try again later"


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
        two_phase_commit: The `commit` and `abort` routes exist and `auto_commit: "false"` is honoured.
        standard_error_status: `proxy.http.standardErrorStatus` can be switched on.
    """

    name: str
    sends_create_time: bool
    strict_request_timeout: bool
    backpressure_code: int
    list_forbidden_without_privilege: bool
    checks_privilege_first: bool
    two_phase_commit: bool
    standard_error_status: bool


# 2.6 is not described separately by the sheet except for back-pressure (2100, as 2.5): the mock
# gives it newest's createTime and permission order (both came before 2.6 in the Milvus history the
# sheet was read from) and keeps the rest with 2.5.
RELEASES = {
    "2.5": Release("2.5", False, False, CODE_IMPORT_FAILED, True, True, False, False),
    "2.6": Release("2.6", True, False, CODE_IMPORT_FAILED, False, False, False, False),
    "newest": Release("newest", True, True, CODE_IMPORT_SYS_FAILED, False, False, True, True),
}
DEFAULT_RELEASE = "newest"


def backpressure_error(release: Release, limit: int) -> ApiError:
    """The release's answer when `limit` jobs are unfinished (2100 on 2.5/2.6, 2101 on newest)."""
    code = release.backpressure_code
    suffix = "importing data failed" if code == CODE_IMPORT_FAILED else "importing data failed on server side"
    return ApiError(code, f"{BACKPRESSURE}, limit={limit}: {suffix}")
