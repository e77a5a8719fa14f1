"""The suite can fail: each deliberately broken variant of the mock is reported by the right check."""

from __future__ import annotations

import pytest

from tests.zilliz_import.contract.conftest import load_schema
from tests.zilliz_import.contract.planted import BROKEN_VARIANTS, CONTROLS
from zilliz_import.contract.runner import Budget, run_suite

# Each case runs the generator or the whole contract suite: `make test-slow`, run by CI after `make test`.
pytestmark = pytest.mark.slow


def failures_against(app: object) -> list[str]:
    """What the suite reports against an app, one line per failed part."""
    outcomes = run_suite(load_schema(app=app), Budget())
    return [f"{o.label}: {o.failure}" for o in outcomes if o.failure is not None]


@pytest.mark.parametrize("control", list(CONTROLS))
def test_control_passes_the_same_suite(control: str) -> None:
    assert failures_against(CONTROLS[control]()) == []


@pytest.mark.parametrize("variant", list(BROKEN_VARIANTS))
def test_broken_variant_is_reported(variant: str) -> None:
    make, check = BROKEN_VARIANTS[variant]
    failures = failures_against(make())
    assert failures, f"the suite did not notice: {variant}"
    assert any(check in failure for failure in failures), "\n".join(failures)
