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
