"""Where two answers to the same request differ: HTTP status, `code`, field set, JSON types, message.

Values are not compared (a job's progress moves on); the message is compared with IDs and numbers
masked, so "job 4487... not found" and "job 4512... not found" agree.
"""

from __future__ import annotations

import json
import re
from typing import Any

MASKS = ((re.compile(r"job-[A-Za-z0-9]+"), "job-<id>"), (re.compile(r"\d+(\.\d+)?"), "<n>"))
JSON_TYPES = {bool: "boolean", int: "integer", float: "number", str: "string", list: "array", dict: "object"}


def body_of(content: bytes) -> Any:
    """The JSON body, or None when the answer is not JSON."""
    try:
        return json.loads(content)
    except (ValueError, RecursionError):
        return None


def masked(message: str) -> str:
    """The message with job IDs and numbers masked."""
    for pattern, mark in MASKS:
        message = pattern.sub(mark, message)
    return message


def shape(value: Any, path: str = "", out: dict[str, set[str]] | None = None) -> dict[str, set[str]]:
    """Every field path (`data.details[].fileSize`) of a JSON value, with the JSON types seen there."""
    out = {} if out is None else out
    out.setdefault(path or "$", set()).add("null" if value is None else JSON_TYPES.get(type(value), "?"))
    if isinstance(value, dict):
        for key, item in value.items():
            shape(item, f"{path}.{key}" if path else str(key), out)
    elif isinstance(value, list):
        for item in value:
            shape(item, f"{path}[]", out)
    return out


def differences(recorded: tuple[int, bytes], replayed: tuple[int, bytes]) -> list[str]:
    """What differs between a recorded answer and a replayed one (status, body); empty when nothing does."""
    found = []
    if recorded[0] != replayed[0]:
        found.append(f"HTTP status {recorded[0]} -> {replayed[0]}")
    before, after = body_of(recorded[1]), body_of(replayed[1])
    if (before is None) != (after is None):
        return [*found, "body " + ("JSON -> not JSON" if after is None else "not JSON -> JSON")]
    if before is None:
        return found
    code = (
        before.get("code") if isinstance(before, dict) else None,
        after.get("code") if isinstance(after, dict) else None,
    )
    if code[0] != code[1]:
        found.append(f"code {code[0]!r} -> {code[1]!r}")
    old, new = shape(before), shape(after)
    if missing := sorted(set(old) - set(new)):
        found.append(f"fields missing: {', '.join(missing)}")
    if added := sorted(set(new) - set(old)):
        found.append(f"fields added: {', '.join(added)}")
    for path in sorted(set(old) & set(new)):
        if old[path] != new[path]:
            found.append(f"type of {path}: {'|'.join(sorted(old[path]))} -> {'|'.join(sorted(new[path]))}")
    message = [_message(before), _message(after)]
    if message[0] != message[1]:
        found.append(f"message {message[0]!r} -> {message[1]!r}")
    return found


def _message(body: Any) -> str | None:
    message = body.get("message") if isinstance(body, dict) else None
    return masked(message) if isinstance(message, str) else None
