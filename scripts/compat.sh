#!/usr/bin/env bash
# Third-party clients against the mock: the official Python SDK (pymilvus, from the bench group) runs
# create, list and progress unchanged against every release profile.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "==> installing requirements/bench.lock (pymilvus[bulk-writer])"
.venv/bin/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps \
  -r requirements/bench.lock
echo "==> running tests/compat against the mock"
.venv/bin/pytest tests/compat -m compat "$@"
