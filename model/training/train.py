#!/usr/bin/env python3
"""Octroi training: features CSV -> cross-validated, cost-tuned, calibrated XGBoost -> ONNX model file + report.

Called by `npm run train` (which exports the features with the app's own code first and signs the
result afterwards); runnable alone:
  /usr/bin/python3 model/training/train.py --features F.csv --feature-set FS.json --out DIR [options]
  /usr/bin/python3 model/training/train.py --engine dask --scheduler HOST:8786 --features-dir SHARDS/ ...
The Dask engine (xgboost.dask) runs the same search, folds, calibration and threshold on a cluster.
"""
from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import hashlib
import json
import logging
import os
import sys
import time

import numpy as np
import onnx
import xgboost as xgb
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import StratifiedKFold

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from octroi_training.business_cost import best_threshold, cost_at, cost_curve  # noqa: E402
from octroi_training.calibration import apply_platt, fit_platt  # noqa: E402
from octroi_training.features_csv import read_features  # noqa: E402
from octroi_training.metrics import calibration_table, classification_metrics  # noqa: E402
from octroi_training.model_card import model_card  # noqa: E402
from octroi_training.onnx_export import build_model  # noqa: E402
from octroi_training.plots import write_plots  # noqa: E402
from octroi_training.reference_stats import reference_statistics  # noqa: E402
from octroi_training.search import base_params, search, search_sample  # noqa: E402
from octroi_training.trees import booster_trees  # noqa: E402

log = logging.getLogger("octroi.training")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--features", help="features CSV from `octroi features` (the local engine)")
    p.add_argument("--engine", choices=["local", "dask"], default="local", help="local (default) or dask (xgboost.dask)")
    p.add_argument("--scheduler", help="the Dask scheduler's address (tcp://HOST:8786), or local:N for N local workers")
    p.add_argument("--features-dir", help="folder of feature shards from `octroi features --out-dir` (the dask engine)")
    p.add_argument("--feature-set", required=True, help="JSON: {version, features: [{name, ...}], excluded: [...]}")
    p.add_argument("--out", required=True, help="output folder")
    p.add_argument("--cost-fn", type=float, default=10.0, help="cost of a missed default (default 10)")
    p.add_argument("--cost-fp", type=float, default=1.0, help="cost of a refused good client (default 1)")
    p.add_argument("--trials", type=int, default=20, help="hyper-parameter search trials (0: defaults)")
    p.add_argument("--search-rows", type=int, default=30000, help="rows used by the search (stratified sample)")
    p.add_argument("--search-minutes", type=float, default=10.0, help="time budget of the search")
    p.add_argument("--folds", type=int, default=5, help="cross-validation folds for evaluation")
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--threads", type=int, default=max(os.cpu_count() or 1, 1))
    p.add_argument("--source", default="unspecified", help="words describing the training data for the model card")
    p.add_argument("--model-version", default=None, help="default: octroi-YYYYMMDD-<hash of data and settings>")
    p.add_argument("--golden", default=None, help="features CSV of (real) clients for which to write golden.json")
    p.add_argument("--golden-synthetic", default=None,
                   help="features CSV of the synthetic test fixture's clients, for golden-synthetic.json")
    p.add_argument("--real-check", default=None, help="labelled features CSV of real clients to score with the final model")
    p.add_argument("--real-cv-report", default=None, help="report.json of a training run on real data, quoted in the card")
    args = p.parse_args(argv)
    if args.cost_fn <= 0 or args.cost_fp <= 0:
        p.error("--cost-fn and --cost-fp must be positive")
    if args.folds < 2:
        p.error("--folds must be at least 2")
    if args.engine == "local" and not args.features:
        p.error("--features is required (or --engine dask with --features-dir and --scheduler)")
    if args.engine == "dask" and not (args.scheduler and args.features_dir):
        p.error("--engine dask needs --scheduler ADDRESS and --features-dir DIR")
    return args


def out_of_fold_margins(x, y, params, rounds, folds, seed):
    """Margins predicted for every row by a model that did not see it (stratified k-fold)."""
    margins = np.zeros(len(y))
    for k, (train, valid) in enumerate(StratifiedKFold(folds, shuffle=True, random_state=seed).split(x, y)):
        booster = xgb.train(params, xgb.DMatrix(x[train], label=y[train]), rounds)
        margins[valid] = booster.predict(xgb.DMatrix(x[valid]), output_margin=True)
        log.info("cross-validation fold %d/%d: AUC %.4f", k + 1, folds, roc_auc_score(y[valid], margins[valid]))
    return margins


@contextlib.contextmanager
def dask_client(address: str):
    """A client of the scheduler at `address`; `local:N` starts (and stops) a LocalCluster of N single-threaded workers."""
    from dask.distributed import Client, LocalCluster

    if address.startswith("local:"):
        with LocalCluster(n_workers=int(address.split(":", 1)[1]), threads_per_worker=1, processes=True,
                          dashboard_address=":0") as cluster, Client(cluster) as client:
            yield client
    else:
        with Client(address) as client:
            yield client


def golden_values(booster, a, b, path, names):
    """Features, calibrated probabilities and TreeSHAP contributions (probability-model log-odds) for some clients."""
    ids, x, _, _ = read_features(path, expected_names=names, labelled=False)
    d = xgb.DMatrix(x, feature_names=None)
    margin = booster.predict(d, output_margin=True)
    contribs = booster.predict(d, pred_contribs=True)  # [N, F+1], last column the bias
    return {
        "ids": ids.tolist(),
        "features": [[None if np.isnan(v) else float(v) for v in row] for row in x],
        "probability": apply_platt(margin, a, b).tolist(),
        "margin": (a * margin + b).tolist(),
        "contributions": (a * contribs[:, :-1]).tolist(),
        "base_value": (a * contribs[:, -1] + b).tolist(),
    }


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s train: %(message)s", datefmt="%H:%M:%S")
    args = parse_args(argv)
    if args.engine != "dask":
        return run(args, None)
    with dask_client(args.scheduler) as client:
        return run(args, client)


def run(args: argparse.Namespace, client) -> int:
    """The pipeline; `client` is the Dask client of the dask engine (None on a single machine)."""
    started = time.time()
    os.makedirs(args.out, exist_ok=True)
    with open(args.feature_set, encoding="utf-8") as fh:
        feature_set = json.load(fh)
    names = [f["name"] for f in feature_set["features"]]
    dask_data = None
    if args.engine == "dask":
        from octroi_training.dask_engine import DaskFeatures

        dask_data = DaskFeatures(client, args.features_dir, names)
        y = dask_data.y
        # The search sees exactly the rows the single-machine search would sample (search_sample).
        keep = search_sample(y, args.search_rows, args.seed)
        x = dask_data.rows(keep if keep is not None else np.arange(len(y)))
        search_y = y[keep] if keep is not None else y
        source_name = args.features_dir
    else:
        ids, x, y, _ = read_features(args.features, expected_names=names)
        search_y = y
        source_name = args.features
    if len(np.unique(y)) < 2:
        raise SystemExit(f"{source_name}: needs both defaulters and good clients (TARGET 1 and 0)")
    log.info("%d clients, %d features, default rate %.2f%% (engine %s)", len(y), x.shape[1], 100 * np.mean(y), args.engine)

    found = search(x, search_y, args.trials, args.seed, args.threads, args.search_rows, args.search_minutes * 60)
    params = {**base_params(y, args.seed, args.threads), **found["params"]}
    rounds = found["rounds"]
    log.info("search done: CV AUC %.4f, %d rounds, params %s", found["cv_auc"], rounds, found["params"])

    if dask_data is not None:
        oof_margin = dask_data.out_of_fold_margins(params, rounds, args.folds, args.seed)
    else:
        oof_margin = out_of_fold_margins(x, y, params, rounds, args.folds, args.seed)
    a, b = fit_platt(oof_margin, y)
    p = apply_platt(oof_margin, a, b)
    chosen = best_threshold(y, p, args.cost_fn, args.cost_fp)
    curve = cost_curve(y, p, args.cost_fn, args.cost_fp)
    at_threshold = classification_metrics(y, p, chosen.threshold)
    at_half = classification_metrics(y, p, 0.5)
    log.info("out-of-fold: AUC %.4f, threshold %.3f, cost %.4f (at 0.5: %.4f), approval %.1f%%", at_threshold["auc"],
             chosen.threshold, chosen.cost_per_client, cost_at(y, p, 0.5, args.cost_fn, args.cost_fp).cost_per_client,
             100 * at_threshold["approval_rate"])

    log.info("final model on all %d clients", len(y))
    if dask_data is not None:
        booster = dask_data.train(params, rounds)
    else:
        booster = xgb.train(params, xgb.DMatrix(x, label=y), rounds)
    trees, base_margin = booster_trees(booster)

    sample = np.random.default_rng(args.seed).choice(len(y), min(len(y), 5000), replace=False)
    sample_x = dask_data.rows(np.sort(sample)) if dask_data is not None else x[sample]
    contribs = booster.predict(xgb.DMatrix(sample_x), pred_contribs=True)[:, :-1]
    importance = np.mean(np.abs(a * contribs), axis=0)
    # Per model input (an application field's one-hot columns together): the mean |sum of its columns'
    # contributions|, exact for the input, which a sum of its columns' importances is not.
    input_of = {f["name"]: f.get("input", f["name"]) for f in feature_set["features"]}
    input_columns: dict[str, list[int]] = {}
    for i, n in enumerate(names):
        input_columns.setdefault(input_of.get(n, n), []).append(i)
    input_importance = {k: float(np.mean(np.abs(a * contribs[:, cols].sum(axis=1)))) for k, cols in input_columns.items()}

    digest = hashlib.sha256()
    data_bytes = dask_data.digest() if dask_data is not None else open(args.features, "rb").read()
    settings = vars(args).copy()
    if args.engine == "local":  # the single-machine version hash stays what it was before the Dask engine existed
        for key in ("engine", "scheduler", "features_dir"):
            settings.pop(key)
    for part in (data_bytes, json.dumps(settings, sort_keys=True, default=str).encode()):
        digest.update(part)
    now = dt.datetime.now(dt.timezone.utc)
    version = args.model_version or f"octroi-{now:%Y%m%d}-{digest.hexdigest()[:8]}"

    report = {
        "model_version": version,
        "folds": args.folds,
        "search": {**found, "scale_pos_weight": params["scale_pos_weight"]},
        "cost": {"fn": args.cost_fn, "fp": args.cost_fp},
        "threshold": chosen.threshold,
        "cost_at_threshold": chosen.cost_per_client,
        "cost_at_0_5": cost_at(y, p, 0.5, args.cost_fn, args.cost_fp).cost_per_client,
        "metrics_at_threshold": at_threshold,
        "metrics_at_0_5": at_half,
        "calibration_table": calibration_table(y, p),
        "cost_curve": [{"threshold": c.threshold, "cost": c.cost_per_client, "approval_rate": c.approval_rate}
                       for c in curve[::10]],
        "uncalibrated_brier": float(np.mean((1 / (1 + np.exp(-oof_margin)) - y) ** 2)),
    }
    if args.real_check:
        _, xr, yr, _ = read_features(args.real_check, expected_names=names)
        pr = apply_platt(booster.predict(xgb.DMatrix(xr), output_margin=True), a, b)
        report["real_data"] = {"rows": int(len(yr)), "auc": float(roc_auc_score(yr, pr)),
                               "default_rate": float(np.mean(yr)), "mean_probability": float(np.mean(pr))}
        report.setdefault("real_data_check", []).extend([
            f"Scored {len(yr):,} real labelled clients ({os.path.basename(args.real_check)}): AUC "
            f"{report['real_data']['auc']:.4f}, mean probability {np.mean(pr):.1%} vs observed default rate {np.mean(yr):.1%}."
        ])
        log.info("real-data check: AUC %.4f on %d clients", report["real_data"]["auc"], len(yr))
    if args.real_cv_report:
        with open(args.real_cv_report, encoding="utf-8") as fh:
            real = json.load(fh)
        real_m = real["metrics_at_threshold"]
        report["real_data_cv"] = {"auc": real_m["auc"], "rows": sum(real_m["confusion_matrix"].values()),
                                  "search_cv_auc": real["search"]["cv_auc"], "trials": real["search"]["trials"]}
        report.setdefault("real_data_check", []).append(
            f"The same pipeline (features, search, {real['folds']}-fold CV) trained on "
            f"{report['real_data_cv']['rows']:,} real labelled clients reaches an out-of-fold AUC of {real_m['auc']:.4f}.")
    report["plots"] = write_plots(args.out, y, p, curve, chosen, report["calibration_table"], at_threshold["auc"],
                                  at_threshold["pr_auc"])

    meta = {
        "format": 1,
        "model_version": version,
        "created_at": now.isoformat(timespec="seconds"),
        "feature_set_version": feature_set["version"],
        "features": [{"name": n} for n in names],
        "excluded_inputs": feature_set.get("excluded", []),
        "sensitive_inputs": feature_set.get("sensitive", []),
        "threshold": chosen.threshold,
        "cost": {"fn": args.cost_fn, "fp": args.cost_fp},
        "calibration": {"method": "platt", "a": a, "b": b, "calibrated": True},
        "metrics": {k: at_threshold[k] for k in ("auc", "pr_auc", "ks", "brier", "calibration_error", "approval_rate")},
        "training": {
            "source": args.source,
            "rows": int(len(y)),
            "default_rate": float(np.mean(y)),
            "xgboost_version": xgb.__version__,
            "params": found["params"],
            "rounds": rounds,
            "seed": args.seed,
            **({"engine": "dask (xgboost.dask)"} if args.engine == "dask" else {}),
        },
        # The dask engine estimates the drift bins on a sample of the rows (quantiles: a large sample suffices).
        "reference": reference_statistics(dask_data.rows(dask_data.reference_sample(args.seed)) if dask_data is not None else x,
                                          names, p),
        "importance": {n: float(v) for n, v in zip(names, importance)},
        "input_importance": input_importance,
    }
    onnx.save(build_model(trees, base_margin, (a, b), meta), os.path.join(args.out, "model.onnx"))
    with open(os.path.join(args.out, "report.json"), "w", encoding="utf-8") as fh:
        json.dump(report, fh, indent=2)
    with open(os.path.join(args.out, "model-card.md"), "w", encoding="utf-8") as fh:
        fh.write(model_card(meta, report))
    for features, name in ((args.golden, "golden.json"), (args.golden_synthetic, "golden-synthetic.json")):
        if features:
            with open(os.path.join(args.out, name), "w", encoding="utf-8") as fh:
                json.dump(golden_values(booster, a, b, features, names), fh)
    log.info("wrote %s in %.0f s", os.path.join(args.out, "model.onnx"), time.time() - started)
    return 0


if __name__ == "__main__":
    sys.exit(main())
