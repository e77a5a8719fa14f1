"""The API report and the version rule, without I/O: what changed, and whether info.version says so.

Rule: a breaking change of the Python API needs a major bump of the spec's `info.version` (or
ALLOW_BREAKING=1); an addition without a minor (or major) bump is a warning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from generated_projects import PROJECTS

VERSION = re.compile(r"^(\d+)\.(\d+)\.(\d+)")
OK, WARN, FAIL = "ok", "warning", "error"


@dataclass(frozen=True)
class Verdict:
    """Whether the version fits the changes: `level` is ok, warning or error."""

    level: str
    message: str


@dataclass(frozen=True)
class Report:
    """Everything that changed between a base and the working tree."""

    base: str
    old_version: str | None
    new_version: str | None
    spec_changes: list[str] = field(default_factory=list)
    spec_reworded: bool = False
    breaking: list[str] = field(default_factory=list)
    additions: list[str] = field(default_factory=list)
    spec: str = PROJECTS[0].spec
    package: str = PROJECTS[0].package

    @property
    def unchanged(self) -> bool:
        """True when neither the spec nor the Python API changed."""
        changed = self.spec_changes or self.spec_reworded or self.breaking or self.additions
        return not changed and self.old_version == self.new_version


def parse_version(text: str | None) -> tuple[int, int, int] | None:
    """MAJOR.MINOR.PATCH of a version string (a suffix such as `-rc1` is ignored); None if it has none."""
    match = VERSION.match(text or "")
    return (int(match[1]), int(match[2]), int(match[3])) if match else None


def bump_of(old: tuple[int, int, int], new: tuple[int, int, int]) -> str:
    """Which part of the version went up: major, minor, patch, none, or lower when it went down."""
    if new < old:
        return "lower"
    for part, before, after in zip(("major", "minor", "patch"), old, new, strict=True):
        if after != before:
            return part
    return "none"


def judge(report: Report, *, allow_breaking: bool) -> Verdict:
    """Whether `report.new_version` fits the changes in the report."""
    old, new = parse_version(report.old_version), parse_version(report.new_version)
    if new is None:
        return Verdict(FAIL, f"info.version {report.new_version!r} is not MAJOR.MINOR.PATCH")
    if old is None:
        return Verdict(OK, f"info.version {report.new_version} (no earlier version to compare with)")
    return judge_bump(report, old, bump_of(old, new), allow_breaking=allow_breaking)


def judge_bump(report: Report, old: tuple[int, int, int], bump: str, *, allow_breaking: bool) -> Verdict:
    """Whether a bump (major, minor, patch, none, lower) fits the changes in the report."""
    moved = f"info.version {report.old_version} -> {report.new_version} ({bump})"
    if report.breaking and bump != "major":
        if allow_breaking:
            return Verdict(WARN, f"{moved}: breaking changes without a major bump, allowed by ALLOW_BREAKING=1")
        return Verdict(FAIL, f"{moved}: breaking changes need a major bump")
    if report.additions and bump not in ("major", "minor"):
        return Verdict(WARN, f"{moved}: additions call for a minor bump (to {old[0]}.{old[1] + 1}.0)")
    if bump == "lower":
        return Verdict(WARN, f"{moved}: the version went down")
    return Verdict(OK, moved)


def way_on(report: Report) -> str:
    """What to do after a refused breaking change."""
    old = parse_version(report.old_version) or (0, 0, 0)
    return (
        f"==> the way on: set info.version in {report.spec} to {old[0] + 1}.0.0 and run `make generate`"
        " again, or run `ALLOW_BREAKING=1 make generate` for a deliberate exception"
    )


def section(title: str, lines: list[str], empty: str) -> list[str]:
    """A titled list, or the title with `empty` when there is nothing to list."""
    if not lines:
        return [f"{title}: {empty}"]
    indent = " " * (len(title) - len(title.lstrip()) + 2)
    return [f"{title} ({len(lines)}):", *(indent + line for line in lines)]


def render(report: Report) -> str:
    """The report as text: the spec's changes, then the Python API's, breaking changes first."""
    if report.unchanged:
        return (
            f"==> no changes against {report.base}: same spec and same Python API (info.version {report.new_version})"
        )
    reworded = "only descriptions, examples or constraints" if report.spec_reworded else "none"
    lines = [
        f"==> changes against {report.base}",
        f"Spec {report.spec}: info.version {report.old_version} -> {report.new_version}",
        *section("  structure", report.spec_changes, reworded),
        f"Python API of {report.package}:",
        *section("  breaking", [f"- {line}" for line in report.breaking], "none"),
        *section("  additions", [f"+ {line}" for line in report.additions], "none"),
    ]
    return "\n".join(lines)
