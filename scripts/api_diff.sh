#!/usr/bin/env bash
# Prints what changed for code that imports the clients between BASE (a git reference, default
# HEAD) and the working tree: per generated project, the spec's structure, then its Python API.
set -euo pipefail
cd "$(dirname "$0")/.."
base="${1:-HEAD}"
status=0
for name in $(.venv/bin/python scripts/generated_projects.py | cut -f1); do
  echo "==> API report of $name: $base -> working tree"
  .venv/bin/python scripts/api_diff.py --project "$name" --base "$base" || status=$?
done
exit "$status"
