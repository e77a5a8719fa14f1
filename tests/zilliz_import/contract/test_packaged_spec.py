"""The spec travels inside the installed package, identical to openapi/openapi.yaml; settings do not drift."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

from zilliz_import.contract.endpoint import REPLACED_BUILTINS
from zilliz_import.contract.spec import CONTROL_PLANE_SPEC_PATH, SPEC_PATH

ROOT = Path(__file__).resolve().parents[3]
SPEC = ROOT / "openapi" / "openapi.yaml"
CONTROL_PLANE_SPEC = ROOT / "openapi" / "control-plane.yaml"
PACKAGED = "zilliz_import/contract/openapi.yaml"
PACKAGED_CONTROL_PLANE = "zilliz_import/contract/control-plane.yaml"


def test_the_package_reads_the_specs_of_the_checkout() -> None:
    assert SPEC_PATH.read_bytes() == SPEC.read_bytes()
    assert CONTROL_PLANE_SPEC_PATH.read_bytes() == CONTROL_PLANE_SPEC.read_bytes()


def test_a_built_wheel_carries_the_same_spec(tmp_path: Path) -> None:
    source = tmp_path / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, source / name)
    shutil.copytree(
        ROOT / "src", source / "src", symlinks=True, ignore=shutil.ignore_patterns("*.egg-info", "__pycache__")
    )
    shutil.copytree(ROOT / "openapi", source / "openapi")
    command = [
        sys.executable,
        "-m",
        "pip",
        "wheel",
        "--quiet",
        "--no-deps",
        "--no-build-isolation",
        "-w",
        str(tmp_path),
    ]
    subprocess.run([*command, str(source)], check=True, capture_output=True, timeout=120)
    (wheel,) = tmp_path.glob("zilliz_import-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        assert archive.read(PACKAGED) == SPEC.read_bytes()
        assert archive.read(PACKAGED_CONTROL_PLANE) == CONTROL_PLANE_SPEC.read_bytes()


def test_schemathesis_toml_switches_off_the_builtins_the_command_replaces() -> None:
    checks = tomllib.loads((ROOT / "schemathesis.toml").read_text(encoding="utf-8"))["checks"]
    assert sorted(name for name, table in checks.items() if table.get("enabled") is False) == sorted(REPLACED_BUILTINS)
