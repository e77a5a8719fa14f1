"""zilliz-import's bounds on the generated clients follow their specs' info.version."""

from __future__ import annotations

import shutil
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

from client_bounds import BoundsError, bound_of, with_bounds  # noqa: E402
from generated_projects import PROJECTS  # noqa: E402

CLUSTER, CONTROL_PLANE = PROJECTS


def spec_major(spec: str) -> int:
    return int(str(yaml.safe_load((ROOT / spec).read_text())["info"]["version"]).split(".")[0])


def test_the_committed_metadata_bounds_each_client_to_its_spec_major() -> None:
    dependencies = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    for name, project in (("zilliz-import-client", CLUSTER), ("zilliz-cloud-import-client", CONTROL_PLANE)):
        major = spec_major(project.spec)
        assert [d for d in dependencies if d.startswith(name + ">")] == [f"{name}>={major}.0,<{major + 1}"]


@pytest.fixture
def root(tmp_path: Path) -> Path:
    for project in PROJECTS:
        (tmp_path / project.folder).mkdir(parents=True)
        shutil.copy2(ROOT / project.folder / "pyproject.toml", tmp_path / project.folder / "pyproject.toml")
        (tmp_path / project.spec).parent.mkdir(parents=True, exist_ok=True)
    return tmp_path


@pytest.mark.parametrize(
    ("version", "bound"), [("2.3.1", ">=2.3,<3"), ("10.0.0-rc1", ">=10.0,<11"), ("1.0.0", ">=1.0,<2")]
)
def test_the_bound_is_the_current_major_from_the_current_minor(root: Path, version: str, bound: str) -> None:
    (root / CLUSTER.spec).write_text(yaml.safe_dump({"info": {"version": version}}))
    assert bound_of(CLUSTER, root) == f"zilliz-import-client{bound}"


def test_a_version_that_is_not_semver_is_refused_in_one_line(root: Path) -> None:
    (root / CLUSTER.spec).write_text(yaml.safe_dump({"info": {"version": "two"}}))
    with pytest.raises(BoundsError, match=r"info.version 'two' of openapi/openapi.yaml is not MAJOR.MINOR.PATCH"):
        bound_of(CLUSTER, root)


def test_with_bounds_rewrites_only_the_named_requirement_lines() -> None:
    text = '[project]\ndependencies = [\n    "zilliz-import-client>=1.0,<2",\n    "zilliz-import-client-extra",\n]\n'
    written = with_bounds(text, {"zilliz-import-client": "zilliz-import-client>=2.0,<3"})
    assert written == text.replace(">=1.0,<2", ">=2.0,<3")
    with pytest.raises(BoundsError, match="does not require zilliz-cloud-import-client"):
        with_bounds(text, {"zilliz-cloud-import-client": "zilliz-cloud-import-client>=1.0,<2"})
