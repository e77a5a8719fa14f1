"""File types checked at `create`, as Milvus's `importutilv2.GetFileType` checks each unit (sheet section 1).

The extension of each path, as written (`.PARQUET` is not `.parquet`), decides the unit's format;
every refusal is code 2100 and no job is created. `backup` and `l0_import` imports are not checked:
their units are folder prefixes. The control plane does not check here (the sheet says nothing of it).
"""

from __future__ import annotations

from collections.abc import Mapping

from zilliz_import.mock.replies import CODE_IMPORT_FAILED, ApiError

NUMPY = ".npy"  # a NumPy unit takes one .npy per field: any number of paths
# formats whose unit is exactly one file, with the name the server's message gives each
ONE_FILE = {".json": "JSON", ".parquet": "Parquet", ".csv": "CSV", ".jsonl": "JSON", ".ndjson": "JSON"}
# Not in the sheet: it says newer source reads `.jsonl`/`.ndjson` without their wording; the mock
# treats them as JSON (one file per unit, "for JSON import").
FOLDER_OPTIONS = ("backup", "l0_import")
SUFFIX = ": importing data failed"


def go_ext(path: str) -> str:
    """Go's `filepath.Ext`: from the last dot of the last path element, or "" without one."""
    name = path.rsplit("/", 1)[-1]
    dot = name.rfind(".")
    return name[dot:] if dot >= 0 else ""


def go_list(paths: list[str]) -> str:
    """A string slice as Go's `%v` prints it."""
    return "[" + " ".join(paths) + "]"


def check_file_types(units: list[list[str]], options: Mapping[str, str], extensions: frozenset[str]) -> None:
    """Refuse the first unit whose file type the server cannot read (sheet section 1).

    Args:
        units: The non-empty units of the request, in order.
        options: The request's options; `backup` or `l0_import` "true" skips the check.
        extensions: The extensions the release reads (`Release.file_extensions`).

    Raises:
        ApiError: 2100 "inconsistency in file types", "for X import, accepts only one file" or
            "unexpected file type".
    """
    if any(options.get(name, "").lower() == "true" for name in FOLDER_OPTIONS):
        return
    for unit in units:
        ext = go_ext(unit[0])
        for path in unit[1:]:
            if go_ext(path) != ext:
                raise ApiError(CODE_IMPORT_FAILED, f"inconsistency in file types, ({unit[0]}) vs ({path}){SUFFIX}")
        if ext in ONE_FILE and ext in extensions:
            if len(unit) != 1:
                raise ApiError(CODE_IMPORT_FAILED, f"for {ONE_FILE[ext]} import, accepts only one file{SUFFIX}")
        elif ext != NUMPY or ext not in extensions:
            raise ApiError(CODE_IMPORT_FAILED, f"unexpected file type, files={go_list(unit)}{SUFFIX}")
