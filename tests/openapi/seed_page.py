"""The published page as a witness: what it shows, checked against the spec, and the errata that explain it.

`disagreements(page, spec)` reads the page's example request (its URL and body), example response,
request and response body templates, error response and parameter tables, and names every place where
the spec does not accept what the page says: `(where, field) -> what the page says`. `errata_rows`
reads the one errata table (docs/errata.md), and `audit` compares the two: a disagreement the table
does not list, a checked row that no longer occurs, and a row without its reason or source are problems.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import yaml
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT.parent / "shared" / "seed" / "get-import-job-progress.md"  # CI: ../shared/ next to the checkout
SPEC = ROOT / "openapi" / "openapi.yaml"
ERRATA = ROOT / "docs" / "errata.md"
TEXT = "text"  # errata rows about the page's prose, read by people: the check needs their reason and source only
PAGE_TYPES = {"integer", "string", "number", "boolean", "object", "array"}
Found = dict[tuple[str, str], str]


def sections(page: str) -> list[tuple[str, str]]:
    """The page as (heading, body) pairs; a bullet that names a table ("- Header parameters") is a heading too."""
    out, heading, lines = [], "", []
    for line in page.splitlines():
        match = re.match(r"#+\s+(.*)|\s*-\s+(Header parameters)\s*$", line)
        if match:
            out.append((heading, "\n".join(lines)))
            heading, lines = (match.group(1) or match.group(2)).strip(), []
        else:
            lines.append(line)
    return [*out, (heading, "\n".join(lines))]


def blocks(text: str) -> list[tuple[str, str]]:
    """The fenced code blocks of a section: (language, text)."""
    return re.findall(r"```(\w*)\n(.*?)```", text, re.DOTALL)


def table(text: str) -> list[tuple[str, str, str]]:
    """A section's table rows as (field, type, description); a row may run over several lines."""
    rows, current = [], ""
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("|") or current:
            current = f"{current} {stripped}" if current else stripped
            if current.endswith("|") and current.count("|") >= 3:
                rows.append(current)
                current = ""
    out = []
    for row in rows:
        cells = [cell.strip() for cell in row.strip("|").split("|", 1)]
        name = re.fullmatch(r"__(.+?)__", cells[0])
        kind = re.match(r"(?:\*\*|__)(\w+)(?:\*\*|__)", cells[1]) if len(cells) > 1 else None
        if name and kind:
            out.append((name.group(1), kind.group(1), cells[1]))
    return out


class Spec:
    """The operation of the page in the spec: its request, success and error schemas, and its header parameters."""

    def __init__(self, document: dict[str, Any], path: str) -> None:
        self.document = document
        self.registry: Registry[Any] = Registry().with_resource("", Resource.opaque(document))
        operation = document["paths"][path]["post"]
        self.request = self.resolve(operation["requestBody"])["content"]["application/json"]["schema"]
        variants = self.resolve(operation["responses"]["200"])["content"]["application/json"]["schema"]["oneOf"]
        self.success, self.error = variants
        self.headers = {self.resolve(p)["name"]: self.resolve(p)["schema"] for p in operation.get("parameters", [])}
        if any(s.get("type") == "http" for s in document["components"].get("securitySchemes", {}).values()):
            self.headers["Authorization"] = {"type": "string"}  # `Authorization: Bearer <token>`

    def resolve(self, node: Any) -> Any:
        """A node with its `$ref` followed."""
        while isinstance(node, dict) and "$ref" in node:
            node = self.registry.resolver().lookup(node["$ref"]).contents
        return node

    def errors(self, value: Any, schema: Any) -> list[str]:
        """Where `value` breaks `schema`: JSON paths, list indexes written `[]`."""
        validator = Draft202012Validator({**schema, "components": self.document["components"]})  # local $refs resolve
        out = []
        for error in validator.iter_errors(value):
            path = "".join("[]" if isinstance(p, int) else f".{p}" for p in error.absolute_path).lstrip(".")
            out.append(path or "$")
        return sorted(set(out))

    def at(self, schema: Any, path: list[str]) -> list[Any]:
        """The schemas at a field path (`[]` is an item of an array); empty when the path does not exist."""
        nodes = self._alternatives(schema)
        for step in path:
            following = []
            for node in nodes:
                if step == "[]" and "items" in node:
                    following += self._alternatives(node["items"])
                elif step != "[]" and step in node.get("properties", {}):
                    following += self._alternatives(node["properties"][step])
            nodes = following
        return nodes

    def _alternatives(self, schema: Any) -> list[Any]:
        schema = self.resolve(schema)
        choices = schema.get("anyOf") or schema.get("oneOf") or schema.get("allOf")
        return [n for c in choices for n in self._alternatives(c)] if choices else [schema]

    def types(self, schema: Any, path: list[str]) -> set[str]:
        """JSON types the spec allows at a path."""
        found: set[str] = set()
        for node in self.at(schema, path):
            kind = node.get("type", [])
            found |= set(kind if isinstance(kind, list) else [kind])
        return found | ({"number"} if "integer" in found else set())

    def values(self, schema: Any, path: list[str]) -> set[str]:
        """The enumerated values the spec knows at a path."""
        return {
            str(v) for node in self.at(schema, path) for v in node.get("enum", [node.get("const")]) if v is not None
        }


def split(path: str) -> list[str]:
    """`data.details[].fileSize` as steps: data, details, [], fileSize."""
    return [step for part in path.split(".") for step in re.split(r"(\[\])", part) if step]


def _template(found: Found, where: str, spec: Spec, schema: Any, value: Any, path: str = "") -> None:  # noqa: PLR0917
    """A body template ({"field": "integer"}): each field's type name against the spec."""
    if isinstance(value, dict):
        for key, item in value.items():
            _template(found, where, spec, schema, item, f"{path}.{key}" if path else key)
    elif isinstance(value, list):
        for item in value:
            _template(found, where, spec, schema, item, f"{path}[]")
    elif isinstance(value, str) and value in PAGE_TYPES:
        allowed = spec.types(schema, split(path))
        if not allowed:
            found[(where, path)] = "a field the spec does not have"
        elif value not in allowed:
            found[(where, path)] = value


def _table(found: Found, where: str, spec: Spec, schema: Any, rows: list[tuple[str, str, str]]) -> None:
    """A table's types, enumerated states and success code against the spec."""
    for name, kind, description in rows:
        path = name
        if not spec.at(schema, split(path)) and spec.at(schema, split(path.replace("data[]", "data"))):
            found[(where, "data[].details")] = "data[].details"  # one wrong prefix, reported once
            path = path.replace("data[]", "data")
        if not spec.at(schema, split(path)):
            found[(where, name)] = "a field the spec does not have"
            continue
        allowed = spec.types(schema, split(path))
        if kind in PAGE_TYPES and kind not in allowed:
            found[(where, path)] = kind
        listed = re.search(r"Possible values are (.*?)\.", description)
        if listed:
            values = set(re.findall(r"__(\w+)__", listed.group(1)))
            known = spec.values(schema, split(path)) - {"None"}  # an internal state no page would list
            if values != known:
                found[(where, f"{path} values")] = ", ".join(sorted(values))
        success = re.search(r"`(\d+)`: The request succeeds", description)
        if success and spec.errors(int(success.group(1)), spec.resolve(spec.success)["properties"]["code"]):
            found[(where, f"{path} success")] = success.group(1)


def disagreements(page: str, spec_document: dict[str, Any]) -> Found:
    """Every place where the spec does not accept what the page says."""
    parts = dict(sections(page))
    shell = next(text for lang, text in blocks(parts["Example"]) if lang == "shell")
    variables = dict(re.findall(r'export (\w+)="([^"]*)"', shell))
    url = re.search(r'--request POST "([^"]+)"', shell)
    assert url, "the page's example has no curl URL"
    full = re.sub(r"\$\{(\w+)\}", lambda m: variables.get(m.group(1), m.group(0)), url.group(1))
    path = "/" + full.split("://")[-1].split("/", 1)[1]
    spec = Spec(spec_document, path)
    found: Found = {}
    if full.count("://") != 1:
        found[("example URL", "CLUSTER_ENDPOINT")] = full
    body = re.search(r"--data-raw '(.*?)'", shell, re.DOTALL)
    assert body, "the page's example has no request body"
    for field in spec.errors(json.loads(body.group(1)), spec.request):
        found[("request example", field)] = json.dumps(json.loads(body.group(1)).get(field))
    response = next(text for lang, text in blocks(parts["Example"]) if lang == "json")
    for field in spec.errors(json.loads(response), spec.success):
        found[("response example", field)] = "see the example"
    for where, heading, schema in (("request body", "Request Body", spec.request),
                                   ("response body", "Response Body", spec.success),
                                   ("error response", "Error Response", spec.error)):  # fmt: skip
        code = blocks(parts[heading])[0][1]
        _template(found, where, spec, schema, json.loads(re.sub(r":\s*(\w+)\s*(,?)\n", r': "\1"\2\n', code)))
        _table(found, f"{where} table", spec, schema, table(parts[heading]))
    for name, kind, description in table(parts["Header parameters"]):
        schema = spec.headers.get(name)
        if schema is None:
            found[("header table", name)] = "a header the spec does not have"
        elif kind not in spec.types(schema, []):
            found[("header table", name)] = kind
        value = re.search(r"Setting this to (\S+)", description)
        if schema is not None and value and spec.errors(value.group(1), {"type": "integer"} | schema):
            found[("header table", f"{name} value")] = value.group(1)
    return found


def errata_rows(markdown: str) -> list[dict[str, str]]:
    """The rows of the errata table: where, field, the page says, the spec says, reason, source."""
    columns = ["where", "field", "page", "spec", "reason", "source"]
    rows = []
    for line in markdown.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if line.startswith("|") and len(cells) == len(columns) and not set(cells[0]) <= {"-", " "}:
            rows.append(dict(zip(columns, [c.strip("`") if i < 2 else c for i, c in enumerate(cells)], strict=True)))
    return rows[1:]  # the header row


def audit(page: str, spec_document: dict[str, Any], markdown: str) -> list[str]:
    """What is wrong between the page, the spec and the errata table; empty when every disagreement is listed."""
    found = disagreements(page, spec_document)
    rows = errata_rows(markdown)
    listed = {(row["where"], row["field"]) for row in rows if row["where"] != TEXT}
    problems = [
        f"not in the errata: {w} `{f}` (the page says {found[(w, f)]})" for w, f in found if (w, f) not in listed
    ]
    problems += [f"listed but the page no longer says it: {w} `{f}`" for w, f in sorted(listed - set(found))]
    problems += [f"errata row without a reason or a source: {row['where']} `{row['field']}`"
                 for row in rows if not row["reason"] or not row["source"]]  # fmt: skip
    return problems


def load_spec() -> dict[str, Any]:
    """The cluster spec."""
    document: dict[str, Any] = yaml.safe_load(SPEC.read_text(encoding="utf-8"))
    return document
