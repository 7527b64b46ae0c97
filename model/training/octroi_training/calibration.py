"""Platt calibration on the model's margin, folded into the trees so the exported model outputs it.

Class weighting (scale_pos_weight) ranks well but inflates probabilities; a logistic fit of the
out-of-fold margins, p = sigmoid(a * margin + b), restores probabilities that mean what they say.
Because it is affine on the margin, multiplying every leaf by `a` and setting the base to a*base + b
makes the exported ensemble compute it exactly, and TreeSHAP contributions scale by `a` with it.
"""
from __future__ import annotations

import numpy as np
from sklearn.linear_model import LogisticRegression


def fit_platt(margin: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """(a, b) such that sigmoid(a * margin + b) is calibrated on (margin, y)."""
    lr = LogisticRegression(C=1e6, solver="lbfgs", max_iter=1000)
    lr.fit(np.asarray(margin, dtype=float).reshape(-1, 1), np.asarray(y, dtype=int))
    return float(lr.coef_[0, 0]), float(lr.intercept_[0])


def sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.asarray(x, dtype=float)))


def apply_platt(margin: np.ndarray, a: float, b: float) -> np.ndarray:
    return sigmoid(a * np.asarray(margin, dtype=float) + b)
