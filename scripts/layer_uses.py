"""What the hand-written layer (src/) uses of a generated package, and which of those uses it lacks.

Usage: python scripts/layer_uses.py PACKAGE DIR [SOURCE]
  lists the uses in SOURCE (default src/) of PACKAGE as found under DIR that PACKAGE lacks there
  (file, line, name); exits 1 when there is any.

A use is a name the layer imports from the package (`from zilliz_import_client.api.import_jobs
import describe_import_job`, `import zilliz_import_client.models`) or reaches through such a name
(`describe_import_job.sync`, `ImportOptions.from_dict`), and each place the layer names it, read from the source without importing it.
The package is read by griffe, statically too. Members of what is neither a module nor a class
(`UNSET.x`), and of classes with a base outside the package (an enum's `.value`), cannot be told
apart from inherited ones and are not judged; attributes read on instances (`answer.data.reason`)
are for mypy (`make typecheck`).
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import griffe
from api_diff_python import load_api

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True, order=True)
class Use:
    """One name of the package that a file of the layer uses, at a line."""

    file: str
    line: int
    name: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.name}"


def bindings(tree: ast.Module, package: str) -> Iterator[tuple[str, str, int]]:
    """(local name, dotted path, line) of each import of the package in a module."""
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            if node.module == package or node.module.startswith(package + "."):
                for alias in node.names:
                    yield alias.asname or alias.name, f"{node.module}.{alias.name}", alias.lineno
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name == package or alias.name.startswith(package + "."):
                    local = alias.asname or alias.name.split(".")[0]
                    yield local, alias.name if alias.asname else alias.name.split(".")[0], node.lineno
                    yield "", alias.name, node.lineno  # the module itself is used


def dotted(node: ast.expr) -> list[str] | None:
    """`a.b.c` as ["a", "b", "c"]; None for anything but names and attributes."""
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    return [node.id, *reversed(parts)] if isinstance(node, ast.Name) else None


def uses_in_file(path: Path, package: str, root: Path) -> set[Use]:
    """Every use of the package in one file: its imports and the attribute chains that start at them."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    file = path.relative_to(root).as_posix()
    names: dict[str, str] = {}
    found: set[Use] = set()
    for local, target, line in bindings(tree, package):
        found.add(Use(file, line, target))
        if local:
            names[local] = target
    for node in ast.walk(tree):
        chain = dotted(node) if isinstance(node, ast.Attribute | ast.Name) else None
        if chain and chain[0] in names:
            found.add(Use(file, node.lineno, ".".join([names[chain[0]], *chain[1:]])))
    return found


def uses_of(package: str, source: Path, root: Path = ROOT) -> list[Use]:
    """Every use of the package in the Python files under `source`, sorted by file and line."""
    found: set[Use] = set()
    for path in sorted(source.rglob("*.py")):
        found |= uses_in_file(path, package, root)
    return sorted(found)


def judged_members(obj: griffe.Object | griffe.Alias) -> dict[str, griffe.Object | griffe.Alias] | None:
    """The members a name may be looked up in, or None when the lookup cannot be judged."""
    if obj.is_module:
        return dict(obj.members)
    if obj.is_class:
        outside = [b for b in obj.resolved_bases if not b.path.startswith(obj.package.path + ".")] if obj.bases else []
        unresolved = len(obj.resolved_bases) != len(obj.bases)
        return None if outside or unresolved else dict(obj.all_members)
    return None


def missing_prefix(api: griffe.Module, name: str) -> str | None:
    """The shortest part of a dotted name that the package lacks, or None when it has it (or cannot tell)."""
    parts = name.split(".")
    if parts[0] != api.name:
        return None
    current: griffe.Object | griffe.Alias = api
    for index, part in enumerate(parts[1:], start=1):
        try:
            members = judged_members(current)
        except griffe.AliasResolutionError:
            return None
        if members is None or (part.startswith("__") and part.endswith("__")):
            return None
        if part not in members:
            return ".".join(parts[: index + 1])
        current = members[part]
    return None


def lost_uses(package: str, generated: Path, source: Path, root: Path = ROOT) -> list[Use]:
    """The uses under `source` of what the package found under `generated` lacks, one per file, line and name."""
    uses = uses_of(package, source, root)
    if not uses:
        return []
    api = load_api(generated, package)
    lost = {Use(use.file, use.line, prefix) for use in uses if (prefix := missing_prefix(api, use.name))}
    return sorted(lost)


def main(argv: list[str]) -> int:
    if len(argv) not in (2, 3) or not Path(argv[1]).is_dir():
        print("usage: layer_uses.py PACKAGE DIR [SOURCE] (DIR holds PACKAGE)", file=sys.stderr)
        return 2
    source = Path(argv[2]) if len(argv) == 3 else ROOT / "src"
    lost = lost_uses(argv[0], Path(argv[1]), source.resolve())
    for use in lost:
        print(use)
    return 1 if lost else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
