"""Fixtures shared by every test folder."""

import pytest

pytest_plugins = ["zilliz_import.mock.pytest_plugin"]


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"
