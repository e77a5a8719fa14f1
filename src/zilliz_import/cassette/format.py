"""The VCR.py cassette format (YAML, `version: 1`): exchanges written and read back."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass
class Exchange:
    """One request and its answer, as sent and received over HTTP."""

    method: str
    uri: str
    request_headers: dict[str, str]
    request_body: bytes
    status: int
    reason: str
    response_headers: dict[str, str]
    response_body: bytes


def _body_field(body: bytes) -> Any:
    try:
        return body.decode()
    except UnicodeDecodeError:
        return body  # PyYAML writes bytes as !!binary, as VCR.py does


def dump(exchanges: Iterable[Exchange]) -> str:
    """The exchanges as a VCR.py cassette (YAML); lines are never folded, so a search of the text sees every value."""
    import yaml  # noqa: PLC0415 - the `contract` extra

    interactions = [
        {
            "request": {
                "body": _body_field(e.request_body) or None,
                "headers": {k: [v] for k, v in e.request_headers.items()},
                "method": e.method,
                "uri": e.uri,
            },
            "response": {
                "body": {"string": _body_field(e.response_body)},
                "headers": {k: [v] for k, v in e.response_headers.items()},
                "status": {"code": e.status, "message": e.reason},
            },
        }
        for e in exchanges
    ]
    return str(
        yaml.safe_dump({"interactions": interactions, "version": 1}, sort_keys=False, allow_unicode=True, width=1 << 30)
    )


def _bytes(value: Any) -> bytes:
    if value is None:
        return b""
    if isinstance(value, bytes):
        return value
    if isinstance(value, str):
        return value.encode()
    raise ValueError(f"a body must be text or binary, not {type(value).__name__}")


def _headers(value: Any) -> dict[str, str]:
    if not isinstance(value, dict):
        raise ValueError("headers must be a mapping")
    return {str(k): str(v[0] if isinstance(v, list) and v else v) for k, v in value.items()}


def read(path: Path) -> list[Exchange]:
    """The exchanges of a cassette.

    Raises:
        ValueError: The file is not a VCR cassette (one line says why).
    """
    import yaml  # noqa: PLC0415 - the `contract` extra

    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise ValueError(f"{path}: not a readable YAML cassette ({type(error).__name__})") from None
    if not isinstance(document, dict) or not isinstance(document.get("interactions"), list):
        raise ValueError(f"{path}: not a VCR cassette (no `interactions` list)")
    out = []
    for number, item in enumerate(document["interactions"], 1):
        try:
            request, response = item["request"], item["response"]
            body = response["body"]
            status = response["status"]
            out.append(Exchange(
                str(request["method"]), str(request["uri"]), _headers(request.get("headers") or {}),
                _bytes(request.get("body")), int(status["code"]), str(status.get("message", "")),
                _headers(response.get("headers") or {}), _bytes(body.get("string") if isinstance(body, dict) else body),
            ))  # fmt: skip
        except (KeyError, TypeError, ValueError) as error:
            raise ValueError(f"{path}: interaction {number} is malformed ({error})") from None
    return out
