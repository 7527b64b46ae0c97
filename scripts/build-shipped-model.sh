#!/usr/bin/env bash
# Rebuilds the shipped model in model/artifacts, reproducibly from the seeds:
#   synthetic data (CLIENTS clients, SEED) → import → train (fixed trial count, no time budget, so the
#   search is the same on every run) → model.onnx, model.onnx.sig, model-card.md, report.json, plots,
#   golden-synthetic.json (XGBoost's own probabilities and TreeSHAP values for the clients of the synthetic
#   test fixture, which the app's tests compare against).
# With a folder of real Home Credit samples (structure in docs/DATA.md) as argument, also golden.json (the
# same for the real fixture clients, checked by the real-data suite) and the two real-data checks quoted
# in the model card. Without it, the card has no real-data figures and golden.json is removed (it would
# describe another model).
# Usage: bash scripts/build-shipped-model.sh [REAL_SAMPLES_FOLDER]   (CLIENTS=117000 SEED=7 TRIALS=12 by default;
#        the folder defaults to $OCTROI_REAL_DATA when that is set)
set -euo pipefail
REAL=${1:-${OCTROI_REAL_DATA:-}}
[ -z "$REAL" ] || REAL=$(cd "$REAL" 2>/dev/null && pwd) || { echo "build-shipped-model: no folder at ${1:-$OCTROI_REAL_DATA}" >&2; exit 2; }
cd "$(dirname "$0")/.."
if [ -n "$REAL" ]; then
  for need in fixture application_train_head7000.csv; do
    [ -e "$REAL/$need" ] || { echo "build-shipped-model: $REAL has no $need (see docs/DATA.md for the folder's structure)" >&2; exit 2; }
  done
fi
# 117,000 clients: about 14 % go to application_test (no outcome), leaving > 100,000 labelled clients to train on.
CLIENTS=${CLIENTS:-117000}
SEED=${SEED:-7}
TRIALS=${TRIALS:-12}
OUT=${OUT:-model/artifacts}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
octroi() { npx --no-install tsx cli/octroi.ts "$@"; }
# The model's version names its seed and its feature set: a model trained on other features is another
# version in every decision and score event recorded with it.
FEATURE_SET=$(npx --no-install tsx -e "import('./model/features/feature-registry.ts').then((m) => console.log(m.FEATURE_SET_VERSION))")
MODEL_VERSION="octroi-demo-synthetic-s$SEED-f${FEATURE_SET:0:8}"

echo "== synthetic data: $CLIENTS clients, seed $SEED"
octroi synth --clients "$CLIENTS" --seed "$SEED" --out "$work/synthetic"
octroi import --db "$work/synthetic.db" "$work/synthetic"

echo "== the tests' synthetic fixture (golden values)"
octroi import --db "$work/synthetic-fixture.db" "$(npx --no-install tsx test/support/synthetic-fixture.ts)"
train_args=(--golden-synthetic-db "$work/synthetic-fixture.db")

if [ -n "$REAL" ]; then
  echo "== real samples in $REAL: fixture (golden values) and the first 6,999 labelled rows (real-data checks)"
  octroi import --db "$work/fixture.db" "$REAL/fixture"
  mkdir -p "$work/real"
  cp "$REAL/application_train_head7000.csv" "$work/real/application_train.csv"
  octroi import --db "$work/real.db" "$work/real/application_train.csv"

  echo "== the pipeline on real data (5-fold CV AUC, quoted in the card)"
  octroi train --db "$work/real.db" --out "$work/real-model" --trials "$TRIALS" --seed "$SEED" --search-minutes 1000 \
    --source "6,999 real labelled clients (application_train_head7000.csv)"
  train_args+=(--golden-db "$work/fixture.db" --real-check-db "$work/real.db" --real-cv-report "$work/real-model/report.json")
else
  echo "== no real samples given: no real-data checks in the card, no golden.json"
fi

echo "== the shipped model"
octroi train --db "$work/synthetic.db" --out "$work/model" --trials "$TRIALS" --seed "$SEED" --search-minutes 1000 \
  --source "$CLIENTS synthetic clients (octroi synth --seed $SEED)" --model-version "$MODEL_VERSION" "${train_args[@]}"

mkdir -p "$OUT"
for f in model.onnx model.onnx.sig model-card.md report.json golden-synthetic.json roc.png precision-recall.png \
  cost-threshold.png calibration.png; do
  cp "$work/model/$f" "$OUT/$f"
done
if [ -n "$REAL" ]; then cp "$work/model/golden.json" "$OUT/golden.json"; else rm -f "$OUT/golden.json"; fi
echo "== shipped model $MODEL_VERSION written to $OUT"
