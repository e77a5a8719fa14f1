"""`watch` and `progress` say in words what a job does while its counts say nothing; never `0/0`."""

from __future__ import annotations

from typing import Any

import pytest
from rich.console import Console
from zilliz_import_client.models import ImportJobProgress, ImportJobSummary

from tests.zilliz_import.cli.installed import zilliz_import
from zilliz_import.cli.display import PlainDisplay, progress_table
from zilliz_import.cli.words import counts_known, state_text
from zilliz_import.following.progress import ProgressEvent
from zilliz_import.mock import DEFAULT_TOKEN, MockServer
from zilliz_import.planes.cluster import progress_of

FILE = {"fileName": "[a.parquet]", "fileSize": 10, "progress": 100, "importedRows": 5, "totalRows": 5}
DONE, RUNNING = {**FILE, "state": "Completed", "completeTime": ""}, {**FILE, "state": "InProgress", "completeTime": ""}
ABORTED = "import job aborted by the user"


def answer(state: str, progress: int, details: list[dict[str, Any]], rows: int = 0, **more: Any) -> ImportJobProgress:
    return ImportJobProgress.from_dict({
        "jobId": "1", "collectionName": "c", "state": state, "progress": progress, "importedRows": rows,
        "totalRows": rows, "fileSize": 10 * len(details), "completeTime": "", "details": details, **more,
    })  # fmt: skip


@pytest.mark.parametrize(
    ("data", "words", "known"),
    [
        (answer("Pending", 5, []), "Pending (waiting to start)", False),
        (answer("Importing", 37, []), "Importing (listing files)", False),
        (answer("Importing", 85, [DONE], 5), "Importing (building indexes)", True),
        (answer("Importing", 50, [RUNNING], 5), "Importing", True),
        (answer("Failed", 0, [DONE], reason=ABORTED), f"Failed (aborted: {ABORTED})", False),
        (answer("Failed", 0, [], reason="bad file"), "Failed (bad file)", False),
        (answer("Uncommitted", 99, [DONE], 5), "Uncommitted (waiting for a commit or an abort)", True),
    ],
)  # fmt: skip
def test_states_in_words(data: ImportJobProgress, words: str, known: bool) -> None:
    assert (state_text(data), counts_known(data)) == (words, known)


def plain_line(data: ImportJobProgress) -> str:
    console = Console(record=True, width=200)
    PlainDisplay(console).update(ProgressEvent("1", data, 1.0, None, None, 0.0, False))
    return console.export_text().strip()


def test_a_job_listing_its_files_shows_no_counts() -> None:
    assert plain_line(answer("Importing", 37, [])) == "job 1: Importing (listing files) 37%"


def test_a_list_record_is_not_taken_for_a_job_listing_files() -> None:
    """`watch` reads list records, which never carry counts: the state and percent only, no `0/0`."""
    record = ImportJobSummary.from_dict({"jobId": "1", "collectionName": "c", "state": "Importing", "progress": 37})
    assert plain_line(progress_of(record)) == "job 1: Importing 37%"


def test_known_counts_are_shown() -> None:
    """Control: with files listed, rows and files appear."""
    line = plain_line(answer("Importing", 50, [RUNNING], 5))
    assert "5/5 rows, 0/1 files" in line


def test_the_progress_table_caption_leaves_unknown_counts_out() -> None:
    table = progress_table(answer("Importing", 37, []))
    assert str(table.caption) == "Importing (listing files) 37%"


def test_watch_and_progress_of_an_aborted_job_through_the_installed_command(mock_server: MockServer) -> None:
    env = {"CLUSTER_ENDPOINT": mock_server.url, "TOKEN": DEFAULT_TOKEN}
    job = zilliz_import("create", "c", "a.parquet", "--no-auto-commit", env=env).out.strip()
    watched = zilliz_import("watch", job, env=env)
    assert watched.status == 4 and "0/0" not in watched.out, watched.out
    assert zilliz_import("abort", job, env=env).status == 0
    watched = zilliz_import("watch", job, env=env)
    assert watched.status == 1 and f"job {job}: Failed (aborted: " in watched.out and "0/0" not in watched.out
    shown = zilliz_import("progress", job, env=env)
    assert shown.status == 0 and "Failed (aborted: " in " ".join(shown.out.split())
