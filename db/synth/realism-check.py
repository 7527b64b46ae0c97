#!/usr/bin/python3
"""Realism of the synthetic generator, measured on real clients.

Trains XGBoost on a synthetic application_train.csv (application columns only) and scores the rows of a
real application file: a generator whose synthetic data teaches a model to rank *real* clients well has
reproduced the relationships that matter. Prints the real-data AUC of that model and, for comparison, the
AUC of the mean of EXT_SOURCE_1/2/3 on the same rows (the strongest single signal), plus the model's AUC
on held-out synthetic rows.

Run: /usr/bin/python3 db/synth/realism-check.py --synthetic DIR --real REAL_SAMPLES_DIR_OR_FILE [--json] [--reference]
"""
import argparse
import json
import os
import sys

import numpy as np
import pandas as pd
import xgboost as xgb
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import StratifiedKFold

ID_COLUMNS = ["SK_ID_CURR", "TARGET"]


def read_application(path):
    if not os.path.isfile(path):
        sys.exit(f"realism-check: no such file: {path}")
    frame = pd.read_csv(path)
    if "TARGET" not in frame.columns:
        sys.exit(f"realism-check: {path} has no TARGET column (use an application_train file)")
    return frame


def encode(train, other):
    """Label-encodes text columns with the codes of the training frame; unseen categories become missing."""
    features = [c for c in train.columns if c not in ID_COLUMNS]
    x_train = train[features].copy()
    x_other = other.reindex(columns=features).copy()
    for column in features:
        if x_train[column].dtype == object or x_other[column].dtype == object:
            categories = sorted(x_train[column].dropna().astype(str).unique())
            codes = {value: i for i, value in enumerate(categories)}
            x_train[column] = x_train[column].map(lambda v: codes.get(str(v), np.nan) if pd.notna(v) else np.nan).astype(float)
            x_other[column] = x_other[column].map(lambda v: codes.get(str(v), np.nan) if pd.notna(v) else np.nan).astype(float)
        else:
            x_train[column] = pd.to_numeric(x_train[column], errors="coerce")
            x_other[column] = pd.to_numeric(x_other[column], errors="coerce")
    return x_train, x_other


def model():
    # One thread: on a shared 2-core machine OpenMP threads spin-wait and a 3 s fit can take a minute.
    return xgb.XGBClassifier(
        n_estimators=400,
        max_depth=4,
        learning_rate=0.05,
        subsample=0.8,
        colsample_bytree=0.8,
        min_child_weight=5,
        tree_method="hist",
        n_jobs=1,
        random_state=0,
    )


def ext_source_mean_auc(frame):
    mean = frame[["EXT_SOURCE_1", "EXT_SOURCE_2", "EXT_SOURCE_3"]].mean(axis=1)
    present = mean.notna()
    return roc_auc_score(frame.loc[present, "TARGET"], -mean[present])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--synthetic", required=True, help="folder with a synthetic application_train.csv")
    parser.add_argument("--real", required=True,
                        help="a folder of real samples (docs/DATA.md; its application_train_head7000.csv is used) "
                             "or a real application file with TARGET")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--drop-gender", action="store_true", help="leave CODE_GENDER out of the model")
    parser.add_argument("--reference", action="store_true", help="also cross-validate XGBoost on the real rows themselves")
    args = parser.parse_args()

    synthetic = read_application(os.path.join(args.synthetic, "application_train.csv"))
    real_file = os.path.join(args.real, "application_train_head7000.csv") if os.path.isdir(args.real) else args.real
    real = read_application(real_file)
    if args.drop_gender:
        synthetic = synthetic.drop(columns=["CODE_GENDER"])
        real = real.drop(columns=["CODE_GENDER"])

    # Hold out 20% of the synthetic rows to show how well the model fits its own world.
    rng = np.random.default_rng(0)
    holdout = rng.random(len(synthetic)) < 0.2
    x_train, x_real = encode(synthetic[~holdout], real)
    _, x_holdout = encode(synthetic[~holdout], synthetic[holdout])
    clf = model()
    clf.fit(x_train, synthetic.loc[~holdout, "TARGET"])
    result = {
        "synthetic_rows": int(len(synthetic)),
        "synthetic_default_rate": round(float(synthetic["TARGET"].mean()), 4),
        "real_rows": int(len(real)),
        "real_default_rate": round(float(real["TARGET"].mean()), 4),
        "auc_real": round(float(roc_auc_score(real["TARGET"], clf.predict_proba(x_real)[:, 1])), 4),
        "auc_synthetic_holdout": round(float(roc_auc_score(synthetic.loc[holdout, "TARGET"], clf.predict_proba(x_holdout)[:, 1])), 4),
        "auc_ext_source_mean_real": round(float(ext_source_mean_auc(real)), 4),
        "auc_ext_source_mean_synthetic": round(float(ext_source_mean_auc(synthetic)), 4),
    }
    if args.reference:
        folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
        scores = np.zeros(len(real))
        for train_idx, test_idx in folds.split(real, real["TARGET"]):
            x_fold, x_test = encode(real.iloc[train_idx], real.iloc[test_idx])
            fold_model = model()
            fold_model.fit(x_fold, real["TARGET"].iloc[train_idx])
            scores[test_idx] = fold_model.predict_proba(x_test)[:, 1]
        result["auc_real_cross_validated"] = round(float(roc_auc_score(real["TARGET"], scores)), 4)

    if args.json:
        print(json.dumps(result))
    else:
        print(f"synthetic: {result['synthetic_rows']} rows, default rate {result['synthetic_default_rate']:.2%}")
        print(f"real:      {result['real_rows']} rows, default rate {result['real_default_rate']:.2%}")
        print(f"AUC on real rows, XGBoost trained on synthetic: {result['auc_real']:.4f}")
        print(f"AUC on held-out synthetic rows (same model):    {result['auc_synthetic_holdout']:.4f}")
        print(f"AUC of the EXT_SOURCE mean on real rows:        {result['auc_ext_source_mean_real']:.4f}")
        print(f"AUC of the EXT_SOURCE mean on synthetic rows:   {result['auc_ext_source_mean_synthetic']:.4f}")
        if "auc_real_cross_validated" in result:
            print(f"AUC of XGBoost cross-validated on the real rows: {result['auc_real_cross_validated']:.4f}")


if __name__ == "__main__":
    main()
