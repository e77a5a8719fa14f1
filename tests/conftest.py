"""Fixtures shared by every test folder."""

import pytest
from hypothesis import settings

# No per-example deadline: this is a timing assertion, and the machines that run the suite are shared
# and noisy (speed targets live in `make bench`).
settings.register_profile("suite", deadline=None)
settings.load_profile("suite")

pytest_plugins = ["zilliz_import.mock.pytest_plugin"]


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture(autouse=True)
def config_folder(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> object:
    """Every test reads and writes CLI profiles in a folder of its own, never the user's."""
    folder = tmp_path_factory.mktemp("config")
    monkeypatch.setenv("ZILLIZ_IMPORT_CONFIG_DIR", str(folder))
    monkeypatch.delenv("ZILLIZ_IMPORT_PROFILE", raising=False)
    return folder
