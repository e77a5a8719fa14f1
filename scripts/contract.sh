#!/usr/bin/env bash
# The contract suite against the mock (in-process and over HTTP) with many more examples,
# a JUnit report and a case count under reports/.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p reports
export CONTRACT_MAX_EXAMPLES="${CONTRACT_MAX_EXAMPLES:-200}" CONTRACT_SUMMARY=reports/contract-summary.json
echo "==> contract suite against the mock, up to $CONTRACT_MAX_EXAMPLES examples per operation and mode"
.venv/bin/pytest tests/zilliz_import/contract --junitxml=reports/contract-junit.xml -o junit_family=xunit2 -q
total=$(.venv/bin/python -c "import json; print(json.load(open('reports/contract-summary.json'))['total'])")
echo "==> $total generated cases; JUnit report in reports/contract-junit.xml"
if [ "$total" -lt 1000 ]; then
  echo "==> fewer than 1,000 cases: raise CONTRACT_MAX_EXAMPLES" >&2
  exit 1
fi
