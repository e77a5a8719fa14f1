#!/usr/bin/env bash
# `make docs`: installs the docs group (requirements/docs.lock: MkDocs, Material, mkdocstrings,
# mkdocs-click) into .venv, then builds the site from mkdocs.yml and docs/ into site/ in strict mode:
# a broken link, a missing page or an API reference that does not resolve fails the build.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "==> installing requirements/docs.lock (mkdocs, mkdocs-material, mkdocstrings[python], mkdocs-click)"
.venv/bin/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps \
  -r requirements/docs.lock
echo "==> building the site into site/ (mkdocs build --strict)"
export NO_MKDOCS_2_WARNING=1
.venv/bin/mkdocs build --strict --site-dir site "$@"
echo "==> site/index.html"
