#!/usr/bin/env bash
# Writes model/artifacts/golden-synthetic.json for the current synthetic test fixture WITHOUT retraining:
# XGBoost's probabilities and TreeSHAP values from the shipped model file's own trees
# (model/training/golden_from_model.py). Run it when the fixture changes (generator, FIXTURE_SEED or
# FIXTURE_CLIENTS in test/support/synthetic-fixture.ts); scripts/build-shipped-model.sh writes the same
# file from the trained booster when the model itself is rebuilt.
# Usage: bash scripts/golden-values.sh   (MODEL=model/artifacts/model.onnx OUT=model/artifacts/golden-synthetic.json)
set -euo pipefail
cd "$(dirname "$0")/.."
MODEL=${MODEL:-model/artifacts/model.onnx}
OUT=${OUT:-model/artifacts/golden-synthetic.json}
PYTHON=${OCTROI_PYTHON:-/usr/bin/python3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
octroi() { npx --no-install tsx cli/octroi.ts "$@"; }

fixture=$(npx --no-install tsx test/support/synthetic-fixture.ts)
octroi import --db "$work/fixture.db" "$fixture" >/dev/null
octroi features --db "$work/fixture.db" --out "$work/features.csv" --clients all >/dev/null
"$PYTHON" model/training/golden_from_model.py --model "$MODEL" --features "$work/features.csv" --out "$OUT"
echo "golden values for the clients of $fixture written to $OUT"
