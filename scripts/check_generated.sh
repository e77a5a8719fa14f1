#!/usr/bin/env bash
# Fails when a generated project (generated/cluster/, generated/control_plane/) is not exactly what
# the committed spec, generator config and templates produce, or when pyproject.toml's bounds on the
# generated clients are not those their specs give (scripts/client_bounds.py).
set -euo pipefail
cd "$(dirname "$0")/.."
fresh="$(mktemp -d)"
trap 'rm -rf "$fresh"' EXIT
scripts/generate.sh "$fresh" >/dev/null
stale=0
for folder in $(.venv/bin/python scripts/generated_projects.py | cut -f4); do
  echo "==> comparing $folder/ with a fresh generation"
  if ! diff -r -x __pycache__ -x .pdm-build "$fresh/$folder" "$folder"; then
    echo "==> $folder/ is out of date: run 'make generate' and commit the result" >&2
    stale=1
  fi
done
echo "==> comparing pyproject.toml's bounds on the generated clients with their specs"
.venv/bin/python scripts/client_bounds.py --check || stale=1
[ "$stale" -eq 0 ] || exit 1
echo "==> every generated project is up to date"
