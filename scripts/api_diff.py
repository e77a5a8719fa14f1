"""Reports what changed for code that imports the client, between a git reference and the working tree.

Usage: python scripts/api_diff.py [--project NAME] [--base REF] [--generated DIR] [--enforce]

For one generated project of scripts/generated_projects.py (default `cluster`; `control-plane`):
compares its spec at REF (default HEAD) with the working tree's, and its package at REF with the one
under DIR (default its folder). At REF the package is looked for in the project's folder, else in
whichever generated project held it then (before generated/cluster/ and generated/control_plane/,
the projects were generated/ and generated-control-plane/). With --enforce, exits 1 when the Python
API breaks without a major bump of that spec's info.version (unless ALLOW_BREAKING=1), and, whatever
the version and ALLOW_BREAKING, when the hand-written layer (src/) uses something the new package
lacks (scripts/layer_uses.py; each use is listed as file:line: name, with or without --enforce).
Reads git only (`git show`, `git ls-tree`, `git archive`); writes nothing in the checkout.
"""

from __future__ import annotations

import argparse
import io
import os
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path
from typing import Any

import yaml
from api_diff_python import additions, breaking_changes, load_api
from api_diff_report import FAIL, OK, Report, judge, render, way_on
from api_diff_spec import spec_changes
from generated_projects import PROJECTS, Project
from layer_uses import lost_uses

ROOT = Path(__file__).resolve().parent.parent


class BaseError(Exception):
    """The base reference cannot be read."""


def git(*args: str) -> bytes | None:
    """Output of a git command run in the project, or None when it fails."""
    result = subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True, check=False)
    return result.stdout if result.returncode == 0 else None


def describe_base(ref: str) -> str:
    """`REF (abbreviated commit)`; raises BaseError when REF names no commit."""
    if git("rev-parse", "--is-inside-work-tree") is None:
        raise BaseError(f"{ROOT} is not a git repository, so there is no {ref} to compare with")
    commit = git("rev-parse", "--verify", "--quiet", "--short", f"{ref}^{{commit}}")
    if commit is None:
        raise BaseError(f"{ref!r} is not a commit of this repository (try HEAD, main or a tag)")
    short = commit.decode().strip()
    return short if ref.startswith(short) else f"{ref} ({short})"


def spec_at(ref: str | None, spec: str) -> dict[str, Any] | None:
    """The spec file `spec` at a reference (None: the working tree's), or None where there is none."""
    text = (ROOT / spec).read_bytes() if ref is None else git("show", f"{ref}:{spec}")
    loaded = yaml.safe_load(text) if text else None
    return loaded if isinstance(loaded, dict) else None


def folder_at(ref: str, project: Project) -> str | None:
    """The folder that holds the project's package at `ref`, or None when no project there does.

    The project's folder first; else, as the folders have moved, any folder with a pyproject.toml
    and PACKAGE/__init__.py (raises BaseError when several do, as it cannot tell which one to use).
    """
    if git("cat-file", "-e", f"{ref}:{project.folder}/{project.package}/__init__.py") is not None:
        return project.folder
    listing = git("ls-tree", "-r", "-z", "--name-only", f"{ref}^{{commit}}")
    paths = set(listing.decode().split("\0")) if listing else set()
    marker = f"/{project.package}/__init__.py"
    folders = sorted(
        folder
        for folder in (path.removesuffix(marker) for path in paths if path.endswith(marker))
        if f"{folder}/pyproject.toml" in paths
    )
    if len(folders) > 1:
        raise BaseError(
            f"{ref} holds {project.package} in several projects ({', '.join(folders)}), so which one to use?"
        )
    return folders[0] if folders else None


def extract_package(ref: str, dest: Path, project: Project) -> Path | None:
    """Writes the project's FOLDER/PACKAGE at `ref` under `dest`; returns the directory to search, None if absent."""
    folder = folder_at(ref, project)
    if folder is None:
        return None
    archive = git("archive", "--format=tar", ref, "--", f"{folder}/{project.package}")
    if not archive:
        return None
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(dest, filter="data")
    if folder != project.folder:
        print(f"==> at {ref}, {project.package} was in {folder}/ (now {project.folder}/)")
    return dest / folder


def python_changes(ref: str, new_dir: Path, project: Project) -> tuple[list[str], list[str]]:
    """(breaking changes, additions) of the project's package from `ref` to the one under `new_dir`."""
    new = load_api(new_dir, project.package)
    with tempfile.TemporaryDirectory(prefix="api-diff-") as scratch:
        old_dir = extract_package(ref, Path(scratch), project)
        if old_dir is None:
            return [], [f"`{project.package}`: *Package was added*"]
        old = load_api(old_dir, project.package)
        return breaking_changes(old, new), additions(old, new)


def build_report(ref: str, new_dir: Path, project: Project) -> Report:
    """Compares the project's spec and package at `ref` with the working tree's spec and `new_dir`."""
    base = describe_base(ref)
    old_spec, new_spec = spec_at(ref, project.spec), spec_at(None, project.spec)
    breaking, added = python_changes(ref, new_dir, project)
    structure = spec_changes(old_spec, new_spec)
    return Report(
        base=base,
        old_version=version_of(old_spec),
        new_version=version_of(new_spec),
        spec_changes=structure,
        spec_reworded=not structure and old_spec != new_spec,
        breaking=breaking,
        additions=added,
        spec=project.spec,
        package=project.package,
    )


def version_of(spec: dict[str, Any] | None) -> str | None:
    """`info.version` of a spec, as text."""
    version = ((spec or {}).get("info") or {}).get("version")
    return None if version is None else str(version)


def parse_args(argv: list[str]) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    names = [project.name for project in PROJECTS]
    parser.add_argument("--project", choices=names, default=names[0], help=f"generated project (default {names[0]})")
    parser.add_argument("--base", default="HEAD", help="git reference to compare with (default HEAD)")
    parser.add_argument("--generated", type=Path, help="directory holding the new package (default its folder)")
    parser.add_argument("--enforce", action="store_true", help="exit 1 on a breaking change without a major bump")
    return parser.parse_args(argv)


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    project = next(p for p in PROJECTS if p.name == args.project)
    generated = args.generated or ROOT / project.folder
    if not (generated / project.package).is_dir():
        print(f"api_diff: no {project.package} package under {generated}", file=sys.stderr)
        return 2
    try:
        report = build_report(args.base, generated, project)
    except BaseError as error:
        print(f"==> no API report: {error}", file=sys.stderr if not args.enforce else sys.stdout)
        return 0 if args.enforce else 2
    print(render(report))
    verdict = judge(report, allow_breaking=os.environ.get("ALLOW_BREAKING") == "1")
    if not (report.unchanged and verdict.level == OK):
        print(f"==> version {verdict.level}: {verdict.message}", file=sys.stdout if verdict.level == OK else sys.stderr)
    if verdict.level == FAIL and report.breaking:
        print(way_on(report), file=sys.stderr)
    lost = lost_uses(project.package, generated, ROOT / "src")
    if lost:
        print(f"==> the hand-written layer uses what {project.package} no longer has ({len(lost)}):", file=sys.stderr)
        print("\n".join(f"  {use}" for use in lost), file=sys.stderr)
        print(
            "==> change src/ to do without them (or keep them in the spec); no version bump lets this through",
            file=sys.stderr,
        )
    return 1 if args.enforce and (verdict.level == FAIL or lost) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
