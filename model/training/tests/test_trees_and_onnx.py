"""The exported ONNX ensemble computes exactly what XGBoost computes (checked here by evaluating the
ONNX attributes with numpy; the app's test checks it again with onnxruntime-node)."""
import json

import numpy as np
import onnx
import pandas as pd
import pytest
import xgboost as xgb
from onnx import helper

from octroi_training.calibration import apply_platt, fit_platt
from octroi_training.onnx_export import METADATA_KEY, build_model
from octroi_training.trees import booster_trees, predict_margin


@pytest.fixture(scope="module")
def trained(synthetic_train):
    frame = pd.read_csv(synthetic_train)
    x = frame.select_dtypes("number").drop(columns=["SK_ID_CURR", "TARGET"]).to_numpy(dtype=np.float32)
    y = frame["TARGET"].to_numpy()
    params = {"objective": "binary:logistic", "max_depth": 3, "eta": 0.1, "scale_pos_weight": 5, "seed": 1, "nthread": 1}
    booster = xgb.train(params, xgb.DMatrix(x, label=y), 30)
    return booster, x, y


def evaluate_onnx_attributes(model: onnx.ModelProto, x: np.ndarray) -> np.ndarray:
    """Probability of class 1 computed from the TreeEnsembleClassifier's attributes alone."""
    node = model.graph.node[0]
    a = {attr.name: helper.get_attribute_value(attr) for attr in node.attribute}
    nodes = {}
    for i, (t, n) in enumerate(zip(a["nodes_treeids"], a["nodes_nodeids"])):
        nodes[(t, n)] = i
    leaf_weight = {(t, n): w for t, n, w in zip(a["class_treeids"], a["class_nodeids"], a["class_weights"])}
    trees = sorted(set(a["nodes_treeids"]))
    out = np.full(len(x), a["base_values"][0], dtype=np.float64)
    for r in range(len(x)):
        for t in trees:
            n = 0
            while a["nodes_modes"][nodes[(t, n)]] != b"LEAF":
                i = nodes[(t, n)]
                v = np.float32(x[r, a["nodes_featureids"][i]])
                go_true = a["nodes_missing_value_tracks_true"][i] == 1 if np.isnan(v) else v < np.float32(a["nodes_values"][i])
                n = a["nodes_truenodeids"][i] if go_true else a["nodes_falsenodeids"][i]
            out[r] += leaf_weight[(t, n)]
    return 1 / (1 + np.exp(-out))


def test_reference_traversal_matches_xgboost_margin(trained):
    booster, x, _ = trained
    trees, base = booster_trees(booster)
    expected = booster.predict(xgb.DMatrix(x), output_margin=True)
    assert np.max(np.abs(predict_margin(trees, base, x) - expected)) < 1e-5


def test_onnx_ensemble_outputs_the_calibrated_xgboost_probability(trained):
    booster, x, y = trained
    trees, base = booster_trees(booster)
    margin = booster.predict(xgb.DMatrix(x), output_margin=True)
    a, b = fit_platt(margin, y)
    names = [f"F{i}" for i in range(x.shape[1])]
    model = build_model(trees, base, (a, b), {"features": [{"name": n} for n in names], "model_version": "test"})
    probabilities = evaluate_onnx_attributes(model, x[:100])
    assert np.max(np.abs(probabilities - apply_platt(margin[:100], a, b))) < 1e-5


def test_metadata_carries_features_and_a_cover_per_node(trained):
    booster, x, _ = trained
    trees, base = booster_trees(booster)
    names = [f"F{i}" for i in range(x.shape[1])]
    model = build_model(trees, base, (1.0, 0.0), {"features": [{"name": n} for n in names], "model_version": "v"})
    meta = json.loads({p.key: p.value for p in model.metadata_props}[METADATA_KEY])
    assert [f["name"] for f in meta["features"]] == names
    assert meta["trees"]["count"] == len(trees)
    node = model.graph.node[0]
    treeids = list(helper.get_attribute_value(next(a for a in node.attribute if a.name == "nodes_treeids")))
    assert [len(c) for c in meta["trees"]["covers"]] == [treeids.count(t) for t in range(len(trees))]
    # a node's cover is the sum of its children's covers
    t = trees[0]
    assert t.cover[0] == pytest.approx(t.cover[t.left[0]] + t.cover[t.right[0]], rel=1e-4)
    assert model.graph.input[0].type.tensor_type.elem_type == onnx.TensorProto.FLOAT
    assert [o.name for o in model.graph.output] == ["label", "probabilities"]
