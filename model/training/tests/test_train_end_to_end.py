"""train.py end to end (on the synthetic test fixture, and on real rows when OCTROI_REAL_DATA is set): a model
file, its report, plots and card, consistent with each other."""
import json
import os

import numpy as np
import pandas as pd
import pytest

from octroi_training.onnx_export import read_metadata
import train


@pytest.mark.parametrize("data", ["synthetic_train", pytest.param("real_train", marks=pytest.mark.real_data)])
def test_training_end_to_end(tmp_path, data, request):
    frame = pd.read_csv(request.getfixturevalue(data)).select_dtypes("number")
    features = tmp_path / "features.csv"
    frame.to_csv(features, index=False)
    names = [c for c in frame.columns if c not in ("SK_ID_CURR", "TARGET")]
    feature_set = tmp_path / "feature-set.json"
    feature_set.write_text(json.dumps({"version": "fixture-test", "features": [{"name": n} for n in names],
                                       "excluded": [{"column": "CODE_GENDER", "reason": "protected attribute"}]}))
    golden = tmp_path / "golden.csv"
    frame.head(20).to_csv(golden, index=False)
    out = tmp_path / "model"
    assert train.main(["--features", str(features), "--feature-set", str(feature_set), "--out", str(out),
                       "--trials", "2", "--folds", "3", "--threads", "1", "--seed", "7", "--golden", str(golden)]) == 0

    for name in ("model.onnx", "report.json", "model-card.md", "roc.png", "precision-recall.png",
                 "cost-threshold.png", "calibration.png", "golden.json"):
        assert (out / name).stat().st_size > 0, name
    report = json.loads((out / "report.json").read_text())
    meta = read_metadata(str(out / "model.onnx"))
    assert meta["threshold"] == report["threshold"]
    assert 0 < meta["threshold"] < 1
    assert [f["name"] for f in meta["features"]] == names
    assert meta["feature_set_version"] == "fixture-test"
    assert set(meta["importance"]) == set(names)
    assert set(meta["reference"]["features"]) == set(names)
    assert meta["calibration"]["method"] == "platt"
    m = report["metrics_at_threshold"]
    assert 0.5 < m["auc"] <= 1 and 0 <= m["brier"] < 0.25
    cm = m["confusion_matrix"]
    assert sum(cm.values()) == len(frame)
    # The cost-minimising threshold never costs more than 0.5 on the same predictions.
    assert report["cost_at_threshold"] <= report["cost_at_0_5"]
    golden_values = json.loads((out / "golden.json").read_text())
    assert len(golden_values["ids"]) == 20
    row_sums = np.sum(golden_values["contributions"], axis=1) + np.array(golden_values["base_value"])
    assert np.allclose(row_sums, golden_values["margin"], atol=1e-4)
    card = (out / "model-card.md").read_text()
    assert "CODE_GENDER" in card and f"{meta['threshold']:.3f}" in card


def test_bad_features_file_is_refused_with_its_name(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("ID,TARGET,A\n1,0,2\n")
    fs = tmp_path / "fs.json"
    fs.write_text(json.dumps({"version": "x", "features": [{"name": "A"}]}))
    try:
        train.main(["--features", str(bad), "--feature-set", str(fs), "--out", str(tmp_path / "o"), "--trials", "0"])
    except ValueError as error:
        assert "bad.csv" in str(error) and "SK_ID_CURR" in str(error)
    else:
        raise AssertionError("expected a FeatureFileError")
    assert not os.path.exists(tmp_path / "o" / "model.onnx")
