#!/usr/bin/env bash
# `make dist-check`: installs what `make dist` built as a user would, outside the checkout, and uses it.
# A fresh virtualenv in a scratch directory gets zilliz-import, zilliz-import-client and
# zilliz-cloud-import-client from dist/ only (no index, no configured find-links: the names are not
# ours on an index), then their dependencies (zilliz-import with its `contract` extra) from the
# registry, constrained to the versions of requirements/dev.lock. Every installed distribution must
# then be one of dist/ or pinned in the lock at the same version, the three packages must import, and
# `zilliz-import contract` must pass against the installed mock on both planes, recording every exchange
# (no token on disk), and `zilliz-import corpus check` must read and replay those recordings.
set -euo pipefail
cd "$(dirname "$0")/.."
python="${1:-python3.11}"
root="$PWD"
compgen -G "dist/*.whl" >/dev/null || { echo "==> no wheels in dist/: run 'make dist' first" >&2; exit 2; }

scratch="$(mktemp -d)"
mock_pid=""
cleanup() {
  if [ -n "$mock_pid" ]; then kill "$mock_pid" 2>/dev/null || true; wait "$mock_pid" 2>/dev/null || true; fi
  rm -rf "$scratch"
}
trap cleanup EXIT
tools=(.venv/bin/python scripts/dist_tool.py)
"${tools[@]}" pins dist requirements/dev.lock >"$scratch/constraints.txt"
"${tools[@]}" requirements dist contract >"$scratch/requirements.txt"
mapfile -t ours < <(grep -i '^zilliz-' "$scratch/constraints.txt")

cd "$scratch"   # nothing of the checkout is importable from here
echo "==> creating a fresh virtualenv in $scratch with $python"
"$python" -m venv venv
pip=(venv/bin/python -m pip install --quiet --disable-pip-version-check)
echo "==> installing ${ours[*]} from $root/dist only"
env -u PIP_FIND_LINKS -u PIP_INDEX_URL -u PIP_EXTRA_INDEX_URL PIP_CONFIG_FILE=/dev/null \
  "${pip[@]}" --no-index --find-links "$root/dist" --no-deps "${ours[@]}"
echo "==> installing their dependencies (zilliz-import[contract]) as pinned in requirements/dev.lock"
"${pip[@]}" -c constraints.txt -r requirements.txt
venv/bin/python -m pip check
venv/bin/python -m pip freeze --all >freeze.txt
(cd "$root" && .venv/bin/python scripts/dist_tool.py verify dist requirements/dev.lock "$scratch/freeze.txt")
echo "==> every installed distribution is from dist/ or pinned in requirements/dev.lock"

echo "==> importing the three packages"
venv/bin/python - "$scratch" <<'PY'
import sys

import zilliz_cloud_import_client
import zilliz_import
import zilliz_import_client

for module in (zilliz_import, zilliz_import_client, zilliz_cloud_import_client):
    assert module.__file__ and module.__file__.startswith(sys.argv[1]), f"{module.__name__} from {module.__file__}"
    print(f"==> imported {module.__name__} from {module.__file__}")
PY

# Starts the installed mock on a free loopback port with the given options; sets $url.
start_mock() {
  venv/bin/python -m zilliz_import.mock --host 127.0.0.1 --port 0 --job-seconds 0.5 "$@" >mock.log 2>&1 &
  mock_pid=$!
  url=""
  for _ in $(seq 100); do
    url="$(grep -o 'http://127\.0\.0\.1:[0-9]*' mock.log | head -n 1 || true)"
    [ -n "$url" ] && return 0
    kill -0 "$mock_pid" 2>/dev/null || break
    sleep 0.1
  done
  echo "==> the mock did not start" >&2
  cat mock.log >&2
  exit 1
}

stop_mock() {
  kill "$mock_pid" 2>/dev/null || true
  wait "$mock_pid" 2>/dev/null || true
  mock_pid=""
}

contract=(venv/bin/zilliz-import contract --allow-create --examples 5 --follow-seconds 30 --poll-interval 0.1)
start_mock
echo "==> zilliz-import contract against the cluster mock on $url"
"${contract[@]}" --endpoint "$url" --token root:Milvus --junit cluster.xml --record recorded
stop_mock
start_mock --control-plane
echo "==> zilliz-import contract --control-plane against the control-plane mock on $url"
"${contract[@]}" --control-plane --endpoint "$url" --token mock-api-key --cluster-id in01-mock --junit control-plane.xml \
  --record recorded
stop_mock
if grep -l -e 'root:Milvus' -e 'mock-api-key' recorded/*.yaml; then
  echo "==> a token reached a recording" >&2
  exit 1
fi
echo "==> zilliz-import corpus check: every recorded answer classified, no token on disk"
venv/bin/zilliz-import corpus check recorded
# The installed mock runs on wall time, so replayed jobs may be seen in other states than recorded:
# differences (exit 1) are expected; bad input (2) or an unreachable mock (5) are failures.
replay() {
  local status=0
  venv/bin/zilliz-import corpus check "$1" --endpoint "$url" --token "$2" >replay.log || status=$?
  tail -n 2 replay.log
  [ "$status" -le 1 ] && grep -q 'replayed against' replay.log
}
start_mock
echo "==> zilliz-import corpus check --endpoint: the cluster recording replayed against the cluster mock"
replay recorded/cluster.yaml root:Milvus
stop_mock
start_mock --control-plane
echo "==> zilliz-import corpus check --endpoint: the control-plane recording replayed against its mock"
replay recorded/control-plane.yaml mock-api-key
stop_mock
echo "==> dist/ installs outside the checkout, passes the contract suite and records and replays on both planes"
