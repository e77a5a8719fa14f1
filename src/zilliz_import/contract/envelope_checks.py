"""Envelope-aware schemathesis checks for an API that refuses requests with HTTP 200 and a non-zero `code`.

Registered on import (through `zilliz_import.contract.checks`). The documented codes are read from
the spec itself (each operation's `x-error-codes`, else the union on `ErrorEnvelope`; the 401
examples), so the checks and the spec cannot drift apart.
"""

from __future__ import annotations

from typing import NoReturn

import schemathesis
from schemathesis.checks import CheckContext
from schemathesis.core.parameters import ParameterLocation
from schemathesis.core.transport import Response
from schemathesis.specs.openapi.checks import negative_data_rejection

from zilliz_import.contract import session
from zilliz_import.contract.answer import CONTROL_PLANE, code_of, envelope_of
from zilliz_import.contract.session import AnyCase
from zilliz_import.contract.spec import authentication_codes, authentication_status, error_codes, plane_of

WRONG_TOKEN = "contract-test:not-a-valid-token"
PLAIN_REFUSALS = (405, 413)  # method probes and oversized bodies are refused with a plain-text page
# Sheet section 7 names what the control plane requires; it says nothing of how it treats a wrong type
# in the other fields (credentials, partition, database), so mutations of those alone get no verdict.
CONTROL_PLANE_JUDGED = frozenset({"clusterId", "collectionName", "jobId", "pageSize", "currentPage"})


def fail(case: AnyCase, title: str, message: str) -> NoReturn:
    """Report a broken contract; schemathesis turns the AssertionError into a failure of this check."""
    raise AssertionError(f"{title}: {message} ({case.operation.label})")


def envelope_code(response: Response) -> int | None:
    """The `code` of a JSON object answer, or None when the body is not such an object."""
    body = envelope_of(response.content)
    return code_of(body.get("code")) if body is not None else None


def documented_codes(case: AnyCase) -> set[int]:
    """Error codes the spec documents for this operation."""
    return error_codes(case.operation.schema.raw_schema, case.operation.definition.raw)


def auth_codes(case: AnyCase) -> set[int]:
    """Codes a refused token gets, as the spec documents them."""
    return authentication_codes(case.operation.schema.raw_schema)


def refused_as_documented(case: AnyCase, probe: Response) -> bool:
    """Whether a probe with a bad token was refused with an authentication code (and 401 where the spec says so)."""
    status = authentication_status(case.operation.schema.raw_schema)
    if status is None and probe.status_code >= 500:
        return False
    return (status is None or probe.status_code == status) and envelope_code(probe) in auth_codes(case)


@schemathesis.check
def envelope_rejects_invalid_input(ctx: CheckContext, response: Response, case: AnyCase) -> bool | None:
    """An invalid body must be refused: an envelope with a non-zero code (under any status below 500), or a 4xx.

    Invalid headers alone are exempt: the server documents that it ignores an unparsable
    `Request-Timeout`. The built-in check decides the remaining cases, since it knows which
    mutations turn out valid once serialised.
    """
    if case.meta is None or not case.meta.is_negative_at(ParameterLocation.BODY) or _unjudged_fields_only(case):
        return None
    code = envelope_code(response)
    if code is not None and code != 0 and response.status_code < 500:  # the envelope refuses, whatever the status
        return True
    if response.status_code in PLAIN_REFUSALS:
        return True
    return negative_data_rejection(ctx, response, case)


def _unjudged_fields_only(case: AnyCase) -> bool:
    """Whether a control-plane request is invalid only in fields whose wrong type the sheet leaves open."""
    if case.meta is None or plane_of(case.operation.schema.raw_schema) != CONTROL_PLANE:
        return False
    fields = [m.path[0] if m.path else None for m in case.meta.phase.data.mutations]
    return bool(fields) and all(field is not None and field not in CONTROL_PLANE_JUDGED for field in fields)


@schemathesis.check
def envelope_answers_valid_requests(ctx: CheckContext, response: Response, case: AnyCase) -> bool | None:
    """A valid request with a valid token gets `code` 0 or a documented error, never a refusal of the token."""
    if case.meta is None or case.meta.generation.mode.is_negative or response.status_code >= 500:
        return None
    code = envelope_code(response)
    if code is None:
        if response.status_code in PLAIN_REFUSALS:
            return None
        fail(case, "Not an envelope", f"HTTP {response.status_code} with a body that has no integer `code`")
    if code != 0 and code not in documented_codes(case):
        fail(case, "Undocumented error code", f"code {code} is not among {case.operation.label}'s x-error-codes")
    if response.status_code == 401 or code in auth_codes(case) - {0}:
        fail(case, "Valid token refused", f"HTTP {response.status_code}, code {code} for the configured token")
    return True


@schemathesis.check
def envelope_refuses_bad_tokens(ctx: CheckContext, response: Response, case: AnyCase) -> bool | None:
    """Without a token, or with a wrong one, the server must answer an authentication code (under 401 if documented).

    Probed once per operation and session: a successful answer to the real request is re-sent
    without the Authorization header and with a wrong token.
    """
    if response.status_code != 200 or envelope_code(response) != 0:
        return None
    for scenario, headers in (("missing", {"Authorization": "Basic bm90OmJlYXJlcg=="}), ("wrong", None)):
        key = (case.operation.label, scenario)
        if not session.first_time(*key):
            continue
        probe = case.call(headers=headers or {"Authorization": f"Bearer {WRONG_TOKEN}"})
        if not refused_as_documented(case, probe):
            session.probe_again(*key)
            status = authentication_status(case.operation.schema.raw_schema) or "any status below 500"
            fail(
                case,
                "Authentication not enforced",
                f"with a {scenario} token the server answered HTTP {probe.status_code}, code {envelope_code(probe)}; "
                f"expected {status} with one of {sorted(auth_codes(case))}",
            )
    return True
