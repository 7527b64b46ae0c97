"""Bounded hyper-parameter search (optuna, TPE) for the gradient-boosted trees, by cross-validated AUC."""
from __future__ import annotations

import logging
import time

import numpy as np
import optuna
import xgboost as xgb
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import StratifiedKFold

log = logging.getLogger("octroi.training")

# Sensible defaults: the starting point of the search and the model used when --trials is 0.
DEFAULT_PARAMS = {
    "max_depth": 3,
    "learning_rate": 0.03,
    "min_child_weight": 10.0,
    "subsample": 0.7,
    "colsample_bytree": 0.25,
    "reg_lambda": 10.0,
    "reg_alpha": 0.1,
    "gamma": 0.0,
}
MAX_ROUNDS = 1500
EARLY_STOPPING = 50


def base_params(y: np.ndarray, seed: int, threads: int) -> dict:
    """Fixed parameters: the objective, class imbalance (scale_pos_weight = good/bad), reproducibility."""
    positives = max(int(np.sum(y == 1)), 1)
    return {
        "objective": "binary:logistic",
        "eval_metric": "auc",
        "tree_method": "hist",
        "scale_pos_weight": float(np.sum(y == 0)) / positives,
        "seed": seed,
        "nthread": threads,
        "verbosity": 0,
    }


def cv_auc(x: np.ndarray, y: np.ndarray, params: dict, folds: int, seed: int) -> tuple[float, int]:
    """Mean validation AUC over stratified folds with early stopping, and the mean best round count."""
    aucs, rounds = [], []
    for train, valid in StratifiedKFold(folds, shuffle=True, random_state=seed).split(x, y):
        dtrain = xgb.DMatrix(x[train], label=y[train])
        dvalid = xgb.DMatrix(x[valid], label=y[valid])
        booster = xgb.train(params, dtrain, MAX_ROUNDS, evals=[(dvalid, "valid")],
                            early_stopping_rounds=EARLY_STOPPING, verbose_eval=False)
        rounds.append(booster.best_iteration + 1)
        aucs.append(roc_auc_score(y[valid], booster.predict(dvalid, iteration_range=(0, booster.best_iteration + 1))))
    return float(np.mean(aucs)), int(np.round(np.mean(rounds)))


def search_sample(y: np.ndarray, max_rows: int, seed: int) -> np.ndarray | None:
    """The rows the search runs on (sorted indices of a stratified subsample), or None for all of them.

    A stratified subsample keeps the search affordable on 2 cores; the Dask engine gathers exactly these rows.
    """
    if len(y) <= max_rows:
        return None
    rng = np.random.default_rng(seed)
    keep = np.concatenate([rng.choice(np.flatnonzero(y == c), int(round(max_rows * np.mean(y == c))), replace=False)
                           for c in (0, 1)])
    return np.sort(keep)


def search(x: np.ndarray, y: np.ndarray, trials: int, seed: int, threads: int, max_rows: int,
           timeout_s: float | None) -> dict:
    """Best parameters (with their round count) after at most `trials` trials on at most `max_rows` rows."""
    keep = search_sample(y, max_rows, seed)
    if keep is not None:
        x, y = x[keep], y[keep]
    fixed = base_params(y, seed, threads)
    # Small data makes a 3-fold AUC too noisy to tell trials apart; large data can afford only 3 folds.
    folds = 5 if len(y) <= 20000 else 3
    started = time.time()

    def objective(trial: optuna.Trial) -> float:
        params = {
            "max_depth": trial.suggest_int("max_depth", 3, 7),
            "learning_rate": trial.suggest_float("learning_rate", 0.01, 0.15, log=True),
            "min_child_weight": trial.suggest_float("min_child_weight", 1.0, 100.0, log=True),
            "subsample": trial.suggest_float("subsample", 0.6, 1.0),
            "colsample_bytree": trial.suggest_float("colsample_bytree", 0.1, 0.8),
            "reg_lambda": trial.suggest_float("reg_lambda", 0.1, 50.0, log=True),
            "reg_alpha": trial.suggest_float("reg_alpha", 1e-3, 10.0, log=True),
            "gamma": trial.suggest_float("gamma", 0.0, 5.0),
        }
        auc, rounds = cv_auc(x, y, {**fixed, **params}, folds, seed)
        trial.set_user_attr("rounds", rounds)
        log.info("search trial %d/%d: AUC %.4f with %d rounds (%.0f s so far)", trial.number + 1, trials, auc, rounds,
                 time.time() - started)
        return auc

    optuna.logging.set_verbosity(optuna.logging.WARNING)
    study = optuna.create_study(direction="maximize", sampler=optuna.samplers.TPESampler(seed=seed))
    study.enqueue_trial(DEFAULT_PARAMS)
    if trials > 0:
        study.optimize(objective, n_trials=trials, timeout=timeout_s)
        best = study.best_trial
        return {"params": dict(best.params), "rounds": int(best.user_attrs["rounds"]), "cv_auc": float(best.value),
                "trials": len(study.trials), "rows": int(len(y)), "folds": folds}
    auc, rounds = cv_auc(x, y, {**fixed, **DEFAULT_PARAMS}, folds, seed)
    return {"params": dict(DEFAULT_PARAMS), "rounds": rounds, "cv_auc": auc, "trials": 0, "rows": int(len(y)), "folds": folds}
