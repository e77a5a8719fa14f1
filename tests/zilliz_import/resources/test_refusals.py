"""Refusals named and explained: the unit a file-type refusal is about; why a commit or abort was refused.

Against the mock over real HTTP (sync) and in-process (async), and against scripted servers whose
messages say nothing useful, to show that commit/abort refusals are explained from the code and a
follow-up progress call, not from the wording of the server's message.
"""

from __future__ import annotations

import json

import httpx
import pytest

from tests.generated.cluster.server_bodies import job_progress
from zilliz_import import (
    AsyncImportJobs,
    FileTypeRefusedError,
    ImportJobs,
    InvalidRequestError,
    JobAlreadyEndedError,
    JobNotFoundError,
    JobNotUncommittedError,
    RetryPolicy,
)
from zilliz_import.resources.refusals import name_unit

WAIT = {"timeout": 30, "poll_interval": 0.02}


@pytest.mark.parametrize(
    ("message", "units", "named"),
    [
        ("unexpected file type, files=[a.txt]: importing data failed", [["ok.json"], ["a.txt"]], ["a.txt"]),
        ("unexpected file type, files=[d/a.txt d/b.txt]: x", [["d/a.txt", "d/b.txt"]], ["d/a.txt", "d/b.txt"]),
        ("inconsistency in file types, (a.json) vs (b.parquet): x", [["c.csv"], ["a.json", "b.parquet"]], None),
        ("for Parquet import, accepts only one file: x", [["ok.parquet"], ["a.parquet", "b.parquet"]], None),
        ("for CSV import, accepts only one file: x", [["a.npy", "b.npy"], ["a.csv", "b.csv"]], None),
        ("for Parquet import, accepts only one file: x", [["ok.parquet"]], "unnamed"),
    ],
)
def test_the_unit_is_the_one_the_message_points_at(message: str, units: list[list[str]], named: object) -> None:
    error = name_unit(FileTypeRefusedError(message, operation="create", code=2100), units)
    expected = units[-1] if named is None else None if named == "unnamed" else named
    assert error.unit == expected
    named_text = f"the server cannot read file unit {expected}: " if expected else ""
    assert str(error) == f"create: code 2100: {named_text}{message}"


@pytest.mark.parametrize(
    ("files", "unit"),
    [
        (["ok.parquet", "notes.txt"], ["notes.txt"]),
        ([["id.npy", "vec.npy"], ["a.parquet", "b.parquet"]], ["a.parquet", "b.parquet"]),
        ([["a.json", "b.parquet"]], ["a.json", "b.parquet"]),
    ],
)
def test_create_names_the_unit_the_server_cannot_read_in_one_line(
    jobs: ImportJobs, files: list[str | list[str]], unit: list[str]
) -> None:
    with pytest.raises(FileTypeRefusedError) as refused:
        jobs.create("c", files)
    line = str(refused.value)
    assert refused.value.unit == unit and f"file unit {unit}" in line and "\n" not in line
    assert (refused.value.code, refused.value.retriable) == (2100, False)
    assert jobs.list() == [], "no job was started"


def test_the_client_does_not_check_file_types_itself() -> None:
    """A format the client has never heard of reaches the server: only the server decides."""
    seen: list[object] = []

    def server(request: httpx.Request) -> httpx.Response:
        seen.append(json.loads(request.content)["files"])
        return httpx.Response(200, json={"code": 0, "data": {"jobId": "7"}})

    with ImportJobs("http://127.0.0.1:1", "t", transport=httpx.MockTransport(server)) as jobs:
        assert jobs.create("c", ["data.vortex", ["a.lance", "b.parquet"]]).job_id == "7"
    assert seen == [[["data.vortex"], ["a.lance", "b.parquet"]]]


def test_commit_of_an_auto_commit_job_says_its_state_and_how_to_create_a_two_phase_job(jobs: ImportJobs) -> None:
    job_id = jobs.create("c", ["a.parquet"]).job_id
    jobs.wait(job_id, **WAIT)
    with pytest.raises(JobNotUncommittedError) as refused:
        jobs.commit(job_id)
    line = str(refused.value)
    assert refused.value.state == "Completed" and refused.value.job_id == job_id
    assert f"import job {job_id} is Completed, not Uncommitted" in line and "auto_commit=False" in line
    assert "\n" not in line


def test_commit_of_a_two_phase_job_still_importing_says_so(jobs: ImportJobs) -> None:
    job_id = jobs.create("c", ["a.parquet"], auto_commit=False).job_id
    with pytest.raises(JobNotUncommittedError) as refused:
        jobs.commit(job_id)
    assert refused.value.state in {"Pending", "Importing"}
    assert f"is {refused.value.state}, not Uncommitted" in str(refused.value)


def test_abort_too_late_says_the_job_already_ended(jobs: ImportJobs) -> None:
    job_id = jobs.create("c", ["a.parquet"], auto_commit=False).job_id
    jobs.wait(job_id, **WAIT)
    jobs.commit(job_id)
    jobs.wait(job_id, through_uncommitted=True, **WAIT)
    with pytest.raises(JobAlreadyEndedError) as refused:
        jobs.abort(job_id)
    assert refused.value.state == "Completed"
    assert f"import job {job_id} already ended Completed: too late to abort" in str(refused.value)


def test_a_repeated_abort_is_harmless(jobs: ImportJobs) -> None:
    job_id = jobs.create("c", ["a.parquet"], auto_commit=False).job_id
    jobs.abort(job_id)
    jobs.abort(job_id)
    assert str(jobs.get_progress(job_id).state) == "Failed"


def test_commit_and_abort_of_an_unknown_job_are_job_not_found(jobs: ImportJobs) -> None:
    for action in (jobs.commit, jobs.abort):
        with pytest.raises(JobNotFoundError, match="no job has this ID"):
            action(12345)


@pytest.mark.anyio
async def test_the_async_facade_explains_alike(async_jobs: AsyncImportJobs) -> None:
    job_id = (await async_jobs.create("c", ["a.parquet"])).job_id
    with pytest.raises(JobNotUncommittedError, match="not Uncommitted"):
        await async_jobs.abort(job_id)
    with pytest.raises(JobNotFoundError):
        await async_jobs.commit(12345)
    with pytest.raises(FileTypeRefusedError) as refused:
        await async_jobs.create("c", ["a.txt"])
    assert refused.value.unit == ["a.txt"]


class Wordless:
    """A server that refuses commit and abort with 2100 and a message that says nothing, and reports a state."""

    def __init__(self, state: str | None) -> None:
        self.state = state
        self.paths: list[str] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        route = request.url.path.rsplit("/", 1)[-1]
        self.paths.append(route)
        if route in {"commit", "abort"}:
            return httpx.Response(200, json={"code": 2100, "message": "nope"})
        if self.state is None:
            return httpx.Response(200, json={"code": 2100, "message": "no such thing"})
        return httpx.Response(200, json=job_progress(self.state, 100 if self.state == "Completed" else 50, []))


@pytest.mark.parametrize(
    ("action", "state", "expected"),
    [
        ("abort", "Completed", JobAlreadyEndedError),
        ("abort", "Committing", JobAlreadyEndedError),
        ("commit", "Completed", JobNotUncommittedError),
        ("commit", "Importing", JobNotUncommittedError),
        ("abort", "Importing", JobNotUncommittedError),
        ("commit", "Uncommitted", InvalidRequestError),  # the state explains nothing: the refusal as it came
    ],
)
def test_refusals_are_explained_from_the_code_and_the_state_not_the_wording(
    action: str, state: str, expected: type[Exception]
) -> None:
    server = Wordless(state)
    transport = httpx.MockTransport(server)
    with ImportJobs("http://127.0.0.1:1", "t", retry=RetryPolicy.disabled(), transport=transport) as jobs:
        with pytest.raises(expected) as refused:
            getattr(jobs, action)(7)
    assert type(refused.value) is expected
    assert server.paths == [action, "describe"]
    assert "nope" in str(refused.value)


def test_a_follow_up_that_fails_leaves_the_refusal_as_it_came() -> None:
    server = Wordless(None)
    with ImportJobs("http://127.0.0.1:1", "t", transport=httpx.MockTransport(server)) as jobs:
        with pytest.raises(InvalidRequestError) as refused:
            jobs.commit(7)
    assert type(refused.value) is InvalidRequestError and refused.value.message == "nope"
