"""Checks both planes share: the type checks the generated parsers leave out, and file units.

The generated parsers do not verify that integers are integers; a body that parses with the wrong
types would otherwise fail later, far from its cause.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from zilliz_import.errors import InvalidArgumentError

Files = Sequence[str | Sequence[str]]


def is_int(value: object) -> bool:
    """An integer and not a bool."""
    return isinstance(value, int) and not isinstance(value, bool)


def counts(model: Any, where: str, names: tuple[str, ...]) -> list[str]:
    """A problem for each of `names` of `model` that is not an integer."""
    return [
        f"{where}.{name} is {type(getattr(model, name)).__name__}, not an integer"
        for name in names
        if not is_int(getattr(model, name))
    ]


def strings(model: Any, where: str, names: tuple[str, ...]) -> list[str]:
    """A problem for each of `names` of `model` that is not a string."""
    return [
        f"{where}.{name} is {type(getattr(model, name)).__name__}, not a string"
        for name in names
        if not isinstance(getattr(model, name), str)
    ]


def file_units(files: Files) -> list[list[str]]:
    """`files` as units: a plain string is a unit of one file.

    Raises:
        InvalidArgumentError: Not a list (a bare string would be split into one file per character),
            no files, or an empty unit or path.
    """
    if isinstance(files, str | bytes) or not isinstance(files, Sequence):
        raise InvalidArgumentError(f"files must be a list of paths (or of lists of paths), got {files!r:.80}")
    units = [[item] if isinstance(item, str) or not isinstance(item, Sequence) else list(item) for item in files]
    if not units or any(not unit or not all(isinstance(p, str) and p for p in unit) for unit in units):
        raise InvalidArgumentError("files must be a non-empty list of non-empty paths (or lists of paths)")
    return units
