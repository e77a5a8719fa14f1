"""The drift check fails on any difference between a generated project and what its spec produces."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

# Each case runs the generator or the whole contract suite: `make test-slow`, run by CI after `make test`.
pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def checkout(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of what the drift check reads, sharing this checkout's .venv."""
    copy = tmp_path_factory.mktemp("checkout")
    for name in ("openapi", "scripts", "generated"):
        shutil.copytree(ROOT / name, copy / name, ignore=shutil.ignore_patterns("__pycache__", ".pdm-build"))
    shutil.copy2(ROOT / "pyproject.toml", copy / "pyproject.toml")
    (copy / ".venv").symlink_to(ROOT / ".venv")
    return copy


def check(checkout: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", "scripts/check_generated.sh"], cwd=checkout, capture_output=True, text=True, check=False
    )


def test_clean_copy_passes(checkout: Path) -> None:
    result = check(checkout)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "==> comparing generated/cluster/" in result.stdout
    assert "==> comparing generated/control_plane/" in result.stdout


@pytest.mark.parametrize(
    ("spec_name", "old", "new", "folder"),
    [
        ("openapi.yaml", "Why the job or file failed.", "Why it failed.", "generated/cluster"),
        ("control-plane.yaml", "Why something failed;", "Why it failed;", "generated/control_plane"),
    ],
)
def test_a_spec_edited_without_regenerating_fails_naming_its_project(
    checkout: Path, spec_name: str, old: str, new: str, folder: str
) -> None:
    spec = checkout / "openapi" / spec_name
    original = spec.read_text()
    assert old in original
    spec.write_text(original.replace(old, new))
    try:
        result = check(checkout)
    finally:
        spec.write_text(original)
    assert result.returncode == 1
    assert [line for line in result.stderr.splitlines() if "out of date" in line] == [
        f"==> {folder}/ is out of date: run 'make generate' and commit the result"
    ]


def test_an_edited_generator_config_fails(checkout: Path) -> None:
    config = checkout / "openapi" / "control-plane-config.yaml"
    original = config.read_text()
    config.write_text(original.replace("zilliz-cloud-import-client", "zilliz-cloud-client"))
    try:
        result = check(checkout)
    finally:
        config.write_text(original)
    assert result.returncode == 1
    assert "generated/control_plane/ is out of date" in result.stderr


def test_added_and_removed_files_fail(checkout: Path) -> None:
    stray = checkout / "generated" / "cluster" / "zilliz_import_client" / "stray.py"
    stray.write_text("x = 1\n")
    try:
        assert check(checkout).returncode == 1
    finally:
        stray.unlink()
    victim = checkout / "generated" / "control_plane" / "zilliz_cloud_import_client" / "errors.py"
    saved = victim.read_bytes()
    victim.unlink()
    try:
        assert check(checkout).returncode == 1
    finally:
        victim.write_bytes(saved)


@pytest.mark.parametrize(
    ("written", "stale"),
    [
        ('"zilliz-import-client>=2.0,<3"', '"zilliz-import-client"'),
        ('"zilliz-cloud-import-client>=1.0,<2"', '"zilliz-cloud-import-client>=1.0,<3"'),
    ],
    ids=["bound-removed", "bound-widened"],
)
def test_a_bound_on_a_generated_client_edited_by_hand_fails(checkout: Path, written: str, stale: str) -> None:
    pyproject = checkout / "pyproject.toml"
    original = pyproject.read_text()
    assert written in original, "make generate writes each client's bound from its spec's info.version"
    pyproject.write_text(original.replace(written, stale))
    try:
        result = check(checkout)
    finally:
        pyproject.write_text(original)
    assert result.returncode == 1
    name = stale.strip('"')
    assert f"==> pyproject.toml requires {name} where the spec gives {written.strip(chr(34))}" in result.stderr
    assert "out of date" not in result.stderr, "the generated folders themselves are fine"
