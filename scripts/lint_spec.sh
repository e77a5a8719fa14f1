#!/usr/bin/env bash
# The spec must pass the OpenAPI 3.1 meta-schema and the project's own stricter rules.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "==> openapi-spec-validator openapi/openapi.yaml"
.venv/bin/openapi-spec-validator openapi/openapi.yaml
echo "==> project rules (scripts/spec_rules.py)"
.venv/bin/python scripts/spec_rules.py openapi/openapi.yaml
