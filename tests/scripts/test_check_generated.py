"""The drift check fails on any difference between generated/ and what the spec produces."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def checkout(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of what the drift check reads, sharing this checkout's .venv."""
    copy = tmp_path_factory.mktemp("checkout")
    for name in ("openapi", "scripts", "generated"):
        shutil.copytree(ROOT / name, copy / name, ignore=shutil.ignore_patterns("__pycache__", ".pdm-build"))
    (copy / ".venv").symlink_to(ROOT / ".venv")
    return copy


def check(checkout: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", "scripts/check_generated.sh"], cwd=checkout, capture_output=True, text=True, check=False
    )


def test_clean_copy_passes(checkout: Path) -> None:
    result = check(checkout)
    assert result.returncode == 0, result.stdout + result.stderr


def test_edited_description_without_regenerating_fails(checkout: Path) -> None:
    spec = checkout / "openapi" / "openapi.yaml"
    original = spec.read_text()
    spec.write_text(original.replace("Why the job or file failed.", "Why it failed."))
    try:
        result = check(checkout)
    finally:
        spec.write_text(original)
    assert result.returncode == 1
    assert "out of date" in result.stderr


def test_added_and_removed_files_fail(checkout: Path) -> None:
    stray = checkout / "generated" / "zilliz_import_client" / "stray.py"
    stray.write_text("x = 1\n")
    try:
        assert check(checkout).returncode == 1
    finally:
        stray.unlink()
    victim = checkout / "generated" / "zilliz_import_client" / "errors.py"
    saved = victim.read_bytes()
    victim.unlink()
    try:
        assert check(checkout).returncode == 1
    finally:
        victim.write_bytes(saved)
