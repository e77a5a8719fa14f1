#!/usr/bin/env bash
# Builds .venv from the lock file alone: hashes are required and nothing is resolved here.
set -euo pipefail
cd "$(dirname "$0")/.."
python="${1:-python3.11}"

echo "==> creating .venv with $python"
"$python" -m venv .venv
echo "==> installing requirements/dev.lock"
.venv/bin/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps \
  -r requirements/dev.lock
echo "==> installing both generated clients and the hand-written package (editable)"
.venv/bin/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation \
  -e generated/cluster -e generated/control_plane -e .
.venv/bin/python -m pip check
