"""Create options (section 6 of the server notes): typed values, checked before sending, sent as strings.

`OPTION_KEYS` is the one table of the keys the server knows; any other key passes through as a string.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from datetime import timedelta

from zilliz_import.errors import InvalidArgumentError

GO_DURATION = re.compile(r"(?:(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:ns|us|µs|μs|ms|s|m|h))+")
GO_TRUE = frozenset({"1", "t", "T", "TRUE", "true", "True"})
GO_FALSE = frozenset({"0", "f", "F", "FALSE", "false", "False"})
CSV_REFUSED_SEPARATORS = frozenset({"\0", "\n", "\r", '"', "\ufffd"})
UINT64_MAX = 2**64 - 1


def duration_text(value: object) -> str:
    """Seconds (a number or a `timedelta`) as a Go duration such as `300s`; a Go duration string as it is."""
    if isinstance(value, str):
        return value
    if isinstance(value, timedelta):
        value = value.total_seconds()
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise InvalidArgumentError(f"timeout must be seconds, a timedelta or a Go duration, got {value!r}")
    return f"{value:.3f}".rstrip("0").rstrip(".") + "s"


def is_duration(text: str) -> bool:
    """A positive Go duration (`300s`, `1.5h`, `1h30m`)."""
    return bool(GO_DURATION.fullmatch(text)) and any(c in "123456789" for c in text)


def bool_text(value: object) -> str:
    """True/False as the server's `true`/`false`."""
    if not isinstance(value, bool):
        raise InvalidArgumentError(f"expected True or False, got {value!r}")
    return "true" if value else "false"


def is_bool(text: str) -> bool:
    """A value Go's strconv.ParseBool accepts."""
    return text in GO_TRUE or text in GO_FALSE


def count_text(value: object) -> str:
    """A non-negative integer as decimal text."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidArgumentError(f"expected an integer, got {value!r}")
    return str(value)


def is_count(text: str) -> bool:
    """Decimal digits of an unsigned 64-bit integer."""
    return text.isascii() and text.isdigit() and int(text) <= UINT64_MAX


def text_value(value: object) -> str:
    """A string, as it is."""
    if not isinstance(value, str):
        raise InvalidArgumentError(f"expected a string, got {value!r}")
    return value


def is_separator(text: str) -> bool:
    """One character the server accepts as a CSV separator."""
    return len(text) == 1 and text not in CSV_REFUSED_SEPARATORS


@dataclass(frozen=True)
class OptionKey:
    """One option the server knows: its key on the wire, how a typed value becomes text, what text is valid."""

    key: str
    to_text: Callable[[object], str]
    valid: Callable[[str], bool]
    expected: str


OPTION_KEYS: dict[str, OptionKey] = {  # by the name of the `CreateOptions` field
    "timeout": OptionKey("timeout", duration_text, is_duration, "a positive Go duration such as 300s or 1.5h"),
    "auto_commit": OptionKey("auto_commit", bool_text, is_bool, "true or false"),
    "sep": OptionKey("sep", text_value, is_separator, "one character other than a quote or a line break"),
    "null_key": OptionKey("nullkey", text_value, lambda text: True, "any string"),
    "backup": OptionKey("backup", bool_text, is_bool, "true or false"),
    "l0_import": OptionKey("l0_import", bool_text, is_bool, "true or false"),
    "skip_disk_quota_check": OptionKey("skip_disk_quota_check", bool_text, is_bool, "true or false"),
    "storage_version": OptionKey("storage_version", count_text, is_count, "a non-negative integer"),
    "start_ts": OptionKey("start_ts", count_text, is_count, "a timestamp (unsigned integer)"),
    "end_ts": OptionKey("end_ts", count_text, is_count, "a timestamp (unsigned integer)"),
}
BY_WIRE_KEY = {spec.key: spec for spec in OPTION_KEYS.values()} | {
    "startTs": OPTION_KEYS["start_ts"],
    "endTs": OPTION_KEYS["end_ts"],
}


@dataclass(frozen=True)
class CreateOptions:
    """Typed `options` of `create`; None leaves a key out, `extra` passes other keys through as strings.

    Attributes:
        timeout: How long the import may run: seconds, a `timedelta`, or a Go duration (`"1.5h"`).
        auto_commit: False for a two-phase import that stops at `Uncommitted` until `commit`/`abort`.
        sep: CSV field separator (one character).
        null_key: CSV text that stands for null (`nullkey`).
        backup: Restore a backup (needs `partition_name`).
        l0_import: Import L0 (delete) segments.
        skip_disk_quota_check: Skip the disk quota check (only with `backup` or `l0_import`).
        storage_version: Storage format version of the segments written.
        start_ts: Only rows at or after this timestamp (backups).
        end_ts: Only rows at or before this timestamp (backups).
        extra: Any other key, sent as it is.
    """

    timeout: float | timedelta | str | None = None
    auto_commit: bool | None = None
    sep: str | None = None
    null_key: str | None = None
    backup: bool | None = None
    l0_import: bool | None = None
    skip_disk_quota_check: bool | None = None
    storage_version: int | None = None
    start_ts: int | None = None
    end_ts: int | None = None
    extra: Mapping[str, str] = field(default_factory=dict)

    def as_strings(self) -> dict[str, str]:
        """The options as the server wants them: keys and values all strings.

        Raises:
            InvalidArgumentError: A value of the wrong type or one the server would refuse.
        """
        typed = {f.name: getattr(self, f.name) for f in fields(self) if f.name != "extra"}
        strings: dict[str, str] = {}
        for name, value in typed.items():
            if value is not None:
                strings[OPTION_KEYS[name].key] = _text(name, value)
        return merge_options(strings, self.extra)


def _text(name: str, value: object) -> str:
    try:
        return OPTION_KEYS[name].to_text(value)
    except InvalidArgumentError as error:
        raise InvalidArgumentError(f"option {name}: {error}") from None


def merge_options(first: Mapping[str, str], second: Mapping[str, str]) -> dict[str, str]:
    """Both mappings in one; the same key with two different values is refused.

    Raises:
        InvalidArgumentError: A key given twice with different values, or a key or value not a string.
    """
    if not isinstance(second, Mapping):
        raise InvalidArgumentError(f"options must be a mapping of strings or CreateOptions, got {second!r}")
    merged = dict(first)
    for key, value in second.items():
        if not isinstance(key, str) or not key or not isinstance(value, str):
            raise InvalidArgumentError(f"options must map non-empty strings to strings, got {key!r}: {value!r}")
        if merged.get(key, value) != value:
            raise InvalidArgumentError(f"option {key} given twice: {merged[key]!r} and {value!r}")
        merged[key] = value
    return merged


def check_options(options: Mapping[str, str], *, partition_name: str | None) -> dict[str, str]:
    """Check the known keys of options sent as strings, and how they go together.

    Raises:
        InvalidArgumentError: A value the server would refuse, or options that need others.
    """
    checked = merge_options({}, options)
    for key, value in checked.items():
        spec = BY_WIRE_KEY.get(key)
        if spec is not None and not spec.valid(value):
            raise InvalidArgumentError(f"option {key} must be {spec.expected}, got {value!r}")
    restoring = any(checked.get(key, "") in GO_TRUE for key in ("backup", "l0_import"))
    if checked.get("skip_disk_quota_check", "") in GO_TRUE and not restoring:
        raise InvalidArgumentError("option skip_disk_quota_check applies only with backup or l0_import")
    if checked.get("backup", "") in GO_TRUE and not partition_name:
        raise InvalidArgumentError("option backup needs a partition_name")
    _check_time_range(checked)
    return checked


def _check_time_range(options: Mapping[str, str]) -> None:
    start = options.get("start_ts", options.get("startTs"))
    end = options.get("end_ts", options.get("endTs"))
    if start is not None and end is not None and int(start) > int(end):
        raise InvalidArgumentError(f"option start_ts ({start}) is after end_ts ({end})")


def create_options(
    options: Mapping[str, str] | CreateOptions | None, *, auto_commit: bool | None, partition_name: str | None
) -> dict[str, str]:
    """The `options` of a create request, from a mapping or `CreateOptions` and the `auto_commit` argument.

    Raises:
        InvalidArgumentError: A value the server would refuse, or a key given twice with different values.
    """
    strings = options.as_strings() if isinstance(options, CreateOptions) else merge_options({}, options or {})
    if auto_commit is not None:
        strings = merge_options(strings, {"auto_commit": _text("auto_commit", auto_commit)})
    return check_options(strings, partition_name=partition_name)
