"""The trees of a trained XGBoost booster, read from its own JSON model (exact float32 values)."""
from __future__ import annotations

import json
from dataclasses import dataclass

import numpy as np
import xgboost as xgb


@dataclass
class Tree:
    """One regression tree. Node i is a leaf when left[i] == -1; its value is then value[i]."""

    left: np.ndarray
    right: np.ndarray
    feature: np.ndarray
    threshold: np.ndarray  # float32; a row goes left when x < threshold
    default_left: np.ndarray  # where a missing value goes
    value: np.ndarray  # leaf values (float32), already scaled by the learning rate
    cover: np.ndarray  # sum of hessians of the training rows reaching the node (for TreeSHAP)


def booster_trees(booster: xgb.Booster) -> tuple[list[Tree], float]:
    """The trees and the base margin (log-odds) of a binary:logistic booster."""
    model = json.loads(booster.save_raw("json"))
    learner = model["learner"]
    base_score = float(learner["learner_model_param"]["base_score"])
    base_margin = float(np.log(base_score / (1.0 - base_score)))
    trees = []
    for t in learner["gradient_booster"]["model"]["trees"]:
        left = np.array(t["left_children"], dtype=np.int64)
        conditions = np.array(t["split_conditions"], dtype=np.float32)
        trees.append(
            Tree(
                left=left,
                right=np.array(t["right_children"], dtype=np.int64),
                feature=np.array(t["split_indices"], dtype=np.int64),
                threshold=conditions,
                default_left=np.array(t["default_left"], dtype=bool),
                value=conditions,  # XGBoost keeps a leaf's value where a split keeps its condition
                cover=np.array(t["sum_hessian"], dtype=np.float64),
            )
        )
    return trees, base_margin


def predict_margin(trees: list[Tree], base_margin: float, x: np.ndarray) -> np.ndarray:
    """Reference evaluation of the trees (float32 comparisons, as XGBoost and ONNX Runtime do)."""
    x = np.asarray(x, dtype=np.float32)
    out = np.full(x.shape[0], base_margin, dtype=np.float64)
    for tree in trees:
        for r in range(x.shape[0]):
            node = 0
            while tree.left[node] != -1:
                v = x[r, tree.feature[node]]
                if np.isnan(v):
                    node = tree.left[node] if tree.default_left[node] else tree.right[node]
                else:
                    node = tree.left[node] if v < tree.threshold[node] else tree.right[node]
            out[r] += float(tree.value[node])
    return out
