"""The spec against the mock over real HTTP (uvicorn on a free loopback port)."""

from __future__ import annotations

import schemathesis
from schemathesis.generation.case import Case

from tests.zilliz_import.contract.conftest import CASES

schema = schemathesis.pytest.from_fixture("http_schema")


@schema.parametrize()
def test_spec_matches_mock(case: Case) -> None:
    CASES[case.operation.label] += 1
    case.call_and_validate()
