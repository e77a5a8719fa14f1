"""The Python examples of the README and of the documentation pages (docs/*.md) run as written, against the mock."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from zilliz_import.mock import DEFAULT_API_KEY, DEFAULT_CLUSTER, DEFAULT_TOKEN, ControlPlaneApp, MockConfig, MockServer

ROOT = Path(__file__).resolve().parent.parent
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


def python_blocks(page: Path) -> list[str]:
    """The ```python blocks of a Markdown page."""
    return re.findall(r"^```python\n(.*?)^```", page.read_text(encoding="utf-8"), flags=re.DOTALL | re.MULTILINE)


BLOCKS = {
    f"{page.relative_to(ROOT).as_posix()} example {index + 1}": block
    for page in PAGES
    for index, block in enumerate(python_blocks(page))
}


def test_readme_and_docs_have_python_examples() -> None:
    pages = {name.split(" example ")[0] for name in BLOCKS}
    assert "README.md" in pages, "the README lost its code examples"
    expected = {"docs/cluster-client.md", "docs/control-plane.md", "docs/errors.md", "docs/getting-started.md"}
    assert expected <= pages, f"pages without a Python example: {sorted(expected - pages)}"


@pytest.fixture
def control_plane() -> Iterator[MockServer]:
    """The control-plane mock, taking the cluster's token as its API key: one TOKEN serves every example."""
    config = MockConfig(job_seconds=0.05, api_keys=frozenset({DEFAULT_API_KEY, DEFAULT_TOKEN}))
    with MockServer(ControlPlaneApp(config)) as server:
        yield server


@pytest.mark.parametrize("name", list(BLOCKS))
def test_example_runs(
    name: str,
    mock_server: MockServer,
    control_plane: MockServer,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("CLUSTER_ENDPOINT", mock_server.url)
    monkeypatch.setenv("TOKEN", DEFAULT_TOKEN)
    monkeypatch.setenv("CLOUD_PLATFORM_ENDPOINT", control_plane.url)
    monkeypatch.setenv("CLUSTER_ID", DEFAULT_CLUSTER)
    exec(compile(BLOCKS[name], name, "exec"), {"__name__": "__readme__"})
    assert capsys.readouterr().out.strip(), "each example prints what it found"
