"""`make generate` and `make api-diff` in a throwaway git repository made from the project.

The repository holds what the two targets read (Makefile, pyproject.toml, openapi/, scripts/,
generated/, and src/, whose uses of the clients the report checks) and shares this checkout's .venv;
its first commit is the base every test starts from.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

# Each case runs the generator or the whole contract suite: `make test-slow`, run by CI after `make test`.
pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
MODELS = "generated/cluster/zilliz_import_client/models"
Spec = dict[str, Any]
BASE = yaml.safe_load((ROOT / "openapi" / "openapi.yaml").read_text())["info"]["version"]
MAJOR, MINOR = (int(part) for part in BASE.split(".")[:2])
NEXT_MAJOR, NEXT_MINOR = f"{MAJOR + 1}.0.0", f"{MAJOR}.{MINOR + 1}.0"
CONTROL_PLANE = yaml.safe_load((ROOT / "openapi" / "control-plane.yaml").read_text())["info"]["version"]
CONTROL_PLANE_NEXT_MAJOR = f"{int(CONTROL_PLANE.split('.')[0]) + 1}.0.0"


def git(repo: Path, *args: str) -> str:
    result = subprocess.run(
        ["git", "-c", "user.name=test", "-c", "user.email=test@example.invalid", *args],
        cwd=repo, capture_output=True, text=True, check=True,
    )  # fmt: skip
    return result.stdout


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A git repository with one commit: the project's spec, scripts, Makefile and generated client."""
    repo = tmp_path_factory.mktemp("project")
    for name in ("openapi", "scripts", "generated", "src"):
        shutil.copytree(ROOT / name, repo / name, ignore=shutil.ignore_patterns("__pycache__", ".pdm-build"))
    for name in ("Makefile", "pyproject.toml"):
        shutil.copy2(ROOT / name, repo / name)
    (repo / ".venv").symlink_to(ROOT / ".venv")
    git(repo, "init", "-q", "-b", "main")
    (repo / ".git" / "info" / "exclude").write_text(".venv\n__pycache__/\n")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "base")
    git(repo, "tag", "base")
    return repo


@pytest.fixture
def repo(project: Path) -> Iterator[Path]:
    """The project repository, put back to its first commit after the test."""
    yield project
    git(project, "checkout", "-q", "-f", "main")
    git(project, "reset", "-q", "--hard", "base")  # main may have gained a commit
    git(project, "clean", "-q", "-fd")


def make(repo: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """Runs a make target; `-o` keeps make from rebuilding the shared .venv."""
    return subprocess.run(
        ["make", "--no-print-directory", "-o", ".venv/.installed", *args],
        cwd=repo, capture_output=True, text=True, check=False, env={**os.environ, **env},
    )  # fmt: skip


def edit_spec(repo: Path, change: Callable[[Spec], object], name: str = "openapi.yaml") -> None:
    spec_file = repo / "openapi" / name
    spec = yaml.safe_load(spec_file.read_text())
    change(spec)
    spec_file.write_text(yaml.safe_dump(spec, sort_keys=False, allow_unicode=True))


def set_version(version: str) -> Callable[[Spec], None]:
    return lambda spec: spec["info"].update(version=version)


def changed_files(repo: Path) -> set[str]:
    return {line[3:] for line in git(repo, "status", "--porcelain").splitlines()}


def schema(spec: Spec, name: str) -> Spec:
    schemas: Spec = spec["components"]["schemas"]
    return schemas[name]


def remove_response_property(spec: Spec) -> None:
    del schema(spec, "ImportJobProgress")["properties"]["reason"]


def require_request_property(spec: Spec) -> None:
    schema(spec, "CreateImportJobRequest")["required"].append("partitionName")


def add_optional_property(spec: Spec) -> None:
    schema(spec, "ImportJobProgress")["properties"]["queueName"] = {"type": "string", "description": "New."}


def test_unchanged_spec_reports_no_changes_twice_and_changes_nothing(repo: Path) -> None:
    for _ in range(2):
        result = make(repo, "generate")
        assert result.returncode == 0, result.stdout + result.stderr
        assert "==> no changes against HEAD" in result.stdout
        assert changed_files(repo) == set()


BREAKING = [
    pytest.param(
        remove_response_property,
        ["- removed property ImportJobProgress.reason"],
        ["`zilliz_import_client.models.ImportJobProgress.reason`: *Public object was removed*"],
        id="response-property-removed",
    ),
    pytest.param(
        require_request_property,
        ["~ made required CreateImportJobRequest.partitionName"],
        ["`zilliz_import_client.models.CreateImportJobRequest.__init__(partition_name)`: *Parameter is now required*"],
        id="request-property-required",
    ),
]


@pytest.mark.parametrize(("change", "spec_lines", "api_lines"), BREAKING)
def test_breaking_change_stops_generate_until_the_major_version_goes_up(
    repo: Path, change: Callable[[Spec], None], spec_lines: list[str], api_lines: list[str]
) -> None:
    edit_spec(repo, change)
    refused = make(repo, "generate")
    assert refused.returncode != 0
    for line in spec_lines + [f"- {line}" for line in api_lines]:
        assert line in refused.stdout
    assert "breaking changes need a major bump" in refused.stderr
    assert f"set info.version in openapi/openapi.yaml to {NEXT_MAJOR}" in refused.stderr
    assert "ALLOW_BREAKING=1" in refused.stderr
    assert changed_files(repo) == {"openapi/openapi.yaml"}, "a refused generation must leave generated/ alone"

    edit_spec(repo, set_version(NEXT_MAJOR))
    bumped = make(repo, "generate")
    assert bumped.returncode == 0, bumped.stdout + bumped.stderr
    assert f"info.version {BASE} -> {NEXT_MAJOR} (major)" in bumped.stdout
    assert f'version = "{NEXT_MAJOR}"' in (repo / "generated" / "cluster" / "pyproject.toml").read_text()
    bound = f'"zilliz-import-client>={MAJOR + 1}.0,<{MAJOR + 2}"'
    assert bound in (repo / "pyproject.toml").read_text(), "generate moves zilliz-import's bound to the new major"
    assert changed_files(repo) >= {"pyproject.toml", "generated/cluster/pyproject.toml"}


def test_allow_breaking_lets_a_breaking_change_through_and_the_drift_check_agrees(repo: Path) -> None:
    edit_spec(repo, require_request_property)
    allowed = make(repo, "generate", ALLOW_BREAKING="1")
    assert allowed.returncode == 0, allowed.stdout + allowed.stderr
    assert "allowed by ALLOW_BREAKING=1" in allowed.stderr
    assert f"{MODELS}/create_import_job_request.py" in changed_files(repo)
    # The drift check regenerates into a scratch directory: the version rule must not get in its way.
    drift = make(repo, "check-generated")
    assert drift.returncode == 0, drift.stdout + drift.stderr


def test_added_optional_property_is_an_addition_and_warns_without_a_minor_bump(repo: Path) -> None:
    edit_spec(repo, add_optional_property)
    unbumped = make(repo, "generate")
    assert unbumped.returncode == 0, unbumped.stdout + unbumped.stderr
    assert "+ added property ImportJobProgress.queueName: string" in unbumped.stdout
    assert "breaking: none" in unbumped.stdout
    assert "+ `zilliz_import_client.models.ImportJobProgress.queue_name`: *Public object was added*" in unbumped.stdout
    assert f"additions call for a minor bump (to {NEXT_MINOR})" in unbumped.stderr

    edit_spec(repo, set_version(NEXT_MINOR))
    bumped = make(repo, "generate")
    assert bumped.returncode == 0, bumped.stdout + bumped.stderr
    assert f"==> version ok: info.version {BASE} -> {NEXT_MINOR} (minor)" in bumped.stdout
    assert "warning" not in bumped.stderr


def test_a_breaking_control_plane_change_stops_generate_for_both_projects(repo: Path) -> None:
    def drop_reason(spec: Spec) -> None:
        del schema(spec, "ImportJobProgress")["properties"]["reason"]
        schema(spec, "ImportJobProgress")["required"].remove("reason")

    edit_spec(repo, drop_reason, "control-plane.yaml")
    refused = make(repo, "generate")
    assert refused.returncode != 0
    assert refused.stdout.count("==> no changes against HEAD") == 1, "the cluster project is unchanged"
    assert f"Spec openapi/control-plane.yaml: info.version {CONTROL_PLANE} -> {CONTROL_PLANE}" in refused.stdout
    assert "- removed property ImportJobProgress.reason" in refused.stdout
    assert "`zilliz_cloud_import_client.models.ImportJobProgress.reason`: *Public object was removed*" in refused.stdout
    assert f"set info.version in openapi/control-plane.yaml to {CONTROL_PLANE_NEXT_MAJOR}" in refused.stderr
    assert "every generated project left as it was" in refused.stderr
    assert changed_files(repo) == {"openapi/control-plane.yaml"}

    edit_spec(repo, set_version(CONTROL_PLANE_NEXT_MAJOR), "control-plane.yaml")
    bumped = make(repo, "generate")
    assert bumped.returncode == 0, bumped.stdout + bumped.stderr
    assert (
        f'version = "{CONTROL_PLANE_NEXT_MAJOR}"'
        in (repo / "generated" / "control_plane" / "pyproject.toml").read_text()
    )
    assert f'version = "{BASE}"' in (repo / "generated" / "cluster" / "pyproject.toml").read_text()


def test_api_diff_compares_any_commit_with_the_working_tree(repo: Path) -> None:
    edit_spec(repo, lambda spec: (remove_response_property(spec), set_version(NEXT_MAJOR)(spec)))
    assert make(repo, "generate").returncode == 0
    git(repo, "commit", "-q", "-am", "drop reason")

    since_base = make(repo, "api-diff", "BASE=main~1")
    assert since_base.returncode == 0, since_base.stderr
    assert "==> changes against main~1" in since_base.stdout
    assert "- `zilliz_import_client.models.ImportJobProgress.reason`: *Public object was removed*" in since_base.stdout
    assert "==> API report of control-plane: main~1 -> working tree" in since_base.stdout
    since_head = make(repo, "api-diff")
    assert since_head.stdout.count("==> no changes against HEAD") == 2, "one report per generated project"
    unknown = make(repo, "api-diff", "BASE=no-such-ref")
    assert unknown.returncode != 0
    assert "'no-such-ref' is not a commit of this repository" in unknown.stderr


def commit_on_a_side_branch(repo: Path, branch: str, arrange: Callable[[], None]) -> None:
    """Commits what `arrange` does to main's tree on `branch`, then checks main out again."""
    git(repo, "checkout", "-q", "-b", branch)
    arrange()
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", branch)
    git(repo, "checkout", "-q", "main")


def test_api_diff_reads_a_commit_from_before_the_projects_moved_under_generated(repo: Path) -> None:
    def old_layout() -> None:  # generated/ was the cluster's project, generated-control-plane/ the control plane's
        generated = repo / "generated"
        (generated / "control_plane").rename(repo / "generated-control-plane")
        (generated / "cluster").rename(repo / "cluster")
        shutil.rmtree(generated)
        (repo / "cluster").rename(generated)

    commit_on_a_side_branch(repo, "before-move", old_layout)
    try:
        edit_spec(repo, lambda spec: (remove_response_property(spec), set_version(NEXT_MAJOR)(spec)))
        assert make(repo, "generate").returncode == 0
        report = make(repo, "api-diff", "BASE=before-move")
    finally:
        git(repo, "branch", "-q", "-D", "before-move")
    assert report.returncode == 0, report.stdout + report.stderr
    assert "==> at before-move, zilliz_import_client was in generated/ (now generated/cluster/)" in report.stdout
    assert "- `zilliz_import_client.models.ImportJobProgress.reason`: *Public object was removed*" in report.stdout
    assert "zilliz_cloud_import_client was in generated-control-plane/ (now generated/control_plane/)" in report.stdout
    assert report.stdout.count("==> no changes against before-move") == 1, "the control plane's is unchanged"
    assert "Package was added" not in report.stdout


def test_api_diff_refuses_to_guess_between_two_folders_holding_the_package(repo: Path) -> None:
    def two_copies() -> None:
        shutil.copytree(repo / "generated" / "cluster", repo / "copy")
        (repo / "generated" / "cluster").rename(repo / "original")

    commit_on_a_side_branch(repo, "two-copies", two_copies)
    try:
        report = make(repo, "api-diff", "BASE=two-copies")
    finally:
        git(repo, "branch", "-q", "-D", "two-copies")
    assert report.returncode != 0
    assert "two-copies holds zilliz_import_client in several projects (copy, original)" in report.stderr
    assert "==> API report of control-plane: two-copies -> working tree" in report.stdout


def remove_operation(operation: str, path: str) -> Callable[[Spec], None]:
    """Drops an operation from the cluster's spec: its path and the links that follow a new job to it."""

    def change(spec: Spec) -> None:
        del spec["paths"][path]
        links = spec["paths"]["/v2/vectordb/jobs/import/create"]["post"]["responses"]["200"]["links"]
        for name in [name for name, link in links.items() if link["operationId"] == operation]:
            del links[name]
        spec["info"]["version"] = NEXT_MAJOR

    return change


def test_removing_an_operation_the_layer_uses_fails_generate_naming_each_use_even_when_allowed(repo: Path) -> None:
    edit_spec(repo, remove_operation("describeImportJob", "/v2/vectordb/jobs/import/describe"))
    refused = make(repo, "generate", ALLOW_BREAKING="1")
    assert refused.returncode != 0, "a major bump and ALLOW_BREAKING=1 do not let a broken layer through"
    assert "`zilliz_import_client.api.import_jobs.describe_import_job`: *Public object was removed*" in refused.stdout
    assert "==> the hand-written layer uses what zilliz_import_client no longer has (2):" in refused.stderr
    source = (repo / "src/zilliz_import/planes/cluster.py").read_text().splitlines()
    uses = [line.strip() for line in refused.stderr.splitlines() if line.startswith("  src/")]
    assert len(uses) == 2
    for use in uses:
        file, line, name = use.split(":", 2)
        assert (file, name.strip()) == (
            "src/zilliz_import/planes/cluster.py",
            "zilliz_import_client.api.import_jobs.describe_import_job",
        )
        assert "describe_import_job" in source[int(line) - 1]
    assert "every generated project left as it was" in refused.stderr
    assert changed_files(repo) == {"openapi/openapi.yaml"}


def test_removing_an_operation_the_layer_does_not_use_passes_with_a_major_bump(repo: Path) -> None:
    # control: the cluster facades follow jobs with `describe`, never with `get_progress`
    edit_spec(repo, remove_operation("getImportJobProgress", "/v2/vectordb/jobs/import/get_progress"))
    bumped = make(repo, "generate")
    assert bumped.returncode == 0, bumped.stdout + bumped.stderr
    assert "zilliz_import_client.api.import_jobs.get_import_job_progress`: *Public object was removed*" in bumped.stdout
    assert "hand-written layer" not in bumped.stderr
