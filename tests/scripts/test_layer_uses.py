"""The uses of a generated client in the hand-written layer, and those a changed client lacks."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

from layer_uses import Use, lost_uses, uses_of  # noqa: E402

CLUSTER = "zilliz_import_client"
OPERATIONS = "zilliz_import_client.api.import_jobs"


@pytest.fixture(scope="module")
def cluster_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the generated cluster project, to remove things from."""
    copy = tmp_path_factory.mktemp("generated") / "cluster"
    shutil.copytree(ROOT / "generated" / "cluster", copy, ignore=shutil.ignore_patterns("__pycache__"))
    return copy


def test_the_layer_uses_both_clients_and_todays_clients_have_all_it_uses() -> None:
    for package, folder in ((CLUSTER, "cluster"), ("zilliz_cloud_import_client", "control_plane")):
        names = {use.name for use in uses_of(package, ROOT / "src")}
        assert f"{package}.AuthenticatedClient" in names
        assert lost_uses(package, ROOT / "generated" / folder, ROOT / "src") == []
    assert f"{OPERATIONS}.describe_import_job" in {use.name for use in uses_of(CLUSTER, ROOT / "src")}


def test_a_removed_operation_is_named_at_its_import_and_at_each_use(cluster_copy: Path, tmp_path: Path) -> None:
    module = cluster_copy / CLUSTER / "api" / "import_jobs" / "describe_import_job.py"
    saved = module.read_bytes()
    module.unlink()
    try:
        lost = lost_uses(CLUSTER, cluster_copy, ROOT / "src")
    finally:
        module.write_bytes(saved)
    assert lost, "the layer uses describe_import_job"
    assert {use.name for use in lost} == {f"{OPERATIONS}.describe_import_job"}
    assert {use.file for use in lost} == {"src/zilliz_import/planes/cluster.py"}
    source = (ROOT / "src/zilliz_import/planes/cluster.py").read_text().splitlines()
    assert any("describe_import_job," in source[use.line - 1] for use in lost), "the import line"
    assert any(": describe_import_job" in source[use.line - 1] for use in lost), "the place it is used"


def write(tmp_path: Path, text: str) -> Path:
    source = tmp_path / "src"
    source.mkdir(exist_ok=True)
    (source / "layer.py").write_text(text)
    return source


def test_members_reached_through_an_import_are_judged_and_unknowable_ones_are_not(
    cluster_copy: Path, tmp_path: Path
) -> None:
    source = write(
        tmp_path,
        "import zilliz_import_client.models as models\n"
        "from zilliz_import_client.models import ImportOptions, KnownImportJobState\n"
        "from zilliz_import_client.types import UNSET\n"
        "ImportOptions.from_dict({})\n"
        "ImportOptions.to_yaml()\n"
        "models.NoSuchModel\n"
        "KnownImportJobState.COMPLETED.value\n"
        "UNSET.anything\n",
    )
    lost = lost_uses(CLUSTER, cluster_copy, source, root=tmp_path)
    assert lost == [
        Use("src/layer.py", 5, "zilliz_import_client.models.ImportOptions.to_yaml"),
        Use("src/layer.py", 6, "zilliz_import_client.models.NoSuchModel"),
    ]


def test_a_layer_that_does_not_import_the_client_uses_nothing(cluster_copy: Path, tmp_path: Path) -> None:
    source = write(tmp_path, "import zilliz_import_client_extra\nfrom other import describe_import_job\n")
    assert uses_of(CLUSTER, source, root=tmp_path) == []
    assert lost_uses(CLUSTER, cluster_copy, source, root=tmp_path) == []
