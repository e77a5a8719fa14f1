"""The contract suite as a function, to run it against any app and collect what it reports."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, Phase, given, settings
from schemathesis import GenerationMode
from schemathesis.generation.case import Case
from schemathesis.specs.openapi.schemas import OpenApiSchema

from tests.contract.conftest import STATEFUL_SETTINGS

QUICK = settings(
    max_examples=25,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
    phases=[Phase.explicit, Phase.generate],
)


def failures_of(schema: OpenApiSchema) -> list[str]:
    """Every failure the checks report: each operation in both modes, then the stateful workflow."""
    found = []
    for result in schema.get_all_operations():
        operation = result.ok()
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

            @given(case=operation.as_strategy(generation_mode=mode))
            @QUICK
            def run(case: Case) -> None:
                case.call_and_validate()

            found += _failure_of(run, f"{operation.label} ({mode.value})")
    workflow: Any = schema.as_state_machine()
    found += _failure_of(lambda: workflow.run(settings=settings(STATEFUL_SETTINGS, phases=QUICK.phases)), "stateful")
    return found


def _failure_of(run: Any, label: str) -> list[str]:
    try:
        run()
    except (Exception, BaseExceptionGroup) as error:  # any failure is a finding to report
        return [f"{label}: {error}"]
    return []
