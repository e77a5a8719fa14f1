"""Checks both planes share: file units, and the type checks the generated parsers leave out."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from zilliz_import import InvalidArgumentError
from zilliz_import._core.checks import counts, file_units, is_int, strings


@pytest.mark.parametrize("files", ["data/1.parquet", b"data/1.parquet", 5, None, [5], [["a", 5]], [b"ab"], []])
def test_files_that_are_not_a_list_of_paths_are_refused_before_sending(files: object) -> None:
    with pytest.raises(InvalidArgumentError, match="files must be"):
        file_units(files)  # type: ignore[arg-type]


def test_files_become_units() -> None:
    assert file_units(["a.parquet", ("id.npy", "vec.npy")]) == [["a.parquet"], ["id.npy", "vec.npy"]]


def test_counts_and_strings_name_each_field_of_the_wrong_type() -> None:
    model = SimpleNamespace(progress=True, rows=3, name=5, state="Completed")
    assert counts(model, "data", ("progress", "rows")) == ["data.progress is bool, not an integer"]
    assert strings(model, "data", ("name", "state")) == ["data.name is int, not a string"]
    assert is_int(0) and not is_int(False) and not is_int(1.0)
