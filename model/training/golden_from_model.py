#!/usr/bin/env python3
"""Golden values for some clients computed by XGBoost from a model file's own trees.

The shipped model's golden values (XGBoost's probabilities and TreeSHAP contributions, which the app's
tests compare ONNX Runtime and the TypeScript TreeSHAP against) are written at training time from the
trained booster (train.py --golden). This script gives them for other clients without retraining: it
rebuilds an XGBoost booster from the trees in model.onnx (thresholds, leaves with calibration folded
in, missing-value directions, node covers from the metadata) and lets XGBoost predict and explain.
Used when the test fixture changes (scripts/golden-values.sh); checked against the training-time golden
values by model/training/tests/test_golden_from_model.py.

  /usr/bin/python3 model/training/golden_from_model.py --model model.onnx --features F.csv --out golden.json
"""
from __future__ import annotations

import argparse
import json
import math
import os
import sys

import numpy as np
import onnx
import xgboost as xgb
from onnx import helper

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from octroi_training.onnx_export import METADATA_KEY  # noqa: E402
from train import golden_values  # noqa: E402

ROOT = 2147483647  # XGBoost's parent index of a root node


def _tree_json(tree_id: int, nodes: list[dict], covers: list[float], n_features: int) -> dict:
    """One tree in XGBoost's JSON model format (nodes indexed as in the ONNX file, which keeps XGBoost's order)."""
    n = len(nodes)
    parents = [ROOT] * n
    for i, node in enumerate(nodes):
        if node["left"] != -1:
            parents[node["left"]] = i
            parents[node["right"]] = i
    values = [node["leaf"] if node["left"] == -1 else node["threshold"] for node in nodes]
    return {
        "base_weights": [0.0] * n,
        "categories": [], "categories_nodes": [], "categories_segments": [], "categories_sizes": [],
        "default_left": [int(node["default_left"]) for node in nodes],
        "id": tree_id,
        "left_children": [node["left"] for node in nodes],
        "loss_changes": [0.0] * n,
        "parents": parents,
        "right_children": [node["right"] for node in nodes],
        "split_conditions": values,
        "split_indices": [node["feature"] for node in nodes],
        "split_type": [0] * n,
        "sum_hessian": covers,
        "tree_param": {"num_deleted": "0", "num_feature": str(n_features), "num_nodes": str(n), "size_leaf_vector": "0"},
    }


def booster_from_model(path: str) -> tuple[xgb.Booster, list[str]]:
    """An XGBoost booster computing the model file's calibrated margin, and the model's feature names."""
    model = onnx.load(path)
    meta = json.loads({p.key: p.value for p in model.metadata_props}[METADATA_KEY])
    names = [f["name"] for f in meta["features"]]
    node = next(n for n in model.graph.node if n.op_type == "TreeEnsembleClassifier")
    a = {attr.name: helper.get_attribute_value(attr) for attr in node.attribute}
    leaf = {(t, i): w for t, i, w in zip(a["class_treeids"], a["class_nodeids"], a["class_weights"])}
    trees: dict[int, dict[int, dict]] = {}
    for k, (t, i) in enumerate(zip(a["nodes_treeids"], a["nodes_nodeids"])):
        is_leaf = a["nodes_modes"][k] == b"LEAF"
        trees.setdefault(t, {})[i] = {
            "left": -1 if is_leaf else a["nodes_truenodeids"][k],
            "right": -1 if is_leaf else a["nodes_falsenodeids"][k],
            "feature": 0 if is_leaf else a["nodes_featureids"][k],
            "threshold": a["nodes_values"][k],
            "default_left": 0 if is_leaf else a["nodes_missing_value_tracks_true"][k],
            "leaf": leaf.get((t, i), 0.0),
        }
    covers = meta["trees"]["covers"]
    tree_json = [_tree_json(t, [trees[t][i] for i in range(len(trees[t]))], covers[t], len(names)) for t in sorted(trees)]
    base = float(a["base_values"][0])  # calibrated base margin: the leaves already carry the calibration
    learner = {
        "attributes": {},
        "feature_names": [],
        "feature_types": [],
        "gradient_booster": {
            "model": {
                "gbtree_model_param": {"num_parallel_tree": "1", "num_trees": str(len(tree_json)), "size_leaf_vector": "0"},
                "tree_info": [0] * len(tree_json),
                "trees": tree_json,
            },
            "name": "gbtree",
        },
        "learner_model_param": {"base_score": "5E-1", "boost_from_average": "0",
                                "num_class": "0", "num_feature": str(len(names)), "num_target": "1"},
        "objective": {"name": "binary:logistic", "reg_loss_param": {"scale_pos_weight": "1"}},
    }
    booster = xgb.Booster()
    booster.load_model(bytearray(json.dumps({"learner": learner, "version": [1, 7, 4]}), "utf-8"))
    # Set after loading: XGBoost keeps a base_score given as a parameter (as a probability).
    booster.set_param({"base_score": 1.0 / (1.0 + math.exp(-base))})
    return booster, names


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--model", required=True, help="model.onnx written by train.py")
    p.add_argument("--features", required=True, help="features CSV of the clients (`octroi features --clients all`)")
    p.add_argument("--out", required=True, help="golden JSON to write")
    args = p.parse_args(argv)
    booster, names = booster_from_model(args.model)
    # The leaves and base already give the calibrated margin: identity calibration (a = 1, b = 0).
    with open(args.out, "w", encoding="utf-8") as fh:
        json.dump(golden_values(booster, 1.0, 0.0, args.features, names), fh)
    return 0


if __name__ == "__main__":
    sys.exit(main())
