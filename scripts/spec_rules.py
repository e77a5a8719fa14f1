"""Project rules for the specs (openapi/openapi.yaml, openapi/control-plane.yaml), stricter than the meta-schema.

Usage: python scripts/spec_rules.py SPEC [SPEC...]

Every example must validate against its own schema, every operation must be complete (with the
statuses its server answers, from `REQUIRED_STATUSES`), links must name real operations and fields
that exist, the success codes must be exactly the codes the error envelope excludes, and each
operation's documented error codes (`x-error-codes`) must be covered by the envelope's union and
cover the codes of its own error examples.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

SPEC_URI = "urn:zilliz-import:openapi"
# The statuses every operation must document, per spec file. A cluster: default mode (200, 401, 403,
# 408, 500) and the standard-status mode (400, 429, 499). The control plane: 200 and a panic's 500.
REQUIRED_STATUSES = {
    "openapi.yaml": ("200", "400", "401", "403", "408", "429", "499", "500"),
    "control-plane.yaml": ("200", "500"),
}
REQUIRED_OPERATION_KEYS = ("operationId", "summary", "description", "tags", "requestBody")


def load(path: Path) -> dict[str, Any]:
    """Read the spec as plain data."""
    with path.open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    if not isinstance(data, dict):
        raise SystemExit(f"{path}: not a YAML mapping")
    return data


def pointer(*parts: str) -> str:
    """A JSON pointer from raw path segments."""
    return "#/" + "/".join(p.replace("~", "~0").replace("/", "~1") for p in parts)


def resolve(spec: dict[str, Any], node: Any) -> tuple[Any, str | None]:
    """Follow one local `$ref`; returns the target and its pointer (None when not a ref)."""
    if isinstance(node, dict) and "$ref" in node:
        ref = node["$ref"]
        target: Any = spec
        for part in ref.removeprefix("#/").split("/"):
            target = target[part.replace("~1", "/").replace("~0", "~")]
        return target, ref
    return node, None


def operations(spec: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """Every (path, method, operation) of the spec."""
    for path, item in spec.get("paths", {}).items():
        for method, operation in item.items():
            if method in {"get", "put", "post", "delete", "patch", "head", "options", "trace"}:
                yield path, method, operation


def media_types(spec: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any], str]]:
    """Every media type object with a label and the pointer of its schema."""
    for path, method, operation in operations(spec):
        body, body_ref = resolve(spec, operation.get("requestBody", {}))
        base = body_ref or pointer("paths", path, method, "requestBody")
        for name, media in body.get("content", {}).items():
            yield f"{method.upper()} {path} request", media, f"{base}/content/{pointer(name)[2:]}/schema"
        for status, declared in operation.get("responses", {}).items():
            response, ref = resolve(spec, declared)
            base = ref or pointer("paths", path, method, "responses", status)
            for name, media in response.get("content", {}).items():
                label = f"{method.upper()} {path} {status}"
                yield label, media, f"{base}/content/{pointer(name)[2:]}/schema"


def example_errors(spec: dict[str, Any]) -> list[str]:
    """Every example that does not validate against the schema beside it (format checks on)."""
    registry = Registry().with_resource(SPEC_URI, Resource(spec, specification=DRAFT202012))
    errors, seen = [], set()
    for label, media, schema_pointer in media_types(spec):
        examples = {k: v.get("value") for k, v in media.get("examples", {}).items()}
        if "example" in media:
            examples["example"] = media["example"]
        validator = Draft202012Validator(
            {"$ref": SPEC_URI + schema_pointer},
            registry=registry,
            format_checker=Draft202012Validator.FORMAT_CHECKER,
        )
        for name, value in examples.items():
            if (schema_pointer, name) in seen:
                continue
            seen.add((schema_pointer, name))
            for error in validator.iter_errors(value):
                errors.append(f"{label}: example {name!r}: {error.message}")
    return errors


def has_path(spec: dict[str, Any], schema: Any, parts: list[str]) -> bool:
    """Whether a value at `parts` can exist under `schema` (through refs, properties and any branch)."""
    schema = resolve(spec, schema)[0]
    if not parts:
        return True
    if not isinstance(schema, dict):
        return False
    if parts[0] in schema.get("properties", {}):
        return has_path(spec, schema["properties"][parts[0]], parts[1:])
    branches = schema.get("oneOf", []) + schema.get("anyOf", []) + schema.get("allOf", [])
    return any(has_path(spec, branch, parts) for branch in branches)


def request_schema(spec: dict[str, Any], operation: dict[str, Any]) -> Any:
    """The JSON request body schema of an operation (None without one)."""
    body = resolve(spec, operation.get("requestBody", {}))[0]
    return body.get("content", {}).get("application/json", {}).get("schema")


def expression_errors(spec: dict[str, Any], expression: Any, sources: dict[str, Any]) -> list[str]:
    """A `$request.body#/...` or `$response.body#/...` expression naming a field its schema lacks."""
    match = re.fullmatch(r"\$(request|response)\.body#/(.+)", str(expression))
    if not match:
        return []
    parts = [p.replace("~1", "/").replace("~0", "~") for p in match.group(2).split("/")]
    if has_path(spec, sources[match.group(1)], parts):
        return []
    return [f"{expression} names no field of the {match.group(1)} body"]


def link_errors(spec: dict[str, Any], where: str, link: dict[str, Any], sources: dict[str, Any]) -> list[str]:
    """A link to an unknown operation, or whose body fields exist on neither side."""
    targets = {op.get("operationId"): op for _, _, op in operations(spec)}
    target = targets.get(link.get("operationId"))
    if target is None:
        return [f"{where} names an unknown operation"]
    fields = link.get("requestBody", {}) if isinstance(link.get("requestBody"), dict) else {}
    errors = [
        f"{where} sends {name}, which {link['operationId']} does not take"
        for name in fields
        if not has_path(spec, request_schema(spec, target), [name])
    ]
    for value in fields.values():
        errors += [f"{where}: {e}" for e in expression_errors(spec, value, sources)]
    return errors


def operation_errors(spec: dict[str, Any], statuses: tuple[str, ...]) -> list[str]:
    """Operations missing a documented part or status, and links to operations or fields that do not exist."""
    errors = []
    for path, method, operation in operations(spec):
        where = f"{method.upper()} {path}"
        errors += [f"{where}: no {key}" for key in REQUIRED_OPERATION_KEYS if key not in operation]
        responses = operation.get("responses", {})
        errors += [f"{where}: no {code} response" for code in statuses if code not in responses]
        for status, declared in responses.items():
            response = resolve(spec, declared)[0]
            schema = response.get("content", {}).get("application/json", {}).get("schema")
            sources = {"request": request_schema(spec, operation), "response": schema}
            for name, link in response.get("links", {}).items():
                errors += link_errors(spec, f"{where} {status}: link {name}", link, sources)
    return errors


def values_of(spec: dict[str, Any], schema: Any) -> set[Any]:
    """The values a schema allows by `const` or `enum`, through refs and `anyOf`/`oneOf` branches."""
    schema = resolve(spec, schema)[0]
    found = set(schema.get("enum", []))
    if "const" in schema:
        found.add(schema["const"])
    for branch in schema.get("anyOf", []) + schema.get("oneOf", []):
        found |= values_of(spec, branch)
    return found


def envelope_errors(spec: dict[str, Any]) -> list[str]:
    """The error envelope must exclude exactly the success codes, and list the codes its table documents."""
    schemas = spec["components"]["schemas"]
    success = values_of(spec, schemas["ResultCode"])
    excluded = values_of(spec, schemas["ErrorEnvelope"]["properties"]["code"].get("not", {}))
    errors = []
    if not success or excluded != success:
        errors.append(
            f"ErrorEnvelope.code excludes {sorted(map(repr, excluded))}, but success is {sorted(map(repr, success))}"
        )
    envelope = schemas["ErrorEnvelope"]
    listed = set(envelope.get("x-error-codes", {}))
    tabled = set(re.findall(r"^\| (\d+) \|", envelope.get("description", ""), flags=re.MULTILINE))
    if listed != tabled:
        errors.append(f"ErrorEnvelope: x-error-codes {sorted(listed)} differ from its table {sorted(tabled)}")
    return errors


def example_codes(spec: dict[str, Any], operation: dict[str, Any]) -> Iterator[tuple[str, str, int | str]]:
    """(status, example name, code) of every error example among the operation's responses."""
    success = values_of(spec, spec["components"]["schemas"]["ResultCode"])
    for status, declared in operation.get("responses", {}).items():
        for media in resolve(spec, declared)[0].get("content", {}).values():
            for name, example in media.get("examples", {}).items():
                value = example.get("value")
                code = value.get("code") if isinstance(value, dict) else None
                if isinstance(code, int | str) and not isinstance(code, bool) and code not in success:
                    yield status, name, code


def error_code_errors(spec: dict[str, Any]) -> list[str]:
    """Each operation documents its codes; they lie within the envelope's union, which they exhaust."""
    union = set(spec["components"]["schemas"]["ErrorEnvelope"].get("x-error-codes", {}))
    errors, used = [], set()
    for path, method, operation in operations(spec):
        where = f"{method.upper()} {path}"
        codes = operation.get("x-error-codes")
        if not isinstance(codes, dict) or not codes:
            errors.append(f"{where}: no x-error-codes")
            continue
        used |= set(codes)
        if set(codes) - union:
            errors.append(f"{where}: x-error-codes {sorted(set(codes) - union)} are not in ErrorEnvelope's")
        for status, name, code in example_codes(spec, operation):
            if str(code) not in codes:
                errors.append(f"{where} {status}: example {name!r} has code {code}, not in its x-error-codes")
    if union - used:
        errors.append(f"ErrorEnvelope: x-error-codes {sorted(union - used)} belong to no operation")
    return errors


def leftover_errors(spec: Any, where: str = "#") -> list[str]:
    """OpenAPI 3.0 keywords that 3.1 no longer has (`nullable`) and validators silently skip."""
    if isinstance(spec, dict):
        found = [f"{where}: 'nullable' is not OpenAPI 3.1"] if "nullable" in spec else []
        for key, value in spec.items():
            if key not in {"example", "examples"}:
                found += leftover_errors(value, f"{where}/{key}")
        return found
    if isinstance(spec, list):
        return [e for i, item in enumerate(spec) for e in leftover_errors(item, f"{where}/{i}")]
    return []


def all_errors(spec: dict[str, Any], statuses: tuple[str, ...]) -> list[str]:
    """Every rule's findings; `statuses` are those every operation must document."""
    return (
        example_errors(spec)
        + operation_errors(spec, statuses)
        + envelope_errors(spec)
        + error_code_errors(spec)
        + leftover_errors(spec)
    )


def spec_errors(path: Path) -> list[str]:
    """Every rule's findings for one spec file, which `REQUIRED_STATUSES` must know by name."""
    if path.name not in REQUIRED_STATUSES:
        return [f"{path}: unknown spec; add its statuses to REQUIRED_STATUSES in scripts/spec_rules.py"]
    return [f"{path.name}: {e}" for e in all_errors(load(path), REQUIRED_STATUSES[path.name])]


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print("usage: spec_rules.py SPEC [SPEC...]", file=sys.stderr)
        return 2
    errors = [error for name in argv[1:] for error in spec_errors(Path(name))]
    for error in errors:
        print(f"error: {error}", file=sys.stderr)
    print(f"==> {len(errors)} rule violations in {len(argv) - 1} spec(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
