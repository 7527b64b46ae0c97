#!/usr/bin/env bash
# The whole test suite: types, import boundaries (lint), TypeScript tests (vitest), Python tests (pytest).
# Ends with each runner's one-line summary so that a CI log's last lines say what ran.
set -uo pipefail
cd "$(dirname "$0")/.."
PYTHON=/usr/bin/python3

npm run --silent typecheck || { echo "typecheck failed"; exit 1; }
npm run --silent lint || { echo "lint failed (see the import-boundary rules in eslint.config.js)"; exit 1; }

# The end-to-end tests drive the built renderer in Chromium through the browser preview.
npm run --silent build:renderer >/dev/null || { echo "renderer build failed (npm run build:renderer)"; exit 1; }

mkdir -p test-results
npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/vitest.json
vitest_rc=$?

pytest_rc=0
pytest_summary=""
if compgen -G "model/training/tests/test_*.py" >/dev/null; then
  "$PYTHON" -m pytest model/training/tests -q -p no:cacheprovider | tee test-results/pytest.log
  pytest_rc=${PIPESTATUS[0]}
  pytest_summary=$(tail -n 1 test-results/pytest.log)
fi

echo
[ -n "$pytest_summary" ] && echo "pytest: $pytest_summary"
node -e '
  const r = JSON.parse(require("fs").readFileSync("test-results/vitest.json", "utf8"));
  const skipped = r.numPendingTests + r.numTodoTests;
  console.log(`vitest: ${r.numPassedTests} passed, ${r.numFailedTests} failed` + (skipped ? `, ${skipped} skipped` : ""));
' 2>/dev/null || echo "vitest: no summary (the run did not finish)"
[ "$vitest_rc" -eq 0 ] && [ "$pytest_rc" -eq 0 ]
