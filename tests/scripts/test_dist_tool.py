"""scripts/dist_tool.py: the constraints, the requirements and the check of what `make dist-check` installs."""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

from dist_tool import pins, requirements, verify  # noqa: E402

LOCK = "httpx==0.28.1 \\\n    --hash=sha256:aa\nschemathesis==4.32.5 \\\n    --hash=sha256:bb\n"


def wheel(dist: Path, name: str, version: str, *requires: str) -> None:
    metadata = "\n".join([f"Name: {name}", f"Version: {version}", *(f"Requires-Dist: {r}" for r in requires)])
    stem = f"{name.replace('-', '_')}-{version}"
    with zipfile.ZipFile(dist / f"{stem}-py3-none-any.whl", "w") as archive:
        archive.writestr(f"{stem}.dist-info/METADATA", metadata + "\n")


@pytest.fixture
def dist(tmp_path: Path) -> Path:
    folder = tmp_path / "dist"
    folder.mkdir()
    wheel(folder, "zilliz-import", "0.1.0", "zilliz-import-client<3,>=2.0", "httpx<0.29,>=0.27",
          'schemathesis<5,>=4.32.5; extra == "contract"')  # fmt: skip
    wheel(folder, "zilliz-import-client", "2.0.0", "httpx<0.29.0,>=0.23.1")
    (tmp_path / "dev.lock").write_text(LOCK)
    return folder


def test_pins_are_the_locks_and_the_wheels_versions(dist: Path) -> None:
    assert pins(dist, dist.parent / "dev.lock") == [
        "httpx==0.28.1", "schemathesis==4.32.5", "zilliz-import==0.1.0", "zilliz-import-client==2.0.0",
    ]  # fmt: skip


def test_requirements_leave_out_the_wheels_and_honour_the_extra(dist: Path) -> None:
    assert requirements(dist, "contract") == ["httpx<0.29,>=0.27", "httpx<0.29.0,>=0.23.1", "schemathesis<5,>=4.32.5"]
    assert "schemathesis<5,>=4.32.5" not in requirements(dist, "")


@pytest.mark.parametrize(
    ("freeze", "problems"),
    [
        ("zilliz-import==0.1.0 zilliz_import_client==2.0.0 httpx==0.28.1 pip==25.0", []),
        (
            "zilliz-import==0.1.0 zilliz-import-client==2.0.0 httpx==0.28.2",
            ["httpx is 0.28.2, where dev.lock or dist/ pins 0.28.1"],
        ),
        (
            "zilliz-import==0.1.0 zilliz-import-client==2.0.0 idna==3.20",
            ["idna 3.20 is installed but not pinned in dev.lock"],
        ),
        (
            "zilliz-import==0.1.0 zilliz-import-client==9.0.0",
            ["zilliz-import-client is 9.0.0, where dev.lock or dist/ pins 2.0.0"],
        ),
        ("zilliz-import==0.1.0", ["zilliz-import-client from dist/ is not installed"]),
    ],
    ids=["control", "other-version", "unpinned", "our-name-from-elsewhere", "missing"],
)
def test_verify_names_what_the_lock_and_dist_do_not_account_for(dist: Path, freeze: str, problems: list[str]) -> None:
    frozen = dist.parent / "freeze.txt"
    frozen.write_text(freeze.replace(" ", "\n") + "\n")
    assert verify(dist, dist.parent / "dev.lock", frozen) == problems
