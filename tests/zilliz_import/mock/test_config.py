"""MockConfig's checks of settings that only some releases have."""

from __future__ import annotations

from typing import Any

import pytest

from zilliz_import.mock import MockConfig

pytestmark = pytest.mark.anyio


@pytest.mark.parametrize("settings", [{"release": "2.5"}, {"release": "2.6"}])
async def test_v3_and_standard_statuses_are_newest_only(settings: dict[str, Any]) -> None:
    for extra in ({"import_v3": True}, {"standard_error_status": True}):
        with pytest.raises(ValueError, match="newest"):
            MockConfig(**settings, **extra)
