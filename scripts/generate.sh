#!/usr/bin/env bash
# Regenerates the client from the spec into a clean directory, then swaps it in whole,
# so files the spec no longer produces cannot survive. Before the swap it reports what changed for
# code that imports the client (spec and Python API against git HEAD) and refuses a breaking change
# without a major bump of info.version (ALLOW_BREAKING=1 lets one through); generated/ is then
# left as it was. With an argument (the drift check), writes there instead, with no report.
set -euo pipefail
cd "$(dirname "$0")/.."
target="${1:-generated}"
export PATH="$PWD/.venv/bin:$PATH"   # the generator's ruff post hooks must be the pinned ruff

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
echo "==> generating from openapi/openapi.yaml with $(openapi-python-client --version)"
openapi-python-client generate \
  --path openapi/openapi.yaml \
  --config openapi/generator-config.yaml \
  --custom-template-path openapi/templates \
  --meta pdm \
  --output-path "$work/client" >"$work/log" 2>&1 || { cat "$work/log"; exit 1; }
if grep -qi "warning" "$work/log"; then
  cat "$work/log"
  echo "==> the generator warned; fix the spec" >&2
  exit 1
fi
python scripts/stamp_generated.py "$work/client"
if [ $# -eq 0 ]; then
  echo "==> comparing with HEAD"
  python scripts/api_diff.py --base HEAD --generated "$work/client" --enforce || {
    echo "==> generated/ left as it was" >&2
    exit 1
  }
fi
echo "==> replacing $target"
rm -rf "$target"
mv "$work/client" "$target"
