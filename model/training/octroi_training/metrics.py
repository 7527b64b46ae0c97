"""Evaluation metrics of a probability of default against known outcomes."""
from __future__ import annotations

import numpy as np
from sklearn.metrics import average_precision_score, brier_score_loss, confusion_matrix, roc_auc_score, roc_curve


def ks_statistic(y: np.ndarray, p: np.ndarray) -> float:
    """Kolmogorov-Smirnov: the largest gap between the score distributions of defaulters and good clients."""
    fpr, tpr, _ = roc_curve(y, p)
    return float(np.max(tpr - fpr))


def expected_calibration_error(y: np.ndarray, p: np.ndarray, bins: int = 10) -> float:
    """ECE over equal-count bins: mean |observed default rate - mean predicted probability|, weighted by bin size."""
    order = np.argsort(p, kind="stable")
    total = 0.0
    for chunk in np.array_split(order, bins):
        if len(chunk):
            total += len(chunk) * abs(float(np.mean(y[chunk])) - float(np.mean(p[chunk])))
    return total / len(y)


def calibration_table(y: np.ndarray, p: np.ndarray, bins: int = 10) -> list[dict]:
    """Per equal-count bin: mean predicted probability and observed default rate (for the calibration plot)."""
    order = np.argsort(p, kind="stable")
    return [
        {"predicted": float(np.mean(p[c])), "observed": float(np.mean(y[c])), "count": int(len(c))}
        for c in np.array_split(order, bins)
        if len(c)
    ]


def classification_metrics(y: np.ndarray, p: np.ndarray, threshold: float) -> dict:
    """Every number of the evaluation report at one threshold (refuse when p >= threshold)."""
    y = np.asarray(y, dtype=int)
    p = np.asarray(p, dtype=float)
    refused = (p >= threshold).astype(int)
    tn, fp, fn, tp = confusion_matrix(y, refused, labels=[0, 1]).ravel()
    return {
        "auc": float(roc_auc_score(y, p)),
        "pr_auc": float(average_precision_score(y, p)),
        "ks": ks_statistic(y, p),
        "brier": float(brier_score_loss(y, p)),
        "calibration_error": expected_calibration_error(y, p),
        "default_rate": float(np.mean(y)),
        "mean_probability": float(np.mean(p)),
        "approval_rate": float(np.mean(refused == 0)),
        "confusion_matrix": {"tn": int(tn), "fp": int(fp), "fn": int(fn), "tp": int(tp)},
    }
