"""The decisions behind the checks, without a server: rules on one answer, rules over time, documented codes."""

from __future__ import annotations

from typing import Any

import pytest

from zilliz_import.contract.answer import ABORT, COMMIT, CONTROL_PLANE, CREATE, DESCRIBE, LIST, PROGRESS, Answer
from zilliz_import.contract.cloud_rules import ALL_RULES, applies
from zilliz_import.contract.history import JobHistory
from zilliz_import.contract.rules import RULES
from zilliz_import.contract.spec import authentication_codes, authentication_status, error_codes, plane_of

UNION = {"components": {"schemas": {"ErrorEnvelope": {"x-error-codes": {"1801": "a", "2100": "b"}}}}}


def job(**fields: Any) -> dict[str, Any]:
    return {
        "jobId": "7",
        "collectionName": "c",
        "state": "Importing",
        "progress": 50,
        "fileSize": 0,
        "details": [],
    } | fields


def progress(data: dict[str, Any], sent: Any = "7", code: int = 0) -> Answer:
    body = {"code": code, "data": data} if code == 0 else {"code": code, "message": "m"}
    return Answer(PROGRESS, {"jobId": sent}, 200, body)


def test_an_operations_own_codes_win_over_the_union() -> None:
    assert error_codes(UNION, {"x-error-codes": {"1100": "x"}}) == {1100}
    assert error_codes(UNION, {}) == {1801, 2100}


@pytest.mark.parametrize(
    ("rule", "answer"),
    [
        ("progress_within_range", progress(job(progress=101))),
        ("completed_job_is_whole", progress(job(state="Completed", progress=100, completeTime=""))),
        ("imported_rows_within_total", progress(job(importedRows=11, totalRows=10))),
        ("file_size_is_sum_of_files", progress(job(fileSize=3, details=[{"fileSize": 1}, {"fileSize": 1}]))),
        ("failed_job_has_reason", progress(job(state="Failed", progress=0))),
        ("answer_is_about_the_job_asked", progress(job(jobId="8"))),
        ("numeric_job_id_refused", progress({}, sent=7, code=2100)),
        ("numeric_job_id_refused", progress(job(), sent=7)),
        ("numeric_job_id_refused", Answer(PROGRESS, {"jobId": 7}, 200, {"code": 1100, "message": "m"}, None, "30")),
        (
            "list_follows_its_filter",
            Answer(LIST, {"collectionName": "c"}, 200, {"code": 0, "data": {"records": [job(collectionName="d")]}}),
        ),
    ],
)
def test_each_rule_finds_what_it_promises(rule: str, answer: Answer) -> None:
    assert RULES[rule](answer)


def test_rules_accept_what_the_sheet_allows() -> None:
    v3_file = {
        "fileSize": 5,
        "importedRows": 9,
        "totalRows": 0,
        "progress": 60,
        "completeTime": "",
        "state": "InProgress",
    }
    answers = [
        progress(job(fileSize=5, details=[v3_file])),
        progress({}, sent=7, code=1801),
        progress(job(state="Failed", progress=0, reason="bad file")),
        Answer(DESCRIBE, {"jobId": 7}, 400, {"code": 1801, "message": "can only accept json format request"}),
        Answer(PROGRESS, {"jobId": 7}, 200, {"code": 1100, "message": "Request-Timeout parse failed"}, None, "0..0"),
    ]
    assert [p for answer in answers for rule in RULES.values() for p in rule(answer)] == []


@pytest.mark.parametrize(
    ("states", "broken"),
    [
        ([("Importing", 50), ("Completed", 100), ("Importing", 100)], "finished_job_stays_finished"),
        ([("Importing", 50), ("Importing", 40)], "progress_never_goes_back"),
        ([("Uncommitted", 99), ("Importing", 99)], "uncommitted_moves_only_forward"),
    ],
)
def test_history_finds_changes_the_sheet_rules_out(states: list[tuple[str, int]], broken: str) -> None:
    history = JobHistory()
    history.remember("server", "7", "c", "default")
    found = [history.observe("server", progress(job(state=s, progress=p)), "default") for s, p in states]
    assert broken in found[-1]


def test_history_accepts_a_two_phase_commit_and_a_failure_at_0() -> None:
    history = JobHistory()
    history.remember("server", "7", "c", "default")
    lives = [("Pending", 0), ("Importing", 60), ("Uncommitted", 99), ("Committing", 99), ("Completed", 100)]
    assert [history.observe("server", progress(job(state=s, progress=p)), "default") for s, p in lives] == [{}] * 5
    history.remember("server", "8", "c", "default")
    failing = [("Importing", 60), ("Failed", 0), ("Failed", 0)]
    answers = [progress(job(jobId="8", state=s, progress=p, reason="r"), sent="8") for s, p in failing]
    assert [history.observe("server", answer, "default") for answer in answers] == [{}] * 3


def test_list_must_show_the_jobs_the_run_created_in_that_collection() -> None:
    history = JobHistory()
    history.remember("server", "7", "c", "default")
    empty = Answer(LIST, {"collectionName": "c"}, 200, {"code": 0, "data": {"records": []}})
    assert "job_listed_for_its_collection" in history.observe("server", empty, "default")
    assert (
        history.observe(
            "server", Answer(LIST, {"collectionName": "c"}, 200, {"code": 0, "data": {"records": []}}), "db2"
        )
        == {}
    )


CONTROL_PLANE_SPEC = {
    "servers": [{"url": "https://api.cloud.zilliz.com"}],
    "components": {
        "schemas": {"ErrorEnvelope": {"x-error-codes": {"1100": "invalid parameter", "21119": "API key illegal"}}}
    },
}


def test_the_control_planes_auth_codes_come_from_its_error_codes() -> None:
    assert plane_of(CONTROL_PLANE_SPEC) == CONTROL_PLANE
    assert authentication_codes(CONTROL_PLANE_SPEC) == {21119}
    assert authentication_status(CONTROL_PLANE_SPEC) is None


def cloud(operation: str, data: dict[str, Any], request: dict[str, Any] | None = None) -> Answer:
    return Answer(operation, request or {}, 200, {"code": "0", "data": data}, plane=CONTROL_PLANE)


def page(count: int, current: int, size: int, records: int) -> dict[str, Any]:
    listed = [{"collectionName": "c", "jobId": f"job-{i}", "state": "Completed"} for i in range(records)]
    return {"count": count, "currentPage": current, "pageSize": size, "records": listed}


@pytest.mark.parametrize(
    ("rule", "answer"),
    [
        ("reason_empty_unless_failed", cloud(PROGRESS, job(jobId="job-a", reason="retrying"), {"jobId": "job-a"})),
        ("reason_empty_unless_failed", cloud(DESCRIBE, job(jobId="job-a"), {"jobId": "job-a"})),
        ("list_pages_are_consistent", cloud(LIST, page(25, 1, 10, 10), {"pageSize": 5})),
        ("list_pages_are_consistent", cloud(LIST, page(25, 3, 10, 10))),
        ("list_pages_are_consistent", cloud(LIST, page(25, 1, 10, 9))),
        ("list_pages_are_consistent", cloud(LIST, page(5, 2, 10, 1))),
    ],
)
def test_each_control_plane_rule_finds_what_it_promises(rule: str, answer: Answer) -> None:
    assert ALL_RULES[rule](answer)


def test_control_plane_rules_accept_what_the_sheet_allows() -> None:
    answers = [
        cloud(PROGRESS, job(jobId="job-a", reason=""), {"jobId": "job-a"}),
        cloud(PROGRESS, job(jobId="job-a", state="Failed", progress=0, reason="bad file"), {"jobId": "job-a"}),
        cloud(LIST, page(25, 3, 10, 5), {"pageSize": 10, "currentPage": 3}),
        cloud(LIST, page(25, 4, 10, 0)),
        cloud(LIST, {**page(1, 1, 10, 0), "records": [{"jobId": "job-f", "state": "Failed", "collectionName": "c"}]}),
    ]
    found = [p for a in answers for name, rule in ALL_RULES.items() if applies(name, a.plane) for p in rule(a)]
    assert found == []


def test_a_clusters_list_shows_its_jobs_and_only_those() -> None:
    history = JobHistory()
    history.remember("server", "job-a", "c", "default", cluster="in01-a")
    history.remember("server", "job-b", "c", "default", cluster="in01-b")

    def listing(cluster: str, *ids: str) -> Answer:
        records = [{"collectionName": "c", "jobId": i, "state": "Pending"} for i in ids]
        data = {"count": len(ids), "currentPage": 1, "pageSize": 100, "records": records}
        return cloud(LIST, data, {"clusterId": cluster})

    assert "job_listed_for_its_cluster" in history.observe("server", listing("in01-a"), "default")
    assert "job_listed_for_its_cluster" in history.observe("server", listing("in01-a", "job-a", "job-b"), "default")
    assert history.observe("server", listing("in01-b", "job-b"), "default") == {}


def created(files: Any, code: int = 0, **extra: Any) -> Answer:
    body = {"code": 0, "data": {"jobId": "9"}} if code == 0 else {"code": code, "message": "m"}
    return Answer(CREATE, {"collectionName": "c", "files": files, **extra}, 200, body)


@pytest.mark.parametrize(
    ("answer", "broken"),
    [
        (created([["a.txt"]]), True),
        (created([["ok.parquet"], ["dir/1.PARQUET"]]), True),  # the extension as written
        (created([["a.txt"]], code=2100), False),
        (created([["a.parquet"], ["id.npy", "v.npy"], ["x.jsonl"]]), False),
        (created([["backup/"]], options={"backup": "true"}), False),  # folder prefixes
        (created("not a list"), False),
    ],
)
def test_an_unreadable_file_type_must_be_refused(answer: Answer, broken: bool) -> None:
    assert bool(RULES["unknown_file_type_refused"](answer)) is broken


def action(operation_id: str, code: int, job_id: str = "7") -> Answer:
    body = {"code": 0, "data": {}} if code == 0 else {"code": code, "message": "anything"}
    return Answer(operation_id, {"jobId": job_id}, 200, body)


@pytest.mark.parametrize(
    ("two_phase", "seen", "answers", "broken"),
    [
        (False, "Importing", [(COMMIT, 0)], "commit_of_auto_commit_job_refused"),
        (False, "Importing", [(COMMIT, 2100)], None),
        (True, "Uncommitted", [(COMMIT, 0)], None),
        (True, "Completed", [(ABORT, 0)], "abort_of_finished_job_refused"),
        (True, "Completed", [(ABORT, 2100)], None),
        (True, "Failed", [(ABORT, 0)], None),  # a failed job's abort is accepted
        (True, "Uncommitted", [(ABORT, 0), (ABORT, 2100)], "repeated_abort_harmless"),
        (True, "Uncommitted", [(ABORT, 0), (ABORT, 0)], None),
        (True, "Uncommitted", [(ABORT, 0), (ABORT, 1800)], None),  # refused before the job was read
        (True, "Uncommitted", [(ABORT, 0), (ABORT, 1100)], None),  # e.g. an unparsable Request-Timeout
    ],
)
def test_commit_and_abort_rules_over_the_jobs_the_run_created(
    two_phase: bool, seen: str, answers: list[tuple[str, int]], broken: str | None
) -> None:
    history = JobHistory()
    history.remember("server", "7", "c", "default", two_phase=two_phase)
    history.observe("server", progress(job(state=seen, progress=99)), "default")
    found = [history.observe("server", action(op, code), "default") for op, code in answers][-1]
    assert list(found) == ([broken] if broken else [])
