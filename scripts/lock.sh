#!/usr/bin/env bash
# Re-resolves the lock files with a pinned uv kept outside .venv, so locking never touches the env.
set -euo pipefail
cd "$(dirname "$0")/.."
tool=.cache/uv-tool
if [ ! -x "$tool/bin/uv" ]; then
  echo "==> installing uv into $tool"
  python3.11 -m venv "$tool"
  "$tool/bin/pip" install --quiet uv==0.13.8
fi
for name in dev bench docs; do
  echo "==> locking requirements/$name.in"
  "$tool/bin/uv" pip compile --quiet --python-version 3.11 --generate-hashes \
    "requirements/$name.in" -o "requirements/$name.lock"
done
