#!/usr/bin/env bash
# The main job on the embedded mock: start it, create an import job of a few files, watch it to the
# end with the CLI's progress bars, stop the mock. Exits with the watch's status.
set -euo pipefail
cd "$(dirname "$0")/.."
log="$(mktemp)"
.venv/bin/python -m zilliz_import.mock --host 127.0.0.1 --port 0 --job-seconds "${JOB_SECONDS:-4}" >"$log" 2>&1 &
mock_pid=$!
trap 'kill "$mock_pid" 2>/dev/null || true; wait "$mock_pid" 2>/dev/null || true; rm -f "$log"' EXIT
for _ in $(seq 100); do
  grep -q "http://" "$log" && break
  kill -0 "$mock_pid" 2>/dev/null || { cat "$log"; exit 1; }
  sleep 0.1
done
export CLUSTER_ENDPOINT TOKEN=root:Milvus
CLUSTER_ENDPOINT="$(grep -o 'http://[0-9.:]*' "$log" | head -n 1)"
[ -n "$CLUSTER_ENDPOINT" ] || { echo "==> the mock did not start"; cat "$log"; exit 1; }
echo "==> mock serving on $CLUSTER_ENDPOINT"
echo "==> creating an import job of four files into quick_setup"
job_id="$(.venv/bin/zilliz-import create quick_setup \
  data/part-1.parquet data/part-2.parquet data/part-3.parquet vectors/ids.npy,vectors/embeddings.npy)"
echo "==> job $job_id created; watching it"
.venv/bin/zilliz-import watch "$job_id" --wait 120
.venv/bin/zilliz-import progress "$job_id"
