#!/usr/bin/env bash
# Regenerates every client project of scripts/generated_projects.py (the cluster's generated/cluster/,
# the control plane's generated/control_plane/) from its spec into a clean directory, then swaps them
# in whole, so files a spec no longer produces cannot survive. Before the swap it reports, per project,
# what changed for code that imports the client (spec and Python API against git HEAD) and refuses a
# breaking change without a major bump of that spec's info.version (ALLOW_BREAKING=1 lets one
# through); every project is then left as it was. The report also fails, whatever the version, when
# the hand-written layer (src/) uses something the new client lacks, naming each use. After the swap
# it writes zilliz-import's bounds on the clients (pyproject.toml: each spec's current major, by
# scripts/client_bounds.py). With an argument (the drift check), writes each project under that
# directory instead (DIR/generated/cluster, DIR/generated/control_plane), with no report and no bounds.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/.venv/bin:$PATH"   # the generator's ruff post hooks must be the pinned ruff

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python scripts/generated_projects.py >"$work/projects"
while IFS=$'\t' read -r name spec config folder package; do
  echo "==> generating $folder/ ($package) from $spec with $(openapi-python-client --version)"
  mkdir -p "$(dirname "$work/$folder")"
  openapi-python-client generate \
    --path "$spec" \
    --config "$config" \
    --custom-template-path openapi/templates \
    --meta pdm \
    --output-path "$work/$folder" >"$work/log" 2>&1 || { cat "$work/log"; exit 1; }
  if grep -qi "warning" "$work/log"; then
    cat "$work/log"
    echo "==> the generator warned; fix $spec" >&2
    exit 1
  fi
  python scripts/stamp_generated.py "$work/$folder" "$spec"
done <"$work/projects"

if [ $# -eq 0 ]; then
  refused=0
  while IFS=$'\t' read -r name spec config folder package; do
    echo "==> comparing $name ($spec, $package) with HEAD"
    python scripts/api_diff.py --project "$name" --base HEAD --generated "$work/$folder" --enforce || refused=1
  done <"$work/projects"
  if [ "$refused" -ne 0 ]; then
    echo "==> every generated project left as it was" >&2
    exit 1
  fi
fi
target="${1:-.}"
mkdir -p "$target"
while IFS=$'\t' read -r name spec config folder package; do
  echo "==> replacing $target/$folder"
  rm -rf "${target:?}/$folder"
  mkdir -p "$(dirname "$target/$folder")"
  mv "$work/$folder" "$target/$folder"
done <"$work/projects"
if [ $# -eq 0 ]; then
  echo "==> writing the bounds on the generated clients into pyproject.toml"
  python scripts/client_bounds.py
fi
