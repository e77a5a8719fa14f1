"""The README's Python examples run as written, against the mock over HTTP."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from zilliz_import.mock import DEFAULT_API_KEY, DEFAULT_CLUSTER, DEFAULT_TOKEN, ControlPlaneApp, MockConfig, MockServer

README = Path(__file__).resolve().parent.parent / "README.md"
BLOCKS = re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), flags=re.DOTALL)


def test_readme_has_python_examples() -> None:
    assert BLOCKS, "the README lost its code examples"


@pytest.fixture
def control_plane() -> Iterator[MockServer]:
    """The control-plane mock, taking the cluster's token as its API key: one TOKEN serves every example."""
    config = MockConfig(job_seconds=0.05, api_keys=frozenset({DEFAULT_API_KEY, DEFAULT_TOKEN}))
    with MockServer(ControlPlaneApp(config)) as server:
        yield server


@pytest.mark.parametrize("index", range(len(BLOCKS)))
def test_readme_example_runs(
    index: int,
    mock_server: MockServer,
    control_plane: MockServer,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("CLUSTER_ENDPOINT", mock_server.url)
    monkeypatch.setenv("TOKEN", DEFAULT_TOKEN)
    monkeypatch.setenv("CLOUD_PLATFORM_ENDPOINT", control_plane.url)
    monkeypatch.setenv("CLUSTER_ID", DEFAULT_CLUSTER)
    exec(compile(BLOCKS[index], f"README.md example {index + 1}", "exec"), {"__name__": "__readme__"})
    assert capsys.readouterr().out.strip(), "each example prints what it found"
