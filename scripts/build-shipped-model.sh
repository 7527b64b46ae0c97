#!/usr/bin/env bash
# Rebuilds the shipped model in model/artifacts, reproducibly from the seeds:
#   synthetic data (CLIENTS clients, SEED) → import → train (fixed trial count, no time budget, so the
#   search is the same on every run) → model.onnx, model.onnx.sig, model-card.md, report.json, plots,
#   golden.json (XGBoost's own probabilities and TreeSHAP values for the real fixture clients, which the
#   app's tests compare against).
# The real samples in ../shared/data/home-credit give two real-data checks quoted in the model card.
# Usage: bash scripts/build-shipped-model.sh   (CLIENTS=117000 SEED=7 TRIALS=12 by default)
set -euo pipefail
cd "$(dirname "$0")/.."
# 117,000 clients: about 14 % go to application_test (no outcome), leaving > 100,000 labelled clients to train on.
CLIENTS=${CLIENTS:-117000}
SEED=${SEED:-7}
TRIALS=${TRIALS:-12}
SHARED=${SHARED:-../shared/data/home-credit}
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

echo "== real samples: fixture (golden values) and the first 6,999 labelled rows (real-data checks)"
octroi import --db "$work/fixture.db" "$SHARED/fixture"
mkdir -p "$work/real"
cp "$SHARED/application_train_head7000.csv" "$work/real/application_train.csv"
octroi import --db "$work/real.db" "$work/real/application_train.csv"

echo "== the pipeline on real data (5-fold CV AUC, quoted in the card)"
octroi train --db "$work/real.db" --out "$work/real-model" --trials "$TRIALS" --seed "$SEED" --search-minutes 1000 \
  --source "6,999 real labelled clients (application_train_head7000.csv)"

echo "== the shipped model"
octroi train --db "$work/synthetic.db" --out "$work/model" --trials "$TRIALS" --seed "$SEED" --search-minutes 1000 \
  --source "$CLIENTS synthetic clients (octroi synth --seed $SEED)" --model-version "$MODEL_VERSION" \
  --golden-db "$work/fixture.db" --real-check-db "$work/real.db" --real-cv-report "$work/real-model/report.json"

mkdir -p "$OUT"
for f in model.onnx model.onnx.sig model-card.md report.json golden.json roc.png precision-recall.png \
  cost-threshold.png calibration.png; do
  cp "$work/model/$f" "$OUT/$f"
done
echo "== shipped model $MODEL_VERSION written to $OUT"
