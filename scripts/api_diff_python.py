"""How the public Python API of the generated package changed, as griffe sees it.

griffe finds the breaking changes (`griffe.find_breaking_changes`); this module only teaches it how
attrs builds `__init__` (the generated models are `@attrs.define` classes, which griffe's built-in
extensions do not cover), lists the additions, which griffe does not report, and the changed
annotations, which griffe 2.4.1 does not compare yet (in griffe/_internal/diff.py,
`_attribute_incompatibilities` and the end of `_returns_are_compatible` are TODOs).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import griffe

PACKAGE = "zilliz_import_client"
ATTRS_INIT = "attrs-init"  # label of the __init__ written here: its annotations are its attributes
ATTRS_DECORATORS = {"attrs.define", "attrs.frozen", "attr.s", "attr.attrs", "attr.define"}


class AttrsInit(griffe.Extension):
    """Gives `@attrs.define` classes the `__init__` attrs generates, so parameters can be compared."""

    def on_package(self, *, pkg: griffe.Module, **kwargs: Any) -> None:
        """Add `__init__` to every attrs class of the package."""
        for cls in classes_of(pkg):
            if "__init__" not in cls.members and is_attrs_class(cls):
                cls.set_member("__init__", attrs_init(cls))


def classes_of(obj: griffe.Module | griffe.Class) -> Iterator[griffe.Class]:
    """Every class defined (not imported) in `obj`, nested ones included."""
    for member in obj.members.values():
        if member.is_alias:
            continue
        if isinstance(member, griffe.Class):
            yield member
        if isinstance(member, griffe.Module | griffe.Class):
            yield from classes_of(member)


def is_attrs_class(cls: griffe.Class) -> bool:
    """Whether a decorator of `cls` resolves to an attrs class decorator."""
    return any(getattr(d.value, "canonical_path", None) in ATTRS_DECORATORS for d in cls.decorators)


def attrs_init(cls: griffe.Class) -> griffe.Function:
    """The `__init__` attrs writes: one parameter per annotated attribute, in definition order."""
    parameters = [griffe.Parameter("self", kind=griffe.ParameterKind.positional_or_keyword)]
    for member in cls.members.values():
        if isinstance(member, griffe.Attribute) and member.annotation is not None and in_init(member):
            kind = griffe.ParameterKind.positional_or_keyword
            parameters.append(
                griffe.Parameter(member.name, annotation=member.annotation, kind=kind, default=member.value)
            )
    init = griffe.Function("__init__", parent=cls, parameters=griffe.Parameters(*parameters), returns="None")
    init.labels.add(ATTRS_INIT)
    return init


def in_init(attribute: griffe.Attribute) -> bool:
    """False for properties and for `field(init=False)` attributes."""
    if "property" in attribute.labels:
        return False
    arguments = getattr(attribute.value, "arguments", [])
    return not any(getattr(a, "name", None) == "init" and str(a.value) == "False" for a in arguments)


def load_api(search_dir: Path, package: str = PACKAGE) -> griffe.Module:
    """The package (the cluster client's by default) as found under `search_dir`, read statically (nothing is imported)."""
    extensions = griffe.load_extensions(AttrsInit)
    loaded = griffe.load(package, search_paths=[search_dir], extensions=extensions, resolve_aliases=True)
    assert isinstance(loaded, griffe.Module)
    return loaded


def breaking_changes(old: griffe.Module, new: griffe.Module) -> list[str]:
    """griffe's breaking changes and the changed annotations, one line each."""
    lines = {explain(breakage) for breakage in griffe.find_breaking_changes(old, new)}
    return shortened(sorted(lines.union(annotation_changes(old, new))), old, new)


def reexported_paths(pkg: griffe.Module) -> dict[str, str]:
    """Where the package re-exports its objects: `pkg.models.x.X` -> `pkg.models.X` (the shortest path)."""
    found: dict[str, str] = {}
    for module in [pkg, *modules_of(pkg)]:
        for member in module.members.values():
            if isinstance(member, griffe.Alias) and member.is_public and member.target_path.startswith(pkg.path + "."):
                current = found.get(member.target_path, member.target_path)
                found[member.target_path] = min(current, member.path, key=len)
    return found


def modules_of(module: griffe.Module) -> Iterator[griffe.Module]:
    """The submodules of a module, recursively."""
    for submodule in module.modules.values():
        if isinstance(submodule, griffe.Module):
            yield submodule
            yield from modules_of(submodule)


def shortened(lines: list[str], old: griffe.Module, new: griffe.Module) -> list[str]:
    """Lines whose leading `path` names an object by the path its users import it from."""
    paths = reexported_paths(old) | reexported_paths(new)
    result = []
    for line in lines:
        path, rest = line.removeprefix("`").split("`", 1)
        canonical = max((p for p in paths if path == p or path.startswith((p + ".", p + "("))), key=len, default="")
        result.append(f"`{paths.get(canonical, '') + path[len(canonical) :]}`{rest}")
    return result


def explain(breakage: griffe.Breakage) -> str:
    """griffe's markdown explanation, with the object's full dotted path instead of its module-relative one."""
    relative, rest = breakage.explain(griffe.ExplanationStyle.MARKDOWN).removeprefix("- `").split("`", 1)
    owner = breakage.obj.parent if breakage.obj.is_alias else breakage.obj
    module = owner.module.path if owner is not None else breakage.obj.path
    path = module if relative == "<module>" else f"{module}.{relative}"
    return f"`{path}`{rest}"


def public_members(obj: griffe.Object | griffe.Alias) -> dict[str, griffe.Object | griffe.Alias]:
    """The public members of a module or class (functions have none worth listing)."""
    if not (obj.is_module or obj.is_class):
        return {}
    members = obj.all_members if obj.is_class else obj.members
    return {name: member for name, member in members.items() if member.is_public}


def pairs(old: griffe.Object | griffe.Alias, new: griffe.Object | griffe.Alias) -> Iterator[tuple[Any, Any]]:
    """Each public object present on both sides, as (old, new), depth first, without following imports."""
    yield old, new
    new_members = public_members(new)
    for name, old_member in sorted(public_members(old).items()):
        new_member = new_members.get(name)
        if new_member is not None and not old_member.is_alias and not new_member.is_alias:
            yield from pairs(old_member, new_member)


def additions(old: griffe.Module, new: griffe.Module) -> list[str]:
    """Public objects and parameters that exist in `new` only."""
    return shortened(added_members(old, new), old, new)


def added_members(old: griffe.Object, new: griffe.Object) -> list[str]:
    """Public objects and parameters that exist in `new` only, by canonical path."""
    found: list[str] = []
    for old_obj, new_obj in pairs(old, new):
        added = sorted(set(public_members(new_obj)) - set(public_members(old_obj)))
        found += [f"`{new_obj.path}.{name}`: *Public object was added*" for name in added]
        if new_obj.is_function and old_obj.is_function:
            known = {p.name for p in old_obj.parameters}
            found += [
                f"`{new_obj.path}({p.name})`: *Parameter was added*" for p in new_obj.parameters if p.name not in known
            ]
    return found


def annotation_changes(old: griffe.Object, new: griffe.Object) -> list[str]:
    """Attributes and parameters present on both sides whose annotation changed."""
    found: list[str] = []
    for old_obj, new_obj in pairs(old, new):
        if old_obj.is_attribute and new_obj.is_attribute and str(old_obj.annotation) != str(new_obj.annotation):
            found.append(
                f"`{new_obj.path}`: *Attribute changed type*: `{old_obj.annotation}` -> `{new_obj.annotation}`"
            )
        if old_obj.is_function and new_obj.is_function:
            found += signature_changes(old_obj, new_obj)
    return found


def signature_changes(old: griffe.Function, new: griffe.Function) -> list[str]:
    """The return annotation and the parameters' annotations of a function present on both sides, where changed."""
    if ATTRS_INIT in new.labels:
        return []  # the attributes' own lines say it
    before = {p.name: str(p.annotation) for p in old.parameters}
    returns = (
        []
        if str(old.returns) == str(new.returns)
        else [f"`{new.path}`: *Return changed type*: `{old.returns}` -> `{new.returns}`"]
    )
    return returns + [
        f"`{new.path}({p.name})`: *Parameter changed type*: `{before[p.name]}` -> `{p.annotation}`"
        for p in new.parameters
        if p.name in before and before[p.name] != str(p.annotation)
    ]
