"""What both planes' commands share: job IDs checked at parse time, file units from arguments."""

from __future__ import annotations

import click
import pytest

from zilliz_import.cli.bodies import checked_ids, file_units
from zilliz_import.planes.cluster import job_id_text
from zilliz_import.planes.control_plane import cloud_job_id_text


def test_a_planes_rule_checks_one_id_or_many() -> None:
    check = checked_ids(job_id_text)
    assert check(click.Context(click.Command("x")), click.Argument(["x"]), " 5 ") == "5"
    assert check(click.Context(click.Command("x")), click.Argument(["x"]), ("1", "2")) == ("1", "2")


@pytest.mark.parametrize(("rule", "bad"), [(job_id_text, "job-1"), (cloud_job_id_text, "12")])
def test_an_id_of_the_other_plane_is_a_usage_error(rule: object, bad: str) -> None:
    with pytest.raises(click.BadParameter):
        checked_ids(rule)(click.Context(click.Command("x")), click.Argument(["x"]), (bad,))  # type: ignore[arg-type]


def test_each_argument_is_a_unit_and_commas_join_column_files() -> None:
    assert file_units(("a.parquet", "id.npy,vec.npy", "b.json,")) == [["a.parquet"], ["id.npy", "vec.npy"], ["b.json"]]
