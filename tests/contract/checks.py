"""Envelope-aware schemathesis checks for an API that refuses requests with HTTP 200 and a non-zero `code`.

Registered on import; schemathesis.toml names this module as `hooks`, so `schemathesis run` uses them
too. The documented codes are read from the spec itself (`x-error-codes`, the 401 examples), so the
checks and the spec cannot drift apart.
"""

from __future__ import annotations

import json
import threading

import schemathesis
from schemathesis.checks import CheckContext
from schemathesis.core.parameters import ParameterLocation
from schemathesis.core.transport import Response
from schemathesis.generation.case import Case
from schemathesis.specs.openapi.checks import negative_data_rejection

WRONG_TOKEN = "contract-test:not-a-valid-token"
_probed: set[tuple[str, str]] = set()
_probed_lock = threading.Lock()


def fail(case: Case, title: str, message: str) -> None:
    """Report a broken contract; schemathesis turns the AssertionError into a failure of this check."""
    raise AssertionError(f"{title}: {message} ({case.operation.label})")


def envelope_code(response: Response) -> int | None:
    """The `code` of a JSON object answer, or None when the body is not such an object."""
    try:
        body = json.loads(response.content)
    except (ValueError, UnicodeDecodeError):
        return None
    code = body.get("code") if isinstance(body, dict) else None
    return code if isinstance(code, int) and not isinstance(code, bool) else None


def documented_codes(case: Case) -> set[int]:
    """Error codes the spec documents (`ErrorEnvelope.x-error-codes`)."""
    envelope = case.operation.schema.raw_schema["components"]["schemas"]["ErrorEnvelope"]
    return {int(code) for code in envelope.get("x-error-codes", {})}


def authentication_codes(case: Case) -> set[int]:
    """Codes the spec shows for HTTP 401 (the server's 1800 and documented gateway codes)."""
    response = case.operation.schema.raw_schema["components"]["responses"]["Unauthenticated"]
    examples = response["content"]["application/json"]["examples"].values()
    return {example["value"]["code"] for example in examples}


@schemathesis.check
def envelope_rejects_invalid_input(ctx: CheckContext, response: Response, case: Case) -> bool | None:
    """An invalid body must be refused: a 4xx, or HTTP 200 with a non-zero code.

    Invalid headers alone are exempt: the server documents that it ignores an unparsable
    `Request-Timeout`. The built-in check decides the remaining cases, since it knows which
    mutations turn out valid once serialised.
    """
    if case.meta is None or not case.meta.is_negative_at(ParameterLocation.BODY):
        return None
    code = envelope_code(response)
    if code is not None and code != 0 and response.status_code < 500:  # the envelope refuses, whatever the status
        return True
    return negative_data_rejection(ctx, response, case)


@schemathesis.check
def envelope_answers_valid_requests(ctx: CheckContext, response: Response, case: Case) -> bool | None:
    """A valid request with a valid token gets `code` 0 or a documented error, never a refusal of the token."""
    if case.meta is None or case.meta.generation.mode.is_negative or response.status_code >= 500:
        return None
    code = envelope_code(response)
    if code is None:
        if response.status_code in (405, 413):  # method probes and oversized bodies are answered in plain text
            return None
        fail(case, "Not an envelope", f"HTTP {response.status_code} with a body that has no integer `code`")
    if code != 0 and code not in documented_codes(case):
        fail(case, "Undocumented error code", f"code {code} is not in the spec's x-error-codes")
    if response.status_code == 401 or code in authentication_codes(case) - {0}:
        fail(case, "Valid token refused", f"HTTP {response.status_code}, code {code} for the configured token")
    return True


@schemathesis.check
def envelope_refuses_bad_tokens(ctx: CheckContext, response: Response, case: Case) -> bool | None:
    """Without a token, or with a wrong one, the server must answer 401 and an authentication code.

    Probed once per operation and session: a successful answer to the real request is re-sent
    without the Authorization header and with a wrong token.
    """
    if response.status_code != 200 or envelope_code(response) != 0:
        return None
    for scenario, headers in (("missing", {"Authorization": "Basic bm90OmJlYXJlcg=="}), ("wrong", None)):
        key = (case.operation.label, scenario)
        with _probed_lock:
            if key in _probed:
                continue
            _probed.add(key)
        probe = case.call(headers=headers or {"Authorization": f"Bearer {WRONG_TOKEN}"})
        code = envelope_code(probe)
        if probe.status_code != 401 or code not in authentication_codes(case):
            with _probed_lock:
                _probed.discard(key)  # a later example must report it again, not pass silently
            fail(
                case,
                "Authentication not enforced",
                f"with a {scenario} token the server answered HTTP {probe.status_code}, code {code}; "
                f"expected 401 with one of {sorted(authentication_codes(case))}",
            )
    return True


def forget_probes() -> None:
    """Probe every operation again (each test session or broken-variant run starts afresh)."""
    with _probed_lock:
        _probed.clear()
