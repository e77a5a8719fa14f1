"""The generated client projects: one row per spec, read by the generation, drift and API-diff scripts.

Usage: python scripts/generated_projects.py
  prints one tab-separated line per project: name, spec, config, folder, package
"""

from __future__ import annotations

import sys
from typing import NamedTuple


class Project(NamedTuple):
    """One generated project: what it is made from and where it goes."""

    name: str
    spec: str
    config: str
    folder: str
    package: str


# Every project's folder lies under generated/, which ruff leaves alone (extend-exclude in pyproject.toml).
PROJECTS = (
    Project(
        "cluster", "openapi/openapi.yaml", "openapi/generator-config.yaml", "generated/cluster", "zilliz_import_client"
    ),
    Project(
        "control-plane",
        "openapi/control-plane.yaml",
        "openapi/control-plane-config.yaml",
        "generated/control_plane",
        "zilliz_cloud_import_client",
    ),
)
TEMPLATES = "openapi/templates"


def by_spec(spec: str) -> Project:
    """The project generated from `spec` (a path relative to the checkout); KeyError when none is."""
    for project in PROJECTS:
        if project.spec == spec:
            return project
    raise KeyError(f"no generated project is made from {spec}; add it to PROJECTS in scripts/generated_projects.py")


def main() -> int:
    for project in PROJECTS:
        print("\t".join(project))
    return 0


if __name__ == "__main__":
    sys.exit(main())
