#!/usr/bin/env bash
# The whole test suite: types, import boundaries (lint), TypeScript tests (vitest), Python tests (pytest).
# Two suites: the standalone one (everything, on data the repository makes or holds) and the real-data one
# (test/real-data/ and pytest's real_data marker: the importer, the features, the generator and the shipped
# model against real Home Credit rows), which runs only when OCTROI_REAL_DATA names a folder of real
# samples (docs/DATA.md). Ends with one summary line per runner and one for the real-data suite, so that a
# CI log's last lines say what ran — including "real-data: not run" when it did not.
set -uo pipefail
cd "$(dirname "$0")/.."
PYTHON=/usr/bin/python3

if [ -n "${OCTROI_REAL_DATA:-}" ]; then
  [ -d "$OCTROI_REAL_DATA" ] || { echo "OCTROI_REAL_DATA=$OCTROI_REAL_DATA is not a folder (unset it to run without the real-data suite)"; exit 1; }
  OCTROI_REAL_DATA=$(cd "$OCTROI_REAL_DATA" && pwd)
  export OCTROI_REAL_DATA
fi

npm run --silent typecheck || { echo "typecheck failed"; exit 1; }
npm run --silent lint || { echo "lint failed (see the import-boundary rules in eslint.config.js)"; exit 1; }

# The end-to-end tests drive the built renderer in Chromium through the browser preview.
npm run --silent build:renderer >/dev/null || { echo "renderer build failed (npm run build:renderer)"; exit 1; }

mkdir -p test-results
rm -f test-results/vitest.json test-results/pytest.log test-results/pytest-real-data.log
npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/vitest.json
vitest_rc=$?

pytest_rc=0
pytest_real_rc=0
pytest_summary=""
if compgen -G "model/training/tests/test_*.py" >/dev/null; then
  "$PYTHON" -m pytest model/training/tests -q -p no:cacheprovider -m "not real_data" | tee test-results/pytest.log
  pytest_rc=${PIPESTATUS[0]}
  pytest_summary=$(tail -n 1 test-results/pytest.log)
  if [ -n "${OCTROI_REAL_DATA:-}" ]; then
    "$PYTHON" -m pytest model/training/tests -q -p no:cacheprovider -m real_data | tee test-results/pytest-real-data.log
    pytest_real_rc=${PIPESTATUS[0]}
  fi
fi

echo
[ -n "$pytest_summary" ] && echo "pytest: $pytest_summary"
# vitest's standalone line, then the real-data line (vitest's test/real-data/ plus pytest's real_data tests).
node -e '
  const fs = require("fs");
  let standalone = { passed: 0, failed: 0, skipped: 0 };
  let real = { passed: 0, failed: 0 };
  let vitestOk = true;
  try {
    const r = JSON.parse(fs.readFileSync("test-results/vitest.json", "utf8"));
    for (const file of r.testResults) {
      const counts = /[\\/]test[\\/]real-data[\\/]/.test(file.name) ? real : standalone;
      if (file.status === "failed" && file.assertionResults.length === 0) counts.failed++; // the file itself failed
      for (const t of file.assertionResults) {
        if (t.status === "passed") counts.passed++;
        else if (t.status === "failed") counts.failed++;
        else if (counts.skipped !== undefined) counts.skipped++;
      }
    }
  } catch {
    vitestOk = false;
  }
  console.log(vitestOk
    ? `vitest: ${standalone.passed} passed, ${standalone.failed} failed` + (standalone.skipped ? `, ${standalone.skipped} skipped` : "")
    : "vitest: no summary (the run did not finish)");
  if (!process.env.OCTROI_REAL_DATA) {
    console.log("real-data: not run (OCTROI_REAL_DATA is not set)");
    process.exit(0);
  }
  if (fs.existsSync("test-results/pytest-real-data.log")) {
    const last = fs.readFileSync("test-results/pytest-real-data.log", "utf8").trim().split("\n").pop();
    real.passed += Number(/(\d+) passed/.exec(last)?.[1] ?? 0);
    real.failed += Number(/(\d+) failed/.exec(last)?.[1] ?? 0) + Number(/(\d+) errors?/.exec(last)?.[1] ?? 0);
  }
  console.log(`real-data: ${real.passed} passed, ${real.failed} failed (real samples in ${process.env.OCTROI_REAL_DATA})`);
'
[ "$vitest_rc" -eq 0 ] && [ "$pytest_rc" -eq 0 ] && [ "$pytest_real_rc" -eq 0 ]
