#!/usr/bin/env bash
# The contract suite against real servers: a cluster endpoint (CLUSTER_ENDPOINT, TOKEN) and the Zilliz Cloud
# control plane (CLOUD_PLATFORM_ENDPOINT, TOKEN, CLUSTER_ID). Read-only unless CONTRACT_LIVE_CREATE=1.
# A server whose variables are missing is skipped with a message naming them; nothing set still exits 0.
# RECORD=DIR records every exchange, secrets redacted, to DIR/cluster.yaml and DIR/control-plane.yaml
# (the cluster then runs through `zilliz-import contract`, as the control plane always does).
set -euo pipefail
cd "$(dirname "$0")/.."
missing() { for name in "$@"; do [ -n "${!name:-}" ] || printf '%s ' "$name"; done; }
mode=$([ "${CONTRACT_LIVE_CREATE:-}" = 1 ] && echo 'creates jobs' || echo 'read-only')
mkdir -p reports
create=$([ "${CONTRACT_LIVE_CREATE:-}" = 1 ] && echo --allow-create || true)
record=()
[ -n "${RECORD:-}" ] && record=(--record "$RECORD")
absent=$(missing CLUSTER_ENDPOINT TOKEN)
if [ -n "$absent" ]; then
  echo "==> cluster endpoint skipped: set ${absent% } to run the contract suite against it"
else
  echo "==> contract suite against $CLUSTER_ENDPOINT ($mode)"
  if [ -n "${RECORD:-}" ]; then
    .venv/bin/zilliz-import contract --endpoint "$CLUSTER_ENDPOINT" --token "$TOKEN" $create \
      --junit reports/contract-live-junit.xml "${record[@]}"
  else
    .venv/bin/pytest tests/zilliz_import/contract/test_live.py -m live --junitxml=reports/contract-live-junit.xml -q -rs
  fi
fi
absent=$(missing CLOUD_PLATFORM_ENDPOINT TOKEN CLUSTER_ID)
if [ -n "$absent" ]; then
  echo "==> control plane skipped: set ${absent% } to run the contract suite against it"
else
  echo "==> contract suite against the control plane $CLOUD_PLATFORM_ENDPOINT, cluster $CLUSTER_ID ($mode)"
  .venv/bin/zilliz-import contract --control-plane --endpoint "$CLOUD_PLATFORM_ENDPOINT" --token "$TOKEN" \
    --cluster-id "$CLUSTER_ID" $create --junit reports/contract-live-control-plane-junit.xml "${record[@]}"
fi
