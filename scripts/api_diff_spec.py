"""What changed between two versions of the OpenAPI document, as one line per fact.

A spec is flattened into facts keyed by (kind, where): operations, response codes, documented error
codes (`x-error-codes` on operations and schemas), named schemas, properties with their type, whether
each property is required, and enum values. Two specs are compared fact by fact.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")
COMPOSITIONS = {"oneOf": " | ", "anyOf": " | ", "allOf": " & "}
# The order in which kinds of facts are listed.
KINDS = (
    "operation",
    "parameter",
    "request",
    "response",
    "error code",
    "schema",
    "property",
    "requirement",
    "enum value",
)

Facts = dict[tuple[str, str], str]


def type_label(schema: Any) -> str:
    """A short type for a schema: `Ref`, `string(date-time)`, `array[Count]`, `A | B`."""
    if not isinstance(schema, dict):
        return "any"
    if "$ref" in schema:
        return str(schema["$ref"]).rsplit("/", 1)[-1]
    for key, joiner in COMPOSITIONS.items():
        if key in schema:
            return joiner.join(type_label(branch) for branch in schema[key])
    if "const" in schema:
        return f"const {schema['const']!r}"
    return plain_type_label(schema)


def plain_type_label(schema: dict[str, Any]) -> str:
    """The label of a schema that is neither a reference nor a composition."""
    types = schema.get("type", "any")
    names = [str(t) for t in types] if isinstance(types, list) else [str(types)]
    if "array" in names:
        names[names.index("array")] = f"array[{type_label(schema.get('items'))}]"
    if "format" in schema:
        names[0] = f"{names[0]}({schema['format']})"
    if isinstance(schema.get("additionalProperties"), dict):
        names.append(f"map[{type_label(schema['additionalProperties'])}]")
    return " | ".join(names)


def schema_facts(schema: Any, where: str) -> Iterator[tuple[tuple[str, str], str]]:
    """Facts of an inline schema and of the inline schemas nested in it (references are not followed)."""
    if not isinstance(schema, dict) or "$ref" in schema:
        return
    yield from error_code_facts(schema, where)
    for value in schema.get("enum", []):
        yield ("enum value", f"{where} {value!r}"), "listed"
    required = set(schema.get("required", []))
    for name, subschema in (schema.get("properties") or {}).items():
        path = f"{where}.{name}"
        yield ("property", path), type_label(subschema)
        yield ("requirement", path), "required" if name in required else "optional"
        yield from schema_facts(subschema, path)
    yield from schema_facts(schema.get("items"), f"{where}[]")
    for key in COMPOSITIONS:
        for branch in schema.get(key, []):
            yield from schema_facts(branch, where)


def error_code_facts(node: dict[str, Any], where: str) -> Iterator[tuple[tuple[str, str], str]]:
    """The documented error codes of an operation or schema (`x-error-codes`: a map or a list)."""
    codes = node.get("x-error-codes") or {}
    pairs = codes.items() if isinstance(codes, dict) else ((code, "listed") for code in codes)
    for code, meaning in pairs:
        yield ("error code", f"{where} {code}"), str(meaning)


def operations(spec: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """Each operation as (name, `METHOD /path`, definition); the name is its operationId when it has one."""
    for path, item in (spec.get("paths") or {}).items():
        for method in METHODS:
            if isinstance(item, dict) and isinstance(item.get(method), dict):
                endpoint = f"{method.upper()} {path}"
                yield item[method].get("operationId", endpoint), endpoint, item[method]


def operation_facts(spec: dict[str, Any]) -> Iterator[tuple[tuple[str, str], str]]:
    """Operations, their response codes and error codes, and their inline request and response schemas."""
    for name, endpoint, operation in operations(spec):
        yield ("operation", name), endpoint
        yield from error_code_facts(operation, name)
        for parameter in operation.get("parameters") or []:
            yield ("parameter", f"{name} {parameter_label(parameter)}"), parameter_value(parameter)
        if operation.get("requestBody"):
            yield ("request", name), type_label(first_schema(operation["requestBody"]))
        yield from body_facts(operation.get("requestBody"), f"{name} request")
        for code, response in (operation.get("responses") or {}).items():
            yield ("response", f"{name} {code}"), type_label(first_schema(response)) if response else "any"
            yield from body_facts(response, f"{name} {code}")


def parameter_label(parameter: dict[str, Any]) -> str:
    """A parameter's reference name, or `in:name` for one defined in place."""
    if "$ref" in parameter:
        return type_label(parameter)
    return f"{parameter.get('in')}:{parameter.get('name')}"


def parameter_value(parameter: dict[str, Any]) -> str:
    """Whether a parameter is required, and its type (a reference stands for its target)."""
    if "$ref" in parameter:
        return "listed"
    required = "required" if parameter.get("required") else "optional"
    return f"{required} {type_label(parameter.get('schema'))}"


def first_schema(body: Any) -> Any:
    """The schema of a request body's or response's first content type, or its `$ref`."""
    if not isinstance(body, dict) or "$ref" in body:
        return body
    for media in (body.get("content") or {}).values():
        return media.get("schema") if isinstance(media, dict) else None
    return None


def body_facts(body: Any, where: str) -> Iterator[tuple[tuple[str, str], str]]:
    """Facts of the inline schema of a request body or response."""
    yield from schema_facts(first_schema(body), where)


def component_facts(spec: dict[str, Any]) -> Iterator[tuple[tuple[str, str], str]]:
    """Named schemas and parameters, and the facts of reusable schemas, request bodies and responses."""
    components = spec.get("components") or {}
    for name, schema in (components.get("schemas") or {}).items():
        yield ("schema", name), type_label(schema)
        yield from schema_facts(schema, name)
    for name, parameter in (components.get("parameters") or {}).items():
        yield ("parameter", name), f"{parameter_label(parameter)} {parameter_value(parameter)}"
    for section in ("requestBodies", "responses"):
        for name, body in (components.get(section) or {}).items():
            yield from body_facts(body, f"{section}.{name}")


def facts_of(spec: dict[str, Any] | None) -> Facts:
    """Every fact of a spec; an absent spec has none."""
    if not spec:
        return {}
    return dict([*operation_facts(spec), *component_facts(spec)])


def describe(key: tuple[str, str], old: str | None, new: str | None) -> str:
    """One line for a fact that was added (`+`), removed (`-`) or changed (`~`)."""
    kind, where = key
    if old is None:
        return f"+ added {kind} {where}" + ("" if new == "listed" else f": {new}")
    if new is None:
        return f"- removed {kind} {where}"
    if kind == "requirement":
        return f"~ made {new} {where}"
    return f"~ changed {kind} {where}: {old} -> {new}"


def spec_changes(old: dict[str, Any] | None, new: dict[str, Any] | None) -> list[str]:
    """The differences between two specs by kind of fact: removals, then changes, then additions.

    A fact added or removed together with the fact that holds it (a property of a new schema, the
    response codes of a removed operation) is left out: the holder's line says it.
    """
    before, after = facts_of(old), facts_of(new)
    changed = [k for k in before.keys() | after.keys() if before.get(k) != after.get(k)]
    appeared = [k for k in changed if (k in before) != (k in after)]
    kept = [k for k in changed if not any(holds(holder, k) for holder in appeared)]
    kept.sort(key=lambda k: (KINDS.index(k[0]), (k in after) + (k not in before), k[1]))
    return [describe(k, before.get(k), after.get(k)) for k in kept]


def holds(holder: tuple[str, str], key: tuple[str, str]) -> bool:
    """Whether the fact `holder` is about something that contains what `key` is about."""
    (holder_kind, holder_where), (kind, where) = holder, key
    if holder_where == where:
        return KINDS.index(holder_kind) < KINDS.index(kind)
    return any(where.startswith(holder_where + separator) for separator in ". [")
