"""griffe sees attrs models' `__init__`, and the report names objects where their users import them."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
from api_diff_python import PACKAGE, additions, breaking_changes, load_api

MODEL = """
from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset


@_attrs_define
class Job:
    job_id: str
{fields}
    additional_properties: dict[str, object] = _attrs_field(init=False, factory=dict)

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties)
"""
BASE_FIELDS = "    reason: str | Unset = UNSET\n"


def write_package(
    root: Path, fields: str, extra_model: bool = False, signature: str = "body: Job) -> Job | None"
) -> Path:
    """A package shaped like the generated one: models re-exported from `models/__init__.py`, an endpoint."""
    models = root / PACKAGE / "models"
    models.mkdir(parents=True)
    (root / PACKAGE / "__init__.py").write_text("")
    (root / PACKAGE / "api.py").write_text(f"from .models import Job\n\n\ndef sync(*, {signature}: ...\n")
    (root / PACKAGE / "types.py").write_text("class Unset: ...\nUNSET = Unset()\n")
    (models / "job.py").write_text(MODEL.replace("{fields}", fields))
    exports = ["Job"]
    if extra_model:
        (models / "queue.py").write_text("class Queue:\n    name: str\n")
        exports.append("Queue")
    imports = "".join(f"from .{name.lower()} import {name}\n" for name in exports)
    (models / "__init__.py").write_text(f"{imports}__all__ = {tuple(exports)!r}\n")
    return root


def diff(
    tmp_path: Path, fields: str, extra_model: bool = False, signature: str = "body: Job) -> Job | None"
) -> tuple[list[str], list[str]]:
    old = load_api(write_package(tmp_path / "old", BASE_FIELDS))
    new = load_api(write_package(tmp_path / "new", fields, extra_model, signature))
    return breaking_changes(old, new), additions(old, new)


def test_attrs_init_has_one_parameter_per_field_except_init_false(tmp_path: Path) -> None:
    init = load_api(write_package(tmp_path, BASE_FIELDS))["models.job.Job.__init__"]
    assert [(p.name, p.required) for p in init.parameters] == [("self", True), ("job_id", True), ("reason", False)]


def test_same_package_has_no_changes(tmp_path: Path) -> None:
    assert diff(tmp_path, BASE_FIELDS) == ([], [])


def test_removed_field_is_breaking_under_its_public_path(tmp_path: Path) -> None:
    breaking, added = diff(tmp_path, "")
    assert f"`{PACKAGE}.models.Job.reason`: *Public object was removed*" in breaking
    assert f"`{PACKAGE}.models.Job.__init__(reason)`: *Parameter was removed*" in breaking
    assert added == []


def test_field_made_required_is_breaking(tmp_path: Path) -> None:
    breaking, _ = diff(tmp_path, "    reason: str\n")
    assert f"`{PACKAGE}.models.Job.__init__(reason)`: *Parameter is now required*" in breaking
    assert f"`{PACKAGE}.models.Job.reason`: *Attribute changed type*: `str | Unset` -> `str`" in breaking


@pytest.mark.parametrize("extra_model", [False, True])
def test_optional_field_and_new_model_are_additions(tmp_path: Path, extra_model: bool) -> None:
    breaking, added = diff(tmp_path, BASE_FIELDS + "    note: str | Unset = UNSET\n", extra_model)
    assert breaking == []
    expected = [
        f"`{PACKAGE}.models.Job.note`: *Public object was added*",
        f"`{PACKAGE}.models.Job.__init__(note)`: *Parameter was added*",
    ]
    if extra_model:
        expected = [
            f"`{PACKAGE}.models.Queue`: *Public object was added*",
            f"`{PACKAGE}.models.queue`: *Public object was added*",
            *expected,
        ]
    assert added == expected


@pytest.mark.parametrize(
    ("signature", "line"),
    [
        ("body: Job) -> Job | str | None", "`api.sync`: *Return changed type*: `Job | None` -> `Job | str | None`"),
        ("body: Job | str) -> Job | None", "`api.sync(body)`: *Parameter changed type*: `Job` -> `Job | str`"),
    ],
)
def test_changed_annotation_of_an_endpoint_is_breaking(tmp_path: Path, signature: str, line: str) -> None:
    breaking, _ = diff(tmp_path, BASE_FIELDS, signature=signature)
    assert breaking == [f"`{PACKAGE}.{line[1:]}"]


def test_a_model_field_retyped_is_one_line_not_two(tmp_path: Path) -> None:
    breaking, _ = diff(tmp_path, "    reason: int | Unset = UNSET\n")
    assert breaking == [f"`{PACKAGE}.models.Job.reason`: *Attribute changed type*: `str | Unset` -> `int | Unset`"]
