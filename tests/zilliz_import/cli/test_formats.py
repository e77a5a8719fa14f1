"""`-o` formats round-trip, `--no-header` drops only the header, `-q` filters and projects first."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import click
import pytest
import yaml
from zilliz_import_client.models import ImportJobSummary

from zilliz_import.cli.formats import Output, output_of, render, table, tabulate

JOBS = [
    ImportJobSummary(job_id="1", collection_name="c", state="Completed", progress=100),
    ImportJobSummary(job_id="2", collection_name="d,e", state="Failed", progress=40, reason='bad "file"\tx'),
]
SERVER_NAMES = [job.to_dict() for job in JOBS]


@pytest.mark.parametrize("fmt", ["json", "yaml"])
def test_json_and_yaml_parse_back_to_the_servers_data(fmt: str) -> None:
    text = render(JOBS, Output(fmt))
    parsed = json.loads(text) if fmt == "json" else yaml.safe_load(text)
    assert parsed == SERVER_NAMES and "jobId" in parsed[0]


@pytest.mark.parametrize("header", [True, False])
def test_csv_has_one_header_row_unless_asked(header: bool) -> None:
    rows = list(csv.reader(io.StringIO(render(JOBS, Output("csv", header=header)))))
    columns = list(dict.fromkeys(key for job in SERVER_NAMES for key in job))
    assert rows == ([columns] if header else []) + [[str(job.get(c, "")) for c in columns] for job in SERVER_NAMES]


def test_text_is_tab_separated_without_a_header_one_record_a_line() -> None:
    lines = render(JOBS, Output("text")).split("\n")
    assert len(lines) == 2 and lines[0].split("\t")[:2] == ["1", "c"]


def test_a_query_filters_and_projects_before_formatting() -> None:
    text = render(JOBS, Output("json", query="[?state=='Failed'].{id: jobId, why: reason}"))
    assert json.loads(text) == [{"id": "2", "why": 'bad "file"\tx'}]
    assert render(JOBS, Output("text", query="[].jobId")) == "1\n2"
    assert render({"jobId": "9"}, Output("text", query="jobId")) == "9"


@pytest.mark.parametrize("bad", ["[", "[?state==]", "jobs[0"])
def test_a_bad_query_is_a_usage_error_before_anything_is_sent(bad: str) -> None:
    with pytest.raises(click.BadParameter, match="JMESPath"):
        output_of("table", False, False, bad)


def test_json_is_an_alias_of_output_json() -> None:
    assert output_of("table", True, False, None).format == "json"


@pytest.mark.parametrize(
    ("value", "columns", "rows"),
    [
        ({"a": 1, "b": [1, 2]}, ["a", "b"], [["1", "[1,2]"]]),
        ([["x", 1], ["y", None]], [], [["x", "1"], ["y", ""]]),
        ([True, "s"], [], [["true"], ["s"]]),
        (None, [], []),
    ],
)
def test_any_shape_a_query_returns_becomes_rows(value: Any, columns: list[str], rows: list[list[str]]) -> None:
    assert tabulate(value) == (columns, rows)


def test_a_table_without_header_has_none() -> None:
    assert table(JOBS, Output(header=False)).show_header is False
    assert table(JOBS, Output()).show_header is True
