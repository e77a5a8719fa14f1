"""Output as the cloud CLIs write it: `-o table|json|yaml|csv|text`, `--no-header`, `-q` (JMESPath) first.

JSON and YAML carry the server's field names (the generated models' `to_dict`). Table, CSV and text
lay records out as rows: a mapping is one row, a list of mappings one row each; nested values are
written as compact JSON. `text` is tab-separated values without a header, one record a line.
"""

from __future__ import annotations

import csv
import functools
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar, cast

import click
import jmespath
import yaml
from jmespath.exceptions import JMESPathError
from rich.table import Table
from rich.text import Text

FORMATS = ("table", "json", "yaml", "csv", "text")
F = TypeVar("F", bound=Callable[..., Any])


@dataclass(frozen=True)
class Output:
    """How a command prints its data: the format, whether tables and CSV get a header, the query."""

    format: str = "table"
    header: bool = True
    query: str | None = None

    @property
    def custom(self) -> bool:
        """Whether the user asked for anything but the command's own table."""
        return self.format != "table" or self.query is not None


def output_options(command: F) -> F:
    """`-o/--output`, `--json` (an alias of `-o json`), `--no-header` and `-q/--query` on a command."""
    for decorate in (
        click.option("-q", "--query", metavar="EXPR", help="JMESPath expression applied before formatting."),
        click.option("--no-header", is_flag=True, help="No header row in table and csv output."),
        click.option("--json", "as_json", is_flag=True, help="The same as -o json."),
        click.option(
            "-o",
            "--output",
            "output_format",
            type=click.Choice(FORMATS),
            default="table",
            show_default=True,
            help="Output format.",
        ),
    ):
        command = decorate(command)
    return command


def with_output(command: F) -> F:
    """`output_options` on a command, handed to it as one `output: Output` keyword argument."""

    @functools.wraps(command)
    def wrapper(
        *args: Any, output_format: str, as_json: bool, no_header: bool, query: str | None, **kwargs: Any
    ) -> Any:
        return command(*args, output=output_of(output_format, as_json, no_header, query), **kwargs)

    return output_options(cast(F, wrapper))


def output_of(output_format: str, as_json: bool, no_header: bool, query: str | None) -> Output:
    """The `Output` the options of `output_options` ask for; the query is checked here, before any request.

    Raises:
        click.BadParameter: A query that is not JMESPath.
    """
    if query is not None:
        try:
            jmespath.compile(query)
        except JMESPathError as error:
            message = " ".join(str(error).split())
            raise click.BadParameter(f"not a JMESPath expression: {message}", param_hint="--query") from None
    return Output("json" if as_json else output_format, not no_header, query)


def plain(value: Any) -> Any:
    """A generated model, or lists and mappings of them, as plain JSON data with the server's field names."""
    if hasattr(value, "to_dict"):
        return value.to_dict()
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    return value


def render(data: Any, output: Output) -> str:
    """`data` (plain, or generated models) in the output's format, the query applied first."""
    value = plain(data)
    if output.query is not None:
        value = jmespath.search(output.query, value)
    if output.format == "json":
        return json.dumps(value, indent=2, default=str)
    if output.format == "yaml":
        return yaml.safe_dump(value, sort_keys=False, allow_unicode=True).rstrip("\n")
    columns, rows = tabulate(value)
    if output.format == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        if output.header and columns:
            writer.writerow(columns)
        writer.writerows(rows)
        return buffer.getvalue().rstrip("\n")
    if output.format == "text":
        return "\n".join("\t".join(row) for row in rows)
    raise ValueError(f"no text rendering for {output.format}: use table()")


def table(data: Any, output: Output) -> Table:
    """`data` as a rich table, the query applied first."""
    value = plain(data)
    if output.query is not None:
        value = jmespath.search(output.query, value)
    columns, rows = tabulate(value)
    grid = Table(show_header=output.header and bool(columns))
    for column in columns or [""] * max((len(row) for row in rows), default=1):
        grid.add_column(column, overflow="fold")
    for row in rows:
        grid.add_row(*(Text(cell) for cell in row))
    return grid


def tabulate(value: Any) -> tuple[list[str], list[list[str]]]:
    """Columns and rows: a mapping is one row, a list one row per item; scalars stand alone."""
    items = value if isinstance(value, list) else [value]
    if items and all(isinstance(item, dict) for item in items):
        columns = list(dict.fromkeys(key for item in items for key in item))
        return columns, [[cell(item.get(column)) for column in columns] for item in items]
    if items and all(isinstance(item, list) for item in items):
        return [], [[cell(part) for part in item] for item in items]
    return [], [[cell(item)] for item in items if item is not None]


def cell(value: Any) -> str:
    """One value as the text of a cell: strings as they are, nested values as compact JSON."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict | list):
        return json.dumps(value, separators=(",", ":"), default=str)
    return str(value)
