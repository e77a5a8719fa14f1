"""The suite can fail: each deliberately broken variant of the mock is reported by the right check."""

from __future__ import annotations

import pytest

from tests.contract.broken_mocks import BROKEN_VARIANTS
from tests.contract.conftest import load_schema
from tests.contract.suite import failures_of
from zilliz_import.mock import MockApp, MockConfig

EXPECTED = {
    "wrong type in a field": "Response violates schema",
    "missing required field": "Response violates schema",
    "auth ignored": "Authentication not enforced",
    "undocumented error code": "Undocumented error code",
    "server error": "Server error",
}


def test_the_healthy_mock_passes_the_same_suite() -> None:
    assert failures_of(load_schema(app=MockApp(MockConfig(seed=3, job_seconds=0.05)))) == []


@pytest.mark.parametrize("variant", list(BROKEN_VARIANTS))
def test_broken_variant_is_reported(variant: str) -> None:
    failures = failures_of(load_schema(app=BROKEN_VARIANTS[variant]()))
    assert failures, f"the suite did not notice: {variant}"
    assert any(EXPECTED[variant] in failure for failure in failures), "\n".join(failures)
