#!/usr/bin/env bash
# `make dist`: wheels and sdists of the three distributions into dist/, then `twine check --strict`.
# zilliz-import from ., zilliz-import-client from generated/cluster, zilliz-cloud-import-client from
# generated/control_plane. Each is built from its sdist (so a file missing from the sdist fails
# here), without build isolation: the backends are the pinned ones of .venv (setuptools, pdm-backend).
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf dist
mkdir -p dist
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
for project in . generated/cluster generated/control_plane; do
  echo "==> building $project: sdist, then the wheel from it"
  .venv/bin/python -m build --no-isolation --outdir dist "$project" >"$log" 2>&1 || { cat "$log"; exit 1; }
done
echo "==> checking the distributions with twine"
.venv/bin/twine check --strict dist/*
ls -1 dist | sed 's/^/==> built dist\//'
