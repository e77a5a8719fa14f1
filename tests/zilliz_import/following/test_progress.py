"""What following reads of a job: states of either plane as plain strings, and where a wait ends."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from zilliz_cloud_import_client.models import KnownImportJobState as CloudState
from zilliz_import_client.models import KnownImportJobState as ClusterState

from zilliz_import import TERMINAL_STATES, Ending, ending
from zilliz_import.following.progress import rows_of, state_name


@pytest.mark.parametrize("state", [ClusterState.COMPLETED, CloudState.COMPLETED, "Completed"])
def test_either_planes_state_reads_as_its_string(state: object) -> None:
    job = SimpleNamespace(state=state, progress=100, details=[], job_id="1")
    assert state_name(job) == "Completed" and ending(job) is Ending.COMPLETED


@pytest.mark.parametrize(
    ("state", "through", "expected"),
    [("Failed", False, Ending.FAILED), ("Uncommitted", False, Ending.UNCOMMITTED), ("Uncommitted", True, None),
     ("Importing", False, None), ("SomethingNew", False, None)],
)  # fmt: skip
def test_where_a_wait_ends(state: str, through: bool, expected: Ending | None) -> None:
    assert ending(state, through_uncommitted=through) is expected


def test_terminal_states_are_the_two_that_never_change() -> None:
    assert frozenset({"Completed", "Failed"}) == TERMINAL_STATES


def test_rows_are_zero_where_an_answer_has_none() -> None:
    assert rows_of(SimpleNamespace(imported_rows=5)) == 5
    assert rows_of(SimpleNamespace()) == 0 and rows_of(SimpleNamespace(imported_rows="5")) == 0
