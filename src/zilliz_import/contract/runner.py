"""Run the whole contract suite against one schema and collect what it reports.

Each operation in positive and negative mode, then the stateful workflow with its follow-up; a
failure in one part does not stop the others. Used by `zilliz-import contract` and by the
broken-variant tests.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from hypothesis import HealthCheck, Phase, given, settings
from schemathesis import GenerationMode
from schemathesis.specs.openapi.schemas import OpenApiSchema

import zilliz_import.contract.checks  # noqa: F401 - registers the checks
from zilliz_import.contract import session
from zilliz_import.contract.session import AnyCase
from zilliz_import.contract.workflow import FollowPolicy, following_machine

MODES = (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)


@dataclass(frozen=True)
class Budget:
    """How many examples a run generates.

    Attributes:
        examples: Examples per operation and mode.
        scenarios: Stateful scenarios.
        steps: Most steps per scenario.
        follow: How the jobs created are followed.
    """

    examples: int = 25
    scenarios: int = 15
    steps: int = 6
    follow: FollowPolicy = field(default_factory=FollowPolicy)


@dataclass(frozen=True)
class Outcome:
    """One part of the run: its label and the failure it reported, if any (or why it was skipped)."""

    label: str
    failure: str | None
    skipped: str | None = None


def run_suite(schema: OpenApiSchema, budget: Budget, *, stateful: bool = True) -> list[Outcome]:
    """Run every part of the suite against `schema`.

    Args:
        schema: The spec bound to a server (base URL or in-process app), configured.
        budget: Examples and follow-up limits.
        stateful: Whether to run the stateful workflow (it creates jobs).

    Returns:
        One outcome per operation and mode, and one for the stateful workflow.
    """
    session.reset()
    quick = settings(
        max_examples=budget.examples,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
        phases=[Phase.explicit, Phase.generate],
    )
    outcomes = []
    for result in schema.get_all_operations():
        operation = result.ok()  # type: ignore[union-attr]  # a spec that does not load fails earlier
        for mode in MODES:

            @given(case=operation.as_strategy(generation_mode=mode))
            @quick
            def run(case: AnyCase) -> None:
                case.call_and_validate()

            outcomes.append(_outcome_of(run, f"{operation.label} ({mode.value})"))
    if stateful:
        machine = following_machine(schema, budget.follow.fresh())  # a Budget may serve many runs
        steps = settings(quick, max_examples=budget.scenarios, stateful_step_count=budget.steps)
        outcomes.append(_outcome_of(lambda: machine.run(settings=steps), "stateful workflow"))
    return outcomes


def _outcome_of(run: Callable[[], Any], label: str) -> Outcome:
    try:
        run()
    except (Exception, BaseExceptionGroup) as error:  # any failure is a finding to report
        return Outcome(label, str(error))
    return Outcome(label, None)
