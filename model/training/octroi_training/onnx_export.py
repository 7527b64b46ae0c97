"""Writes the trees as an ONNX TreeEnsembleClassifier (no ZipMap) with Octroi's metadata.

The file is the contract with the app: float32 input [N, F] named "features", outputs "label" [N]
and "probabilities" [N, 2] (column 1 = probability of default). Calibration (Platt) is folded into
the leaves and the base value, so the probability the app reads is the calibrated one.
The metadata (key "octroi") holds what the app needs: features in input order, threshold, costs,
calibration, metrics, reference statistics, importance, and each node's cover for TreeSHAP, listed
in the same order as the nodes_* attributes.
"""
from __future__ import annotations

import json

import numpy as np
import onnx
from onnx import TensorProto, helper

from .trees import Tree

METADATA_KEY = "octroi"
INPUT_NAME = "features"


def ensemble_attributes(trees: list[Tree], base_margin: float, a: float, b: float) -> tuple[dict, list[list[float]]]:
    """TreeEnsembleClassifier attributes for the calibrated margin a * (base + sum of leaves) + b."""
    attrs: dict[str, list] = {k: [] for k in (
        "nodes_treeids", "nodes_nodeids", "nodes_featureids", "nodes_values", "nodes_modes",
        "nodes_truenodeids", "nodes_falsenodeids", "nodes_missing_value_tracks_true",
        "class_treeids", "class_nodeids", "class_ids", "class_weights")}
    covers: list[list[float]] = []
    for tree_id, tree in enumerate(trees):
        covers.append([float(c) for c in tree.cover])
        for node in range(len(tree.left)):
            leaf = tree.left[node] == -1
            attrs["nodes_treeids"].append(tree_id)
            attrs["nodes_nodeids"].append(node)
            attrs["nodes_featureids"].append(0 if leaf else int(tree.feature[node]))
            attrs["nodes_values"].append(0.0 if leaf else float(tree.threshold[node]))
            attrs["nodes_modes"].append("LEAF" if leaf else "BRANCH_LT")
            attrs["nodes_truenodeids"].append(0 if leaf else int(tree.left[node]))
            attrs["nodes_falsenodeids"].append(0 if leaf else int(tree.right[node]))
            attrs["nodes_missing_value_tracks_true"].append(0 if leaf else int(tree.default_left[node]))
            if leaf:
                attrs["class_treeids"].append(tree_id)
                attrs["class_nodeids"].append(node)
                attrs["class_ids"].append(0)
                attrs["class_weights"].append(float(np.float32(a * float(tree.value[node]))))
    return attrs, covers


def build_model(trees: list[Tree], base_margin: float, calibration: tuple[float, float], metadata: dict) -> onnx.ModelProto:
    """The ONNX model with the metadata JSON (covers added under metadata["trees"]["covers"])."""
    a, b = calibration
    n_features = len(metadata["features"])
    attrs, covers = ensemble_attributes(trees, base_margin, a, b)
    node = helper.make_node(
        "TreeEnsembleClassifier",
        inputs=[INPUT_NAME],
        outputs=["label", "probabilities"],
        domain="ai.onnx.ml",
        name="octroi_trees",
        classlabels_int64s=[0, 1],
        post_transform="LOGISTIC",
        base_values=[float(a * base_margin + b)],
        **attrs,
    )
    graph = helper.make_graph(
        [node],
        "octroi_default_risk",
        [helper.make_tensor_value_info(INPUT_NAME, TensorProto.FLOAT, [None, n_features])],
        [
            helper.make_tensor_value_info("label", TensorProto.INT64, [None]),
            helper.make_tensor_value_info("probabilities", TensorProto.FLOAT, [None, 2]),
        ],
    )
    model = helper.make_model(
        graph,
        opset_imports=[helper.make_opsetid("", 17), helper.make_opsetid("ai.onnx.ml", 3)],
        producer_name="octroi-training",
        producer_version=metadata.get("model_version", ""),
        doc_string="Octroi probability of default: XGBoost trees, Platt-calibrated, exported by Octroi's training pipeline.",
    )
    model.ir_version = 8
    full = dict(metadata)
    full["trees"] = {"count": len(trees), "base_margin": base_margin, "calibration_folded": True, "covers": covers}
    helper.set_model_props(model, {METADATA_KEY: json.dumps(full, separators=(",", ":"), allow_nan=False)})
    onnx.checker.check_model(model)
    return model


def read_metadata(path: str) -> dict:
    """The Octroi metadata of a model file."""
    model = onnx.load(path)
    props = {p.key: p.value for p in model.metadata_props}
    return json.loads(props[METADATA_KEY])
