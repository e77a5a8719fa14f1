#!/usr/bin/env bash
# The contract suite against a real endpoint. Needs CLUSTER_ENDPOINT and TOKEN; read-only unless
# CONTRACT_LIVE_CREATE=1. Without the variables it says so and exits 0.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${CLUSTER_ENDPOINT:-}" ] || [ -z "${TOKEN:-}" ]; then
  echo "==> skipped: set CLUSTER_ENDPOINT and TOKEN to run the contract suite against a live endpoint"
  exit 0
fi
mkdir -p reports
echo "==> contract suite against $CLUSTER_ENDPOINT ($([ "${CONTRACT_LIVE_CREATE:-}" = 1 ] && echo 'creates jobs' || echo 'read-only'))"
.venv/bin/pytest tests/contract/test_live.py -m live --junitxml=reports/contract-live-junit.xml -q -rs
