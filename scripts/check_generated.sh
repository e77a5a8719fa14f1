#!/usr/bin/env bash
# Fails when generated/ is not exactly what the committed spec, config and templates produce.
set -euo pipefail
cd "$(dirname "$0")/.."
fresh="$(mktemp -d)"
trap 'rm -rf "$fresh"' EXIT
scripts/generate.sh "$fresh/client" >/dev/null
echo "==> comparing generated/ with a fresh generation"
if ! diff -r -x __pycache__ -x .pdm-build "$fresh/client" generated; then
  echo "==> generated/ is out of date: run 'make generate' and commit the result" >&2
  exit 1
fi
echo "==> generated/ is up to date"
