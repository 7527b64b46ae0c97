#!/usr/bin/env python3
"""XGBoost's own TreeSHAP (pred_contribs, C++, one thread) timed on a booster shaped like a model file,
for the scoring benchmark (bench/scoring-bench.ts) to time the app's TreeSHAP on the same trees and rows.

The training pipeline does not keep its booster, so this trains one with the model file's own
hyper-parameters and round count on the features given, writes it as an Octroi model file through the
pipeline's own ONNX export (octroi_training.onnx_export.build_model, calibration left out: a=1, b=0, so
the file's leaves are the booster's), and times pred_contribs on the first rows. Outputs in --out:
  model.onnx      the booster's trees in Octroi's format (metadata copied from --model-like)
  rows.f32        the timed rows, float32, row-major [rows x features]
  reference.json  timings (seconds per repetition) and the contributions of the first rows, for a check
Usage: /usr/bin/python3 bench/xgboost-shap-reference.py --features F.csv --model-like M.onnx --out DIR [--rows N] [--repeats R]
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time

import numpy as np
import onnx
import xgboost as xgb

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "model", "training"))
from octroi_training.features_csv import read_features  # noqa: E402
from octroi_training.onnx_export import build_model, read_metadata  # noqa: E402
from octroi_training.trees import booster_trees  # noqa: E402


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--features", required=True, help="labelled features CSV (octroi features --clients train)")
    p.add_argument("--model-like", required=True, help="model file whose parameters, rounds and metadata to copy")
    p.add_argument("--out", required=True)
    p.add_argument("--rows", type=int, default=2000)
    p.add_argument("--repeats", type=int, default=5)
    p.add_argument("--seed", type=int, default=42)
    args = p.parse_args()

    meta = read_metadata(args.model_like)
    names = [f["name"] for f in meta["features"]]
    _, x, y, _ = read_features(args.features, expected_names=names)
    if len(np.unique(y)) < 2:
        raise SystemExit(f"{args.features}: needs both outcomes (TARGET 0 and 1) to train a reference booster")
    training = meta["training"]
    params = {**training["params"], "objective": "binary:logistic", "tree_method": "hist", "seed": args.seed,
              "nthread": os.cpu_count() or 1, "verbosity": 0}
    booster = xgb.train(params, xgb.DMatrix(x, label=y), int(training["rounds"]))
    trees, base_margin = booster_trees(booster)
    meta = {**meta, "model_version": "bench-xgboost-reference", "calibration": {"method": "none", "a": 1.0, "b": 0.0,
                                                                                "calibrated": False}}
    os.makedirs(args.out, exist_ok=True)
    onnx.save(build_model(trees, base_margin, (1.0, 0.0), meta), os.path.join(args.out, "model.onnx"))

    rows = np.ascontiguousarray(x[: min(args.rows, len(x))], dtype=np.float32)
    rows.tofile(os.path.join(args.out, "rows.f32"))
    # One thread: the C++ reference as the app runs TreeSHAP (one call, one core).
    booster.set_param({"nthread": 1})
    d = xgb.DMatrix(rows)
    contribs = booster.predict(d, pred_contribs=True)  # warm-up, and the values checked by the benchmark
    seconds = []
    for _ in range(args.repeats):
        started = time.perf_counter()
        booster.predict(d, pred_contribs=True)
        seconds.append(time.perf_counter() - started)
    largest = max(int(t.left.shape[0]) for t in trees)
    with open(os.path.join(args.out, "reference.json"), "w", encoding="utf-8") as fh:
        json.dump({
            "rows": int(rows.shape[0]),
            "features": int(rows.shape[1]),
            "trees": len(trees),
            "largest_tree_nodes": largest,
            "xgboost_version": xgb.__version__,
            "seconds": seconds,
            "contributions_head": contribs[:50].astype(float).tolist(),
        }, fh)
    return 0


if __name__ == "__main__":
    sys.exit(main())
