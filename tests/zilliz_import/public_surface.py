"""The public surface of `zilliz_import`: every exported name with its kind, signature and bases.

Run `python -m tests.zilliz_import.public_surface > tests/zilliz_import/public_surface.json` only when an
issue asks for an API change: the snapshot is what `test_public_surface` holds the package to.
"""

from __future__ import annotations

import enum
import inspect
import json
import sys
from typing import Any

import zilliz_import


def signature_of(thing: Any) -> str:
    """The signature as text, or "" where Python cannot tell it."""
    try:
        return str(inspect.signature(thing))
    except (TypeError, ValueError):
        return ""


def members_of(cls: type) -> dict[str, str]:
    """Public methods and properties of a class, inherited ones included, with their signatures."""
    members: dict[str, str] = {}
    for name in sorted(dir(cls)):
        if name.startswith("_") and name not in ("__enter__", "__exit__", "__aenter__", "__aexit__", "__init__"):
            continue
        value = inspect.getattr_static(cls, name)
        if isinstance(value, property):
            members[name] = "property"
        elif isinstance(value, staticmethod | classmethod):
            members[name] = f"{type(value).__name__}{signature_of(getattr(cls, name))}"
        elif inspect.isfunction(value):
            prefix = "async " if inspect.iscoroutinefunction(value) or inspect.isasyncgenfunction(value) else ""
            members[name] = f"{prefix}def{signature_of(value)}"
        elif not callable(value) and not name.startswith("_"):
            members[name] = f"attribute {type(value).__name__}"
    return members


def public_base(base: type) -> bool:
    """Whether a base class is part of the public surface: exported by the package, or a builtin."""
    if base is object:
        return False
    return base.__module__ == "builtins" or getattr(zilliz_import, base.__name__, None) is base


def describe(name: str, thing: Any) -> dict[str, Any]:
    """One exported name."""
    if isinstance(thing, type) and issubclass(thing, enum.Enum):
        return {"kind": "enum", "members": {m.name: repr(m.value) for m in thing}}
    if isinstance(thing, type):
        # Only bases a user can name: the package's own exports and Python's (internal mixins may move).
        bases = [base.__qualname__ for base in thing.__mro__[1:] if public_base(base)]
        return {"kind": "class", "bases": bases, "members": members_of(thing)}
    if callable(thing):
        return {"kind": "function", "signature": signature_of(thing)}
    return {"kind": type(thing).__name__, "value": repr(sorted(thing) if isinstance(thing, frozenset) else thing)}


def surface() -> dict[str, Any]:
    """Every name of `zilliz_import.__all__`, described."""
    return {name: describe(name, getattr(zilliz_import, name)) for name in sorted(zilliz_import.__all__)}


if __name__ == "__main__":
    json.dump(surface(), sys.stdout, indent=1, sort_keys=True)
    sys.stdout.write("\n")
