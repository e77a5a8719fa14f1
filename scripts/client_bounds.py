"""Writes (or checks) the bounds on the generated clients in zilliz-import's requirements (pyproject.toml).

Usage: python scripts/client_bounds.py [--check]

For each project of scripts/generated_projects.py, zilliz-import requires its distribution (the name
in FOLDER/pyproject.toml) within the current major of its spec's info.version, from the current
minor on: info.version 2.3.1 gives `zilliz-import-client>=2.3,<3`. `make generate` writes the bounds
(this script, called by scripts/generate.sh); nobody edits them by hand. With --check (the drift
check), exits 1 naming each bound that differs from what the specs give, and writes nothing.
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

import yaml
from generated_projects import PROJECTS, Project

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = "pyproject.toml"
VERSION = re.compile(r"^(\d+)\.(\d+)\.(\d+)")


class BoundsError(Exception):
    """A spec, a generated project or pyproject.toml cannot give or take a bound."""


def distribution_of(project: Project, root: Path = ROOT) -> str:
    """The distribution name of a generated project, as its pyproject.toml says."""
    path = root / project.folder / PYPROJECT
    try:
        name = tomllib.loads(path.read_text(encoding="utf-8"))["project"]["name"]
    except (OSError, KeyError, tomllib.TOMLDecodeError) as error:
        raise BoundsError(f"cannot read [project].name of {path.relative_to(root)}: {error}") from error
    return str(name)


def bound_of(project: Project, root: Path = ROOT) -> str:
    """The requirement on a generated client: its spec's current major, from its current minor."""
    spec = yaml.safe_load((root / project.spec).read_text(encoding="utf-8"))
    version = str(((spec or {}).get("info") or {}).get("version", ""))
    match = VERSION.match(version)
    if match is None:
        raise BoundsError(f"info.version {version!r} of {project.spec} is not MAJOR.MINOR.PATCH")
    major, minor = int(match[1]), int(match[2])
    return f"{distribution_of(project, root)}>={major}.{minor},<{major + 1}"


def requirement_line(name: str) -> re.Pattern[str]:
    """The line of pyproject.toml's dependencies that requires `name`, with any bounds."""
    return re.compile(rf'^(?P<indent>\s*)"{re.escape(name)}(?:\s*[<>=!~][^"]*)?"', re.MULTILINE)


def with_bounds(text: str, bounds: dict[str, str]) -> str:
    """pyproject.toml's text with each distribution's requirement replaced by its bound."""
    for name, bound in bounds.items():
        pattern = requirement_line(name)
        if pattern.search(text) is None:
            raise BoundsError(f'{PYPROJECT} does not require {name}: add "{name}" to [project].dependencies')
        text = pattern.sub(lambda m, b=bound: f'{m["indent"]}"{b}"', text, count=1)
    return text


def required(text: str, name: str) -> str:
    """The requirement pyproject.toml's dependencies hold on `name`."""
    dependencies = tomllib.loads(text)["project"]["dependencies"]
    found = [d for d in dependencies if re.match(rf"{re.escape(name)}\s*($|[<>=!~;\[])", d)]
    return found[0] if found else "nothing"


def main(argv: list[str]) -> int:
    if argv not in ([], ["--check"]):
        print("usage: client_bounds.py [--check]", file=sys.stderr)
        return 2
    path = ROOT / PYPROJECT
    try:
        bounds = {distribution_of(p): bound_of(p) for p in PROJECTS}
        text = path.read_text(encoding="utf-8")
        wanted = with_bounds(text, bounds)
    except (OSError, BoundsError) as error:
        print(f"client_bounds.py: {error}", file=sys.stderr)
        return 2
    if argv == ["--check"]:
        stale = [(name, bound) for name, bound in bounds.items() if required(text, name) != bound]
        for name, bound in stale:
            print(
                f"==> {PYPROJECT} requires {required(text, name)} where the spec gives {bound}:"
                " run 'make generate' and commit the result",
                file=sys.stderr,
            )
        if not stale:
            print(f"==> {PYPROJECT} bounds the generated clients as their specs say: {', '.join(bounds.values())}")
        return 1 if stale else 0
    if wanted != text:
        path.write_text(wanted, encoding="utf-8")
    print(f"==> {PYPROJECT} requires {', '.join(bounds.values())}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
