#!/usr/bin/env bash
# Long fuzzing run: arbitrary answers (any status, JSON or bytes) fed to the facade; only documented
# exceptions may escape. FUZZ_EXAMPLES sets the number of examples (default 10000).
set -euo pipefail
cd "$(dirname "$0")/.."
export FUZZ_EXAMPLES="${FUZZ_EXAMPLES:-10000}"
echo "==> fuzzing the facade with $FUZZ_EXAMPLES examples"
.venv/bin/pytest tests/zilliz_import/resources/test_import_jobs_fuzz.py -q -o addopts="" -p no:cacheprovider --timeout 3600
