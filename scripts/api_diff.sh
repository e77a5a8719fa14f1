#!/usr/bin/env bash
# Prints what changed for code that imports the client between BASE (a git reference, default
# HEAD) and the working tree: the spec's structure, then the Python API of generated/.
set -euo pipefail
cd "$(dirname "$0")/.."
base="${1:-HEAD}"
echo "==> API report: $base -> working tree"
.venv/bin/python scripts/api_diff.py --base "$base"
