"""Follow-up requests the checks send on their own: the sibling view, the list, a numeric jobId.

Each probe's answer is judged by every enabled rule, so a probe that lands on a broken answer
reports it even when no generated request would have reached that answer.
"""

from __future__ import annotations

from typing import Any

from schemathesis.checks import CheckContext

from zilliz_import.contract import session
from zilliz_import.contract.answer import Answer, envelope_of
from zilliz_import.contract.cloud_rules import ALL_RULES, applies
from zilliz_import.contract.session import AnyCase

PASSED_ON = ("authorization", "db-name")  # headers a follow-up keeps: the same user, the same database


def send(case: AnyCase, origin: Answer, operation_id: str, body: dict[str, Any]) -> tuple[AnyCase, Answer]:
    """Send `body` to another operation with the original request's database header.

    Args:
        case: The original request.
        origin: Its answer (which says where the request went).
        operation_id: The operation to call.
        body: The JSON body to send.

    Returns:
        The probe as a case, and its answer.
    """
    operation = case.operation.schema.find_operation_by_id(operation_id)
    headers = {k: v for k, v in (case.headers or {}).items() if k.lower() in PASSED_ON}
    probe = operation.Case(body=body, headers=headers, media_type="application/json")
    response = probe.call(base_url=origin.base_url)
    envelope = envelope_of(response.content)
    return probe, Answer(operation_id, body, response.status_code, envelope, origin.base_url, plane=origin.plane)


def judge(ctx: CheckContext, probe: AnyCase, answer: Answer) -> list[str]:
    """Problems every enabled rule and time rule finds in a probe's answer."""
    on = [name for name in ALL_RULES if enabled(ctx, name) and applies(name, answer.plane)]
    problems = [f"{name}: {p}" for name in on for p in ALL_RULES[name](answer)]
    for name, found in session.observe(probe, answer).items():
        problems += [f"{name}: {p}" for p in found] if enabled(ctx, name) and applies(name, answer.plane) else []
    if answer.code != 0:
        problems.append(f"answered HTTP {answer.status}, code {answer.code}")
    return [f"probe {answer.operation_id} {answer.request}: {p}" for p in problems]


def enabled(ctx: CheckContext, name: str) -> bool:
    """Whether schemathesis.toml leaves the check of that name on."""
    return bool(ctx.config.get_by_name(name=name).enabled)
