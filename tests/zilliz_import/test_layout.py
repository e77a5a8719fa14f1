"""The architecture holds: no import cycle, small modules, each plane apart, the layers in order."""

from __future__ import annotations

import importlib
import subprocess
import sys
from pathlib import Path

import pytest

from tests.zilliz_import.import_graph import Graph, cycles, graph_of, module_names, reached

SRC = Path(__file__).resolve().parents[2] / "src"
MAX_LINES = 250
CLUSTER_GENERATED, CONTROL_PLANE_GENERATED = "zilliz_import_client", "zilliz_cloud_import_client"
CLUSTER_MODULES = (
    "zilliz_import.planes.cluster",
    "zilliz_import.planes.cluster_options",
    "zilliz_import.planes.cluster_shapes",
    "zilliz_import.resources.cluster_client",
    "zilliz_import.resources.import_jobs",
    "zilliz_import.cli.cluster",
)
CONTROL_PLANE_MODULES = (
    "zilliz_import.planes.control_plane",
    "zilliz_import.planes.control_plane_shapes",
    "zilliz_import.planes.sources",
    "zilliz_import.resources.control_plane_client",
    "zilliz_import.resources.cloud_import_jobs",
    "zilliz_import.cli.cloud",
)
# What the layers below the facades must not reach: the layers above them and either generated package.
ABOVE_CORE = ("zilliz_import.following", "zilliz_import.planes", "zilliz_import.resources", "zilliz_import.cli")
CLIENT = (*ABOVE_CORE, "zilliz_import._core", CLUSTER_GENERATED, CONTROL_PLANE_GENERATED)


@pytest.fixture(scope="module")
def graph() -> Graph:
    return graph_of(SRC)


def under(name: str, prefixes: tuple[str, ...]) -> bool:
    return any(name == prefix or name.startswith(f"{prefix}.") for prefix in prefixes)


def test_no_import_cycle(graph: Graph) -> None:
    assert cycles(graph) == []


def test_no_module_over_the_line_limit() -> None:
    sizes = {name: len(path.read_text().splitlines()) for name, path in module_names(SRC).items()}
    assert {name: size for name, size in sizes.items() if size > MAX_LINES} == {}


@pytest.mark.parametrize("module", CLUSTER_MODULES)
def test_the_cluster_reaches_nothing_of_the_control_plane(graph: Graph, module: str) -> None:
    assert not {m for m in reached(graph, module) if under(m, (CONTROL_PLANE_GENERATED, *CONTROL_PLANE_MODULES))}


@pytest.mark.parametrize("module", CONTROL_PLANE_MODULES)
def test_the_control_plane_reaches_nothing_of_the_cluster(graph: Graph, module: str) -> None:
    assert not {m for m in reached(graph, module) if under(m, (CLUSTER_GENERATED, *CLUSTER_MODULES))}


def test_the_core_reaches_no_layer_above_it_nor_a_generated_package(graph: Graph) -> None:
    core = [module for module in graph if under(module, ("zilliz_import._core",))]
    assert "zilliz_import._core.transport" in core
    forbidden = (*ABOVE_CORE, CLUSTER_GENERATED, CONTROL_PLANE_GENERATED)
    wrong = {m: sorted(t for t in reached(graph, m) if under(t, forbidden)) for m in core}
    assert {m: targets for m, targets in wrong.items() if targets} == {}


def test_following_reaches_no_plane_facade_or_generated_package(graph: Graph) -> None:
    following = [module for module in graph if under(module, ("zilliz_import.following",))]
    forbidden = (*ABOVE_CORE[1:], CLUSTER_GENERATED, CONTROL_PLANE_GENERATED)
    wrong = {m: sorted(t for t in reached(graph, m) if under(t, forbidden)) for m in following}
    assert {m: targets for m, targets in wrong.items() if targets} == {}


@pytest.mark.parametrize(
    ("package", "other"),
    [
        ("zilliz_import.mock.cluster", "zilliz_import.mock.cloud"),
        ("zilliz_import.mock.cloud", "zilliz_import.mock.cluster"),
    ],
)
def test_each_plane_of_the_mock_reaches_nothing_of_the_other(graph: Graph, package: str, other: str) -> None:
    modules = [module for module in graph if under(module, (package,))]
    assert modules
    wrong = {m: sorted(t for t in reached(graph, m) if under(t, (other,))) for m in modules}
    assert {m: targets for m, targets in wrong.items() if targets} == {}


@pytest.mark.parametrize("package", ["zilliz_import.mock", "zilliz_import.contract", "zilliz_import.cassette"])
def test_the_mock_and_the_contract_suite_reach_nothing_of_the_client(graph: Graph, package: str) -> None:
    modules = [module for module in graph if under(module, (package,))]
    # _core.servers tells which plane answered and whether it refused the token: `contract` asks it before a run,
    # so that it says the same of a wrong endpoint as the client does; it holds no description of the API.
    allowed = (
        "zilliz_import._core.environment",
        "zilliz_import._core.settings",
        "zilliz_import._core.retry",
        "zilliz_import._core.servers",
    )
    wrong = {m: sorted(t for t in reached(graph, m) if under(t, CLIENT) and t not in allowed) for m in modules}
    assert {m: targets for m, targets in wrong.items() if targets} == {}


@pytest.mark.parametrize(
    "path", ["zilliz_import.errors", "zilliz_import.mock.pytest_plugin", "zilliz_import.mock", "zilliz_import.cli"]
)
def test_documented_import_paths_keep_working(path: str) -> None:
    assert importlib.import_module(path).__name__ == path


def test_python_dash_m_launchers_work() -> None:
    for module in ("zilliz_import", "zilliz_import.mock"):
        done = subprocess.run(
            [sys.executable, "-m", module, "--help"], check=False, capture_output=True, text=True, timeout=60
        )
        assert done.returncode == 0 and "usage" in done.stdout.lower(), (module, done.stderr)


# Controls: the checks see what they exist to catch, on small planted trees.


def plant(tmp_path: Path, files: dict[str, str]) -> Graph:
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return graph_of(tmp_path)


def test_a_planted_cycle_is_found_and_one_under_type_checking_is_not(tmp_path: Path) -> None:
    graph = plant(tmp_path, {
        "p/__init__.py": "",
        "p/a.py": "from p.b import thing\n",
        "p/b.py": "def f():\n    from p import a\n",
        "p/c.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from p.d import x\n",
        "p/d.py": "from p.c import y\n",
    })  # fmt: skip
    assert cycles(graph) == [["p.a", "p.b", "p.a"]]


def test_a_relative_import_reaching_a_generated_package_is_seen(tmp_path: Path) -> None:
    graph = plant(tmp_path, {
        "p/__init__.py": "",
        "p/x/__init__.py": "",
        "p/x/front.py": "from ..core import helper\n",
        "p/core.py": "import zilliz_import_client.models\n",
    })  # fmt: skip
    assert "zilliz_import_client.models" in reached(graph, "p.x.front")


def test_the_graph_sees_each_facade_reach_its_own_generated_package(graph: Graph) -> None:
    """Control: the plane checks above are not vacuous."""
    assert any(under(m, (CLUSTER_GENERATED,)) for m in reached(graph, "zilliz_import.resources.import_jobs"))
    cloud = reached(graph, "zilliz_import.resources.cloud_import_jobs")
    assert any(under(m, (CONTROL_PLANE_GENERATED,)) for m in cloud)
    assert "zilliz_import._core.transport" in cloud and "zilliz_import.following.loop" in cloud
