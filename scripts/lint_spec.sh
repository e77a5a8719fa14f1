#!/usr/bin/env bash
# Both specs must pass the OpenAPI 3.1 meta-schema and the project's own stricter rules.
set -euo pipefail
cd "$(dirname "$0")/.."
specs=(openapi/openapi.yaml openapi/control-plane.yaml)
for spec in "${specs[@]}"; do
  echo "==> openapi-spec-validator $spec"
  .venv/bin/openapi-spec-validator "$spec"
done
echo "==> project rules (scripts/spec_rules.py)"
.venv/bin/python scripts/spec_rules.py "${specs[@]}"
