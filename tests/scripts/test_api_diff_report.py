"""The version rule and the report's text."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
from api_diff_report import FAIL, OK, WARN, Report, bump_of, judge, parse_version, render, way_on

BREAKING = ["`pkg.models.Job.reason`: *Public object was removed*"]
ADDED = ["`pkg.models.Job.note`: *Public object was added*"]


def report(
    old: str | None, new: str | None, breaking: list[str] | None = None, added: list[str] | None = None
) -> Report:
    return Report("HEAD (abc1234)", old, new, breaking=breaking or [], additions=added or [])


@pytest.mark.parametrize(
    ("old", "new", "bump"),
    [
        ("1.0.0", "2.0.0", "major"),
        ("1.0.0", "1.1.0", "minor"),
        ("1.0.0", "1.0.1", "patch"),
        ("1.2.3", "1.2.3", "none"),
        ("2.0.0", "1.9.9", "lower"),
        ("1.9.0", "1.10.0", "minor"),
    ],
)
def test_bump_of(old: str, new: str, bump: str) -> None:
    old_version, new_version = parse_version(old), parse_version(new)
    assert old_version and new_version
    assert bump_of(old_version, new_version) == bump


def test_parse_version_ignores_a_suffix_and_refuses_other_text() -> None:
    assert parse_version("2.0.0-rc1") == (2, 0, 0)
    assert parse_version("v2") is None
    assert parse_version(None) is None


@pytest.mark.parametrize(
    ("case", "allow", "level", "words"),
    [
        (report("1.0.0", "1.0.0", BREAKING), False, FAIL, "breaking changes need a major bump"),
        (report("1.0.0", "1.1.0", BREAKING), False, FAIL, "(minor): breaking changes need a major bump"),
        (report("1.0.0", "1.0.0", BREAKING), True, WARN, "allowed by ALLOW_BREAKING=1"),
        (report("1.0.0", "2.0.0", BREAKING, ADDED), False, OK, "1.0.0 -> 2.0.0 (major)"),
        (report("1.0.0", "1.0.1", None, ADDED), False, WARN, "additions call for a minor bump (to 1.1.0)"),
        (report("1.0.0", "1.1.0", None, ADDED), False, OK, "(minor)"),
        (report("1.0.0", "1.0.0"), False, OK, "(none)"),
        (report("1.1.0", "1.0.0"), False, WARN, "the version went down"),
        (report("1.0.0", "one"), False, FAIL, "'one' is not MAJOR.MINOR.PATCH"),
        (report(None, "1.0.0", BREAKING), False, OK, "no earlier version"),
    ],
)
def test_judge(case: Report, allow: bool, level: str, words: str) -> None:
    verdict = judge(case, allow_breaking=allow)
    assert verdict.level == level
    assert words in verdict.message


def test_way_on_names_the_next_major_version_and_the_exception() -> None:
    text = way_on(report("1.4.2", "1.4.2", BREAKING))
    assert "to 2.0.0" in text
    assert "ALLOW_BREAKING=1 make generate" in text


def test_render_unchanged_says_no_changes() -> None:
    assert render(report("1.0.0", "1.0.0")).startswith("==> no changes against HEAD (abc1234)")


def test_render_lists_spec_then_breaking_then_additions() -> None:
    case = Report(
        "main", "1.0.0", "2.0.0", spec_changes=["- removed property Job.reason"], breaking=BREAKING, additions=ADDED
    )
    assert render(case).splitlines() == [
        "==> changes against main",
        "Spec openapi/openapi.yaml: info.version 1.0.0 -> 2.0.0",
        "  structure (1):",
        "    - removed property Job.reason",
        "Python API of zilliz_import_client:",
        "  breaking (1):",
        f"    - {BREAKING[0]}",
        "  additions (1):",
        f"    + {ADDED[0]}",
    ]


def test_render_says_when_only_wording_changed() -> None:
    case = Report("main", "1.0.0", "1.0.0", spec_reworded=True)
    assert "  structure: only descriptions, examples or constraints" in render(case).splitlines()
    assert not case.unchanged


def test_render_and_way_on_name_the_project_reported() -> None:
    case = Report(
        "main",
        "1.0.0",
        "1.0.0",
        breaking=BREAKING,
        spec="openapi/control-plane.yaml",
        package="zilliz_cloud_import_client",
    )
    lines = render(case).splitlines()
    assert lines[1] == "Spec openapi/control-plane.yaml: info.version 1.0.0 -> 1.0.0"
    assert "Python API of zilliz_cloud_import_client:" in lines
    assert "set info.version in openapi/control-plane.yaml to 2.0.0" in way_on(case)
