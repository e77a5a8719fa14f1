#!/usr/bin/env bash
# Benchmarks, all in one run against the mock over loopback; installs the bench group first
# (the official SDK, pymilvus, as the peer). Writes BENCHMARKS.md and reports/bench.json.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "==> installing requirements/bench.lock (pymilvus[bulk-writer])"
.venv/bin/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps \
  -r requirements/bench.lock
mkdir -p reports
echo "==> running scripts/bench.py"
.venv/bin/python scripts/bench.py --json reports/bench.json --markdown BENCHMARKS.md "$@"
