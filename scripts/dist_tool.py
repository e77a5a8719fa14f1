"""Helpers of scripts/dist_check.sh, run by .venv's Python (which has `packaging`).

Usage:
  python scripts/dist_tool.py pins DIST LOCK
      prints constraints: NAME==VERSION of every pin in LOCK, and of each wheel in DIST
  python scripts/dist_tool.py requirements DIST EXTRA
      prints what the wheels in DIST require (with EXTRA of zilliz-import), less the wheels themselves
  python scripts/dist_tool.py verify DIST LOCK FREEZE
      checks FREEZE (`pip freeze --all` of the fresh environment): each wheel of DIST at its version,
      everything else pinned in LOCK at the same version; exits 1 naming each that is not
"""

from __future__ import annotations

import re
import sys
import zipfile
from email.parser import HeaderParser
from pathlib import Path

from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

OURS = "zilliz-import"
INSTALLER = {"pip", "setuptools", "wheel"}  # what venv itself installs


def wheels(dist: Path) -> dict[str, tuple[str, list[str]]]:
    """name -> (version, Requires-Dist lines) of each wheel in `dist`."""
    found: dict[str, tuple[str, list[str]]] = {}
    for wheel in sorted(dist.glob("*.whl")):
        with zipfile.ZipFile(wheel) as archive:
            metadata = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
            headers = HeaderParser().parsestr(archive.read(metadata).decode())
        found[canonicalize_name(headers["Name"])] = (headers["Version"], headers.get_all("Requires-Dist") or [])
    return found


def lock_pins(lock: Path) -> dict[str, str]:
    """name -> version of every `name==version` line of a lock file."""
    pins = re.findall(r"^([A-Za-z0-9._-]+)==([^\s\\]+)", lock.read_text(encoding="utf-8"), flags=re.MULTILINE)
    return {canonicalize_name(name): version for name, version in pins}


def pins(dist: Path, lock: Path) -> list[str]:
    """Constraints: the lock's pins, then the wheels' own versions."""
    ours = {name: version for name, (version, _) in wheels(dist).items()}
    return [f"{name}=={version}" for name, version in {**lock_pins(lock), **ours}.items()]


def requirements(dist: Path, extra: str) -> list[str]:
    """What the wheels require under this interpreter, with `extra` for zilliz-import, less the wheels."""
    built = wheels(dist)
    found: list[str] = []
    for name, (_, lines) in built.items():
        for line in lines:
            requirement = Requirement(line)
            environment = {**default_environment(), "extra": extra if name == OURS else ""}
            if requirement.marker is not None and not requirement.marker.evaluate(environment):
                continue
            if canonicalize_name(requirement.name) not in built:
                requirement.marker = None
                found.append(str(requirement))
    return sorted(set(found))


def verify(dist: Path, lock: Path, freeze: Path) -> list[str]:
    """What the fresh environment holds that is neither a wheel of `dist` nor pinned in the lock as installed."""
    expected = {**lock_pins(lock), **{name: version for name, (version, _) in wheels(dist).items()}}
    problems: list[str] = []
    for line in freeze.read_text(encoding="utf-8").split():
        name, _, version = line.partition("==")
        name = canonicalize_name(name)
        if name in INSTALLER:
            continue
        if name not in expected:
            problems.append(f"{name} {version} is installed but not pinned in {lock.name}")
        elif expected[name] != version:
            problems.append(f"{name} is {version}, where {lock.name} or dist/ pins {expected[name]}")
    missing = sorted(
        set(wheels(dist)) - {canonicalize_name(line.partition("==")[0]) for line in freeze.read_text().split()}
    )
    problems += [f"{name} from dist/ is not installed" for name in missing]
    return problems


def main(argv: list[str]) -> int:
    command, *args = argv or [""]
    if command == "pins" and len(args) == 2:
        print("\n".join(pins(Path(args[0]), Path(args[1]))))
    elif command == "requirements" and len(args) == 2:
        print("\n".join(requirements(Path(args[0]), args[1])))
    elif command == "verify" and len(args) == 3:
        problems = verify(Path(args[0]), Path(args[1]), Path(args[2]))
        for problem in problems:
            print(f"==> {problem}", file=sys.stderr)
        return 1 if problems else 0
    else:
        print("usage: dist_tool.py pins DIST LOCK | requirements DIST EXTRA | verify DIST LOCK FREEZE", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
